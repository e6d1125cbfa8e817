"""The v2 batch endpoint item by item: every kind of rejection, duplicates and what is stored."""

from __future__ import annotations

import uuid

from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for

EVENTS = "/api/v2/interaction-events"


async def _writer(client, slug="shop"):
    hub = await make_hub(client, slug)
    token = await token_for(client, hub)
    return hub, token, await make_widget(client, token)


def _without_ids(results: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "id"} for r in results]


async def test_mixed_batch_gives_each_item_its_result(client):
    hub, token, widget = await _writer(client)
    _, blog_token, blog_widget = await _writer(client, "blog")
    retired = await make_widget(client, token, name="old-button")
    await client.post("/api/v2/widgets", json={"name": "old-button", "widget_type": "button", "status": "deprecated"},
                      headers=bearer(token))
    stored = await client.post(EVENTS, json=event(widget, client_event_id="seen-before"), headers=bearer(token))
    assert stored.status_code == 201
    actor = str(uuid.uuid4())
    unknown = str(uuid.uuid4())
    items = [
        event(widget, "viewed", "2026-01-01T10:00:00Z", actor_id=actor, actor_type="agent", metadata={"step": 2},
              view_context_ref="/checkout", client_event_id="c-1"),   # 0 created
        event(widget, "teleported"),                                    # 1 unregistered event type
        event(unknown),                                                 # 2 unknown widget
        {"widget_id": widget, "event_type": "clicked"},                 # 3 contract: occurred_at required
        event(widget, actor_type="robot"),                              # 4 contract: actor type
        event(widget, metadata=[1, 2]),                                 # 5 contract: metadata not an object
        event(widget, metadata={"blob": "x" * 20_000}),                 # 6 contract: metadata too large
        event("nope", at="yesterday"),                                  # 7 schema errors
        {},                                                             # 8 contract: nothing given
        event(widget, client_event_id="c-1"),                           # 9 duplicate of item 0
        event(widget, client_event_id="seen-before"),                   # 10 duplicate of a stored event
        event(retired),                                                 # 11 deprecated widget
        event(blog_widget),                                             # 12 another hub's widget
        event(widget, "shop_started", "2026-01-01T12:30:00", actor_type="user", metadata={"k": [1, "é", None]},
              view_context_ref="/cart"),                                # 13 created (manifest type, naive time)
        event(widget, "clicked", "2026-01-01T13:00:00+02:00"),          # 14 created (offset time)
    ]
    response = await client.post(f"{EVENTS}/batch", json={"events": items}, headers=bearer(token))
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["duplicates"], body["rejected"]) == (3, 2, 10)
    results = body["results"]
    assert [r["index"] for r in results] == list(range(len(items)))
    assert _without_ids(results) == [
        {"index": 0, "status": "created", "error": None},
        {"index": 1, "status": "rejected", "error": {
            "code": "unregistered_event_type", "message": "event_type 'teleported' not registered",
            "registry": "/api/v2/event-types",
            "help": "Register this event type via the Type Registry admin UI or hub capability manifest before submitting."}},
        {"index": 2, "status": "rejected", "error": {
            "code": "unknown_widget", "message": f"widget_id '{unknown}' not found",
            "help": "Register the widget (POST /api/v2/widgets) before submitting events for it."}},
        {"index": 3, "status": "rejected", "error": {
            "code": "contract_violation", "message": "occurred_at is required", "field": "occurred_at",
            "help": "See the active interaction reporting contract (GET /api/v2/contract)."}},
        {"index": 4, "status": "rejected", "error": {
            "code": "contract_violation", "message": "actor_type 'robot' is not one of user, agent, automation, external_adapter",
            "field": "actor_type", "help": "See the active interaction reporting contract (GET /api/v2/contract)."}},
        {"index": 5, "status": "rejected", "error": {
            "code": "contract_violation", "message": "metadata must be a JSON object", "field": "metadata",
            "help": "See the active interaction reporting contract (GET /api/v2/contract)."}},
        {"index": 6, "status": "rejected", "error": {
            "code": "contract_violation", "message": "metadata is larger than 16384 bytes", "field": "metadata",
            "help": "See the active interaction reporting contract (GET /api/v2/contract)."}},
        {"index": 7, "status": "rejected", "error": results[7]["error"]},
        {"index": 8, "status": "rejected", "error": {
            "code": "contract_violation", "message": "widget_id is required", "field": "widget_id",
            "help": "See the active interaction reporting contract (GET /api/v2/contract)."}},
        {"index": 9, "status": "duplicate", "error": None},
        {"index": 10, "status": "duplicate", "error": None},
        {"index": 11, "status": "rejected", "error": {"code": "forbidden", "message": f"Widget {retired} is deprecated"}},
        {"index": 12, "status": "rejected", "error": results[12]["error"]},
        {"index": 13, "status": "created", "error": None},
        {"index": 14, "status": "created", "error": None},
    ]
    schema_error = results[7]["error"]
    assert schema_error["code"] == "invalid_request"
    assert {e["field"] for e in schema_error["errors"]} == {"widget_id", "occurred_at"}
    assert results[12]["error"]["code"] == "forbidden"
    assert all(r["id"] is None for r in results if r["status"] == "rejected")
    assert results[9]["id"] == results[0]["id"]
    assert results[10]["id"] == stored.json()["id"]

    listed = (await client.get(EVENTS, params={"limit": 10}, headers={"X-API-Key": hub.reader_key})).json()["data"]
    by_id = {e["id"]: e for e in listed}
    assert set(by_id) == {stored.json()["id"], results[0]["id"], results[13]["id"], results[14]["id"]}
    first = by_id[results[0]["id"]]
    assert {k: first[k] for k in ("widget_id", "event_type", "occurred_at", "actor_id", "actor_type", "metadata",
                                  "view_context_ref", "client_event_id")} == {
        "widget_id": widget, "event_type": "viewed", "occurred_at": "2026-01-01T10:00:00Z", "actor_id": actor,
        "actor_type": "agent", "metadata": {"step": 2}, "view_context_ref": "/checkout", "client_event_id": "c-1"}
    no_client_id = by_id[results[13]["id"]]
    assert {k: no_client_id[k] for k in ("occurred_at", "actor_type", "metadata", "view_context_ref", "client_event_id")} == {
        "occurred_at": "2026-01-01T12:30:00Z", "actor_type": "user", "metadata": {"k": [1, "é", None]},
        "view_context_ref": "/cart", "client_event_id": None}
    assert by_id[results[14]["id"]]["occurred_at"] == "2026-01-01T11:00:00Z"
    assert by_id[results[14]["id"]]["metadata"] is None and by_id[results[14]["id"]]["client_event_id"] is None
    assert {e["hub_id"] for e in listed} == {first["hub_id"]}


