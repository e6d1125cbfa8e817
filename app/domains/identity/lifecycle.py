"""Every credential's life after it is created: list, show, disable, enable, revoke and rotate.

Kinds: oauth_client, client_secret (an OAuth client's secret), api_key, hub_key (a hub's v1 key),
delivery_key, signing_key and user. The admin REST endpoints (app/rest/hub/admin_credentials.py) call
these functions; all need the `admin` scope. Every change is written to the audit log in the same transaction, and
clears the credential cache once it commits, so it holds at once on this instance and on every other
instance within CROSSWAY_CREDENTIAL_CACHE_SECONDS.

- disable: refused until enabled again; revoke: refused for good.
- rotate: a new secret, shown once; the previous one keeps working for CROSSWAY_ROTATION_OVERLAP_SECONDS
  (0: it stops at once). A signing key's rotation keeps the old key verifying until its tokens expire.
- A user: disable stops logins and every token; revoke refuses the tokens issued so far; rotate sets a
  new random password (shown once) and refuses the tokens issued so far.
"""

from __future__ import annotations

import secrets as random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel

from app.auth import scopes as sc
from app.auth.hub_access import require_scope
from app.auth.passwords import hash_password
from app.auth.secrets import digest, new_api_key, new_hub_key, new_secret
from app.context import RequestContext
from app.domains.delivery.keys import new_org_key
from app.domains.delivery.models import OrgApiKey
from app.domains.identity import audit
from app.domains.identity import lifecycle_repository as repo
from app.domains.identity.models import ApiConsumer, ApiKey, SigningKey, User
from app.domains.interactions.models import Hub
from app.errors import Conflict, Invalid, NotFound

KINDS = ("oauth_client", "client_secret", "api_key", "hub_key", "delivery_key", "signing_key", "user")
ACTIONS = ("disable", "enable", "revoke", "rotate")
UNSUPPORTED = {("client_secret", "disable"), ("client_secret", "enable"), ("signing_key", "enable")}


class CredentialView(BaseModel):
    """One credential as admins see it: never its secret or hash."""

    kind: str
    id: str
    name: str | None = None
    status: str  # active | rotating (replaced, in its overlap) | disabled | revoked | expired | retired
    tenant: str | None = None  # the hub or organization id it acts for
    scopes: list[str] = []
    created_at: datetime | None = None
    last_used_at: datetime | None = None
    expires_at: datetime | None = None
    overlap_ends_at: datetime | None = None  # a rotated-out previous secret works until then


@dataclass
class Changed:
    credential: CredentialView
    secret: str | None = None  # a new secret (rotate): shown once


# --- reading ---------------------------------------------------------------------------------------


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise Invalid(f"Unknown credential kind '{kind}'. Known: {', '.join(KINDS)}")


async def list_credentials(ctx: RequestContext, kind: str, *, tenant: str | None = None) -> list[CredentialView]:
    require_scope(ctx.principal, sc.ADMIN)
    _check_kind(kind)
    session, now = ctx.session, ctx.clock.now()
    tenant_id = repo._uuid(tenant) if tenant else None
    if tenant and tenant_id is None:
        raise Invalid("tenant must be a hub or organization id")
    if kind in ("oauth_client", "client_secret"):
        view = _client_view if kind == "oauth_client" else _secret_view
        return [view(row, now) for row in await repo.clients(session, tenant_id)]
    if kind == "api_key":
        return [_key_view("api_key", row, row.hub_id, now) for row in await repo.api_keys(session, tenant_id)]
    if kind == "delivery_key":
        return [_key_view("delivery_key", row, row.organization_id, now)
                for row in await repo.delivery_keys(session, tenant_id)]
    if kind == "hub_key":
        return [_hub_key_view(row, now) for row in await repo.hubs(session) if tenant_id in (None, row.id)]
    if kind == "signing_key":
        return _signing_views(ctx, await repo.signing_keys(session))
    return [_user_view(row) for row in await repo.users(session)]


async def show_credential(ctx: RequestContext, kind: str, ident: str) -> CredentialView:
    require_scope(ctx.principal, sc.ADMIN)
    _check_kind(kind)
    row = await _row(ctx, kind, ident)
    return _view(ctx, kind, row)


# --- changing --------------------------------------------------------------------------------------


