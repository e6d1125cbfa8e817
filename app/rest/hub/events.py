"""v2 interaction events (single and batch) and annotations."""

from __future__ import annotations

from pydantic import BaseModel

from app.auth import scopes as sc
from app.context import RequestContext
from app.domains.interactions import ingest, listings, views
from app.domains.interactions.shapes import (
    AnnotationIn,
    AnnotationOut,
    AnnotationQuery,
    BatchResult,
    EventBatchIn,
    EventIn,
    EventOut,
    EventQuery,
)
from app.domains.interactions.validation import parse
from app.rest.endpoint import Call
from app.rest.hub.family import hub_v2, v2_security
from app.rest.responses import json_response

ERRORS = {401: "unauthorized", 403: "insufficient_scope or another hub's widget", 422: "invalid_request or unregistered_*"}


def page_body(page: listings.Page, kind: str) -> dict:
    return {"data": [views.VIEWS[kind](row) for row in page.rows], "next_cursor": page.next_cursor,
            "has_more": page.has_more}


class EventPage(BaseModel):
    data: list[EventOut]
    next_cursor: str | None
    has_more: bool


class AnnotationPage(BaseModel):
    data: list[AnnotationOut]
    next_cursor: str | None
    has_more: bool


@hub_v2.endpoint("GET", "/api/v2/interaction-events", query=EventQuery, tags=["events"],
                 security=v2_security(sc.HUB_READ), responses={200: EventPage, **ERRORS})
async def list_events(ctx: RequestContext, call: Call):
    """Interaction events, newest first; filter by widget, event type, actor and time range."""
    return json_response(page_body(await listings.listing(ctx, "events", call.query), "events"))


@hub_v2.endpoint("POST", "/api/v2/interaction-events", body=EventIn, raw_body=True, single_write=True, tags=["events"],
                 security=v2_security(sc.HUB_EVENTS_WRITE),
                 responses={201: EventOut, 200: "A retry of a stored client_event_id (nothing new stored)", **ERRORS})
async def submit_event(ctx: RequestContext, call: Call):
    """Submit one event. `client_event_id` (or an Idempotency-Key header) makes a retry a no-op."""
    submitted = await ingest.submit_event(ctx, call.body, idempotency_key=call.request.headers.get("idempotency-key"))
    return json_response(views.event_view(submitted.event), 201 if submitted.created else 200)


@hub_v2.endpoint("POST", "/api/v2/interaction-events/batch", body=EventBatchIn, raw_body=True, tags=["events"],
                 security=v2_security(sc.HUB_EVENTS_WRITE), responses={200: BatchResult, **ERRORS})
async def submit_batch(ctx: RequestContext, call: Call):
    """Submit up to 1,000 events; each is validated on its own and gets a result of its own."""
    batch: EventBatchIn = parse(EventBatchIn, call.body)
    outcome = await ingest.submit_batch(ctx, batch.events, idempotency_key=call.request.headers.get("idempotency-key"))
    # The BatchResult shape, built as plain dicts: a thousand items are rendered by orjson directly.
    ids, errors, error_body = outcome.ids, outcome.errors, hub_v2.error_body
    results = [
        {"index": index, "status": status, "id": None if ids[index] is None else str(ids[index]),
         "error": error_body(errors[index]) if index in errors else None}
        for index, status in enumerate(outcome.statuses)
    ]
    return json_response({"created": outcome.count("created"), "duplicates": outcome.count("duplicate"),
                          "rejected": outcome.count("rejected"), "results": results})


@hub_v2.endpoint("GET", "/api/v2/annotations", query=AnnotationQuery, tags=["annotations"],
                 security=v2_security(sc.HUB_READ), responses={200: AnnotationPage, **ERRORS})
async def list_annotations(ctx: RequestContext, call: Call):
    """Annotations, newest first; filter by widget, category, actor and time range."""
    return json_response(page_body(await listings.listing(ctx, "annotations", call.query), "annotations"))


@hub_v2.endpoint("POST", "/api/v2/annotations", body=AnnotationIn, raw_body=True, tags=["annotations"],
                 security=v2_security(sc.HUB_ANNOTATIONS_WRITE), responses={201: AnnotationOut, **ERRORS})
async def submit_annotation(ctx: RequestContext, call: Call):
    """Submit an annotation; its category must be registered."""
    return json_response(views.annotation_view(await ingest.submit_annotation(ctx, call.body)), 201)
