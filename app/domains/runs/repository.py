"""All SQL of the runs domain.

Functions take the request's session first. Batch readers (`*_for_runs`,
`*_for_phases`) take a list of keys and return rows grouped by key; the
loaders in loaders.py put them back in key order.
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import case, distinct, func, select, tuple_

from app.db import SerializedSession, UtcDateTime
from app.domains.runs.models import ErrorReport, Phase, PhaseIssue, Run, Tier
from app.domains.runs.states import ACTIVE_PHASE_STATES, PhaseState, RunState


async def get_run(session: SerializedSession, run_id: str, *, for_update: bool = False) -> Run | None:
    return await session.get(Run, run_id, for_update=for_update)


async def run_exists(session: SerializedSession, run_id: str) -> bool:
    return await session.scalar(select(sa.literal(1)).where(Run.id == run_id)) is not None


_RUN_ROW = (select(*Run.__table__.c).where(Run.__table__.c.id == sa.bindparam("run_id")),
            namedtuple("RunRow", [c.name for c in Run.__table__.c]))  # type: ignore[misc]


async def run_row(session: SerializedSession, run_id: str) -> Any | None:
    """A run's columns as a read-only named tuple (for reads that render it; no ORM object)."""
    statement, row_type = _RUN_ROW
    row = (await session.execute(statement, {"run_id": run_id})).first()
    return None if row is None else row_type._make(row)


async def runs_by_ids(session: SerializedSession, run_ids: Sequence[str]) -> dict[str, Run]:
    rows = await session.scalars(select(Run).where(Run.id.in_(run_ids)))
    return {run.id: run for run in rows}


async def get_tier(session: SerializedSession, tier_pk: int) -> Tier | None:
    return await session.get(Tier, tier_pk)


async def get_phase(session: SerializedSession, run_id: str, phase_id: str) -> Phase | None:
    statement = select(Phase).where(Phase.run_id == run_id, Phase.phase_id == phase_id)
    return (await session.scalars(statement)).first()


async def _grouped(session: SerializedSession, statement: sa.Select, key: str) -> dict:
    grouped: dict = defaultdict(list)
    for row in await session.scalars(statement):
        grouped[getattr(row, key)].append(row)
    return grouped


def _children_of(table: sa.Table, key: str, *order: str) -> tuple[sa.Select[Any], type]:
    """All columns of `table` for the rows whose `key` is in the bound list `keys`, ordered (built once),
    and the named tuple its rows become."""
    statement = (
        select(*table.c).where(table.c[key].in_(sa.bindparam("keys", expanding=True)))
        .order_by(*(table.c[name] for name in order))
    )
    return statement, namedtuple(f"{table.name.title().replace('_', '')}Row", [c.name for c in table.c])  # type: ignore[misc]


async def _grouped_rows(session: SerializedSession, query: tuple[sa.Select[Any], type], key: str,
                        keys: Sequence[Any]) -> dict:
    """Rows of a `_children_of` query grouped by `key`. The batch readers below return such rows (named
    tuples of the table's columns, read-only), not ORM objects: a nested GraphQL page reads thousands
    of them, and tracking each in the session, or reading a SQLAlchemy row by name, costs more than
    the query."""
    statement, row_type = query
    make = row_type._make
    grouped: dict = defaultdict(list)
    for row in map(make, (await session.execute(statement, {"keys": list(keys)})).all()):
        grouped[getattr(row, key)].append(row)
    return grouped


_TIERS_BY_RUN = _children_of(Tier.__table__, "run_id", "tier_index", "id")
_PHASES_BY_RUN = _children_of(Phase.__table__, "run_id", "phase_index", "id")
_PHASES_BY_TIER = _children_of(Phase.__table__, "tier_id", "phase_index", "id")
_ISSUES_BY_PHASE = _children_of(PhaseIssue.__table__, "phase_pk", "id")
_ISSUES_BY_RUN = _children_of(PhaseIssue.__table__, "run_id", "id")


async def tiers_for_runs(session: SerializedSession, run_ids: Sequence[str]) -> dict[str, list[Any]]:
    return await _grouped_rows(session, _TIERS_BY_RUN, "run_id", run_ids)


async def phases_for_runs(session: SerializedSession, run_ids: Sequence[str]) -> dict[str, list[Any]]:
    return await _grouped_rows(session, _PHASES_BY_RUN, "run_id", run_ids)


async def phases_for_tiers(session: SerializedSession, tier_ids: Sequence[int]) -> dict[int, list[Any]]:
    return await _grouped_rows(session, _PHASES_BY_TIER, "tier_id", tier_ids)


async def issues_for_phases(session: SerializedSession, phase_pks: Sequence[int]) -> dict[int, list[Any]]:
    return await _grouped_rows(session, _ISSUES_BY_PHASE, "phase_pk", phase_pks)


async def issues_for_runs(session: SerializedSession, run_ids: Sequence[str]) -> dict[str, list[Any]]:
    return await _grouped_rows(session, _ISSUES_BY_RUN, "run_id", run_ids)