async def change(ctx: RequestContext, kind: str, ident: str, action: str) -> Changed:
    """disable | enable | revoke | rotate one credential."""
    require_scope(ctx.principal, sc.ADMIN)
    _check_kind(kind)
    if action not in ACTIONS:
        raise Invalid(f"Unknown action '{action}'. Known: {', '.join(ACTIONS)}")
    if (kind, action) in UNSUPPORTED:
        raise Invalid(f"A {kind} cannot be {action}d")
    if kind == "signing_key" and action == "rotate":
        return await _rotate_signing_keys(ctx, ident)
    row = await _row(ctx, kind, ident)
    handler = _HANDLERS[kind]
    secret, detail = await handler(ctx, row, action)
    await repo.flush(ctx.session)
    row = await repo.refreshed(ctx.session, row)
    view = _view(ctx, kind, row)
    if secret is not None and kind in ("api_key", "delivery_key"):
        view = _view(ctx, kind, secret[1])  # the new key replaces the old one
        detail = {**detail, "replaces": _ident(kind, row)}
    audit.record(ctx, action, kind, view.id, tenant=view.tenant, detail=detail or None)
    ctx.after_commit(ctx.runtime.credentials.forget_all)
    if kind == "signing_key":
        ctx.after_commit(ctx.runtime.keyring.reload)
    plain = secret[0] if isinstance(secret, tuple) else secret
    return Changed(view, plain)


def _overlap(ctx: RequestContext) -> timedelta:
    return timedelta(seconds=ctx.settings.rotation_overlap_seconds)


def _lost_race(kind: str, ident: str) -> Conflict:
    return Conflict(f"{kind} {ident} changed while this request ran; try again")


async def _client(ctx: RequestContext, row: ApiConsumer, action: str) -> tuple[Any, dict[str, Any]]:
    if action == "rotate":
        return await _rotate_client_secret(ctx, row), {"overlap_seconds": ctx.settings.rotation_overlap_seconds}
    wanted = {"disable": "disabled", "enable": "active", "revoke": "revoked"}[action]
    if row.status == "revoked" and action != "revoke":
        raise Conflict(f"OAuth client {row.client_id} is revoked")
    await repo.change_if(ctx.session, ApiConsumer, [ApiConsumer.id == row.id, ApiConsumer.status != "revoked"],
                         {"status": wanted})
    return None, {"status": wanted}


async def _client_secret(ctx: RequestContext, row: ApiConsumer, action: str) -> tuple[Any, dict[str, Any]]:
    if action == "rotate":
        return await _rotate_client_secret(ctx, row), {"overlap_seconds": ctx.settings.rotation_overlap_seconds}
    # revoke: the previous secret stops working now (ends a rotation's overlap early)
    await repo.change_if(ctx.session, ApiConsumer, [ApiConsumer.id == row.id],
                         {"previous_secret_hash": None, "previous_secret_expires_at": None})
    return None, {"previous_secret": "revoked"}


async def _rotate_client_secret(ctx: RequestContext, row: ApiConsumer) -> str:
    if row.status == "revoked":
        raise Conflict(f"OAuth client {row.client_id} is revoked")
    secret, overlap = new_secret(), _overlap(ctx)
    keep = overlap.total_seconds() > 0
    changed = await repo.change_if(
        ctx.session, ApiConsumer, [ApiConsumer.id == row.id, ApiConsumer.client_secret_hash == row.client_secret_hash],
        {"client_secret_hash": digest(secret), "previous_secret_hash": row.client_secret_hash if keep else None,
         "previous_secret_expires_at": ctx.clock.now() + overlap if keep else None})
    if not changed:
        raise _lost_race("oauth_client", row.client_id)
    return secret


async def _stored_key(ctx: RequestContext, row: ApiKey | OrgApiKey, action: str) -> tuple[Any, dict[str, Any]]:
    model = type(row)
    kind = "api_key" if model is ApiKey else "delivery_key"
    now = ctx.clock.now()
    if row.revoked_at is not None and action != "revoke":
        raise Conflict(f"{kind} {row.key_prefix} is revoked")
    if action == "revoke":
        if row.revoked_at is None:
            await repo.change_if(ctx.session, model, [model.id == row.id, model.revoked_at.is_(None)], {"revoked_at": now})
        return None, {}
    if action == "disable":
        await repo.change_if(ctx.session, model, [model.id == row.id], {"disabled_at": now})
        return None, {}
    if action == "enable":
        await repo.change_if(ctx.session, model, [model.id == row.id], {"disabled_at": None})
        return None, {}
    # rotate: only the current key of its line (not one already replaced) can be rotated, and only once
    if row.expires_at is not None:
        raise Conflict(f"{kind} {row.key_prefix} was already rotated; rotate its replacement")
    overlap = _overlap(ctx)
    ends = {"expires_at": now + overlap} if overlap.total_seconds() > 0 else {"expires_at": now, "revoked_at": now}
    if not await repo.change_if(ctx.session, model, [model.id == row.id, model.expires_at.is_(None),
                                                     model.revoked_at.is_(None)], ends):
        raise _lost_race(kind, row.key_prefix)
    if model is ApiKey:
        full, prefix = new_api_key()
        fresh: Any = ApiKey(name=row.name, consumer_id=row.consumer_id, hub_id=row.hub_id, scopes=row.scopes)
    else:
        full, prefix = new_org_key()
        fresh = OrgApiKey(name=row.name, organization_id=row.organization_id, scopes=row.scopes)
    fresh.key_prefix, fresh.key_hash, fresh.created_at = prefix, digest(full), now
    fresh.rate_per_minute, fresh.daily_quota, fresh.disabled_at = row.rate_per_minute, row.daily_quota, row.disabled_at
    repo.add(ctx.session, fresh)
    return (full, fresh), {"overlap_seconds": ctx.settings.rotation_overlap_seconds}


