"""The dashboard's figures: token usage, model mappings, per-run efficiency, A/B results, notes.

Access follows the run control plane's contract: usage, models, consolidated metrics, A/B results
and notes are public; the legacy token-efficiency and phase6-stats reads need the X-API-Key, and so
does recording an A/B result.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from app.auth.control_plane import require_api_key
from app.context import RequestContext
from app.domains.runs import reads as run_reads
from app.domains.runs.states import PhaseState
from app.domains.telemetry import repository as repo
from app.domains.telemetry.models import AbTestResult, ModelOverride
from app.domains.telemetry.shapes import (
    AbResult,
    AbResultRequest,
    ConsolidatedTokenMetrics,
    ModelMapping,
    ModelOverrideRequest,
    ModelUsage,
    Period,
    Phase6Stats,
    ProviderUsage,
    TokenEfficiencyStats,
    UsageResponse,
)
from app.errors import Invalid, Unavailable

PERIODS: dict[str, timedelta] = {"day": timedelta(days=1), "week": timedelta(days=7), "month": timedelta(days=30)}
METRICS_LIMIT_MAX = 10000

# The mappings a fresh install uses, before any override: role -> complexity -> model.
DEFAULT_MODELS: dict[str, dict[str, str]] = {
    "builder": {"low": "gpt-4o-mini", "medium": "gpt-4o", "high": "claude-sonnet-4-5"},
    "auditor": {"low": "gpt-4o-mini", "medium": "claude-sonnet-4-5", "high": "claude-opus-4-1"},
    "doctor": {"low": "gpt-4o-mini", "medium": "gpt-4o", "high": "claude-sonnet-4-5"},
}
DEFAULT_CATEGORY = "general"


# --- usage -------------------------------------------------------------------------------------


async def usage(ctx: RequestContext, period: Period = "week") -> UsageResponse:
    """Tokens spent in the trailing day (24 h), week (7 days) or month (30 days), by provider and model."""
    if period not in PERIODS:
        raise Invalid(f"period must be one of {', '.join(PERIODS)}")
    end = ctx.clock.now()
    start = end - PERIODS[period]
    rows = await repo.usage_by_model(ctx.session, start, end)
    providers: dict[str, list[int]] = {}
    for provider, _model, prompt, completion, total in rows:
        sums = providers.setdefault(provider, [0, 0, 0])
        sums[0] += prompt
        sums[1] += completion
        sums[2] += total
    return UsageResponse(
        period=period, start=start, end=end, total_tokens=sum(r[4] for r in rows),
        providers=[ProviderUsage(provider=p, period=period, prompt_tokens=s[0], completion_tokens=s[1], tokens_used=s[2])
                   for p, s in sorted(providers.items())],
        models=[ModelUsage(provider=p, model=m, prompt_tokens=a, completion_tokens=b, tokens_used=c)
                for p, m, a, b, c in rows],
    )


# --- model mappings ---------------------------------------------------------------------------


async def model_mappings(ctx: RequestContext, run_id: str | None = None) -> list[ModelMapping]:
    """The effective mappings: defaults, then global overrides, then the run's own (newest wins)."""
    if run_id is not None:
        await run_reads.get_run(ctx, run_id)
    effective: dict[tuple[str, str, str], ModelMapping] = {}
    for role, by_complexity in DEFAULT_MODELS.items():
        for complexity, model in by_complexity.items():
            effective[(role, DEFAULT_CATEGORY, complexity)] = ModelMapping(
                role=role, category=DEFAULT_CATEGORY, complexity=complexity, model=model, scope="default")
    rows = await repo.overrides(ctx.session, run_id)
    for row in sorted(rows, key=lambda r: (r.scope == "run", r.id)):  # run overrides beat global ones
        effective[(row.role, row.category, row.complexity)] = mapping_view(row)
    return [effective[key] for key in sorted(effective)]


def mapping_view(row: ModelOverride) -> ModelMapping:
    return ModelMapping(role=row.role, category=row.category, complexity=row.complexity, model=row.model,
                        scope=row.scope, run_id=row.run_id)  # type: ignore[arg-type]


async def override_model(ctx: RequestContext, request: ModelOverrideRequest) -> ModelOverride:
    """Add an override for every run (scope global) or one run (scope run, run_id required)."""
    run_id = None
    if request.scope == "run":
        if not request.run_id:
            raise Invalid("run_id is required when scope is 'run'")
        run_id = (await run_reads.get_run(ctx, request.run_id)).id
    row = ModelOverride(scope=request.scope, run_id=run_id, role=request.role.lower(),
                        category=request.category.lower(), complexity=request.complexity.lower(),
                        model=request.model, created_at=ctx.clock.now())
    repo.add(ctx.session, row)
    await ctx.session.flush()
    return row