async def test_a_full_batch_is_stored_whole(client):
    hub, token, widget = await _writer(client)
    items = [event(widget, "clicked", f"2026-01-01T{i // 60 % 24:02d}:{i % 60:02d}:00Z") for i in range(1000)]
    items[500] = event(widget, "clicked", client_event_id="half-way")
    response = await client.post(f"{EVENTS}/batch", json={"events": items}, headers=bearer(token))
    body = response.json()
    assert (body["created"], body["duplicates"], body["rejected"]) == (1000, 0, 0)
    ids = [r["id"] for r in body["results"]]
    assert len(set(ids)) == 1000
    total = 0
    cursor = None
    while True:
        params = {"limit": 500} | ({"cursor": cursor} if cursor else {})
        page = (await client.get(EVENTS, params=params, headers={"X-API-Key": hub.reader_key})).json()
        total += len(page["data"])
        if not page["has_more"]:
            break
        cursor = page["next_cursor"]
    assert total == 1000
    again = (await client.post(f"{EVENTS}/batch", json={"events": [items[500], items[0]]}, headers=bearer(token))).json()
    assert [r["status"] for r in again["results"]] == ["duplicate", "created"]
    assert again["results"][0]["id"] == ids[500]


async def test_a_hub_key_batch_goes_to_the_hub_of_the_key(client):
    hub, token, widget = await _writer(client)
    response = await client.post(f"{EVENTS}/batch", json={"events": [event(widget), event(widget, "nope")]},
                                 headers={"X-API-Key": hub.admin_key})
    body = response.json()
    assert [r["status"] for r in body["results"]] == ["created", "rejected"]


async def test_a_row_the_database_refuses_is_a_conflict(client):
    """A contract that allows an actor type the table's check constraint does not: the store refuses the
    batch, and the caller gets the same 409 whichever way the rows are written."""
    from sqlalchemy import update

    from app.domains.interactions.models import InteractionReportingContract
    from tests.hub_helpers import as_admin

    hub, token, widget = await _writer(client)

    async def allow_service(ctx):
        await ctx.session.execute(update(InteractionReportingContract).values(
            actor_types=["user", "agent", "automation", "external_adapter", "service"]))

    await as_admin(client, allow_service)
    for extra in ({}, {"client_event_id": "svc-1"}):
        items = [event(widget), event(widget, actor_type="service", **extra)]
        response = await client.post(f"{EVENTS}/batch", json={"events": items}, headers=bearer(token))
        assert response.status_code == 409 and response.json()["code"] == "conflict", response.text
    listed = (await client.get(EVENTS, headers={"X-API-Key": hub.reader_key})).json()["data"]
    assert listed == []