async def _hub_key(ctx: RequestContext, row: Hub, action: str) -> tuple[Any, dict[str, Any]]:
    now = ctx.clock.now()
    if action == "revoke":
        await repo.change_if(ctx.session, Hub, [Hub.id == row.id], {"key_revoked_at": now, "previous_key_hash": None,
                                                                   "previous_key_expires_at": None})
        return None, {}
    if action in ("disable", "enable"):
        if row.key_revoked_at is not None:
            raise Conflict(f"Hub {row.slug}'s key is revoked; rotate it to issue a new one")
        await repo.change_if(ctx.session, Hub, [Hub.id == row.id], {"key_disabled_at": now if action == "disable" else None})
        return None, {}
    # rotate: a revoked key is replaced with no overlap; otherwise the old key works through the overlap
    full, prefix = new_hub_key()
    overlap = _overlap(ctx)
    keep = row.key_revoked_at is None and overlap.total_seconds() > 0
    changed = await repo.change_if(
        ctx.session, Hub, [Hub.id == row.id, Hub.api_key_hash == row.api_key_hash],
        {"api_key_hash": digest(full), "api_key_prefix": prefix, "key_revoked_at": None,
         "previous_key_hash": row.api_key_hash if keep else None,
         "previous_key_expires_at": now + overlap if keep else None})
    if not changed:
        raise _lost_race("hub_key", row.slug)
    return full, {"overlap_seconds": ctx.settings.rotation_overlap_seconds if keep else 0}


async def _rotate_signing_keys(ctx: RequestContext, ident: str) -> Changed:
    """A new signing key; every other one retires (still verifying until the tokens it signed expire).
    The key ring writes and commits the keys itself, before this request's session reads anything."""
    await ctx.runtime.keyring.ensure_loaded()
    rotated = await ctx.runtime.keyring.rotate()
    row = await _row(ctx, "signing_key", rotated["kid"])
    view = _view(ctx, "signing_key", row)
    audit.record(ctx, "rotate", "signing_key", view.id, detail={"retired": rotated["retired"], "requested": ident or None})
    ctx.after_commit(ctx.runtime.credentials.forget_all)
    return Changed(view)


async def _signing_key(ctx: RequestContext, row: SigningKey, action: str) -> tuple[Any, dict[str, Any]]:
    now = ctx.clock.now()
    if action == "disable":  # stops signing; keeps verifying until the tokens it signed expire
        await repo.change_if(ctx.session, SigningKey, [SigningKey.kid == row.kid, SigningKey.retired_at.is_(None)],
                             {"retired_at": now})
        return None, {}
    # revoke: no longer published, so nothing it signed verifies (retired longer ago than any token lives)
    gone = now - timedelta(seconds=ctx.runtime.keyring.max_token_ttl + 1)
    await repo.change_if(ctx.session, SigningKey, [SigningKey.kid == row.kid], {"retired_at": gone})
    return None, {}


async def _user(ctx: RequestContext, row: User, action: str) -> tuple[Any, dict[str, Any]]:
    now = ctx.clock.now()
    if action in ("disable", "enable"):
        await repo.change_if(ctx.session, User, [User.id == row.id], {"is_active": action == "enable", "updated_at": now})
        return None, {}
    values: dict[str, Any] = {"tokens_valid_after": now, "updated_at": now}
    password = None
    if action == "rotate":
        password = random.token_urlsafe(18)
        values["hashed_password"] = await hash_password(password)
    await repo.change_if(ctx.session, User, [User.id == row.id], values)
    return password, {"tokens_revoked": True, **({"password_reset": True} if password else {})}


_HANDLERS = {"oauth_client": _client, "client_secret": _client_secret, "api_key": _stored_key,
             "delivery_key": _stored_key, "hub_key": _hub_key, "signing_key": _signing_key, "user": _user}


# --- rows and views --------------------------------------------------------------------------------


