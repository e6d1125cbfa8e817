"""v2 events, batches, annotations and widgets: validation, idempotency, visibility, listings."""

from __future__ import annotations

import uuid

from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for

EVENTS = "/api/v2/interaction-events"


async def _writer(client, slug="shop"):
    hub = await make_hub(client, slug)
    token = await token_for(client, hub)
    return hub, token, await make_widget(client, token)


async def test_single_event_and_its_shape(client):
    _, token, widget = await _writer(client)
    response = await client.post(EVENTS, json=event(widget, actor_type="user", metadata={"k": 1}), headers=bearer(token))
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "widget_id", "hub_id", "event_type", "occurred_at", "received_at", "actor_id",
                         "actor_type", "view_context_ref", "metadata", "client_event_id"}
    assert body["metadata"] == {"k": 1} and body["actor_type"] == "user"


async def test_unregistered_values_name_their_registry(client):
    _, token, widget = await _writer(client)
    bad_event = await client.post(EVENTS, json=event(widget, "teleported"), headers=bearer(token))
    assert bad_event.status_code == 422
    assert {k: bad_event.json()[k] for k in ("code", "registry")} == {
        "code": "unregistered_event_type", "registry": "/api/v2/event-types"}
    assert "teleported" in bad_event.json()["message"]
    bad_category = await client.post("/api/v2/annotations", json={"widget_id": widget, "category": "rant"},
                                     headers=bearer(token))
    assert bad_category.status_code == 422
    assert bad_category.json()["registry"] == "/api/v2/annotation-categories"
    assert bad_category.json()["code"] == "unregistered_category"
    bad_widget = await client.post("/api/v2/widgets", json={"name": "x", "widget_type": "hologram"}, headers=bearer(token))
    assert bad_widget.status_code == 422
    assert (bad_widget.json()["code"], bad_widget.json()["registry"]) == ("unregistered_widget_type", "/api/v2/widget-types")


async def test_manifest_declared_types_are_registered(client):
    _, token, widget = await _writer(client)
    assert (await client.post(EVENTS, json=event(widget, "shop_started"), headers=bearer(token))).status_code == 201


async def test_field_errors_are_listed(client):
    _, token, widget = await _writer(client)
    response = await client.post(EVENTS, json={"widget_id": "nope", "event_type": "clicked", "occurred_at": "yesterday"},
                                 headers=bearer(token))
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"
    assert {e["field"] for e in response.json()["errors"]} == {"widget_id", "occurred_at"}


async def test_retry_with_client_event_id_is_a_no_op(client):
    _, token, widget = await _writer(client)
    first = await client.post(EVENTS, json=event(widget, client_event_id="evt-1"), headers=bearer(token))
    again = await client.post(EVENTS, json=event(widget, client_event_id="evt-1"), headers=bearer(token))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    header_first = await client.post(EVENTS, json=event(widget), headers={**bearer(token), "Idempotency-Key": "k-9"})
    header_again = await client.post(EVENTS, json=event(widget), headers={**bearer(token), "Idempotency-Key": "k-9"})
    assert header_again.status_code == 200 and header_again.json()["id"] == header_first.json()["id"]
    listed = (await client.get(EVENTS, headers=bearer(token))).json()["data"]
    assert len(listed) == 2


async def test_batch_reports_each_item(client):
    _, token, widget = await _writer(client)
    items = [event(widget, "viewed", client_event_id="b-1"), event(widget, "nope"), event(str(uuid.uuid4())),
             {"widget_id": widget}, event(widget, "clicked", client_event_id="b-1")]
    response = await client.post(f"{EVENTS}/batch", json={"events": items}, headers=bearer(token))
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["duplicates"], body["rejected"]) == (1, 1, 3)
    statuses = [r["status"] for r in body["results"]]
    assert statuses == ["created", "rejected", "rejected", "rejected", "duplicate"]
    assert body["results"][1]["error"]["code"] == "unregistered_event_type"
    assert body["results"][2]["error"]["code"] == "unknown_widget"
    assert body["results"][4]["id"] == body["results"][0]["id"]


async def test_batch_retry_with_idempotency_key(client):
    _, token, widget = await _writer(client)
    items = [event(widget, "viewed", at=f"2026-01-01T10:00:{i:02d}Z") for i in range(50)]
    headers = {**bearer(token), "Idempotency-Key": "upload-7"}
    first = (await client.post(f"{EVENTS}/batch", json={"events": items}, headers=headers)).json()
    again = (await client.post(f"{EVENTS}/batch", json={"events": items}, headers=headers)).json()
    assert (first["created"], again["created"], again["duplicates"]) == (50, 0, 50)


