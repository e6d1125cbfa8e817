"""All SQL of the interaction hub.

Visibility is part of every listing statement: `hub_id` (from the caller's
principal) restricts a hub-bound caller to its own hub's rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from functools import cache
from datetime import datetime
from operator import itemgetter
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy import func, select, tuple_

from app.db import SerializedSession
from app.domains.interactions.models import (
    REGISTRY_KINDS,
    Annotation,
    DecisionRecord,
    DeploymentRecord,
    Hub,
    HubCapabilityManifest,
    InteractionEvent,
    InteractionReportingContract,
    OutcomeSignal,
    RequirementCandidate,
    Widget,
    WidgetVersion,
)

REGISTRIES = REGISTRY_KINDS


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def flush(session: SerializedSession) -> None:
    await session.flush()


def dialect(session: SerializedSession) -> str:
    return session.raw.get_bind().dialect.name


# --- registries and the contract ---------------------------------------------------------------


async def active_names(session: SerializedSession, kind: str) -> set[str]:
    model = REGISTRIES[kind]
    return set(await session.scalars(select(model.name).where(model.status == "active")))


async def registry_entries(session: SerializedSession, kind: str) -> list[Any]:
    model = REGISTRIES[kind]
    return list(await session.scalars(select(model).order_by(model.name)))


async def registry_entry(session: SerializedSession, kind: str, name: str) -> Any | None:
    model = REGISTRIES[kind]
    return (await session.scalars(select(model).where(model.name == name))).first()


async def active_contract(session: SerializedSession) -> InteractionReportingContract | None:
    statement = (
        select(InteractionReportingContract)
        .where(InteractionReportingContract.status == "active")
        .order_by(InteractionReportingContract.created_at.desc())
    )
    return (await session.scalars(statement)).first()


# --- hubs and manifests -------------------------------------------------------------------------


async def hub_by_slug(session: SerializedSession, slug: str) -> Hub | None:
    return (await session.scalars(select(Hub).where(Hub.slug == slug))).first()


async def hubs_by_ids(session: SerializedSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Hub]:
    return {hub.id: hub for hub in await session.scalars(select(Hub).where(Hub.id.in_(ids)))}


async def manifests_of(session: SerializedSession, hub_id: uuid.UUID) -> list[HubCapabilityManifest]:
    statement = select(HubCapabilityManifest).where(HubCapabilityManifest.hub_id == hub_id)
    return list(await session.scalars(statement.order_by(HubCapabilityManifest.version)))


# --- widgets -------------------------------------------------------------------------------------


async def widgets_by_ids(session: SerializedSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Widget]:
    if not ids:
        return {}
    return {w.id: w for w in await session.scalars(select(Widget).where(Widget.id.in_(set(ids))))}


_WIDGET_OWNERS = select(Widget.__table__.c.id, Widget.__table__.c.hub_id, Widget.__table__.c.status).where(
    Widget.__table__.c.id.in_(sa.bindparam("ids", expanding=True)))


async def widget_owners(session: SerializedSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """(id, hub_id, status) of each of these widgets that exists: what reporting for one needs, as rows."""
    if not ids:
        return {}
    return {row.id: row for row in await session.execute(_WIDGET_OWNERS, {"ids": list(ids)})}


async def widget_by_name(session: SerializedSession, hub_id: uuid.UUID, name: str) -> Widget | None:
    statement = select(Widget).where(Widget.hub_id == hub_id, Widget.name == name)
    return (await session.scalars(statement)).first()


def add_widget_version(session: SerializedSession, widget: Widget, snapshot: dict[str, Any], at: datetime) -> None:
    session.add(WidgetVersion(widget_id=widget.id, version=widget.version, snapshot=snapshot, created_at=at))


# --- events ----------------------------------------------------------------------------------------


async def events_by_client_ids(
    session: SerializedSession, hub_id: uuid.UUID, client_ids: Sequence[str]
) -> dict[str, InteractionEvent]:
    if not client_ids:
        return {}
    statement = select(InteractionEvent).where(
        InteractionEvent.hub_id == hub_id, InteractionEvent.client_event_id.in_(set(client_ids))
    )
    return {e.client_event_id: e for e in await session.scalars(statement)}


EVENT_COLUMNS = ("id", "widget_id", "hub_id", "event_type", "occurred_at", "received_at", "actor_id", "actor_type",
                 "view_context_ref", "metadata", "client_event_id", "api_version")


# COPY takes the columns in any order: metadata, the one value that needs converting, goes last.
_COPY_COLUMNS = (*(c for c in EVENT_COLUMNS if c != "metadata"), "metadata")


async def insert_events(session: SerializedSession, rows: list[dict[str, Any]]) -> None:
    """Insert many events (dicts keyed by EVENT_COLUMNS); a client event id seen before is skipped, not an error.

    On PostgreSQL the rows without a client event id, which cannot conflict, are loaded with COPY;
    the rest (and everything on SQLite) go in one INSERT ... ON CONFLICT DO NOTHING.
    """
    if not rows:
        return
    if dialect(session) == "postgresql":
        plain = [row for row in rows if row["client_event_id"] is None]
        if plain and await session.copy_records(InteractionEvent.__tablename__, _COPY_COLUMNS, _copy_records(plain)):
            rows = [row for row in rows if row["client_event_id"] is not None]
            if not rows:
                return
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(InteractionEvent.__table__).on_conflict_do_nothing(index_elements=["hub_id", "client_event_id"])
    await session.execute(statement, rows)


def _copy_records(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Rows as COPY records. `metadata` becomes JSON text, `null` where absent, as the INSERT path stores it."""
    values = itemgetter(*_COPY_COLUMNS[:-1])
    records = []
    for row in rows:
        metadata = row["metadata"]
        records.append((*values(row), "null" if metadata is None else orjson.dumps(metadata).decode()))
    return records


