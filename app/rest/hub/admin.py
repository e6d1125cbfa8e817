"""Admin operations over REST (the `crossway` command offers the same): hubs, manifests,
OAuth clients, API keys and registry entries. All need the `admin` scope."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from app.auth import scopes as sc
from app.context import RequestContext
from app.domains.identity import service as identity
from app.domains.interactions import hubs, views
from app.domains.interactions.shapes import HubIn, ManifestIn, RegistryEntryIn, RegistryEntryOut
from app.errors import NotFound
from app.rest.endpoint import Call
from app.rest.hub.catalogue import REGISTRY_PATHS
from app.rest.hub.family import hub_v2, v2_security
from app.rest.responses import json_response

ADMIN = v2_security(sc.ADMIN)
ERRORS = {401: "unauthorized", 403: "insufficient_scope", 409: "conflict", 422: "invalid_request"}


class HubCreated(BaseModel):
    hub_id: uuid.UUID
    slug: str
    name: str
    api_key: str = Field(description="The hub's v1 key. Shown once; only its hash is stored.")


class ManifestOut(BaseModel):
    id: uuid.UUID
    hub_id: uuid.UUID
    version: int
    status: str
    event_types: list[str]
    widget_types: list[str]
    created_at: datetime


class ClientIn(BaseModel):
    name: str = Field(min_length=1, max_length=255)
    hub: str | None = None
    scopes: str | None = Field(None, description="Space-separated; default: the hub scopes, or hub:read")
    rate_per_minute: int | None = Field(None, ge=1)
    daily_quota: int | None = Field(None, ge=1)


class ClientCreated(BaseModel):
    client_id: str
    client_secret: str = Field(description="Shown once; only its hash is stored.")
    scopes: str


class KeyIn(ClientIn):
    pass


class KeyCreated(BaseModel):
    key_id: uuid.UUID
    key_prefix: str
    api_key: str = Field(description="Shown once; only its hash is stored.")
    scopes: str


class KeyRevoked(BaseModel):
    key_id: uuid.UUID
    revoked_at: datetime


def manifest_view(manifest) -> ManifestOut:  # noqa: ANN001
    return ManifestOut.model_validate(manifest, from_attributes=True)


@hub_v2.endpoint("POST", "/api/v2/admin/hubs", body=HubIn, raw_body=True, tags=["admin"], security=ADMIN,
                 responses={201: HubCreated, **ERRORS})
async def create_hub(ctx: RequestContext, call: Call):
    """Create a hub and its v1 key."""
    made = await hubs.create_hub(ctx, call.body)
    return json_response(HubCreated(hub_id=made.hub.id, slug=made.hub.slug, name=made.hub.name,
                                    api_key=made.api_key), 201)


@hub_v2.endpoint("POST", "/api/v2/admin/hubs/{slug}/manifests", body=ManifestIn, raw_body=True, tags=["admin"],
                 security=ADMIN, responses={201: ManifestOut, 404: "unknown hub", **ERRORS})
async def publish_manifest(ctx: RequestContext, call: Call):
    """Publish a new active capability manifest (the previous one retires)."""
    return json_response(manifest_view(await hubs.publish_manifest(ctx, call.path("slug"), call.body)), 201)


@hub_v2.endpoint("DELETE", "/api/v2/admin/hubs/{slug}/manifests/active", tags=["admin"], security=ADMIN,
                 responses={200: "{retired: [manifest]}", 404: "unknown hub", **ERRORS})
async def retire_manifest(ctx: RequestContext, call: Call):
    """Retire the hub's active manifest: its clients and keys lose their hub:*:write scopes."""
    retired = await hubs.retire_manifest(ctx, call.path("slug"))
    return json_response({"retired": [manifest_view(m) for m in retired]})


@hub_v2.endpoint("POST", "/api/v2/admin/clients", body=ClientIn, tags=["admin"], security=ADMIN,
                 responses={201: ClientCreated, **ERRORS})
async def create_client(ctx: RequestContext, call: Call):
    """Create an OAuth client (client credentials); the secret is shown once."""
    body: ClientIn = call.body
    made = await identity.create_client(ctx, name=body.name, hub=body.hub, scopes=body.scopes,
                                        rate_per_minute=body.rate_per_minute, daily_quota=body.daily_quota)
    return json_response(ClientCreated(client_id=made.consumer.client_id, client_secret=made.client_secret,
                                       scopes=made.consumer.scopes), 201)


@hub_v2.endpoint("POST", "/api/v2/admin/keys", body=KeyIn, tags=["admin"], security=ADMIN,
                 responses={201: KeyCreated, **ERRORS})
async def create_key(ctx: RequestContext, call: Call):
    """Create an API key; the key is shown once."""
    body: KeyIn = call.body
    made = await identity.create_key(ctx, name=body.name, hub=body.hub, scopes=body.scopes,
                                     rate_per_minute=body.rate_per_minute, daily_quota=body.daily_quota)
    return json_response(KeyCreated(key_id=made.key.id, key_prefix=made.key.key_prefix, api_key=made.api_key,
                                    scopes=made.key.scopes), 201)


@hub_v2.endpoint("POST", "/api/v2/admin/keys/{key_id}/revoke", tags=["admin"], security=ADMIN,
                 responses={200: KeyRevoked, 404: "unknown key", **ERRORS})
async def revoke_key(ctx: RequestContext, call: Call):
    """Revoke an API key; it stops working at once."""
    key = await identity.revoke_key(ctx, call.path("key_id"))
    return json_response(KeyRevoked(key_id=key.id, revoked_at=key.revoked_at))


@hub_v2.endpoint("POST", "/api/v2/admin/registry/{registry}", body=RegistryEntryIn, raw_body=True, tags=["admin"],
                 security=ADMIN, responses={201: RegistryEntryOut, 404: "unknown registry", **ERRORS})
async def add_registry_entry(ctx: RequestContext, call: Call):
    """Register an event type, widget type, annotation category or policy scope
    (`registry`: event-types, widget-types, annotation-categories, policy-scopes)."""
    kind = REGISTRY_PATHS.get(call.path("registry"))
    if kind is None:
        raise NotFound(f"Unknown registry '{call.path('registry')}'. Known: {', '.join(REGISTRY_PATHS)}")
    return json_response(views.registry_view(await hubs.add_registry_entry(ctx, kind, call.body)), 201)
