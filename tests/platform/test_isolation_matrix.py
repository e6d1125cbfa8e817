"""Tenants stay apart: each credential kind, bound to one tenant, tries another tenant's resources for
read and write, over REST and GraphQL, and is refused in the surface's own shape; nothing is stored."""

from __future__ import annotations

from sqlalchemy import func, select

from app.auth.tokens import user_token
from app.domains.interactions.models import Annotation, InteractionEvent
from tests.delivery.helpers import PROJECT, key_for, make_org
from tests.helpers import graphql
from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for

V1_REFUSAL = {"error": "Authorization: Bearer <hub-api-key> required"}


async def _world(client):  # noqa: ANN202
    shop, blog = await make_hub(client, "shop"), await make_hub(client, "blog")
    blog_widget = await make_widget(client, await token_for(client, blog), name="search-box", widget_type="search")
    acme_id, acme_member = await make_org(client, "acme")
    globex_id, _ = await make_org(client, "globex")
    globex_project = await client.post(f"/v1/organizations/{globex_id}/projects", json=PROJECT,
                                       headers=(await make_org(client, "globex-admin"))[1] | {})
    runtime = client.app.state.runtime
    await runtime.keyring.ensure_loaded()
    return {
        "shop": shop, "blog_widget": blog_widget, "acme_id": acme_id, "globex_id": globex_id,
        "hub_credentials": {
            "v1 hub key": bearer(shop.hub_key),
            "oauth token": bearer(await token_for(client, shop)),
            "api key": {"X-API-Key": (await _hub_write_key(client, shop))},
            "delivery token": acme_member,
            "delivery key": await key_for(client, "acme", ["organizations:read", "projects:write"]),
            "user token": bearer(user_token(runtime, user_id="77", username="mallory")),
        },
        "org_credentials": {
            "delivery token": acme_member,
            "delivery key": await key_for(client, "acme", ["organizations:read", "projects:read", "projects:write"]),
            "v1 hub key": bearer(shop.hub_key),
            "oauth token": bearer(await token_for(client, shop)),
            "api key": {"X-API-Key": shop.reader_key},
            "admin": {"X-API-Key": shop.admin_key},
            "user token": bearer(user_token(runtime, user_id="77", username="mallory")),
        },
        "globex_project": globex_project,
    }


async def _hub_write_key(client, setup) -> str:  # noqa: ANN001
    made = await client.post("/api/v2/admin/keys", headers={"X-API-Key": setup.admin_key},
                             json={"name": "shop-writer", "hub": setup.slug})
    assert made.status_code == 201, made.text
    return made.json()["api_key"]


async def _count(client, model) -> int:  # noqa: ANN001
    async with client.app.state.runtime.db.sessionmaker() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_hub_credentials_cannot_reach_another_hub(client):
    w = await _world(client)
    blog_widget = w["blog_widget"]
    events_before, annotations_before = await _count(client, InteractionEvent), await _count(client, Annotation)
    for name, headers in w["hub_credentials"].items():
        # v1 write: only a hub key may use v1, and only for its own hub's widgets; always v1's 401 shape
        v1 = await client.post("/api/v1/interaction-events", json=event(blog_widget), headers=headers)
        assert (v1.status_code, v1.json()) == (401, V1_REFUSAL), (name, v1.text)
        # v2 writes: refused with {code, message}
        for path, body in (("/api/v2/interaction-events", event(blog_widget)),
                           ("/api/v2/interaction-events/batch", {"events": [event(blog_widget)]}),
                           ("/api/v2/annotations", {"widget_id": blog_widget, "category": "confusing", "body": "x"}),
                           ("/api/v2/widgets", {"name": "planted", "widget_type": "button", "hub": "blog"})):
            response = await client.post(path, json=body, headers=headers)
            body_out = response.json()
            if path.endswith("/batch") and response.status_code == 200:
                assert body_out["created"] == 0 and body_out["results"][0]["error"]["code"] in (
                    "forbidden", "insufficient_scope"), (name, body_out)
                continue
            assert response.status_code in (401, 403, 422), (name, path, response.text)
            assert {"code", "message"} <= set(body_out), (name, path, body_out)
        # v2 read of the other hub
        read = await client.get("/api/v2/interaction-events", params={"hub": "blog"}, headers=headers)
        assert read.status_code in (401, 403), (name, read.text)
        assert {"code", "message"} <= set(read.json())
        # GraphQL: a write and a read, refused with extensions.code, nothing returned
        written = await graphql(client, """mutation($w: UUID!) { submitInteractionEvent(input: {widgetId: $w,
            eventType: "clicked", occurredAt: "2026-01-01T10:00:00Z"}) { id } }""", {"w": blog_widget}, **headers)
        assert written.get("data") is None and written["errors"][0]["extensions"]["code"].lower() in (
            "forbidden", "insufficient_scope", "unauthenticated", "unauthorized"), (name, written)
        listed = await graphql(client, '{ interactionEvents(hub: "blog") { edges { node { id } } } }', **headers)
        assert listed.get("data") is None and listed["errors"], (name, listed)
    assert await _count(client, InteractionEvent) == events_before
    assert await _count(client, Annotation) == annotations_before


async def test_credentials_cannot_reach_another_organization(client):
    w = await _world(client)
    globex = w["globex_id"]
    assert w["globex_project"].status_code == 404  # even an org's own admin token cannot create in another org
    for name, headers in w["org_credentials"].items():
        for method, path, body in (("GET", f"/v1/organizations/{globex}", None),
                                   ("GET", f"/v1/organizations/{globex}/projects", None),
                                   ("POST", f"/v1/organizations/{globex}/projects", PROJECT)):
            response = await client.request(method, path, json=body, headers=headers)
            assert response.status_code in (401, 403, 404), (name, method, path, response.text)
            out = response.json()
            assert out["success"] is False and {"code", "message"} <= set(out["error"]), (name, out)
        listed = await client.get("/v1/organizations", headers=headers)
        if listed.status_code == 200:
            assert globex not in {o["id"] for o in listed.json()["data"]}, name
        else:
            assert listed.json()["success"] is False
    assert (await client.get(f"/v1/organizations/{w['acme_id']}", headers=w["org_credentials"]["delivery key"])
            ).status_code == 200  # the same credentials do reach their own organization


async def test_hub_credentials_reach_their_own_hub(client):
    """The refusals above are about tenancy, not broken credentials: the same kinds work at home."""
    w = await _world(client)
    shop = w["shop"]
    own_widget = await make_widget(client, await token_for(client, shop))
    for name in ("v1 hub key", "oauth token", "api key"):
        headers = w["hub_credentials"][name]
        path = "/api/v1/interaction-events" if name == "v1 hub key" else "/api/v2/interaction-events"
        response = await client.post(path, json=event(own_widget), headers=headers)
        assert response.status_code == 201, (name, response.text)
