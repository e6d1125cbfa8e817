"""Changing runs: starting them and everything that updates a phase. Both doors call these.

Reading lives in reads.py.

Each takes the request context first, checks access, works through the
repository, and flushes; the boundary commits.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from app.auth.control_plane import require_api_key
from app.context import RequestContext
from app.domains.runs import artifacts, error_reports, patches
from app.domains.runs import repository as repo
from app.domains.runs.models import Phase, PhaseIssue, PhaseResult, Run, Tier
from app.domains.runs.shapes import (
    AuditorResult,
    BuilderResult,
    IssueRecord,
    PhaseStatusUpdate,
    RunStartRequest,
)
from app.domains.runs.states import (
    ACTIVE_PHASE_STATES,
    PRE_EXECUTION_RUN_STATES,
    PhaseState,
    RunState,
    TierState,
    completed_run_state,
    derived_tier_state,
)
from app.domains.telemetry import recording
from app.errors import Conflict, Invalid, NotFound, Unprocessable


def run_topic(run_id: str) -> str:
    return f"run:{run_id}"


# --- starting a run ---------------------------------------------------------------------


async def start_run(ctx: RequestContext, request: RunStartRequest) -> Run:
    """POST /runs/start and startRun: the key, the per-client limit, then create_run."""
    require_api_key(ctx.settings, ctx.principal)
    await ctx.runtime.limits.enforce(ctx.settings.run_start_limit, "run_start", ctx.client_ip)
    return await create_run(ctx, request)


async def create_run(ctx: RequestContext, request: RunStartRequest, *, write_files: bool = True) -> Run:
    """Create a run, its tiers and phases; its artifact files follow the commit."""
    spec = request.run
    _check_unique("tier_id", [t.tier_id for t in request.tiers])
    _check_unique("phase_id", [p.phase_id for p in request.phases])
    known_tiers = {t.tier_id for t in request.tiers}
    for phase in request.phases:
        if phase.tier_id not in known_tiers:
            raise Invalid(f"Phase '{phase.phase_id}' references unknown tier '{phase.tier_id}'")
    if await repo.run_exists(ctx.session, spec.run_id):
        raise Conflict(f"Run {spec.run_id} already exists")

    now = ctx.clock.now()
    run = Run(
        id=spec.run_id, state=RunState.RUN_CREATED, safety_profile=spec.safety_profile,
        run_scope=spec.run_scope, token_cap=spec.token_cap, max_phases=spec.max_phases,
        max_duration_minutes=spec.max_duration_minutes, max_minor_issues_total=3 * len(request.phases),
        created_at=now, started_at=now, updated_at=now,
    )
    tiers = {
        t.tier_id: Tier(run_id=run.id, tier_id=t.tier_id, tier_index=t.tier_index, name=t.name,
                        description=t.description, state=TierState.PENDING, created_at=now)
        for t in request.tiers
    }
    repo.add(ctx.session, run, *tiers.values())
    await repo.flush(ctx.session)  # assigns tier ids, which phases refer to
    phases = [
        Phase(
            run_id=run.id, tier_id=tiers[p.tier_id].id, phase_id=p.phase_id, phase_index=p.phase_index,
            name=p.name, description=p.description, state=PhaseState.QUEUED, task_category=p.task_category,
            complexity=p.complexity, builder_mode=p.builder_mode, scope=p.scope,
            intention_refs=p.intention_refs.model_dump() if p.intention_refs else None,
            created_at=now, updated_at=now,
        )
        for p in request.phases
    ]
    repo.add(ctx.session, *phases)
    await repo.flush(ctx.session)
    if not write_files:
        return run

    runs_dir = ctx.settings.runs_dir
    tier_rows, phase_rows = list(tiers.values()), phases

    async def write_files() -> None:
        await asyncio.to_thread(artifacts.write_start_artifacts, runs_dir, run, tier_rows, phase_rows)

    ctx.after_commit(write_files)
    return run


def _check_unique(field: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise Invalid(f"Duplicate {field} '{value}' in request")
        seen.add(value)


# --- phase updates ----------------------------------------------------------------------


async def _locked_phase(ctx: RequestContext, run_id: str, phase_id: str) -> tuple[Run, Phase]:
    run = await repo.get_run(ctx.session, run_id, for_update=True)
    if run is None:
        raise NotFound(f"Run {run_id} not found")
    phase = await repo.get_phase(ctx.session, run_id, phase_id)
    if phase is None:
        raise NotFound(f"Phase {phase_id} not found in run {run_id}")
    return run, phase


def _set_tokens(run: Run, phase: Phase, tokens: int) -> int:
    """Set the phase's token count; returns how much it grew (the new spend to record)."""
    growth = tokens - phase.tokens_used
    run.tokens_used = max(0, run.tokens_used + growth)
    phase.tokens_used = tokens
    return max(0, growth)