async def _row(ctx: RequestContext, kind: str, ident: str) -> Any:
    session = ctx.session
    ident = (ident or "").strip()
    if kind in ("oauth_client", "client_secret"):
        row: Any = await repo.client(session, ident)
    elif kind == "api_key":
        row = await repo.api_key(session, ident)
    elif kind == "delivery_key":
        row = await repo.delivery_key(session, ident)
    elif kind == "hub_key":
        row = await repo.hub(session, ident)
    elif kind == "signing_key":
        row = await repo.signing_key(session, ident)
    else:
        row = await repo.user(session, ident)
    if row is None:
        raise NotFound(f"No {kind} '{ident}'")
    return row


def _ident(kind: str, row: Any) -> str:
    if kind in ("oauth_client", "client_secret"):
        return row.client_id
    if kind in ("api_key", "delivery_key"):
        return str(row.id)
    if kind == "hub_key":
        return row.slug
    if kind == "signing_key":
        return row.kid
    return str(row.id)


def _view(ctx: RequestContext, kind: str, row: Any) -> CredentialView:
    now = ctx.clock.now()
    if kind == "oauth_client":
        return _client_view(row, now)
    if kind == "client_secret":
        return _secret_view(row, now)
    if kind == "api_key":
        return _key_view(kind, row, row.hub_id, now)
    if kind == "delivery_key":
        return _key_view(kind, row, row.organization_id, now)
    if kind == "hub_key":
        return _hub_key_view(row, now)
    if kind == "signing_key":
        return next(v for v in _signing_views(ctx, [row]) if v.id == row.kid)
    return _user_view(row)


def _in_overlap(at: datetime | None, now: datetime) -> datetime | None:
    return at if at is not None and at > now else None


def _client_view(row: ApiConsumer, now: datetime) -> CredentialView:
    return CredentialView(kind="oauth_client", id=row.client_id, name=row.name, status=row.status,
                          tenant=str(row.hub_id) if row.hub_id else None, scopes=sorted(sc.parse_scopes(row.scopes)),
                          created_at=row.created_at,
                          overlap_ends_at=_in_overlap(row.previous_secret_expires_at, now))


def _secret_view(row: ApiConsumer, now: datetime) -> CredentialView:
    overlap = _in_overlap(row.previous_secret_expires_at, now) if row.previous_secret_hash else None
    return CredentialView(kind="client_secret", id=row.client_id, name=row.name,
                          status="rotating" if overlap else ("active" if row.status == "active" else row.status),
                          tenant=str(row.hub_id) if row.hub_id else None, created_at=row.created_at,
                          overlap_ends_at=overlap)


def _key_view(kind: str, row: ApiKey | OrgApiKey, tenant: Any, now: datetime) -> CredentialView:
    if row.revoked_at is not None:
        status = "revoked"
    elif row.disabled_at is not None:
        status = "disabled"
    elif row.expires_at is not None:
        status = "rotating" if row.expires_at > now else "expired"
    else:
        status = "active"
    return CredentialView(kind=kind, id=str(row.id), name=row.name or row.key_prefix, status=status,
                          tenant=str(tenant) if tenant else None, scopes=sorted(sc.parse_scopes(row.scopes)),
                          created_at=row.created_at, last_used_at=row.last_used_at, expires_at=row.expires_at)


def _hub_key_view(row: Hub, now: datetime) -> CredentialView:
    status = "revoked" if row.key_revoked_at else "disabled" if row.key_disabled_at else row.status
    return CredentialView(kind="hub_key", id=row.slug, name=row.api_key_prefix, status=status, tenant=str(row.id),
                          created_at=row.created_at,
                          overlap_ends_at=_in_overlap(row.previous_key_expires_at, now) if row.previous_key_hash else None)


def _signing_views(ctx: RequestContext, rows: list[SigningKey]) -> list[CredentialView]:
    now = ctx.clock.now()
    horizon = now - timedelta(seconds=ctx.runtime.keyring.max_token_ttl)
    views = []
    for row in rows:
        if row.retired_at is None:
            status = "active"
        elif row.retired_at > horizon:
            status = "retired"  # published: verifies the tokens it signed until they expire
        else:
            status = "revoked"
        ends = row.retired_at + timedelta(seconds=ctx.runtime.keyring.max_token_ttl) if status == "retired" else None
        views.append(CredentialView(kind="signing_key", id=row.kid, status=status, created_at=row.created_at,
                                    overlap_ends_at=ends))
    return views


def _user_view(row: User) -> CredentialView:
    return CredentialView(kind="user", id=str(row.id), name=row.username, status="active" if row.is_active else "disabled",
                          scopes=["superuser"] if row.is_superuser else [], created_at=row.created_at)
