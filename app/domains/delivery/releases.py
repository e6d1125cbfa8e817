"""Builds, deployments, rollback, and the long-running build-and-deploy operation.

Operations are driven by the clock: each kind has a timeline of steps at fixed offsets
from its start, and `advance` carries out every step whose time has come, in the
caller's transaction (emitting the step's webhook events there too). Every read of an
operation, deployment or build, and the dashboard, advances what it looks at first,
so state never depends on a background task having run; tests move the clock.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.context import RequestContext
from app.domains.delivery import repository as repo
from app.domains.delivery import shapes as s
from app.domains.delivery import views
from app.domains.delivery.access import found, parse_id, require
from app.domains.delivery.models import Build, Deployment, Feature, Operation
from app.domains.platform.webhooks import emit
from app.errors import FieldError, Forbidden, Invalid

POLL_INTERVAL_SECONDS = 5


@dataclass(frozen=True)
class Step:
    at: int  # seconds after the operation started
    label: str
    action: str | None = None


TIMELINES: dict[str, tuple[Step, ...]] = {
    "build_and_deploy": (
        Step(0, "Building image...", "start_build"),
        Step(30, "Running tests..."),
        Step(60, "Running security scans..."),
        Step(90, "Deploying...", "finish_build_start_deploy"),
        Step(120, "Running health checks..."),
        Step(150, "Completed", "finish_deploy"),
    ),
    "deploy": (
        Step(5, "Deploying...", "start_deploy"),
        Step(35, "Running health checks..."),
        Step(65, "Completed", "finish_deploy"),
    ),
}


def _deployment_event(row: Deployment) -> dict:
    return {"deployment": views.event_json(views.deployment(row))}


# --- builds ------------------------------------------------------------------------------------


async def _feature(ctx: RequestContext, org: uuid.UUID, ident: str) -> Feature:
    return found(await repo.feature(ctx.session, org, parse_id(ident, "Feature")), "Feature")


async def create_build(ctx: RequestContext, feature_ident: str, data: s.BuildIn) -> Build:
    """Records a build that ran elsewhere (CI): it is complete when recorded."""
    org = require(ctx, "deployments:write")
    feature = await _feature(ctx, org, feature_ident)
    now = ctx.clock.now()
    tests_run = None
    if data.tests_passed is not None or data.tests_failed is not None:
        tests_run = (data.tests_passed or 0) + (data.tests_failed or 0)
    failed = bool(data.tests_failed) or data.security_scan_status == "failed"
    row = Build(organization_id=org, project_id=feature.project_id, feature_id=feature.id,
                build_number=await repo.next_build_number(ctx.session, org, feature.project_id),
                version_tag=data.version_tag, git_commit_hash=data.git_commit_hash, git_branch=data.git_branch,
                status="failed" if failed else "success", docker_image_url=data.docker_image_url,
                docker_image_size_bytes=data.docker_image_size_bytes, tests_run=tests_run,
                tests_passed=data.tests_passed, tests_failed=data.tests_failed,
                code_coverage_percent=data.code_coverage_percent, security_scan_status=data.security_scan_status,
                vulnerabilities_critical=data.vulnerabilities_critical, vulnerabilities_high=data.vulnerabilities_high,
                vulnerabilities_medium=data.vulnerabilities_medium, vulnerabilities_low=data.vulnerabilities_low,
                started_at=now, completed_at=now, created_at=now)
    repo.add(ctx.session, row)
    await repo.flush(ctx.session)
    await emit(ctx, "build.completed", None, {"build": views.event_json(views.build(row))}, organization_id=org)
    await _report_vulnerabilities(ctx, org, row)
    return row


async def _report_vulnerabilities(ctx: RequestContext, org: uuid.UUID, row: Build) -> None:
    counts = {"critical": row.vulnerabilities_critical, "high": row.vulnerabilities_high,
              "medium": row.vulnerabilities_medium, "low": row.vulnerabilities_low}
    if not any(counts.values()) and row.security_scan_status not in ("failed", "warnings"):
        return
    severity = next((name for name, count in counts.items() if count), None)
    vulnerability = {"build_id": str(row.id), "project_id": str(row.project_id), "feature_id": str(row.feature_id),
                     "version_tag": row.version_tag, "security_scan_status": row.security_scan_status,
                     "highest_severity": severity, "counts": counts, "detected_at": views.event_json(views.build(row))["completed_at"]}
    await emit(ctx, "vulnerability.detected", None, {"vulnerability": vulnerability}, organization_id=org)


async def get_build(ctx: RequestContext, ident: str) -> Build:
    org = require(ctx, "deployments:read")
    row = found(await repo.build(ctx.session, org, parse_id(ident, "Build")), "Build")
    await advance_all(ctx, org)
    return row


# --- deployments -------------------------------------------------------------------------------


def _check_environment(ctx: RequestContext, data: s._DeployFields) -> None:
    if data.environment == "production" and not ctx.principal.has("deployments:approve"):
        raise Forbidden("Deploying to production needs the deployments:approve permission",
                        required_permission="deployments:approve")


def _new_deployment(ctx: RequestContext, org: uuid.UUID, build: Build, data: s._DeployFields,
                    now: datetime) -> Deployment:
    return Deployment(organization_id=org, project_id=build.project_id, build_id=build.id,
                      environment=data.environment, deployment_strategy=data.deployment_strategy,
                      canary_percentage=data.canary_percentage, approval_notes=data.approval_notes,
                      approved_by=ctx.principal.id if data.environment == "production" else None,
                      created_at=now, updated_at=now)


async def deploy(ctx: RequestContext, build_ident: str, data: s.DeployIn) -> Deployment:
    org = require(ctx, "deployments:write")
    _check_environment(ctx, data)
    build = found(await repo.build(ctx.session, org, parse_id(build_ident, "Build")), "Build")
    await advance_all(ctx, org)
    if build.status != "success":
        raise Invalid(f"Only a successful build can be deployed (this build is {build.status})",
                      fields=[FieldError("build_id", f"build status is {build.status}")])
    now = ctx.clock.now()
    deployment = _new_deployment(ctx, org, build, data, now)
    repo.add(ctx.session, deployment)
    await repo.flush(ctx.session)
    repo.add(ctx.session, Operation(organization_id=org, kind="deploy", build_id=build.id,
                                    deployment_id=deployment.id, started_at=now, created_at=now))
    await repo.flush(ctx.session)
    return deployment


async def build_and_deploy(ctx: RequestContext, feature_ident: str, data: s.BuildAndDeployIn) -> Operation:
    org = require(ctx, "deployments:write")
    _check_environment(ctx, data)
    feature = await _feature(ctx, org, feature_ident)
    now = ctx.clock.now()
    build = Build(organization_id=org, project_id=feature.project_id, feature_id=feature.id,
                  build_number=await repo.next_build_number(ctx.session, org, feature.project_id),
                  version_tag=data.version_tag, git_commit_hash=data.git_commit_hash, git_branch=data.git_branch,
                  status="pending", docker_image_url=data.docker_image_url, started_at=now, created_at=now)
    repo.add(ctx.session, build)
    await repo.flush(ctx.session)
    deployment = _new_deployment(ctx, org, build, data, now)
    repo.add(ctx.session, deployment)
    await repo.flush(ctx.session)
    operation = Operation(organization_id=org, kind="build_and_deploy", build_id=build.id,
                          deployment_id=deployment.id, started_at=now, created_at=now)
    repo.add(ctx.session, operation)
    await repo.flush(ctx.session)
    return operation


async def get_deployment(ctx: RequestContext, ident: str) -> Deployment:
    org = require(ctx, "deployments:read")
    row = found(await repo.deployment(ctx.session, org, parse_id(ident, "Deployment")), "Deployment")
    await advance_all(ctx, org)
    return row


async def rollback(ctx: RequestContext, ident: str, data: s.RollbackIn) -> Deployment:
    org = require(ctx, "deployments:write")
    row = found(await repo.deployment(ctx.session, org, parse_id(ident, "Deployment")), "Deployment")
    await advance_all(ctx, org)
    if row.status not in ("in_progress", "success", "failed"):
        raise Invalid(f"A deployment that is {row.status} cannot be rolled back",
                      fields=[FieldError("status", f"deployment is {row.status}")])
    now = ctx.clock.now()
    operation = await repo.open_operation_for_deployment(ctx.session, org, row.id)
    if operation is not None:
        operation.status, operation.completed_at = "failed", now
    row.status, row.rollback_reason, row.rolled_back_at, row.updated_at = "rolled_back", data.reason, now, now
    if row.completed_at is None:
        row.completed_at = now
    await repo.flush(ctx.session)
    await emit(ctx, "deployment.completed", None, _deployment_event(row), organization_id=org)
    return row


# --- operations --------------------------------------------------------------------------------


@dataclass
class OperationView:
    operation: Operation
    progress_percent: int
    eta_seconds: int | None
    current_step: str


async def get_operation(ctx: RequestContext, ident: str) -> OperationView:
    org = require(ctx, "deployments:read")
    operation = found(await repo.operation(ctx.session, org, parse_id(ident, "Operation")), "Operation")
    await advance(ctx, org, operation)
    return describe(ctx, operation)


def describe(ctx: RequestContext, operation: Operation) -> OperationView:
    timeline = TIMELINES[operation.kind]
    total = timeline[-1].at
    if operation.status == "completed":
        return OperationView(operation, 100, 0, timeline[-1].label)
    if operation.status == "failed":
        return OperationView(operation, _percent(operation, ctx.clock.now(), total), None, "Rolled back")
    elapsed = (ctx.clock.now() - operation.started_at).total_seconds()
    current = timeline[operation.step - 1].label if operation.step else "Queued"
    return OperationView(operation, _percent(operation, ctx.clock.now(), total), max(0, int(total - elapsed)), current)


def _percent(operation: Operation, now: datetime, total: int) -> int:
    end = operation.completed_at or now
    return max(0, min(99, int((end - operation.started_at).total_seconds() * 100 // total)))


async def advance_all(ctx: RequestContext, org: uuid.UUID) -> None:
    """Carry every open operation of the organization up to the clock."""
    for operation in await repo.open_operations(ctx.session, org):
        await advance(ctx, org, operation)


async def advance(ctx: RequestContext, org: uuid.UUID, operation: Operation) -> None:
    if operation.status not in ("pending", "in_progress"):
        return
    timeline = TIMELINES[operation.kind]
    now = ctx.clock.now()
    elapsed = (now - operation.started_at).total_seconds()
    if timeline[operation.step].at > elapsed:
        return  # nothing due yet
    # Lock the row (PostgreSQL: FOR UPDATE SKIP LOCKED) so two requests never carry out one step twice;
    # a request that finds it locked leaves the work to the one holding it.
    locked = await repo.lock_open_operation(ctx.session, org, operation.id)
    if locked is None:
        return
    operation = locked
    build = await repo.build(ctx.session, org, operation.build_id)
    deployment = await repo.deployment(ctx.session, org, operation.deployment_id)
    assert build is not None and deployment is not None
    while operation.step < len(timeline) and timeline[operation.step].at <= elapsed:
        step = timeline[operation.step]
        at = operation.started_at + _seconds(step.at)
        await _carry_out(ctx, org, step.action, build, deployment, at)
        operation.step += 1
        operation.status = "in_progress"
    if operation.step == len(timeline):
        operation.status = "completed"
        operation.completed_at = operation.started_at + _seconds(timeline[-1].at)
    await repo.flush(ctx.session)


def _seconds(value: int) -> timedelta:
    return timedelta(seconds=value)


async def _carry_out(ctx: RequestContext, org: uuid.UUID, action: str | None, build: Build, deployment: Deployment,
                     at: datetime) -> None:
    if action == "start_build":
        build.status, build.started_at = "running", at
    elif action == "finish_build_start_deploy":
        build.status, build.completed_at = "success", at
        await repo.flush(ctx.session)
        await emit(ctx, "build.completed", None, {"build": views.event_json(views.build(build))}, organization_id=org)
        await _start_deployment(ctx, org, deployment, at)
    elif action == "start_deploy":
        await _start_deployment(ctx, org, deployment, at)
    elif action == "finish_deploy" and deployment.status == "in_progress":
        deployment.status, deployment.completed_at, deployment.updated_at = "success", at, at
        deployment.health_check_status = "healthy"
        await repo.flush(ctx.session)
        await emit(ctx, "deployment.completed", None, _deployment_event(deployment), organization_id=org)


async def _start_deployment(ctx: RequestContext, org: uuid.UUID, deployment: Deployment, at: datetime) -> None:
    if deployment.status != "pending":
        return
    deployment.status, deployment.started_at, deployment.updated_at = "in_progress", at, at
    await repo.flush(ctx.session)
    await emit(ctx, "deployment.started", None, _deployment_event(deployment), organization_id=org)
