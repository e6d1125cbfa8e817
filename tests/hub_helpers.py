"""Setting up hubs, clients, keys and widgets for the interaction hub tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from app.auth import scopes as sc
from app.auth.principal import Principal
from app.context import RequestContext, in_transaction
from app.domains.identity import service as identity
from app.domains.interactions import hubs

ADMIN = Principal(kind="system", id="tests", scopes=frozenset({sc.ADMIN}))


@dataclass
class HubSetup:
    slug: str
    hub_key: str
    client_id: str
    client_secret: str
    admin_key: str
    reader_key: str


async def as_admin(client: httpx.AsyncClient, action) -> Any:  # noqa: ANN001
    return await in_transaction(client.app.state.runtime, action, principal=ADMIN)  # type: ignore[attr-defined]


async def make_hub(client: httpx.AsyncClient, slug: str = "shop", *, manifest: bool = True,
                   client_scopes: str | None = None) -> HubSetup:
    async def action(ctx: RequestContext) -> HubSetup:
        made = await hubs.create_hub(ctx, {"slug": slug, "name": slug.title()})
        if manifest:
            await hubs.publish_manifest(ctx, slug, {"event_types": [f"{slug.replace('-', '_')}_started"]})
        oauth = await identity.create_client(ctx, name=f"{slug}-adapter", hub=slug, scopes=client_scopes)
        admin = await identity.create_key(ctx, name=f"{slug}-admin", scopes="admin")
        reader = await identity.create_key(ctx, name=f"{slug}-reader", scopes="hub:read", hub=slug)
        return HubSetup(slug, made.api_key, oauth.consumer.client_id, oauth.client_secret, admin.api_key, reader.api_key)

    return await as_admin(client, action)


async def token_for(client: httpx.AsyncClient, setup: HubSetup, scope: str | None = None) -> str:
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    response = await client.post("/api/v2/token", data=data, auth=(setup.client_id, setup.client_secret))
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def make_widget(client: httpx.AsyncClient, token: str, name: str = "pay-button", widget_type: str = "button") -> str:
    response = await client.post("/api/v2/widgets", json={"name": name, "widget_type": widget_type}, headers=bearer(token))
    assert response.status_code in (200, 201), response.text
    return response.json()["id"]


def event(widget_id: str, event_type: str = "clicked", at: str = "2026-01-01T10:00:00Z", **extra: Any) -> dict[str, Any]:
    return {"widget_id": widget_id, "event_type": event_type, "occurred_at": at, **extra}
