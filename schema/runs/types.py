"""GraphQL types of the run lifecycle. Nested fields resolve through the request's loaders."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from app.context import RequestContext
from app.domains.runs import models, reads
from app.domains.runs.states import TERMINAL_PHASE_STATES
from app.domains.runs.states import PhaseState as PhaseStateEnum
from app.domains.runs.states import RunState as RunStateEnum
from app.domains.runs.states import TierState as TierStateEnum
from schema.execution import prefetched
from schema.lookahead import selected_paths

RunState = strawberry.enum(RunStateEnum, name="RunState")
TierState = strawberry.enum(TierStateEnum, name="TierState")
PhaseState = strawberry.enum(PhaseStateEnum, name="PhaseState")

Info = strawberry.Info[RequestContext, None]

if TYPE_CHECKING:
    from schema.control.types import ErrorReport


@strawberry.type(description="An issue recorded against a phase; repeats count occurrences.")
class PhaseIssue:
    id: strawberry.ID
    issue_key: str
    severity: str
    source: str
    category: str
    occurrence_count: int
    evidence_refs: list[str]
    first_seen_at: datetime
    last_seen_at: datetime

    @classmethod
    def from_row(cls, row: models.PhaseIssue) -> PhaseIssue:
        return cls(id=strawberry.ID(str(row.id)), issue_key=row.issue_key, severity=row.severity, source=row.source,
                   category=row.category, occurrence_count=row.occurrence_count,
                   evidence_refs=list(row.evidence_refs or []), first_seen_at=row.first_seen_at,
                   last_seen_at=row.last_seen_at)


@strawberry.type
class Phase:
    pk: strawberry.Private[int]
    id: strawberry.ID
    phase_id: str
    run_id: str
    phase_index: int
    name: str
    description: str | None
    state: PhaseState  # type: ignore[valid-type]
    task_category: str | None
    complexity: str | None
    builder_mode: str | None
    scope: JSON | None
    intention_refs: JSON | None
    tokens_used: int
    builder_attempts: int
    auditor_attempts: int
    minor_issues_count: int
    major_issues_count: int
    quality_level: str | None
    quality_blocked: bool
    updated_at: datetime

    @strawberry.field
    async def issues(self, info: Info) -> list[PhaseIssue]:
        rows = await info.context.loaders.runs.issues_by_phase.load(self.pk)
        return [PhaseIssue.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: models.Phase) -> Phase:
        return cls(
            pk=row.id, id=strawberry.ID(str(row.id)), phase_id=row.phase_id, run_id=row.run_id,
            phase_index=row.phase_index, name=row.name, description=row.description, state=row.state,
            task_category=row.task_category, complexity=row.complexity, builder_mode=row.builder_mode,
            scope=row.scope, intention_refs=row.intention_refs, tokens_used=row.tokens_used,
            builder_attempts=row.builder_attempts, auditor_attempts=row.auditor_attempts,
            minor_issues_count=row.minor_issues_count, major_issues_count=row.major_issues_count,
            quality_level=row.quality_level, quality_blocked=row.quality_blocked, updated_at=row.updated_at,
        )


@strawberry.type
class Tier:
    pk: strawberry.Private[int]
    id: strawberry.ID
    tier_id: str
    tier_index: int
    name: str
    description: str | None
    state: TierState  # type: ignore[valid-type]
    cleanliness: str
    minor_issues_count: int
    major_issues_count: int

    # Filled by prefetch_run_children when the operation selects them.
    prefetched_phases: strawberry.Private[list[Phase] | None] = None

    @strawberry.field(metadata=prefetched("prefetched_phases"))
    def phases(self, info: Info) -> list[Phase]:
        if self.prefetched_phases is not None:
            return self.prefetched_phases  # resolved synchronously: no task per tier
        return _phases_of_tier(info, self.pk)  # type: ignore[return-value]  # awaited by the executor

    @classmethod
    def from_row(cls, row: models.Tier) -> Tier:
        return cls(pk=row.id, id=strawberry.ID(str(row.id)), tier_id=row.tier_id, tier_index=row.tier_index,
                   name=row.name, description=row.description, state=row.state, cleanliness=row.cleanliness,
                   minor_issues_count=row.minor_issues_count, major_issues_count=row.major_issues_count)


@strawberry.type(description="Progress figures of a run, from its phases.")
class RunProgress:
    run_id: str
    state: RunState  # type: ignore[valid-type]
    started_at: datetime | None
    completed_at: datetime | None
    elapsed_seconds: int | None
    tokens_used: int
    token_cap: int
    phases_total: int
    phases_completed: int
    phases_in_progress: int
    phases_pending: int
    percent_complete: float
    current_phase_name: str | None

    @classmethod
    def from_progress(cls, progress: reads.Progress) -> RunProgress:
        run, total = progress.run, len(progress.phases)
        done = progress.count(TERMINAL_PHASE_STATES)
        current = progress.current_phase
        return cls(
            run_id=run.id, state=run.state, started_at=run.started_at, completed_at=run.completed_at,
            elapsed_seconds=progress.elapsed_seconds, tokens_used=run.tokens_used, token_cap=run.token_cap,
            phases_total=total, phases_completed=progress.phases_completed,
            phases_in_progress=progress.phases_in_progress, phases_pending=progress.phases_pending,
            percent_complete=round(100.0 * done / total, 2) if total else 0.0,
            current_phase_name=current.name if current else None,
        )


@strawberry.type
class Run:
    id: str
    state: RunState  # type: ignore[valid-type]
    safety_profile: str
    run_scope: str
    token_cap: int
    max_phases: int
    max_duration_minutes: int
    tokens_used: int
    ci_runs_used: int
    minor_issues_count: int
    major_issues_count: int
    promotion_eligible_to_main: bool
    debt_status: str | None
    failure_reason: str | None
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    row: strawberry.Private[models.Run]

    prefetched_tiers: strawberry.Private[list[Tier] | None] = None
    prefetched_phases: strawberry.Private[list[Phase] | None] = None

    @strawberry.field(metadata=prefetched("prefetched_tiers"))
    def tiers(self, info: Info) -> list[Tier]:
        if self.prefetched_tiers is not None:
            return self.prefetched_tiers
        return _tiers_of_run(info, self.id)  # type: ignore[return-value]  # awaited by the executor

    @strawberry.field(metadata=prefetched("prefetched_phases"))
    def phases(self, info: Info) -> list[Phase]:
        if self.prefetched_phases is not None:
            return self.prefetched_phases
        return _phases_of_run(info, self.id)  # type: ignore[return-value]  # awaited by the executor

    @strawberry.field
    async def issues(self, info: Info) -> list[PhaseIssue]:
        return [PhaseIssue.from_row(r) for r in await info.context.loaders.runs.issues_by_run.load(self.id)]

    @strawberry.field(description="Error reports of the run, oldest first.")
    async def error_reports(
        self, info: Info
    ) -> list[Annotated[ErrorReport, strawberry.lazy("schema.control.types")]]:
        from app.domains.runs.error_reports import view
        from schema.control.types import ErrorReport

        rows = await info.context.loaders.runs.errors_by_run.load(self.id)
        return [ErrorReport.from_view(view(r)) for r in rows]

    @strawberry.field
    async def progress(self, info: Info) -> RunProgress:
        return RunProgress.from_progress(await reads.progress_of(info.context, self.row))

    @classmethod
    def from_row(cls, row: models.Run) -> Run:
        return cls(
            id=row.id, state=row.state, safety_profile=row.safety_profile, run_scope=row.run_scope,
            token_cap=row.token_cap, max_phases=row.max_phases, max_duration_minutes=row.max_duration_minutes,
            tokens_used=row.tokens_used, ci_runs_used=row.ci_runs_used, minor_issues_count=row.minor_issues_count,
            major_issues_count=row.major_issues_count, promotion_eligible_to_main=row.promotion_eligible_to_main,
            debt_status=row.debt_status, failure_reason=row.failure_reason, created_at=row.created_at,
            started_at=row.started_at, completed_at=row.completed_at, row=row,
        )


# --- nested lists: batched through the request's loaders, or fetched ahead for a whole page ------------


async def _tiers_of_run(info: Info, run_id: str) -> list[Tier]:
    return [Tier.from_row(r) for r in await info.context.loaders.runs.tiers_by_run.load(run_id)]


async def _phases_of_run(info: Info, run_id: str) -> list[Phase]:
    return [Phase.from_row(r) for r in await info.context.loaders.runs.phases_by_run.load(run_id)]


async def _phases_of_tier(info: Info, tier_pk: int) -> list[Phase]:
    return [Phase.from_row(r) for r in await info.context.loaders.runs.phases_by_tier.load(tier_pk)]


async def prefetch_run_children(info: Info, runs: list[Run], node: tuple[str, ...] = ()) -> None:
    """Fill the tiers, their phases and the phases of `runs` that the operation selects (at `node`, the
    path of the run objects under the current field), one batch statement per level, so the executor
    completes those lists synchronously instead of awaiting one resolver per run and per tier. The same
    loaders serve both ways, so the statements are those the lazy path would run."""
    paths = selected_paths(info)
    loaders = info.context.loaders.runs
    ids = [run.id for run in runs]
    if (*node, "tiers") in paths:
        for run, rows in zip(runs, await loaders.tiers_by_run.load_many(ids), strict=True):
            run.prefetched_tiers = [Tier.from_row(r) for r in rows]
        if (*node, "tiers", "phases") in paths:
            tiers = [tier for run in runs for tier in run.prefetched_tiers or []]
            for tier, rows in zip(tiers, await loaders.phases_by_tier.load_many([t.pk for t in tiers]), strict=True):
                tier.prefetched_phases = [Phase.from_row(r) for r in rows]
    if (*node, "phases") in paths:
        for run, rows in zip(runs, await loaders.phases_by_run.load_many(ids), strict=True):
            run.prefetched_phases = [Phase.from_row(r) for r in rows]