# --- one event, appended in one statement -----------------------------------------------------------

Write = Callable[[Any, dict[str, Any]], Awaitable[list[Any]]]


@cache
def _append_statement(dialect_name: str, hub_given: bool, owner_check: bool) -> Any:
    """INSERT ... SELECT FROM widgets: the event is stored only if its widget exists, is active and (with
    owner_check) belongs to the `owner` hub; with hub_given the event's hub is `hub_id`, else the widget's.
    A stored client event id of the same hub makes it insert nothing too. Returns the event's hub."""
    events, widgets = InteractionEvent.__table__, Widget.__table__
    values = [sa.bindparam(name, type_=events.c[name].type) for name in EVENT_COLUMNS]
    values[1] = widgets.c.id
    if not hub_given:
        values[2] = widgets.c.hub_id
    source = select(*values).where(widgets.c.id == sa.bindparam("widget_id", type_=widgets.c.id.type),
                                   widgets.c.status == "active")
    if owner_check:
        source = source.where(widgets.c.hub_id == sa.bindparam("owner", type_=widgets.c.hub_id.type))
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return (insert(events).from_select(list(EVENT_COLUMNS), source)
            .on_conflict_do_nothing(index_elements=["hub_id", "client_event_id"]).returning(events.c.hub_id))


async def append_event(write: Write, dialect_name: str, row: dict[str, Any], *,
                       owner: uuid.UUID | None) -> uuid.UUID | None:
    """Store one event (a dict keyed by EVENT_COLUMNS; `hub_id` None: the widget's hub) in one statement,
    if its widget is active and, given `owner`, that hub's. The stored event's hub, or None when nothing
    was stored (no such widget, an inactive one, another hub's, or a client event id seen before):
    the caller then finds out which."""
    statement = _append_statement(dialect_name, row["hub_id"] is not None, owner is not None)
    params = dict(row)
    if row["hub_id"] is None:
        del params["hub_id"]
    if owner is not None:
        params["owner"] = owner
    rows = await write(statement, params)
    return rows[0][0] if rows else None


async def event_by_id(session: SerializedSession, event_id: uuid.UUID) -> InteractionEvent | None:
    return await session.get(InteractionEvent, event_id)


# --- listings ----------------------------------------------------------------------------------------


def _page_statement(model: Any, time_column: Any, filters: list[Any], limit: int,
                    before: tuple[datetime, uuid.UUID] | None) -> sa.Select:
    statement = select(model).where(*filters).order_by(time_column.desc(), model.id.desc()).limit(limit + 1)
    if before is not None:
        statement = statement.where(tuple_(time_column, model.id) < tuple_(*before))
    return statement


def _range(column: Any, since: datetime | None, until: datetime | None) -> list[Any]:
    conditions = []
    if since is not None:
        conditions.append(column >= since)
    if until is not None:
        conditions.append(column < until)
    return conditions


def _equal(pairs: list[tuple[Any, Any]]) -> list[Any]:
    return [column == value for column, value in pairs if value is not None]


async def page_of(session: SerializedSession, kind: str, *, hub_id: uuid.UUID | None, limit: int,
                  before: tuple[datetime, uuid.UUID] | None, **filters: Any) -> list[Any]:
    """One page (limit + 1 rows, to tell whether more follow) of a listing, newest first."""
    model, time_column, conditions = _listing(kind, filters)
    if hub_id is not None:
        conditions.append(model.hub_id == hub_id)
    return list(await session.scalars(_page_statement(model, time_column, conditions, limit, before)))


