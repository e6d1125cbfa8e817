"""Submitting interaction events (one, or a batch of up to 1,000) and annotations."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from asyncpg.pgproto.pgproto import UUID as FastUUID

from app.auth import scopes as sc
from app.auth.hub_access import acting_hub, is_admin, require_scope
from app.context import RequestContext
from app.domains.interactions import repository as repo
from app.domains.interactions.errors import UnknownWidget, Unregistered
from app.domains.interactions.models import Annotation, InteractionEvent
from app.domains.interactions.shapes import AnnotationIn, EventIn
from app.domains.interactions.validation import (
    active_names,
    check_actor_type,
    contract_rules,
    parse,
    parse_each,
    require_registered,
)
from app.domains.interactions.views import annotation_view
from app.domains.platform.webhooks import emit
from app.errors import AppError, Forbidden, Unauthenticated


@dataclass(slots=True, frozen=True)
class StoredEvent:
    """An event as just stored, with InteractionEvent's attribute names: what the doors render from,
    without building (and tracking) an ORM object for it."""

    id: uuid.UUID
    widget_id: uuid.UUID
    hub_id: uuid.UUID
    event_type: str
    occurred_at: datetime
    received_at: datetime
    actor_id: uuid.UUID | None
    actor_type: str | None
    view_context_ref: str | None
    event_metadata: dict[str, Any] | None
    client_event_id: str | None
    api_version: str


@dataclass
class Submitted:
    event: InteractionEvent | StoredEvent
    created: bool


@dataclass
class BatchOutcome:
    """Every submission's fate, by its index: its status (created, duplicate or rejected), the id of the
    event it stored or repeats, and a rejected one's error. Kept as lists, not an object per item: a batch
    has up to 1,000 of them."""

    statuses: list[str]
    ids: list[uuid.UUID | None]
    errors: dict[int, AppError] = field(default_factory=dict)
    earlier: dict[int, InteractionEvent | StoredEvent] = field(default_factory=dict)  # what a duplicate repeats
    created: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (index, stored row)

    @classmethod
    def of_size(cls, size: int) -> BatchOutcome:
        return cls(["rejected"] * size, [None] * size)

    def count(self, status: str) -> int:
        return self.statuses.count(status)

    def reject(self, index: int, error: AppError) -> None:
        self.statuses[index] = "rejected"
        self.errors[index] = error

    def repeat(self, index: int, event: InteractionEvent | StoredEvent) -> None:
        self.statuses[index] = "duplicate"
        self.ids[index] = event.id
        self.earlier[index] = event

    def store(self, created: list[tuple[int, dict[str, Any]]]) -> None:
        statuses, ids = self.statuses, self.ids
        for index, row in created:
            statuses[index] = "created"
            ids[index] = row["id"]
        self.created.extend(created)


async def submit_event(ctx: RequestContext, data: dict[str, Any], *, api_version: str = "v2",
                       idempotency_key: str | None = None) -> Submitted:
    if api_version == "v1" and ctx.principal.kind != "hub":
        raise Unauthenticated("v1 accepts a hub's API key only")
    require_scope(ctx.principal, sc.HUB_EVENTS_WRITE)
    if idempotency_key and isinstance(data, dict) and not data.get("client_event_id"):
        data = {**data, "client_event_id": idempotency_key}
    outcome = await _ingest(ctx, [data], api_version=api_version, strict=True)
    if outcome.created:
        return Submitted(_event_of(outcome.created[0][1]), True)
    return Submitted(outcome.earlier[0], False)


async def submit_batch(ctx: RequestContext, events: list[dict[str, Any]], *,
                       idempotency_key: str | None = None) -> BatchOutcome:
    """Each item is validated on its own; valid ones are stored together."""
    require_scope(ctx.principal, sc.HUB_EVENTS_WRITE)
    if idempotency_key:
        events = [e if not isinstance(e, dict) or e.get("client_event_id") else {**e, "client_event_id": f"{idempotency_key}:{i}"}
                  for i, e in enumerate(events)]
    return await _ingest(ctx, events, api_version="v2", strict=False)


async def _ingest(ctx: RequestContext, raw: list[Any], *, api_version: str, strict: bool) -> BatchOutcome:
    """Validate every item (the contract, then the schema, then the event type registry); with strict,
    the first failure is raised instead of reported. The contract and registry are looked up once."""
    outcome = BatchOutcome.of_size(len(raw))

    def reject(index: int, error: AppError) -> None:
        if strict:
            raise error
        outcome.reject(index, error)

    check = (await contract_rules(ctx)).check
    indexes: list[int] = []
    checked: list[Any] = []
    for index, data in enumerate(raw):
        try:
            check(data if isinstance(data, dict) else {})
        except AppError as exc:
            reject(index, exc)
            continue
        indexes.append(index)
        checked.append(data)

    parsed_items = parse_each(EventIn, checked)  # dicts of EventIn's fields
    # the registry is only needed (and only read) once some item parses
    event_types = await active_names(ctx, "event-type") if any(isinstance(p, dict) for p in parsed_items) else set()
    valid_indexes: list[int] = []
    valid: list[dict[str, Any]] = []
    for index, parsed in zip(indexes, parsed_items, strict=True):
        if isinstance(parsed, AppError):
            reject(index, parsed)
        elif parsed["event_type"] not in event_types:
            reject(index, Unregistered("event-type", parsed["event_type"]))
        else:
            valid_indexes.append(index)
            valid.append(parsed)

    now = ctx.clock.now()
    if strict and len(valid) == 1:
        row = _row(random_uuids(1)[0], valid[0], None, now, api_version)
        if await _append_alone(ctx, row):
            outcome.store([(valid_indexes[0], row)])
            return outcome
        # nothing stored: the widget, its hub or an earlier submission is why; the general path says which

    # keyed by the UUIDs' integers: uuid.UUID hashes and compares in Python, an int in C
    widget_ids = {event_in["widget_id"].int: event_in["widget_id"] for event_in in valid}
    owners = await _owners_of_widgets(ctx, widget_ids)
    candidates: list[tuple[int, dict[str, Any]]] = []
    for index, event_id, event_in in zip(valid_indexes, random_uuids(len(valid)), valid, strict=True):
        owner = owners[event_in["widget_id"].int]
        if isinstance(owner, AppError):
            reject(index, owner)
            continue
        # the widget's id as read back (equal, and on PostgreSQL asyncpg's UUID, which COPY sends fastest)
        event_in["widget_id"], hub_id = owner
        candidates.append((index, _row(event_id, event_in, hub_id, now, api_version)))

    fresh = await _drop_seen(ctx, candidates, outcome)
    await repo.insert_events(ctx.session, [row for _, row in fresh])
    outcome.store(fresh)
    return outcome


def _row(event_id: uuid.UUID, event_in: dict[str, Any], hub_id: uuid.UUID | None, now: datetime,
         api_version: str) -> dict[str, Any]:
    """A parsed event (a dict of EventIn's fields, made for this submission) completed into its stored row,
    keyed by repository.EVENT_COLUMNS, in place."""
    event_in["id"] = event_id
    event_in["hub_id"] = hub_id
    event_in["received_at"] = now
    event_in["api_version"] = api_version
    return event_in


async def _append_alone(ctx: RequestContext, row: dict[str, Any]) -> bool:
    """One valid event, stored in one statement that also checks its widget (`_hub_for`'s rules as SQL
    conditions) and its client event id. False when it stored nothing, for the general path to explain."""
    principal = ctx.principal
    owner = None
    if not is_admin(principal):
        if principal.hub_id is None:
            return False  # may report for no widget: the general path refuses it
        row["hub_id"] = owner = principal.hub_id
    hub_id = await repo.append_event(ctx.write, ctx.runtime.db.dialect, row, owner=owner)
    if hub_id is None:
        return False
    row["hub_id"] = hub_id
    return True


# The version (4) and variant (RFC 4122) bits of a random UUID, set by table look-up on its 7th and 9th bytes.
_VERSION_4 = bytes((b & 0x0F) | 0x40 for b in range(256))
_VARIANT_RFC_4122 = bytes((b & 0x3F) | 0x80 for b in range(256))


def random_uuids(count: int) -> list[uuid.UUID]:
    """`count` random (version 4) UUIDs, as uuid.uuid4() makes them, from one read of os.urandom.

    They are asyncpg's UUID type, a uuid.UUID subclass written in C (what asyncpg returns for UUID columns):
    making, printing and sending a thousand costs a fraction of what uuid.UUID's Python code does."""
    data = bytearray(os.urandom(16 * count))
    data[6::16] = data[6::16].translate(_VERSION_4)
    data[8::16] = data[8::16].translate(_VARIANT_RFC_4122)
    raw = bytes(data)
    return [FastUUID(raw[i:i + 16]) for i in range(0, 16 * count, 16)]


async def _owners_of_widgets(ctx: RequestContext, widget_ids: dict[int, uuid.UUID]
                             ) -> dict[int, tuple[uuid.UUID, uuid.UUID] | AppError]:
    """For each widget (by its id's integer), its id as stored and the hub its events belong to, or why the
    caller may not report for it."""
    widgets = await repo.widget_owners(ctx.session, list(widget_ids.values()))
    owners: dict[int, tuple[uuid.UUID, uuid.UUID] | AppError] = {}
    for key, widget_id in widget_ids.items():
        widget = widgets.get(widget_id)
        try:
            hub_id = _hub_for(ctx, widget, widget_id)
        except AppError as exc:
            owners[key] = exc
        else:
            owners[key] = (widget.id, hub_id)
    return owners


def _hub_for(ctx: RequestContext, widget: Any, widget_id: uuid.UUID) -> uuid.UUID:
    """The hub a report about `widget` (a Widget, or a row with its hub_id and status) belongs to."""
    if widget is None:
        raise UnknownWidget(widget_id)
    if widget.status != "active":
        raise Forbidden(f"Widget {widget_id} is {widget.status}")
    # Every credential kind, v1 hub keys included, reports only for its own hub's widgets.
    return acting_hub(ctx.principal, widget.hub_id)


async def _drop_seen(ctx: RequestContext, candidates: list[tuple[int, dict[str, Any]]],
                     outcome: BatchOutcome) -> list[tuple[int, dict[str, Any]]]:
    """Events whose client id was stored before, or appears earlier in this batch, are duplicates."""
    by_hub: dict[uuid.UUID, list[str]] = {}
    for _, row in candidates:
        if row["client_event_id"]:
            by_hub.setdefault(row["hub_id"], []).append(row["client_event_id"])
    if not by_hub:
        return candidates
    stored: dict[tuple[uuid.UUID, str], InteractionEvent] = {}
    for hub_id, client_ids in by_hub.items():
        for client_id, event in (await repo.events_by_client_ids(ctx.session, hub_id, client_ids)).items():
            stored[(hub_id, client_id)] = event
    earlier: dict[tuple[uuid.UUID, str], dict[str, Any]] = {}
    fresh = []
    for index, row in candidates:
        key = (row["hub_id"], row["client_event_id"]) if row["client_event_id"] else None
        if key is not None and key in stored:
            outcome.repeat(index, stored[key])
            continue
        if key is not None and key in earlier:
            outcome.repeat(index, _event_of(earlier[key]))
            continue
        if key is not None:
            earlier[key] = row
        fresh.append((index, row))
    return fresh


def _event_of(row: dict[str, Any]) -> StoredEvent:
    return StoredEvent(
        id=row["id"], widget_id=row["widget_id"], hub_id=row["hub_id"], event_type=row["event_type"],
        occurred_at=row["occurred_at"], received_at=row["received_at"], actor_id=row["actor_id"],
        actor_type=row["actor_type"], view_context_ref=row["view_context_ref"], event_metadata=row["metadata"],
        client_event_id=row["client_event_id"], api_version=row["api_version"],
    )


async def submit_annotation(ctx: RequestContext, data: dict[str, Any]) -> Annotation:
    require_scope(ctx.principal, sc.HUB_ANNOTATIONS_WRITE)
    annotation_in: AnnotationIn = parse(AnnotationIn, data)
    await require_registered(ctx, "annotation-category", annotation_in.category)
    await check_actor_type(ctx, annotation_in.actor_type)
    widget = (await repo.widgets_by_ids(ctx.session, [annotation_in.widget_id])).get(annotation_in.widget_id)
    hub_id = _hub_for(ctx, widget, annotation_in.widget_id)
    if annotation_in.event_id is not None:
        referenced = await repo.event_by_id(ctx.session, annotation_in.event_id)
        if referenced is None or referenced.hub_id != hub_id:  # another hub's event is as good as unknown
            raise UnknownEvent(annotation_in.event_id)
    annotation = Annotation(
        widget_id=annotation_in.widget_id, hub_id=hub_id, category=annotation_in.category, body=annotation_in.body,
        actor_id=annotation_in.actor_id, actor_type=annotation_in.actor_type, event_id=annotation_in.event_id,
        annotation_metadata=annotation_in.metadata, created_at=ctx.clock.now(),
    )
    repo.add(ctx.session, annotation)
    await repo.flush(ctx.session)
    await emit(ctx, "annotation.created", hub_id, {"annotation": annotation_view(annotation).model_dump(mode="json")})
    return annotation


class UnknownEvent(AppError):
    status, code = 422, "unknown_event"

    def __init__(self, event_id: object) -> None:
        super().__init__(f"event_id '{event_id}' not found")
