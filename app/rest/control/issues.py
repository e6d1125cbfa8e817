"""Issue tracking and error reporting of the run control plane (public reads)."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.runs import error_reports, issue_index
from app.rest.control.family import control
from app.rest.endpoint import Call
from app.rest.responses import json_response

NOT_FOUND = {404: "Unknown run"}


@control.endpoint("GET", "/runs/{run_id}/issues/index", tags=["issues"],
                  responses={200: issue_index.RunIssueIndex, **NOT_FOUND})
async def run_issue_index(ctx: RequestContext, call: Call):
    """The run's issues, one entry per issue key, major first."""
    return json_response(await issue_index.run_issue_index(ctx, call.path("run_id")))


@control.endpoint("GET", "/project/issues/backlog", query=issue_index.BacklogQuery, tags=["issues"],
                  responses={200: issue_index.ProjectBacklog})
async def project_backlog(ctx: RequestContext, call: Call):
    """Issues across all runs, one entry per key: major first, then the most frequent."""
    q = call.query
    return json_response(await issue_index.project_backlog(ctx, q.limit, q.offset, q.severity))


@control.endpoint("GET", "/runs/{run_id}/errors", tags=["errors"],
                  responses={200: error_reports.ErrorListResponse, **NOT_FOUND})
async def run_errors(ctx: RequestContext, call: Call):
    """The run's error reports, oldest first."""
    return json_response(await error_reports.run_errors(ctx, call.path("run_id")))


@control.endpoint("GET", "/runs/{run_id}/errors/summary", tags=["errors"],
                  responses={200: error_reports.ErrorSummary, **NOT_FOUND})
async def run_error_summary(ctx: RequestContext, call: Call):
    """Counts of the run's errors by type, phase and source, with the latest one."""
    return json_response(await error_reports.error_summary(ctx, call.path("run_id")))
