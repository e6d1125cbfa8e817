"""Error reports of a run: how they arrive, and the two reads of them.

Reports arrive with the run's own lifecycle (no separate endpoint):
- a builder result whose status is failed/error/crashed/timeout: error_type `builder_<status>`,
  message from `error_message`, else `notes`;
- a phase update that sets a phase to FAILED: error_type `phase_failed`, message from `error_message`.
Messages are stored with secrets redacted.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from app.context import RequestContext
from app.domains.runs import reads
from app.domains.runs.models import ErrorReport
from app.domains.runs.shapes import BuilderResult
from app.platform.redaction import known_secrets, redact

FAILED_BUILDER_STATUSES = frozenset({"failed", "failure", "error", "crashed", "timeout"})
ERRORS_MAX = 1000


class ErrorReportView(BaseModel):
    id: int
    run_id: str
    phase_id: str | None
    source: str
    error_type: str
    message: str
    details: dict[str, Any] | None
    created_at: datetime


class ErrorListResponse(BaseModel):
    run_id: str
    error_count: int
    errors: list[ErrorReportView]


class ErrorSummary(BaseModel):
    run_id: str
    total_errors: int
    by_type: dict[str, int]
    by_phase: dict[str, int]
    by_source: dict[str, int]
    first_error_at: datetime | None
    last_error_at: datetime | None
    latest: ErrorReportView | None


def _add(ctx: RequestContext, run_id: str, phase_id: str | None, source: str, error_type: str, message: str,
         details: dict[str, Any] | None = None) -> None:
    clean, _ = redact(message[:20000], known_secrets(ctx.settings))
    ctx.session.add(ErrorReport(run_id=run_id, phase_id=phase_id, source=source, error_type=error_type[:64],
                                message=clean, details=details, created_at=ctx.clock.now()))


def report_builder_failure(ctx: RequestContext, run_id: str, phase_id: str, result: BuilderResult) -> None:
    message = result.error_message or result.notes or f"Builder reported status '{result.status}'"
    details = {"builder_attempts": result.builder_attempts, "files_changed": result.files_changed[:50]}
    _add(ctx, run_id, phase_id, "builder", f"builder_{result.status.lower()}", message, details)


def report_phase_failed(ctx: RequestContext, run_id: str, phase_id: str, message: str | None) -> None:
    _add(ctx, run_id, phase_id, "phase_update", "phase_failed", message or f"Phase {phase_id} failed")


def view(row: ErrorReport) -> ErrorReportView:
    return ErrorReportView(id=row.id, run_id=row.run_id, phase_id=row.phase_id, source=row.source,
                           error_type=row.error_type, message=row.message, details=row.details,
                           created_at=row.created_at)


async def run_errors(ctx: RequestContext, run_id: str) -> ErrorListResponse:
    """The run's error reports, oldest first (at most 1000; the summary counts all)."""
    await reads.get_run(ctx, run_id)
    rows = await ctx.loaders.runs.errors_by_run.load(run_id)
    return ErrorListResponse(run_id=run_id, error_count=len(rows), errors=[view(r) for r in rows[:ERRORS_MAX]])


async def error_summary(ctx: RequestContext, run_id: str) -> ErrorSummary:
    await reads.get_run(ctx, run_id)
    rows = await ctx.loaders.runs.errors_by_run.load(run_id)
    return ErrorSummary(
        run_id=run_id, total_errors=len(rows), by_type=dict(Counter(r.error_type for r in rows)),
        by_phase=dict(Counter(r.phase_id or "-" for r in rows)), by_source=dict(Counter(r.source for r in rows)),
        first_error_at=rows[0].created_at if rows else None, last_error_at=rows[-1].created_at if rows else None,
        latest=view(rows[-1]) if rows else None,
    )