async def test_batch_size_is_capped(client):
    _, token, widget = await _writer(client)
    too_many = await client.post(f"{EVENTS}/batch", json={"events": [event(widget)] * 1001}, headers=bearer(token))
    assert too_many.status_code == 422 and too_many.json()["code"] == "invalid_request"
    empty = await client.post(f"{EVENTS}/batch", json={"events": []}, headers=bearer(token))
    assert empty.status_code == 422


async def test_listing_filters_and_pages(client):
    hub, token, widget = await _writer(client)
    other = await make_widget(client, token, name="search-box", widget_type="search")
    actor = str(uuid.uuid4())
    for minute in range(5):
        await client.post(EVENTS, json=event(widget, "clicked", f"2026-01-01T10:0{minute}:00Z", actor_id=actor),
                          headers=bearer(token))
    await client.post(EVENTS, json=event(other, "viewed", "2026-01-01T11:00:00Z"), headers=bearer(token))

    seen, cursor = [], None
    while True:
        params = {"limit": 2, "widget_id": widget} | ({"cursor": cursor} if cursor else {})
        page = (await client.get(EVENTS, params=params, headers={"X-API-Key": hub.reader_key})).json()
        seen += [e["occurred_at"] for e in page["data"]]
        if not page["has_more"]:
            break
        cursor = page["next_cursor"]
    assert seen == [f"2026-01-01T10:0{m}:00Z" for m in range(4, -1, -1)]

    def count(**params):
        return client.get(EVENTS, params=params, headers={"X-API-Key": hub.reader_key})

    assert len((await count(event_type="viewed")).json()["data"]) == 1
    assert len((await count(actor_id=actor)).json()["data"]) == 5
    window = (await count(since="2026-01-01T10:01:00Z", until="2026-01-01T10:03:00Z")).json()["data"]
    assert [e["occurred_at"] for e in window] == ["2026-01-01T10:02:00Z", "2026-01-01T10:01:00Z"]
    assert (await count(limit=0)).status_code == 422
    assert (await count(since="not-a-date")).status_code == 422
    assert (await count(cursor="garbage")).status_code == 400


async def test_page_size_is_capped(make_client, make_settings):
    async with make_client(make_settings(page_size_max=10)) as c:
        _, token, widget = await _writer(c)
        batch = [event(widget, at=f"2026-01-01T10:00:{i:02d}Z") for i in range(15)]
        await c.post(f"{EVENTS}/batch", json={"events": batch}, headers=bearer(token))
        page = (await c.get(EVENTS, params={"limit": 100}, headers=bearer(token))).json()
    assert len(page["data"]) == 10 and page["has_more"] is True


async def test_hubs_see_and_write_only_their_own(client):
    shop, shop_token, shop_widget = await _writer(client, "shop")
    blog, blog_token, blog_widget = await _writer(client, "blog")
    await client.post(EVENTS, json=event(shop_widget), headers=bearer(shop_token))
    await client.post(EVENTS, json=event(blog_widget), headers=bearer(blog_token))
    cross = await client.post(EVENTS, json=event(blog_widget), headers=bearer(shop_token))
    assert cross.status_code == 403
    shop_view = (await client.get(EVENTS, headers=bearer(shop_token))).json()["data"]
    assert {e["widget_id"] for e in shop_view} == {shop_widget}
    assert (await client.get(EVENTS, params={"hub": "blog"}, headers=bearer(shop_token))).status_code == 403
    admin_view = (await client.get(EVENTS, headers={"X-API-Key": shop.admin_key})).json()["data"]
    assert {e["widget_id"] for e in admin_view} == {shop_widget, blog_widget}


async def test_widget_versions(client):
    _, token, widget = await _writer(client)
    same = await client.post("/api/v2/widgets", json={"name": "pay-button", "widget_type": "button"}, headers=bearer(token))
    assert same.status_code == 200 and same.json()["version"] == 1 and same.json()["id"] == widget
    changed = await client.post("/api/v2/widgets", json={"name": "pay-button", "widget_type": "form",
                                                          "policy_scope": "public"}, headers=bearer(token))
    assert changed.json()["version"] == 2 and changed.json()["widget_type"] == "form"
    listed = (await client.get("/api/v2/widgets", headers=bearer(token))).json()["data"]
    assert [(w["name"], w["version"]) for w in listed] == [("pay-button", 2)]


async def test_annotations(client):
    _, token, widget = await _writer(client)
    created = await client.post("/api/v2/annotations", json={"widget_id": widget, "category": "confusing",
                                                              "body": "Where is the total?"}, headers=bearer(token))
    assert created.status_code == 201 and created.json()["category"] == "confusing"
    listed = (await client.get("/api/v2/annotations", params={"category": "confusing"}, headers=bearer(token))).json()
    assert [a["body"] for a in listed["data"]] == ["Where is the total?"]
