"""Builds, deploy, deployments, rollback, build-and-deploy (202) and operations."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.delivery import releases, views
from app.domains.delivery import shapes as s
from app.rest.delivery.family import ERRORS, SECURITY, delivery, envelope, ok
from app.rest.endpoint import Call

BUILD, DEPLOYMENT = envelope(s.BuildOut), envelope(s.DeploymentOut)
ACCEPTED, OPERATION = envelope(s.OperationAccepted), envelope(s.OperationOut)


@delivery.endpoint("POST", "/v1/features/{feature_id}/builds", body=s.BuildIn, tags=["Builds"], security=SECURITY,
                   responses={201: BUILD, **ERRORS}, auth="deployments:write")
async def create_build(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Create build (a completed CI build is recorded)."""
    return ok(ctx, views.build(await releases.create_build(ctx, call.path("feature_id"), call.body)), 201)


@delivery.endpoint("GET", "/v1/builds/{build_id}", tags=["Builds"], security=SECURITY,
                   responses={200: BUILD, **ERRORS}, auth="deployments:read")
async def get_build(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Get build details."""
    return ok(ctx, views.build(await releases.get_build(ctx, call.path("build_id"))))


@delivery.endpoint("POST", "/v1/builds/{build_id}/deploy", body=s.DeployIn, tags=["Deployments"], security=SECURITY,
                   responses={201: DEPLOYMENT, **ERRORS},
                   auth="deployments:write (and deployments:approve for production)")
async def deploy(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Deploy build to environment."""
    return ok(ctx, views.deployment(await releases.deploy(ctx, call.path("build_id"), call.body)), 201)


@delivery.endpoint("GET", "/v1/deployments/{deployment_id}", tags=["Deployments"], security=SECURITY,
                   responses={200: DEPLOYMENT, **ERRORS}, auth="deployments:read")
async def get_deployment(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Get deployment status."""
    return ok(ctx, views.deployment(await releases.get_deployment(ctx, call.path("deployment_id"))))


@delivery.endpoint("POST", "/v1/deployments/{deployment_id}/rollback", body=s.RollbackIn, tags=["Deployments"],
                   security=SECURITY, responses={200: DEPLOYMENT, **ERRORS}, auth="deployments:write")
async def rollback(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Rollback deployment."""
    return ok(ctx, views.deployment(await releases.rollback(ctx, call.path("deployment_id"), call.body)))


@delivery.endpoint("POST", "/v1/features/{feature_id}/build-and-deploy", body=s.BuildAndDeployIn,
                   tags=["Deployments"], security=SECURITY, responses={202: ACCEPTED, **ERRORS},
                   auth="deployments:write (and deployments:approve for production)")
async def build_and_deploy(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Build and deploy a feature: answers 202 with an operation to poll."""
    operation = await releases.build_and_deploy(ctx, call.path("feature_id"), call.body)
    return ok(ctx, s.OperationAccepted(
        operation_id=operation.id, status=operation.status, resource_type="deployment",
        resource_id=operation.deployment_id, progress_url=f"/v1/operations/{operation.id}",
        poll_interval_seconds=releases.POLL_INTERVAL_SECONDS), 202)


@delivery.endpoint("GET", "/v1/operations/{operation_id}", tags=["Deployments"], security=SECURITY,
                   responses={200: OPERATION, **ERRORS}, auth="deployments:read")
async def get_operation(ctx: RequestContext, call: Call):  # noqa: ANN201
    """A long-running operation's progress."""
    view = await releases.get_operation(ctx, call.path("operation_id"))
    operation = view.operation
    url = f"/v1/deployments/{operation.deployment_id}"
    done = operation.status == "completed"
    return ok(ctx, s.OperationOut(
        operation_id=operation.id, status=operation.status, progress_percent=view.progress_percent,
        eta_seconds=None if done else view.eta_seconds, current_step=view.current_step, resource_url=url,
        result_url=url if done else None, started_at=operation.started_at, completed_at=operation.completed_at))
