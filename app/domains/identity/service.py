"""OAuth clients and API keys: created by admins, secrets shown once, keys revocable."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from app.auth import scopes as sc
from app.auth.hub_access import require_scope
from app.auth.secrets import digest, new_api_key, new_secret
from app.context import RequestContext
from app.domains.identity import audit
from app.domains.identity import repository as repo
from app.domains.identity.models import ApiConsumer, ApiKey
from app.domains.interactions.hubs import hub_named
from app.errors import Invalid, NotFound


@dataclass
class NewClient:
    consumer: ApiConsumer
    client_secret: str  # shown once


@dataclass
class NewKey:
    key: ApiKey
    api_key: str  # shown once


def _scopes(text: str | None, *, hub_bound: bool) -> frozenset[str]:
    scopes = sc.parse_scopes(text) if text else (sc.DEFAULT_HUB_SCOPES if hub_bound else frozenset({sc.HUB_READ}))
    unknown = sc.unknown_scopes(scopes)
    if unknown:
        raise Invalid(f"Unknown scopes: {', '.join(unknown)}. Known: {', '.join(sorted(sc.KNOWN_SCOPES))}")
    if not hub_bound and scopes & sc.HUB_WRITE_SCOPES:
        raise Invalid("hub:*:write scopes need a hub (--hub)")
    return scopes


async def create_client(ctx: RequestContext, *, name: str, hub: str | None = None, scopes: str | None = None,
                        rate_per_minute: int | None = None, daily_quota: int | None = None) -> NewClient:
    require_scope(ctx.principal, sc.ADMIN)
    if not name.strip():
        raise Invalid("name is required")
    hub_row = await hub_named(ctx, hub) if hub else None
    granted = _scopes(scopes, hub_bound=hub_row is not None)
    secret = new_secret()
    consumer = ApiConsumer(
        name=name.strip(), client_id="cw_" + secrets.token_hex(12), client_secret_hash=digest(secret),
        hub_id=hub_row.id if hub_row else None, scopes=" ".join(sorted(granted)),
        rate_per_minute=rate_per_minute, daily_quota=daily_quota, created_at=ctx.clock.now(),
    )
    repo.add(ctx.session, consumer)
    await repo.flush(ctx.session)
    audit.record(ctx, "create", "oauth_client", consumer.client_id, tenant=consumer.hub_id,
                 detail={"scopes": consumer.scopes})
    return NewClient(consumer, secret)


async def create_key(ctx: RequestContext, *, name: str, scopes: str | None = None, hub: str | None = None,
                     rate_per_minute: int | None = None, daily_quota: int | None = None) -> NewKey:
    require_scope(ctx.principal, sc.ADMIN)
    if not name.strip():
        raise Invalid("name is required")
    hub_row = await hub_named(ctx, hub) if hub else None
    granted = _scopes(scopes, hub_bound=hub_row is not None)
    full, prefix = new_api_key()
    key = ApiKey(name=name.strip(), hub_id=hub_row.id if hub_row else None, key_prefix=prefix, key_hash=digest(full),
                 scopes=" ".join(sorted(granted)), rate_per_minute=rate_per_minute, daily_quota=daily_quota,
                 created_at=ctx.clock.now())
    repo.add(ctx.session, key)
    await repo.flush(ctx.session)
    audit.record(ctx, "create", "api_key", key.id, tenant=key.hub_id, detail={"scopes": key.scopes, "prefix": prefix})
    return NewKey(key, full)


async def revoke_key(ctx: RequestContext, key_id: str) -> ApiKey:
    require_scope(ctx.principal, sc.ADMIN)
    try:
        ident = uuid.UUID(key_id)
    except ValueError:
        raise NotFound(f"API key {key_id} not found") from None
    key = await repo.key_by_id(ctx.session, ident)
    if key is None:
        raise NotFound(f"API key {key_id} not found")
    if key.revoked_at is None:
        key.revoked_at = ctx.clock.now()
        await repo.flush(ctx.session)
        audit.record(ctx, "revoke", "api_key", key.id, tenant=key.hub_id)
        ctx.after_commit(ctx.runtime.credentials.forget_all)
    return key