async def get_issue(session: SerializedSession, phase_pk: int, issue_key: str) -> PhaseIssue | None:
    statement = select(PhaseIssue).where(PhaseIssue.phase_pk == phase_pk, PhaseIssue.issue_key == issue_key)
    return (await session.scalars(statement)).first()


async def phase_states_of_run(session: SerializedSession, run_id: str) -> list[tuple[int, PhaseState]]:
    """(tier pk, state) for every phase of a run, as the completion rules need them."""
    rows = await session.execute(select(Phase.tier_id, Phase.state).where(Phase.run_id == run_id))
    return [(tier_pk, PhaseState(state)) for tier_pk, state in rows]


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def flush(session: SerializedSession) -> None:
    await session.flush()


# --- listings -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InboxRow:
    id: str
    state: str
    created_at: datetime
    tokens_used: int
    token_cap: int
    phases_total: int
    phases_completed: int
    current_phase_name: str | None


def _run_filter(states: Sequence[RunState] | None) -> list[sa.ColumnElement[bool]]:
    return [Run.state.in_([s.value for s in states])] if states else []


async def count_runs(session: SerializedSession, states: Sequence[RunState] | None = None) -> int:
    statement = select(func.count()).select_from(Run).where(*_run_filter(states))
    return int(await session.scalar(statement) or 0)


def _inbox_statement() -> sa.Select[Any]:
    """The runs inbox in one statement: a page of runs newest first, each with its phase totals and
    current phase (the first active one, else the first queued) from correlated sub-selects, and the
    number of all runs. Built once; executions only bind `limit` and `offset`, so SQLAlchemy reuses
    the compiled form."""
    runs, phases = Run.__table__, Phase.__table__
    page = (
        select(runs.c.id, runs.c.state, runs.c.created_at, runs.c.tokens_used, runs.c.token_cap)
        .order_by(runs.c.created_at.desc(), runs.c.id.desc())
        .limit(sa.bindparam("limit", type_=sa.Integer))
        .offset(sa.bindparam("offset", type_=sa.Integer))
        .subquery("page")
    )
    of_run = phases.c.run_id == page.c.id
    active = [phases.c.state == s.value for s in ACTIVE_PHASE_STATES]
    queued = phases.c.state == PhaseState.QUEUED.value
    total = select(func.count()).select_from(phases).where(of_run).scalar_subquery()
    completed = (
        select(func.count()).select_from(phases).where(of_run, phases.c.state == PhaseState.COMPLETE.value)
        .scalar_subquery()
    )
    current = (
        select(phases.c.name).where(of_run, sa.or_(*active, queued))
        .order_by(case((queued, 1), else_=0), phases.c.phase_index, phases.c.id)
        .limit(1).scalar_subquery()
    )
    all_runs = select(func.count()).select_from(runs).scalar_subquery()
    return select(
        page.c.id, page.c.state, page.c.created_at, page.c.tokens_used, page.c.token_cap,
        total.label("phases_total"), completed.label("phases_completed"), current.label("current_phase_name"),
        all_runs.label("all_runs"),
    ).order_by(page.c.created_at.desc(), page.c.id.desc())


_INBOX = _inbox_statement()
_COUNT_RUNS = select(func.count()).select_from(Run)


async def runs_inbox(read: Callable[[Any, dict[str, Any]], Awaitable[list[Any]]], *, limit: int, offset: int
                     ) -> tuple[list[InboxRow], int]:
    """A page of the runs inbox and the number of all runs (one statement; two past the last page).
    `read` runs a statement and returns its rows by position (RequestContext.read)."""
    rows = await read(_INBOX, {"limit": limit, "offset": offset})
    if rows:
        total = rows[0][8]
    else:
        [(total,)] = await read(_COUNT_RUNS, {})
    return [InboxRow(*row[:8]) for row in rows], int(total)


async def run_pages(
    session: SerializedSession, *, limit: int, states: Sequence[RunState] | None = None,
    before: tuple[datetime, str] | None = None,
) -> list[Run]:
    """Whole run rows for a keyset page (GraphQL), newest first."""
    statement = (
        select(Run).where(*_run_filter(states)).order_by(Run.created_at.desc(), Run.id.desc()).limit(limit)
    )
    if before is not None:
        statement = statement.where(tuple_(Run.created_at, Run.id) < tuple_(*before))
    return list(await session.scalars(statement))


# --- column projections (a GraphQL page that selects only plain columns) ---------------------------

_PROJECTION_TABLES = {"runs": Run.__table__, "tiers": Tier.__table__, "phases": Phase.__table__}
_PROJECTION_ORDER = {"tiers": ("tier_index", "id"), "phases": ("phase_index", "id")}
_projections: dict[tuple[str, str, tuple[str, ...], bool], sa.Select[Any]] = {}