async def update_phase_status(
    ctx: RequestContext, run_id: str, phase_id: str, update: PhaseStatusUpdate
) -> Phase:
    try:
        new_state = PhaseState(update.state.upper() if isinstance(update.state, str) else update.state)
    except ValueError:
        allowed = ", ".join(s.value for s in PhaseState)
        raise Invalid(f"Invalid phase state '{update.state}'. Allowed: {allowed}") from None
    run, phase = await _locked_phase(ctx, run_id, phase_id)
    now = ctx.clock.now()

    newly_failed = new_state is PhaseState.FAILED and phase.state is not PhaseState.FAILED
    phase.state = new_state
    if update.builder_attempts is not None:
        phase.builder_attempts = update.builder_attempts
    if update.tokens_used is not None:
        growth = _set_tokens(run, phase, update.tokens_used)
        recording.record_usage(ctx, run.id, phase.phase_id, "phase_update", growth, update.usage)
    if newly_failed:
        error_reports.report_phase_failed(ctx, run.id, phase.phase_id, update.error_message)
    if update.minor_issues_count is not None:
        run.minor_issues_count += update.minor_issues_count - phase.minor_issues_count
        phase.minor_issues_count = update.minor_issues_count
    if update.major_issues_count is not None:
        run.major_issues_count += update.major_issues_count - phase.major_issues_count
        phase.major_issues_count = update.major_issues_count
    if update.quality_level is not None:
        phase.quality_level = update.quality_level
    if update.quality_blocked is not None:
        phase.quality_blocked = update.quality_blocked
    phase.updated_at = run.updated_at = now
    await repo.flush(ctx.session)

    await _apply_lifecycle_rules(ctx, run, phase)
    _announce(ctx, run, phase)
    return phase


async def _apply_lifecycle_rules(ctx: RequestContext, run: Run, phase: Phase) -> None:
    """Tier state follows its phases; the run enters execution and completes by itself."""
    states = await repo.phase_states_of_run(ctx.session, run.id)
    tier_states = [s for tier_pk, s in states if tier_pk == phase.tier_id]
    tier = await repo.get_tier(ctx.session, phase.tier_id)
    if tier is not None:
        tier.state = derived_tier_state(tier_states)

    if run.state.is_done:
        await repo.flush(ctx.session)
        return
    if phase.state in ACTIVE_PHASE_STATES and run.state in PRE_EXECUTION_RUN_STATES:
        run.state = RunState.PHASE_EXECUTION
    finished = completed_run_state([s for _, s in states])
    if finished is not None:
        run.state = finished
        run.completed_at = ctx.clock.now()
        run.promotion_eligible_to_main = finished is RunState.DONE_SUCCESS and run.major_issues_count == 0
        if finished is RunState.DONE_FAILED_REQUIRES_HUMAN_REVIEW:
            failed = sum(1 for _, s in states if s is PhaseState.FAILED)
            run.failure_reason = f"{failed} phase(s) failed"
    await repo.flush(ctx.session)


def _announce(ctx: RequestContext, run: Run, phase: Phase) -> None:
    ctx.loaders.runs.forget_run(run.id)
    broker, message = ctx.runtime.broker, {"run_id": run.id, "phase_id": phase.phase_id, "state": phase.state.value}

    async def publish() -> None:
        await broker.publish(run_topic(run.id), message)

    ctx.after_commit(publish)


def _check_body_matches(run_id: str, phase_id: str, body_run_id: str, body_phase_id: str) -> None:
    if body_run_id != run_id or body_phase_id != phase_id:
        raise Invalid(
            f"Body run_id/phase_id ({body_run_id}/{body_phase_id}) do not match the path ({run_id}/{phase_id})"
        )


@dataclass
class BuilderOutcome:
    phase: Phase
    patch_applied: bool
    files_changed: list[str]