# --- per-run metrics --------------------------------------------------------------------------


async def token_efficiency(ctx: RequestContext, run_id: str) -> TokenEfficiencyStats:
    require_api_key(ctx.settings, ctx.principal)
    await run_reads.get_run(ctx, run_id)
    rows = await repo.efficiency_rows(ctx.session, run_id, METRICS_LIMIT_MAX, 0)
    n = len(rows)
    substitutions = sum(r.artifact_substitutions for r in rows)
    saved = sum(r.tokens_saved_artifacts for r in rows)
    used, cap = sum(r.budget_used for r in rows), sum(r.budget_cap for r in rows)
    return TokenEfficiencyStats(
        run_id=run_id, total_phases=n, total_artifact_substitutions=substitutions,
        total_tokens_saved_artifacts=saved, total_budget_used=used, total_budget_cap=cap,
        total_files_kept=sum(r.files_kept for r in rows), total_files_omitted=sum(r.files_omitted for r in rows),
        semantic_mode_count=sum(1 for r in rows if r.budget_mode == "semantic"),
        lexical_mode_count=sum(1 for r in rows if r.budget_mode == "lexical"),
        budget_utilization=round(used / cap, 4) if cap else 0.0,
        avg_artifact_substitutions_per_phase=round(substitutions / n, 2) if n else 0.0,
        avg_tokens_saved_per_phase=round(saved / n, 2) if n else 0.0,
    )


async def phase6_stats(ctx: RequestContext, run_id: str) -> Phase6Stats:
    require_api_key(ctx.settings, ctx.principal)
    await run_reads.get_run(ctx, run_id)
    rows = await repo.phase6_rows(ctx.session, run_id, METRICS_LIMIT_MAX, 0)
    n = len(rows)
    chars = sum(r.intention_context_chars for r in rows)
    coverage, source = _estimate_provenance(rows)
    return Phase6Stats(
        run_id=run_id, total_phases=n,
        failure_hardening_triggered_count=sum(1 for r in rows if r.failure_hardening_triggered),
        failure_patterns_detected=dict(Counter(r.failure_pattern_detected for r in rows if r.failure_pattern_detected)),
        failure_hardening_mitigated_count=sum(1 for r in rows if r.failure_hardening_mitigated),
        doctor_calls_skipped_count=sum(1 for r in rows if r.doctor_call_skipped),
        total_doctor_tokens_avoided_estimate=sum(r.doctor_tokens_avoided_estimate for r in rows),
        estimate_coverage_n=coverage, estimate_source=source,
        intention_context_injected_count=sum(1 for r in rows if r.intention_context_injected),
        total_intention_context_chars=chars, avg_intention_context_chars=round(chars / n, 2) if n else 0.0,
        plan_normalization_used_count=sum(1 for r in rows if r.plan_normalization_used),
    )


def _estimate_provenance(rows: list) -> tuple[int | None, str | None]:  # noqa: ANN001 - Phase6Metric rows
    """The newest row's coverage and source of the doctor estimate."""
    for row in reversed(rows):
        if row.estimate_coverage_n is not None or row.estimate_source:
            return row.estimate_coverage_n, row.estimate_source
    return None, None


def require_consolidated_metrics(settings) -> None:  # noqa: ANN001 - Settings
    if not settings.enable_consolidated_metrics:
        raise Unavailable("Consolidated metrics are disabled. Set AUTOPACK_ENABLE_CONSOLIDATED_METRICS=1 to enable.")


async def consolidated_metrics(ctx: RequestContext, run_id: str, limit: int = 1000, offset: int = 0
                               ) -> ConsolidatedTokenMetrics:
    """Four independent categories, nothing counted twice. Checks, in this order: the kill switch
    (503), the page (400), the run (404). `limit`/`offset` page the per-phase metric records that
    categories 2 and 3 add up; spend (1) and the A/B delta (4) are whole-run figures."""
    require_consolidated_metrics(ctx.settings)
    if limit > METRICS_LIMIT_MAX:
        raise Invalid(f"limit must be at most {METRICS_LIMIT_MAX}")
    if limit < 1:
        raise Invalid("limit must be at least 1")
    if offset < 0:
        raise Invalid("offset must be >= 0")
    run = await run_reads.get_run(ctx, run_id)
    spent, prompt, completion, doctor = (await repo.usage_totals_for_runs(ctx.session, [run_id])).get(run_id, (0, 0, 0, 0))
    efficiency = await repo.efficiency_rows(ctx.session, run_id, limit, offset)
    phase6 = await repo.phase6_rows(ctx.session, run_id, limit, offset)
    coverage, source = _estimate_provenance(phase6)
    ab = await repo.latest_ab_for_treatment(ctx.session, run_id)
    phases = await ctx.loaders.runs.phases_by_run.load(run.id)
    return ConsolidatedTokenMetrics(
        run_id=run.id, total_tokens_spent=spent, total_prompt_tokens=prompt, total_completion_tokens=completion,
        doctor_tokens_spent=doctor,
        artifact_tokens_avoided=sum(r.tokens_saved_artifacts for r in efficiency),
        artifact_substitutions_count=sum(r.artifact_substitutions for r in efficiency),
        doctor_tokens_avoided_estimate=sum(r.doctor_tokens_avoided_estimate for r in phase6),
        doctor_calls_skipped_count=sum(1 for r in phase6 if r.doctor_call_skipped),
        estimate_coverage_n=coverage, estimate_source=source,
        ab_delta_tokens_saved=ab.token_delta if ab else None,
        ab_control_run_id=ab.control_run_id if ab else None, ab_treatment_run_id=ab.treatment_run_id if ab else None,
        total_phases=len(phases), completed_phases=sum(1 for p in phases if p.state is PhaseState.COMPLETE),
    )


