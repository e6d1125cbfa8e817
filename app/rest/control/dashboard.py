"""Dashboard endpoints of the run control plane: usage, model mappings, per-run token metrics,
A/B results and human notes."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

from app.context import RequestContext
from app.domains.telemetry import service
from app.domains.telemetry.shapes import (
    AbResult,
    AbResultRequest,
    AbResultsQuery,
    ConsolidatedTokenMetrics,
    HumanNoteRequest,
    HumanNoteResponse,

    ModelOverrideRequest,
    ModelOverrideResponse,
    ModelsQuery,
    Phase6Stats,
    TokenEfficiencyStats,
    UsageQuery,
    UsageResponse,
)
from app.errors import Invalid
from app.rest.control.family import control
from app.rest.endpoint import Call
from app.rest.responses import json_response

API_KEY = "X-API-Key"
NOT_FOUND = {404: "Unknown run"}
# The legacy per-run metrics were superseded by consolidated-metrics on 2026-01-10 (the contract's
# consolidation); they keep answering until the sunset date.
DEPRECATED_SINCE = datetime(2026, 1, 10, tzinfo=UTC)
SUNSET_AT = datetime(2027, 1, 10, tzinfo=UTC)


def legacy_headers(run_id: str) -> dict[str, str]:
    """RFC 9745 Deprecation, RFC 8594 Sunset, and the successor's link."""
    return {
        "Deprecation": f"@{int(DEPRECATED_SINCE.timestamp())}",
        "Sunset": format_datetime(SUNSET_AT, usegmt=True),
        "Link": f'</dashboard/runs/{run_id}/consolidated-metrics>; rel="successor-version"',
    }


@control.endpoint("GET", "/dashboard/usage", query=UsageQuery, tags=["dashboard"],
                  responses={200: UsageResponse})
async def usage(ctx: RequestContext, call: Call):
    """Token usage of the trailing day (24 h), week (7 days) or month (30 days), by provider and model."""
    return json_response(await service.usage(ctx, call.query.period))


@control.endpoint("GET", "/dashboard/models", query=ModelsQuery, tags=["dashboard"],
                  responses={200: "A JSON list of ModelMapping", **NOT_FOUND})
async def models(ctx: RequestContext, call: Call):
    """The effective model mappings: defaults, global overrides and, with run_id, the run's own."""
    mappings = await service.model_mappings(ctx, call.query.run_id)
    return json_response([m.model_dump(mode="json") for m in mappings])


@control.endpoint("POST", "/dashboard/models/override", body=ModelOverrideRequest, tags=["dashboard"],
                  responses={200: ModelOverrideResponse, 400: "scope run without run_id", **NOT_FOUND})
async def model_override(ctx: RequestContext, call: Call):
    """Override the model for a role/category/complexity, for every run (global) or one run."""
    row = await service.override_model(ctx, call.body)
    where = f"run {row.run_id}" if row.scope == "run" else "all runs"
    return json_response(ModelOverrideResponse(
        message=f"Model for {row.role}/{row.category}/{row.complexity} set to {row.model} for {where}",
        mapping=service.mapping_view(row)))


@control.endpoint("GET", "/dashboard/runs/{run_id}/token-efficiency", auth=API_KEY, deprecated=True,
                  tags=["dashboard"], responses={200: TokenEfficiencyStats, 403: "Invalid or missing API key",
                                                 **NOT_FOUND})
async def token_efficiency(ctx: RequestContext, call: Call):
    """Legacy (BUILD-145): artifact and context-budget figures. Prefer consolidated-metrics."""
    run_id = call.path("run_id")
    return json_response(await service.token_efficiency(ctx, run_id), headers=legacy_headers(run_id))


@control.endpoint("GET", "/dashboard/runs/{run_id}/phase6-stats", auth=API_KEY, deprecated=True,
                  tags=["dashboard"], responses={200: Phase6Stats, 403: "Invalid or missing API key", **NOT_FOUND})
async def phase6_stats(ctx: RequestContext, call: Call):
    """Legacy (BUILD-146): true-autonomy figures. Prefer consolidated-metrics."""
    run_id = call.path("run_id")
    return json_response(await service.phase6_stats(ctx, run_id), headers=legacy_headers(run_id))


@control.endpoint("GET", "/dashboard/runs/{run_id}/consolidated-metrics", tags=["dashboard"],
                  responses={200: ConsolidatedTokenMetrics, 400: "limit > 10000 or offset < 0", **NOT_FOUND,
                             503: "AUTOPACK_ENABLE_CONSOLIDATED_METRICS is off"})
async def consolidated_metrics(ctx: RequestContext, call: Call):
    """PRIMARY: consolidated token metrics in four independent categories (no double counting).

    Query: limit (1..10000, default 1000), offset (>= 0, default 0). Checked in this order:
    503 kill switch off, 400 bad pagination, 404 unknown run."""
    # Parsed here rather than declared, so that a malformed limit cannot answer 422 before the
    # kill switch has had its say.
    service.require_consolidated_metrics(ctx.settings)
    params = call.request.query_params
    try:
        limit, offset = int(params.get("limit", "1000")), int(params.get("offset", "0"))
    except ValueError:
        raise Invalid("limit and offset must be integers") from None
    return json_response(await service.consolidated_metrics(ctx, call.path("run_id"), limit, offset))


@control.endpoint("GET", "/dashboard/ab-results", query=AbResultsQuery, tags=["dashboard"],
                  responses={200: "A JSON list of AbResult, newest first"})
async def ab_results(ctx: RequestContext, call: Call):
    """A/B comparison results; valid ones only unless valid_only=false (limit 1..1000, default 100)."""
    q = call.query
    results = await service.ab_results(ctx, q.test_id, q.valid_only, q.limit)
    return json_response([r.model_dump(mode="json") for r in results])


@control.endpoint("POST", "/dashboard/ab-results", body=AbResultRequest, auth=API_KEY, tags=["dashboard"],
                  responses={201: AbResult, 403: "Invalid or missing API key", 404: "Unknown run"})
async def record_ab_result(ctx: RequestContext, call: Call):
    """Record an A/B comparison of two runs (the executor calls this when both have finished)."""
    return json_response(service.ab_view(await service.record_ab_result(ctx, call.body)), 201)


@control.endpoint("POST", "/dashboard/human-notes", body=HumanNoteRequest, tags=["dashboard"],
                  responses={200: HumanNoteResponse, 404: "Unknown run"})
async def human_notes(ctx: RequestContext, call: Call):
    """Append a note to the human notes file (Markdown; CROSSWAY_HUMAN_NOTES_FILE)."""
    body = call.body
    timestamp = await service.add_human_note(ctx, body.note, body.run_id, body.author)
    return json_response(HumanNoteResponse(message="Notes added successfully", timestamp=timestamp))


