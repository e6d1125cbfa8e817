"""Public registries, the live OpenAPI 3.1 document, and the admin endpoints."""

from __future__ import annotations

from openapi_spec_validator import validate

from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for

FRAMEWORK_EVENTS = {"viewed", "focused", "clicked", "submitted", "abandoned", "retried", "failed", "commented",
                    "flagged_confusing", "flagged_helpful", "blocked_by_policy", "escalated",
                    "accepted_recommendation", "rejected_recommendation"}


async def test_public_registries(client):
    events = (await client.get("/api/v2/event-types")).json()["data"]
    assert {e["name"] for e in events} == FRAMEWORK_EVENTS
    assert all(e["status"] == "active" and e["owner_hub_id"] is None for e in events)
    for path in ("widget-types", "annotation-categories", "policy-scopes"):
        response = await client.get(f"/api/v2/{path}")
        assert response.status_code == 200 and response.json()["data"]
    contract = (await client.get("/api/v2/contract")).json()
    assert contract["contract_version"] == "1.0" and contract["status"] == "active"


async def test_openapi_is_valid_31_with_live_enums(client):
    hub = await make_hub(client)
    document = (await client.get("/api/v2/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    event_in = document["components"]["schemas"]["EventIn"]["properties"]["event_type"]
    assert set(event_in["enum"]) == FRAMEWORK_EVENTS | {"shop_started"}
    assert "button" in document["components"]["schemas"]["WidgetIn"]["properties"]["widget_type"]["enum"]
    assert "confusing" in document["components"]["schemas"]["AnnotationIn"]["properties"]["category"]["enum"]
    for path in ("/api/v2/token", "/api/v2/widgets", "/api/v2/interaction-events", "/api/v2/interaction-events/batch",
                 "/api/v2/annotations", "/api/v2/requirement-candidates", "/api/v2/decision-records",
                 "/api/v2/deployment-records", "/api/v2/outcome-signals", "/api/v2/event-types",
                 "/api/v2/widget-types", "/api/v2/annotation-categories"):
        assert path in document["paths"], path

    added = await client.post("/api/v2/admin/registry/event-types", json={"name": "zoomed", "description": "Zoom"},
                              headers={"X-API-Key": hub.admin_key})
    assert added.status_code == 201 and added.json()["name"] == "zoomed"
    again = (await client.get("/api/v2/openapi.json")).json()
    assert "zoomed" in again["components"]["schemas"]["EventIn"]["properties"]["event_type"]["enum"]
    query_param = next(p for p in again["paths"]["/api/v2/interaction-events"]["get"]["parameters"]
                       if p["name"] == "event_type")
    assert "zoomed" in str(query_param["schema"])
    # ... and the new type is accepted at once
    token = await token_for(client, hub)
    widget = await make_widget(client, token)
    assert (await client.post("/api/v2/interaction-events", json=event(widget, "zoomed"),
                              headers=bearer(token))).status_code == 201


async def test_swagger_ui(client):
    page = await client.get("/api/v2/docs")
    assert page.status_code == 200 and "/api/v2/openapi.json" in page.text


async def test_admin_endpoints_need_admin(client):
    hub = await make_hub(client)
    anonymous = await client.post("/api/v2/admin/hubs", json={"slug": "x1", "name": "X"})
    assert anonymous.status_code == 401
    reader = await client.post("/api/v2/admin/hubs", json={"slug": "x1", "name": "X"},
                               headers={"X-API-Key": hub.reader_key})
    assert reader.status_code == 403 and reader.json()["required_scope"] == "admin"


async def test_admin_hub_manifest_client_and_registry(client):
    hub = await make_hub(client)
    admin = {"X-API-Key": hub.admin_key}
    created = await client.post("/api/v2/admin/hubs", json={"slug": "news", "name": "News"}, headers=admin)
    assert created.status_code == 201 and created.json()["api_key"].startswith("hub_")
    duplicate = await client.post("/api/v2/admin/hubs", json={"slug": "news", "name": "News"}, headers=admin)
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "conflict"
    bad_slug = await client.post("/api/v2/admin/hubs", json={"slug": "Not A Slug", "name": "x"}, headers=admin)
    assert bad_slug.status_code == 422 and bad_slug.json()["errors"][0]["field"] == "slug"

    manifest = await client.post("/api/v2/admin/hubs/news/manifests",
                                 json={"event_types": ["article_read"], "widget_types": ["article"]}, headers=admin)
    assert manifest.status_code == 201 and manifest.json()["version"] == 1
    types = {e["name"]: e for e in (await client.get("/api/v2/event-types")).json()["data"]}
    assert types["article_read"]["owner_hub_id"] == created.json()["hub_id"]
    second = await client.post("/api/v2/admin/hubs/news/manifests", json={}, headers=admin)
    assert second.json()["version"] == 2
    retired = await client.delete("/api/v2/admin/hubs/news/manifests/active", headers=admin)
    assert [m["version"] for m in retired.json()["retired"]] == [2]
    assert (await client.post("/api/v2/admin/hubs/ghost/manifests", json={}, headers=admin)).status_code == 404

    oauth = await client.post("/api/v2/admin/clients", json={"name": "feed", "hub": "news"}, headers=admin)
    assert oauth.status_code == 201 and set(oauth.json()) == {"client_id", "client_secret", "scopes"}
    bad_scope = await client.post("/api/v2/admin/clients", json={"name": "f", "scopes": "root"}, headers=admin)
    assert bad_scope.status_code == 400 and "Unknown scopes" in bad_scope.json()["message"]
    dup_entry = await client.post("/api/v2/admin/registry/event-types", json={"name": "clicked"}, headers=admin)
    assert dup_entry.status_code == 409
    unknown = await client.post("/api/v2/admin/registry/colours", json={"name": "red"}, headers=admin)
    assert unknown.status_code == 404
    assert (await client.post("/api/v2/admin/keys/not-a-uuid/revoke", headers=admin)).status_code == 404
