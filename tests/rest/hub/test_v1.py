"""POST /api/v1/interaction-events: the 201, 422 and 401 bodies to the letter."""

from __future__ import annotations

import uuid

from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for

V1 = "/api/v1/interaction-events"
AUTH_ERROR = {"error": "Authorization: Bearer <hub-api-key> required"}
EVENT_HELP = "Register this event type via the Type Registry admin UI or hub capability manifest before submitting."


async def _setup(client):
    hub = await make_hub(client)
    widget = await make_widget(client, await token_for(client, hub))
    return hub, widget


async def test_created_body_is_exactly_the_contract(client):
    hub, widget = await _setup(client)
    response = await client.post(V1, json=event(widget, "clicked", "2026-03-31T12:00:00Z"), headers=bearer(hub.hub_key))
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "widget_id", "event_type", "occurred_at"}
    uuid.UUID(body["id"])
    assert body["widget_id"] == widget and body["event_type"] == "clicked"
    assert body["occurred_at"] == "2026-03-31T12:00:00Z"


async def test_optional_fields_are_accepted(client):
    hub, widget = await _setup(client)
    payload = event(widget, actor_id=str(uuid.uuid4()), actor_type="agent", view_context_ref="/checkout",
                    metadata={"step": 2})
    assert (await client.post(V1, json=payload, headers=bearer(hub.hub_key))).status_code == 201


async def test_unregistered_event_type(client):
    hub, widget = await _setup(client)
    response = await client.post(V1, json=event(widget, "pipeline_started"), headers=bearer(hub.hub_key))
    assert response.status_code == 422
    assert response.json() == {"error": "event_type 'pipeline_started' not registered", "help": EVENT_HELP}


async def test_seed_vocabulary_is_accepted(client):
    hub, widget = await _setup(client)
    for event_type in ["viewed", "focused", "clicked", "submitted", "abandoned", "retried", "failed", "commented",
                       "flagged_confusing", "flagged_helpful", "blocked_by_policy", "escalated",
                       "accepted_recommendation", "rejected_recommendation"]:
        response = await client.post(V1, json=event(widget, event_type), headers=bearer(hub.hub_key))
        assert response.status_code == 201, (event_type, response.text)


async def test_auth_errors(client):
    hub, widget = await _setup(client)
    missing = await client.post(V1, json=event(widget))
    wrong = await client.post(V1, json=event(widget), headers=bearer("not-a-hub-key"))
    basic = await client.post(V1, json=event(widget), headers={"Authorization": "Basic abc"})
    api_key = await client.post(V1, json=event(widget), headers=bearer(hub.admin_key))
    for response in (missing, wrong, basic, api_key):
        assert response.status_code == 401 and response.json() == AUTH_ERROR


async def test_actor_type_enum_and_metadata_object(client):
    hub, widget = await _setup(client)
    bad_actor = await client.post(V1, json=event(widget, actor_type="robot"), headers=bearer(hub.hub_key))
    assert bad_actor.status_code == 422
    assert set(bad_actor.json()) == {"error", "help"} and "actor_type 'robot'" in bad_actor.json()["error"]
    bad_metadata = await client.post(V1, json=event(widget, metadata=["a"]), headers=bearer(hub.hub_key))
    assert bad_metadata.status_code == 422 and "metadata" in bad_metadata.json()["error"]


async def test_missing_fields_and_bad_json(client):
    hub, widget = await _setup(client)
    missing = await client.post(V1, json={"widget_id": widget, "event_type": "clicked"}, headers=bearer(hub.hub_key))
    assert missing.status_code == 422 and missing.json()["error"] == "occurred_at is required"
    bad_uuid = await client.post(V1, json=event("not-a-uuid"), headers=bearer(hub.hub_key))
    assert bad_uuid.status_code == 422 and "widget_id" in bad_uuid.json()["error"]
    garbage = await client.post(V1, content=b"{oops", headers={**bearer(hub.hub_key), "content-type": "application/json"})
    assert garbage.status_code == 422 and set(garbage.json()) == {"error", "help"}


async def test_unknown_widget(client):
    hub, _ = await _setup(client)
    response = await client.post(V1, json=event(str(uuid.uuid4())), headers=bearer(hub.hub_key))
    assert response.status_code == 422 and "not found" in response.json()["error"]