# --- A/B results ------------------------------------------------------------------------------


async def ab_results(ctx: RequestContext, test_id: str | None = None, valid_only: bool = True, limit: int = 100
                     ) -> list[AbResult]:
    rows = await repo.ab_results(ctx.session, test_id, valid_only, min(max(limit, 1), 1000))
    return [ab_view(r) for r in rows]


def ab_view(row: AbTestResult) -> AbResult:
    return AbResult(
        id=row.id, test_id=row.test_id, control_run_id=row.control_run_id, treatment_run_id=row.treatment_run_id,
        control_commit_sha=row.control_commit_sha, treatment_commit_sha=row.treatment_commit_sha,
        control_model_hash=row.control_model_hash, treatment_model_hash=row.treatment_model_hash,
        is_valid=row.is_valid, validity_errors=list(row.validity_errors or []), token_delta=row.token_delta,
        time_delta_seconds=row.time_delta_seconds, success_rate_delta=row.success_rate_delta,
        control_total_tokens=row.control_total_tokens, treatment_total_tokens=row.treatment_total_tokens,
        created_at=row.created_at,
    )


async def record_ab_result(ctx: RequestContext, request: AbResultRequest) -> AbTestResult:
    """Compare two runs' spend. A pair is valid when both runs are finished and, where given,
    they ran the same commit and the same model configuration."""
    require_api_key(ctx.settings, ctx.principal)
    control = await run_reads.get_run(ctx, request.control_run_id)
    treatment = await run_reads.get_run(ctx, request.treatment_run_id)
    control_tokens, treatment_tokens = control.tokens_used, treatment.tokens_used
    errors = []
    if control.id == treatment.id:
        errors.append("control and treatment are the same run")
    for run in (control, treatment):
        if not run.state.is_done:
            errors.append(f"run {run.id} has not finished ({run.state.value})")
    if request.control_commit_sha and request.treatment_commit_sha and \
            request.control_commit_sha != request.treatment_commit_sha:
        errors.append("runs used different commits")
    if request.control_model_hash and request.treatment_model_hash and \
            request.control_model_hash != request.treatment_model_hash:
        errors.append("runs used different model configurations")
    row = AbTestResult(
        test_id=request.test_id, control_run_id=control.id, treatment_run_id=treatment.id,
        control_commit_sha=request.control_commit_sha, treatment_commit_sha=request.treatment_commit_sha,
        control_model_hash=request.control_model_hash, treatment_model_hash=request.treatment_model_hash,
        is_valid=not errors, validity_errors=errors, token_delta=control_tokens - treatment_tokens,
        time_delta_seconds=request.time_delta_seconds, success_rate_delta=request.success_rate_delta,
        control_total_tokens=control_tokens, treatment_total_tokens=treatment_tokens, created_at=ctx.clock.now(),
    )
    repo.add(ctx.session, row)
    await ctx.session.flush()
    return row


# --- human notes ------------------------------------------------------------------------------

async def add_human_note(ctx: RequestContext, note: str, run_id: str | None = None, author: str | None = None
                         ) -> datetime:
    """Append a note to the notes file (CROSSWAY_HUMAN_NOTES_FILE, Markdown) once the request succeeds."""
    if run_id is not None:
        await run_reads.get_run(ctx, run_id)
    now = ctx.clock.now()
    heading = f"## {now.isoformat()}" + (f" - run {run_id}" if run_id else "") + (f" - {author}" if author else "")
    entry = f"{heading}\n\n{note.strip()}\n\n"
    path: Path = ctx.settings.human_notes_file

    def append() -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(entry)

    await asyncio.to_thread(append)  # one write call per note: appends do not interleave
    return now
