"""Submitting interaction events (one, or a batch of up to 1,000) and annotations."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from app.auth import scopes as sc
from app.auth.hub_access import acting_hub, require_scope
from app.context import RequestContext
from app.domains.interactions import repository as repo
from app.domains.interactions.errors import UnknownWidget
from app.domains.interactions.models import Annotation, InteractionEvent, Widget
from app.domains.interactions.shapes import AnnotationIn, EventIn
from app.domains.interactions.validation import check_actor_type, check_contract, parse, require_registered
from app.domains.interactions.views import annotation_view
from app.domains.platform.webhooks import emit
from app.errors import AppError, Forbidden, Unauthenticated


@dataclass
class Submitted:
    event: InteractionEvent
    created: bool


@dataclass
class BatchOutcome:
    items: list[tuple[int, str, InteractionEvent | AppError]]  # (index, created|duplicate|rejected, event or error)

    def count(self, status: str) -> int:
        return sum(1 for _, s, _ in self.items if s == status)


async def submit_event(ctx: RequestContext, data: dict[str, Any], *, api_version: str = "v2",
                       idempotency_key: str | None = None) -> Submitted:
    if api_version == "v1" and ctx.principal.kind != "hub":
        raise Unauthenticated("v1 accepts a hub's API key only")
    require_scope(ctx.principal, sc.HUB_EVENTS_WRITE)
    if idempotency_key and isinstance(data, dict) and not data.get("client_event_id"):
        data = {**data, "client_event_id": idempotency_key}
    outcome = await _ingest(ctx, [data], api_version=api_version, strict=True)
    _, status, result = outcome.items[0]
    assert isinstance(result, InteractionEvent)
    return Submitted(result, status == "created")


async def submit_batch(ctx: RequestContext, events: list[dict[str, Any]], *,
                       idempotency_key: str | None = None) -> BatchOutcome:
    """Each item is validated on its own; valid ones are stored in one statement."""
    require_scope(ctx.principal, sc.HUB_EVENTS_WRITE)
    if idempotency_key:
        events = [e if not isinstance(e, dict) or e.get("client_event_id") else {**e, "client_event_id": f"{idempotency_key}:{i}"}
                  for i, e in enumerate(events)]
    return await _ingest(ctx, events, api_version="v2", strict=False)


async def _ingest(ctx: RequestContext, raw: list[Any], *, api_version: str, strict: bool) -> BatchOutcome:
    """Validate every item; with strict, the first failure is raised instead of reported."""
    parsed: list[tuple[int, EventIn | AppError]] = []
    for index, data in enumerate(raw):
        try:
            await check_contract(ctx, data if isinstance(data, dict) else {})
            event_in = parse(EventIn, data)
            await require_registered(ctx, "event-type", event_in.event_type)
            parsed.append((index, event_in))
        except AppError as exc:
            if strict:
                raise
            parsed.append((index, exc))

    widgets = await repo.widgets_by_ids(ctx.session, [p.widget_id for _, p in parsed if isinstance(p, EventIn)])
    now = ctx.clock.now()
    items: list[tuple[int, str, InteractionEvent | AppError]] = []
    candidates: list[tuple[int, InteractionEvent]] = []
    for index, item in parsed:
        if isinstance(item, AppError):
            items.append((index, "rejected", item))
            continue
        try:
            hub_id = _hub_for(ctx, widgets.get(item.widget_id), item.widget_id)
        except AppError as exc:
            if strict:
                raise
            items.append((index, "rejected", exc))
            continue
        candidates.append((index, InteractionEvent(
            id=uuid.uuid4(), widget_id=item.widget_id, hub_id=hub_id, event_type=item.event_type,
            occurred_at=item.occurred_at, received_at=now, actor_id=item.actor_id, actor_type=item.actor_type,
            view_context_ref=item.view_context_ref, event_metadata=item.metadata,
            client_event_id=item.client_event_id, api_version=api_version,
        )))

    fresh = await _drop_seen(ctx, candidates, items)
    await repo.insert_events(ctx.session, [_row(event) for _, event in fresh])
    items.extend((index, "created", event) for index, event in fresh)
    items.sort(key=lambda item: item[0])
    return BatchOutcome(items)


def _hub_for(ctx: RequestContext, widget: Widget | None, widget_id: uuid.UUID) -> uuid.UUID:
    if widget is None:
        raise UnknownWidget(widget_id)
    if widget.status != "active":
        raise Forbidden(f"Widget {widget_id} is {widget.status}")
    if ctx.principal.kind == "hub":
        return ctx.principal.hub_id or widget.hub_id  # v1 hub keys report for any registered widget
    return acting_hub(ctx.principal, widget.hub_id)


async def _drop_seen(ctx: RequestContext, candidates: list[tuple[int, InteractionEvent]],
                     items: list[tuple[int, str, InteractionEvent | AppError]]) -> list[tuple[int, InteractionEvent]]:
    """Events whose client id was stored before, or appears earlier in this batch, are duplicates."""
    by_hub: dict[uuid.UUID, list[str]] = {}
    for _, event in candidates:
        if event.client_event_id:
            by_hub.setdefault(event.hub_id, []).append(event.client_event_id)
    stored: dict[tuple[uuid.UUID, str], InteractionEvent] = {}
    for hub_id, client_ids in by_hub.items():
        for client_id, event in (await repo.events_by_client_ids(ctx.session, hub_id, client_ids)).items():
            stored[(hub_id, client_id)] = event
    fresh = []
    for index, event in candidates:
        key = (event.hub_id, event.client_event_id) if event.client_event_id else None
        if key is not None and key in stored:
            items.append((index, "duplicate", stored[key]))
            continue
        if key is not None:
            stored[key] = event
        fresh.append((index, event))
    return fresh


def _row(event: InteractionEvent) -> dict[str, Any]:
    return {
        "id": event.id, "widget_id": event.widget_id, "hub_id": event.hub_id, "event_type": event.event_type,
        "occurred_at": event.occurred_at, "received_at": event.received_at, "actor_id": event.actor_id,
        "actor_type": event.actor_type, "view_context_ref": event.view_context_ref, "metadata": event.event_metadata,
        "client_event_id": event.client_event_id, "api_version": event.api_version,
    }


async def submit_annotation(ctx: RequestContext, data: dict[str, Any]) -> Annotation:
    require_scope(ctx.principal, sc.HUB_ANNOTATIONS_WRITE)
    annotation_in: AnnotationIn = parse(AnnotationIn, data)
    await require_registered(ctx, "annotation-category", annotation_in.category)
    await check_actor_type(ctx, annotation_in.actor_type)
    widget = (await repo.widgets_by_ids(ctx.session, [annotation_in.widget_id])).get(annotation_in.widget_id)
    hub_id = _hub_for(ctx, widget, annotation_in.widget_id)
    if annotation_in.event_id is not None and await repo.event_by_id(ctx.session, annotation_in.event_id) is None:
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