async def submit_builder_result(
    ctx: RequestContext, run_id: str, phase_id: str, result: BuilderResult
) -> BuilderOutcome:
    _check_body_matches(run_id, phase_id, result.run_id, result.phase_id)
    run, phase = await _locked_phase(ctx, run_id, phase_id)
    files = list(result.files_changed)
    applied = False
    if result.patch_content and result.patch_content.strip():
        workspace = artifacts.run_folder(ctx.settings.runs_dir, run_id) / "workspace"
        try:
            files = await asyncio.to_thread(_apply_in, workspace, result.patch_content)
        except patches.PatchRejected as exc:
            raise Unprocessable(f"Patch does not apply: {exc}") from exc
        applied = True
    phase.builder_attempts = max(phase.builder_attempts, result.builder_attempts)
    growth = _set_tokens(run, phase, max(phase.tokens_used, result.tokens_used))
    recording.record_usage(ctx, run_id, phase_id, "builder", growth, result.usage)
    recording.record_builder_metrics(ctx, run_id, phase_id, result.token_efficiency, result.phase6_metrics)
    if result.status.lower() in error_reports.FAILED_BUILDER_STATUSES:
        error_reports.report_builder_failure(ctx, run_id, phase_id, result)
    phase.updated_at = run.updated_at = ctx.clock.now()
    repo.add(ctx.session, PhaseResult(run_id=run_id, phase_pk=phase.id, kind="builder", status=result.status,
                                payload=result.model_dump(mode="json"), created_at=ctx.clock.now()))
    await repo.flush(ctx.session)
    _announce(ctx, run, phase)
    return BuilderOutcome(phase, applied, files)


def _apply_in(workspace, patch_text: str) -> list[str]:  # noqa: ANN001 - Path
    workspace.mkdir(parents=True, exist_ok=True)
    return patches.apply_patch(workspace, patch_text)


async def submit_auditor_result(ctx: RequestContext, run_id: str, phase_id: str, result: AuditorResult) -> Phase:
    _check_body_matches(run_id, phase_id, result.run_id, result.phase_id)
    run, phase = await _locked_phase(ctx, run_id, phase_id)
    # Results may arrive out of order: counters only ever grow.
    phase.auditor_attempts = max(phase.auditor_attempts, result.auditor_attempts)
    growth = _set_tokens(run, phase, max(phase.tokens_used, result.tokens_used))
    recording.record_usage(ctx, run_id, phase_id, "auditor", growth, result.usage)
    phase.updated_at = run.updated_at = ctx.clock.now()
    repo.add(ctx.session, PhaseResult(run_id=run_id, phase_pk=phase.id, kind="auditor", status=result.recommendation,
                                payload=result.model_dump(mode="json"), created_at=ctx.clock.now()))
    await repo.flush(ctx.session)
    _announce(ctx, run, phase)
    return phase


async def record_issue(ctx: RequestContext, run_id: str, phase_id: str, record: IssueRecord) -> PhaseIssue:
    run, phase = await _locked_phase(ctx, run_id, phase_id)
    now = ctx.clock.now()
    issue = await repo.get_issue(ctx.session, phase.id, record.issue_key)
    if issue is not None:
        issue.occurrence_count += 1
        issue.last_seen_at = now
        if record.evidence_refs:
            issue.evidence_refs = sorted(set(issue.evidence_refs or []) | set(record.evidence_refs))
        await repo.flush(ctx.session)
        return issue
    issue = PhaseIssue(
        run_id=run_id, phase_pk=phase.id, issue_key=record.issue_key, severity=record.severity,
        source=record.source, category=record.category, task_category=record.task_category or phase.task_category,
        complexity=record.complexity or phase.complexity, evidence_refs=record.evidence_refs,
        first_seen_at=now, last_seen_at=now,
    )
    tier = await repo.get_tier(ctx.session, phase.tier_id)
    if record.severity == "major":
        phase.major_issues_count += 1
        run.major_issues_count += 1
        if tier is not None:
            tier.major_issues_count += 1
            tier.cleanliness = "not_clean"
    else:
        phase.minor_issues_count += 1
        run.minor_issues_count += 1
        if tier is not None:
            tier.minor_issues_count += 1
    phase.updated_at = run.updated_at = now
    repo.add(ctx.session, issue)
    await repo.flush(ctx.session)
    _announce(ctx, run, phase)
    return issue
