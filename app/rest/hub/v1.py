"""POST /api/v1/interaction-events (seed 001): a hub's key as Bearer; exact 201, 422 and 401 bodies."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.interactions import ingest
from app.domains.interactions.shapes import EventIn, V1EventCreated
from app.rest.endpoint import Call
from app.rest.hub.family import hub_v1
from app.rest.responses import json_response


@hub_v1.endpoint("POST", "/api/v1/interaction-events", body=EventIn, raw_body=True, single_write=True, tags=["v1"],
                 security=[{"HubKey": []}],
                 responses={201: V1EventCreated, 401: "Authorization: Bearer <hub-api-key> required",
                            422: "{error, help}: unregistered event type, unknown widget or invalid field"})
async def submit_event(ctx: RequestContext, call: Call):
    """Submit one interaction event with a hub's API key."""
    submitted = await ingest.submit_event(ctx, call.body, api_version="v1")
    event = submitted.event
    return json_response(V1EventCreated(id=event.id, widget_id=event.widget_id, event_type=event.event_type,
                                        occurred_at=event.occurred_at), 201)