def _listing(kind: str, f: dict[str, Any]) -> tuple[Any, Any, list[Any]]:
    if kind == "events":
        m = InteractionEvent
        return m, m.occurred_at, _equal([(m.widget_id, f.get("widget_id")), (m.event_type, f.get("event_type")),
                                         (m.actor_id, f.get("actor_id")), (m.actor_type, f.get("actor_type"))]) + \
            _range(m.occurred_at, f.get("since"), f.get("until"))
    if kind == "annotations":
        m = Annotation
        return m, m.created_at, _equal([(m.widget_id, f.get("widget_id")), (m.category, f.get("category")),
                                        (m.actor_id, f.get("actor_id"))]) + _range(m.created_at, f.get("since"), f.get("until"))
    if kind == "widgets":
        m = Widget
        return m, m.created_at, _equal([(m.widget_type, f.get("widget_type")), (m.status, f.get("status"))])
    lifecycle = {
        "requirement-candidates": (RequirementCandidate, RequirementCandidate.created_at),
        "decision-records": (DecisionRecord, DecisionRecord.decided_at),
        "deployment-records": (DeploymentRecord, DeploymentRecord.deployed_at),
        "outcome-signals": (OutcomeSignal, OutcomeSignal.recorded_at),
    }
    m, column = lifecycle[kind]
    conditions = _range(column, f.get("since"), f.get("until"))
    if f.get("widget_id") is not None and hasattr(m, "widget_id"):
        conditions.append(m.widget_id == f["widget_id"])
    return m, column, conditions


async def count_of(session: SerializedSession, kind: str, *, hub_id: uuid.UUID | None, **filters: Any) -> int:
    model, _, conditions = _listing(kind, filters)
    if hub_id is not None:
        conditions.append(model.hub_id == hub_id)
    return int(await session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0)


async def rows_by_ids(session: SerializedSession, model: Any, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    if not ids:
        return {}
    return {row.id: row for row in await session.scalars(select(model).where(model.id.in_(set(ids))))}


async def children_of(session: SerializedSession, model: Any, parent_column: str,
                      parent_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[Any]]:
    grouped: dict[uuid.UUID, list[Any]] = {}
    column = getattr(model, parent_column)
    for row in await session.scalars(select(model).where(column.in_(set(parent_ids))).order_by(model.id)):
        grouped.setdefault(getattr(row, parent_column), []).append(row)
    return grouped


# --- insights --------------------------------------------------------------------------------------------


def _bucket(session: SerializedSession, column: Any, bucket: str) -> Any:
    if dialect(session) == "postgresql":
        return func.date_trunc(bucket, func.timezone("UTC", column))
    pattern = "%Y-%m-%d %H:00:00" if bucket == "hour" else "%Y-%m-%d 00:00:00"
    return func.strftime(pattern, column)


async def event_counts(session: SerializedSession, *, since: datetime, until: datetime, bucket: str,
                       hub_id: uuid.UUID | None, widget_id: uuid.UUID | None,
                       event_type: str | None) -> Sequence[Any]:
    """(bucket, widget_id, event_type, count) rows over [since, until), ordered by those columns.

    A Core statement over the table's columns: plain rows, no ORM loading. The window is served by
    ix_interaction_events_occurred (covering, so an index-only scan on PostgreSQL).
    """
    c = InteractionEvent.__table__.c
    slot = _bucket(session, c.occurred_at, bucket).label("bucket")
    conditions = _range(c.occurred_at, since, until) + _equal(
        [(c.hub_id, hub_id), (c.widget_id, widget_id), (c.event_type, event_type)])
    statement = (
        select(slot, c.widget_id, c.event_type, func.count().label("count"))
        .where(*conditions).group_by(slot, c.widget_id, c.event_type).order_by(slot, c.widget_id, c.event_type)
    )
    return (await session.execute(statement)).all()


async def flag_counts(session: SerializedSession, *, event_type: str, since: datetime | None,
                      until: datetime | None, hub_id: uuid.UUID | None, limit: int) -> list[Any]:
    m = InteractionEvent
    count = func.count().label("count")
    statement = (
        select(m.widget_id, count)
        .where(m.event_type == event_type, *_range(m.occurred_at, since, until), *_equal([(m.hub_id, hub_id)]))
        .group_by(m.widget_id).order_by(count.desc(), m.widget_id).limit(limit)
    )
    return list(await session.execute(statement))


async def funnel_counts(session: SerializedSession, *, since: datetime | None, until: datetime | None,
                        hub_id: uuid.UUID | None) -> dict[str, int]:
    def counted(model: Any, column: Any, *extra: Any) -> Any:
        conditions = [*_range(column, since, until), *_equal([(model.hub_id, hub_id)]), *extra]
        return select(func.count()).select_from(model).where(*conditions).scalar_subquery()

    statement = select(
        counted(RequirementCandidate, RequirementCandidate.created_at).label("requirement_candidates"),
        counted(DecisionRecord, DecisionRecord.decided_at).label("decisions"),
        counted(DecisionRecord, DecisionRecord.decided_at, DecisionRecord.decision == "accepted").label("accepted"),
        counted(DeploymentRecord, DeploymentRecord.deployed_at).label("deployments"),
        counted(OutcomeSignal, OutcomeSignal.recorded_at).label("outcome_signals"),
    )
    row = (await session.execute(statement)).one()
    return dict(row._mapping)