def _projection(table_name: str, key: str, columns: tuple[str, ...], array_keys: bool) -> sa.Select[Any]:
    """`columns` of the rows whose `key` is one of the bound `keys`, in the table's child order; built once
    per shape. On PostgreSQL the keys travel as one array (`= ANY`), not one parameter each."""
    cache_key = (table_name, key, columns, array_keys)
    statement = _projections.get(cache_key)
    if statement is None:
        table = _PROJECTION_TABLES[table_name]
        key_column = table.c[key]
        if array_keys:
            keys = sa.bindparam("keys", type_=sa.ARRAY(key_column.type))
            condition = key_column == sa.func.any(keys)
        else:
            condition = key_column.in_(sa.bindparam("keys", expanding=True))
        statement = select(*(table.c[name] for name in columns)).where(condition).order_by(
            *(table.c[name] for name in _PROJECTION_ORDER[table_name]))
        if len(_projections) < 512:  # shapes come from client selections: keep the cache bounded
            _projections[cache_key] = statement
    return statement


async def projected_children(read: Callable[[Any, dict[str, Any]], Awaitable[list[Any]]], table_name: str, key: str,
                             keys: Sequence[Any], columns: tuple[str, ...], *, postgres: bool) -> list[Any]:
    """Rows of `columns` (tiers or phases), by position, for the parents `keys`, ordered as the batch
    readers order them. Columns only, no ORM objects: a nested GraphQL page reads thousands of these.
    `read` runs a statement and returns its rows (RequestContext.read)."""
    if not keys:
        return []
    statement = _projection(table_name, key, columns, postgres)
    return await read(statement, {"keys": list(keys)})


def _projected_runs(columns: tuple[str, ...], filtered: bool, keyset: bool) -> sa.Select[Any]:
    cache_key = ("runs", f"{filtered}:{keyset}", columns, False)
    statement = _projections.get(cache_key)
    if statement is None:
        table = Run.__table__
        statement = select(*(table.c[name] for name in columns)).order_by(
            table.c.created_at.desc(), table.c.id.desc()).limit(sa.bindparam("limit", type_=sa.Integer))
        if filtered:
            statement = statement.where(table.c.state.in_(sa.bindparam("states", expanding=True)))
        if keyset:
            statement = statement.where(tuple_(table.c.created_at, table.c.id)
                                        < tuple_(sa.bindparam("before_at", type_=UtcDateTime()), sa.bindparam("before_id")))
        if len(_projections) < 512:
            _projections[cache_key] = statement
    return statement


async def projected_run_page(read: Callable[[Any, dict[str, Any]], Awaitable[list[Any]]], columns: tuple[str, ...],
                             *, limit: int, states: Sequence[RunState] | None = None,
                             before: tuple[datetime, str] | None = None) -> list[Any]:
    """`columns` of a keyset page of runs, newest first (run_pages, in columns), by position. `read` runs a
    statement and returns its rows (RequestContext.read)."""
    params: dict[str, Any] = {"limit": limit}
    if states:
        params["states"] = [s.value for s in states]
    if before is not None:
        params["before_at"], params["before_id"] = before
    statement = _projected_runs(columns, bool(states), before is not None)
    return await read(statement, params)


async def errors_for_runs(session: SerializedSession, run_ids: Sequence[str]) -> dict[str, list[ErrorReport]]:
    statement = select(ErrorReport).where(ErrorReport.run_id.in_(run_ids)).order_by(ErrorReport.id)
    return await _grouped(session, statement, "run_id")


async def backlog_page(session: SerializedSession, *, limit: int, offset: int, severity: str | None
                       ) -> tuple[int, list[Any]]:
    """Issues across every run, one row per key: major first, then the most frequent. (total, page)."""
    worst = func.min(PhaseIssue.severity)  # "major" sorts before "minor"
    occurrences = func.sum(PhaseIssue.occurrence_count)
    grouped = (
        select(PhaseIssue.issue_key, worst.label("severity"), func.min(PhaseIssue.category).label("category"),
               occurrences.label("occurrences"), func.count(distinct(PhaseIssue.run_id)).label("runs"),
               func.count(distinct(PhaseIssue.phase_pk)).label("phases"),
               func.min(PhaseIssue.first_seen_at).label("first_seen"),
               func.max(PhaseIssue.last_seen_at).label("last_seen"))
        .group_by(PhaseIssue.issue_key).having(*([worst == severity] if severity else []))
    )
    total = int(await session.scalar(select(func.count()).select_from(grouped.subquery())) or 0)
    page = list(await session.execute(
        grouped.order_by(worst, occurrences.desc(), func.max(PhaseIssue.last_seen_at).desc(), PhaseIssue.issue_key)
        .limit(limit).offset(offset)
    ))
    return total, page


async def recent_runs_of_issues(session: SerializedSession, keys: Sequence[str], per_key: int
                                ) -> dict[str, list[str]]:
    """For each issue key, the runs it was last seen in, most recent first (at most `per_key`)."""
    runs_of: dict[str, list[str]] = defaultdict(list)
    if not keys:
        return runs_of
    recent = (select(PhaseIssue.issue_key, PhaseIssue.run_id)
              .where(PhaseIssue.issue_key.in_(keys)).group_by(PhaseIssue.issue_key, PhaseIssue.run_id)
              .order_by(func.max(PhaseIssue.last_seen_at).desc(), PhaseIssue.run_id))
    for key, run_id in await session.execute(recent):
        if len(runs_of[key]) < per_key:
            runs_of[key].append(run_id)
    return runs_of
