"""Run lifecycle endpoints of the run control plane (/runs, /dashboard/runs/{id}/status)."""

from __future__ import annotations

from pydantic import BaseModel

from app.context import RequestContext
from app.domains.runs import reads, service, views
from app.domains.runs.shapes import (
    AuditorResult,
    BuilderResult,
    BuilderResultResponse,
    DashboardRunStatus,
    IssueRecord,
    IssueRecordedResponse,
    MessageResponse,
    PhaseStatusUpdate,
    PhaseUpdateResponse,
    RunProgressResponse,
    RunResponse,
    RunsPageResponse,
    RunStartRequest,
)
from app.rest.control.family import control
from app.rest.endpoint import Call, parse_model
from app.rest.responses import json_response

API_KEY = "X-API-Key"
READ_POLICY = "X-API-Key in production; open in development with AUTOPACK_PUBLIC_READ=1 or no key configured"
NOT_FOUND = {404: "Unknown run or phase"}


class RunsQuery(BaseModel):
    limit: int | None = None
    offset: int | None = None


@control.endpoint("POST", "/runs/start", body=RunStartRequest, auth=API_KEY, tags=["runs"],
                  responses={201: RunResponse, 400: "Duplicate run id, duplicate or unknown tier",
                             403: "Invalid or missing API key", 429: "Rate limit exceeded"})
async def start_run(ctx: RequestContext, call: Call):
    """Create a run with its tiers and phases."""
    run = await service.start_run(ctx, call.body)
    detail = await reads.get_run_detail(ctx, run.id)
    return json_response(views.run_view(detail.run, detail.tiers, detail.phases), 201)


@control.endpoint("GET", "/runs", query=RunsQuery, auth=READ_POLICY, tags=["runs"],
                  responses={200: RunsPageResponse, 403: "Invalid or missing API key"})
async def list_runs(ctx: RequestContext, call: Call):
    """The runs inbox, newest first; limit is clamped to 1..100 and offset to >= 0."""
    page = await reads.list_runs(ctx, call.query.limit, call.query.offset)
    return json_response(views.runs_page_view(page))


@control.endpoint("GET", "/runs/{run_id}", tags=["runs"], responses={200: RunResponse, **NOT_FOUND})
async def get_run(ctx: RequestContext, call: Call):
    """A run with all its tiers and phases."""
    detail = await reads.get_run_detail(ctx, call.path("run_id"))
    return json_response(views.run_view(detail.run, detail.tiers, detail.phases))


@control.endpoint("GET", "/runs/{run_id}/progress", auth=READ_POLICY, tags=["runs"],
                  responses={200: RunProgressResponse, **NOT_FOUND})
async def run_progress(ctx: RequestContext, call: Call):
    """Phase-by-phase progress of a run."""
    return json_response(views.progress_view(await reads.run_progress(ctx, call.path("run_id"))))


@control.endpoint("GET", "/dashboard/runs/{run_id}/status", tags=["dashboard"],
                  responses={200: DashboardRunStatus, **NOT_FOUND})
async def dashboard_status(ctx: RequestContext, call: Call):
    """Run status for dashboard display."""
    return json_response(views.dashboard_view(await reads.dashboard_status(ctx, call.path("run_id"))))


@control.endpoint("POST", "/runs/{run_id}/phases/{phase_id}/update_status", body=PhaseStatusUpdate,
                  tags=["phases"], responses={200: PhaseUpdateResponse, 400: "Invalid phase state", **NOT_FOUND})
async def update_status(ctx: RequestContext, call: Call):
    """Update a phase's state and metrics; completes the run when every phase is done."""
    phase = await service.update_phase_status(ctx, call.path("run_id"), call.path("phase_id"), call.body)
    return json_response({
        "message": f"Phase {phase.phase_id} updated to {phase.state.value}",
        "phase": views.phase_view(phase),
    })


@control.endpoint("POST", "/runs/{run_id}/phases/{phase_id}/builder_result", body=BuilderResult,
                  tags=["phases"], responses={200: BuilderResultResponse, 400: "Body does not match the path",
                                              422: "Patch does not apply", **NOT_FOUND})
async def builder_result(ctx: RequestContext, call: Call):
    """Submit a builder result; its patch is applied to the run's workspace."""
    outcome = await service.submit_builder_result(ctx, call.path("run_id"), call.path("phase_id"), call.body)
    return json_response(BuilderResultResponse(
        message="Builder result submitted", phase_id=outcome.phase.phase_id,
        patch_applied=outcome.patch_applied, files_changed=outcome.files_changed,
    ))


@control.endpoint("POST", "/runs/{run_id}/phases/{phase_id}/auditor_result", body=AuditorResult,
                  tags=["phases"], responses={200: MessageResponse, 400: "Body does not match the path", **NOT_FOUND})
async def auditor_result(ctx: RequestContext, call: Call):
    """Submit an auditor result; attempt and token counts only grow."""
    await service.submit_auditor_result(ctx, call.path("run_id"), call.path("phase_id"), call.body)
    return json_response({"message": "Auditor result submitted"})


@control.endpoint("POST", "/runs/{run_id}/phases/{phase_id}/record_issue", body=IssueRecord, body_optional=True,
                  tags=["phases"], responses={200: IssueRecordedResponse, **NOT_FOUND})
async def record_issue(ctx: RequestContext, call: Call):
    """Record an issue for a phase (JSON body, or the same fields as query parameters)."""
    record = call.body
    if record is None:
        params = dict(call.request.query_params)
        refs = call.request.query_params.getlist("evidence_refs")
        if refs:
            params["evidence_refs"] = [r for ref in refs for r in ref.split(",") if r]
        record = parse_model(IssueRecord, params, "query")
    issue = await service.record_issue(ctx, call.path("run_id"), call.path("phase_id"), record)
    return json_response(IssueRecordedResponse(message="Issue recorded",
                                               issue=views.issue_view(issue, call.path("phase_id"))))
