"""Reading runs: the run itself, the inbox, the connection, progress and the dashboard figures.

Like service.py, each function takes the context first and checks access itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app import pagination
from app.auth.control_plane import require_read_access
from app.context import RequestContext
from app.domains.runs import repository as repo
from app.domains.runs.models import Phase, Run, Tier
from app.domains.runs.states import ACTIVE_PHASE_STATES, TERMINAL_PHASE_STATES, PhaseState, RunState, TierState
from app.errors import Invalid, NotFound

RUNS_PAGE_MAX = 100


@dataclass
class RunDetail:
    """Read-only rows (named tuples with the tables' columns), for rendering."""

    run: Any
    tiers: list[Any]
    phases: list[Any]


async def get_run(ctx: RequestContext, run_id: str) -> Run:
    """One run (public read, as GET /runs/{run_id})."""
    run = await ctx.loaders.runs.run.load(run_id)
    if run is None:
        raise NotFound(f"Run {run_id} not found")
    return run


async def get_run_detail(ctx: RequestContext, run_id: str) -> RunDetail:
    """A run with its tiers and phases, as read-only rows: three statements, straight to the repository
    (one run needs no batching)."""
    run = await repo.run_row(ctx.session, run_id)
    if run is None:
        raise NotFound(f"Run {run_id} not found")
    tiers = (await repo.tiers_for_runs(ctx.session, [run_id])).get(run_id, [])
    phases = (await repo.phases_for_runs(ctx.session, [run_id])).get(run_id, [])
    return RunDetail(run, tiers, phases)


@dataclass
class RunsPage:
    rows: list[repo.InboxRow]
    total: int
    limit: int
    offset: int


def clamp_page(limit: int | None, offset: int | None) -> tuple[int, int]:
    """The runs inbox clamps instead of refusing: limit to 1..100 (default 20), offset to >= 0."""
    limit = 20 if limit is None else min(max(limit, 1), RUNS_PAGE_MAX)
    return limit, max(offset or 0, 0)


async def list_runs(ctx: RequestContext, limit: int | None = None, offset: int | None = None) -> RunsPage:
    require_read_access(ctx.settings, ctx.principal)
    limit, offset = clamp_page(limit, offset)
    rows, total = await repo.runs_inbox(ctx.read, limit=limit, offset=offset)
    return RunsPage(rows, total, limit, offset)


@dataclass
class RunsSlice:
    runs: list[Run]
    has_next: bool
    states: list[RunState] | None


def encode_cursor(run: Run) -> str:
    return pagination.encode_cursor(run.created_at, run.id)


async def runs_slice(
    ctx: RequestContext, first: int, after: str | None, states: list[RunState] | None
) -> RunsSlice:
    """A keyset page of runs, newest first (the GraphQL connection)."""
    before = _slice_start(ctx, first, after)
    runs = await repo.run_pages(ctx.session, limit=first + 1, states=states, before=before)
    for run in runs[:first]:
        ctx.loaders.runs.run.prime(run.id, run)
    return RunsSlice(runs[:first], len(runs) > first, states)


async def projected_runs_slice(
    ctx: RequestContext, columns: tuple[str, ...], first: int, after: str | None, states: list[RunState] | None
) -> tuple[list[Any], bool]:
    """runs_slice in columns: tuples of `columns` (which must include id and created_at, the cursor's
    parts) for a keyset page, and whether more follow."""
    before = _slice_start(ctx, first, after)
    rows = await repo.projected_run_page(ctx.read, columns, limit=first + 1, states=states, before=before)
    return rows[:first], len(rows) > first


def _slice_start(ctx: RequestContext, first: int, after: str | None) -> tuple[Any, str] | None:
    """Access, the page size and the cursor of a keyset page: where it starts (None: the newest run)."""
    require_read_access(ctx.settings, ctx.principal)
    if not 1 <= first <= RUNS_PAGE_MAX:
        raise Invalid(f"first must be between 1 and {RUNS_PAGE_MAX}")
    return pagination.decode_cursor(after) if after else None


async def projected_children(ctx: RequestContext, table: str, key: str, keys: list[Any],
                             columns: tuple[str, ...]) -> list[Any]:
    """Tuples of `columns` of the tiers or phases whose `key` (run_id or tier_id) is in `keys`, in child
    order (the children of a page of runs)."""
    require_read_access(ctx.settings, ctx.principal)
    return await repo.projected_children(ctx.read, table, key, keys, columns,
                                         postgres=ctx.runtime.db.dialect == "postgresql")


async def count_runs(ctx: RequestContext, states: list[RunState] | None) -> int:
    require_read_access(ctx.settings, ctx.principal)
    return await repo.count_runs(ctx.session, states)


@dataclass
class Progress:
    run: Run
    phases: list[Phase]
    elapsed_seconds: int | None

    def count(self, states: frozenset[PhaseState] | set[PhaseState]) -> int:
        return sum(1 for p in self.phases if p.state in states)

    @property
    def phases_completed(self) -> int:
        return self.count({PhaseState.COMPLETE})

    @property
    def phases_in_progress(self) -> int:
        return self.count({PhaseState.EXECUTING})

    @property
    def phases_pending(self) -> int:
        return self.count({PhaseState.QUEUED})

    @property
    def current_phase(self) -> Phase | None:
        return next((p for p in self.phases if p.state in ACTIVE_PHASE_STATES), None) or next(
            (p for p in self.phases if p.state is PhaseState.QUEUED), None
        )


def elapsed_seconds(ctx: RequestContext, run: Run) -> int | None:
    if run.started_at is None:
        return None
    end = run.completed_at or ctx.clock.now()
    return max(0, int((end - run.started_at).total_seconds()))


async def progress_of(ctx: RequestContext, run: Run) -> Progress:
    phases = await ctx.loaders.runs.phases_by_run.load(run.id)
    return Progress(run, phases, elapsed_seconds(ctx, run))


async def run_progress(ctx: RequestContext, run_id: str) -> Progress:
    require_read_access(ctx.settings, ctx.principal)
    return await progress_of(ctx, await get_run(ctx, run_id))




# --- dashboard ----------------------------------------------------------------------------


@dataclass
class DashboardStatus:
    run: Run
    tiers: list[Tier]
    progress: Progress

    @property
    def current_tier(self) -> Tier | None:
        phase = self.progress.current_phase
        return next((t for t in self.tiers if phase is not None and t.id == phase.tier_id), None)

    @property
    def completed_tiers(self) -> int:
        return sum(1 for t in self.tiers if t.state in (TierState.COMPLETE, TierState.SKIPPED))

    @property
    def percent_complete(self) -> float:
        total = len(self.progress.phases)
        done = self.progress.count(TERMINAL_PHASE_STATES)
        return round(100.0 * done / total, 2) if total else 0.0

    @property
    def token_utilization(self) -> float:
        return round(self.run.tokens_used / self.run.token_cap, 4) if self.run.token_cap else 0.0


async def dashboard_status(ctx: RequestContext, run_id: str) -> DashboardStatus:
    run = await get_run(ctx, run_id)
    tiers = await ctx.loaders.runs.tiers_by_run.load(run_id)
    return DashboardStatus(run, tiers, await progress_of(ctx, run))
