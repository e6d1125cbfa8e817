"""Turning a presented credential into a Principal.

Accepted credentials:
- `X-API-Key: <AUTOPACK_API_KEY>`: the run control plane's operator key.
- `X-API-Key: ihf_...` or `Authorization: Bearer ihf_...`: an API key.
- `Authorization: Bearer <JWT>`: an access token signed by Crossway's key set.
- `Authorization: Bearer <hub key>`: a hub's v1 key.
- `X-API-Key: dpk_...` or `Authorization: Bearer dpk_...`: a delivery pipeline key bound to one organization.
- A JWT with `org` and `permissions` claims: a delivery pipeline member of that organization.
- `X-User-Id: <id>`: names a user directly, only where the settings trust it
  (CROSSWAY_TRUST_USER_ID_HEADER; on by default outside production).
Verified keys are reused for CROSSWAY_CREDENTIAL_CACHE_SECONDS (app/platform/timed_cache.py); refusals
are never kept, so a new or restored key works at once.

Decided on every request, whatever the credential (kept in the same cache, for the same lifetime):
- whether the caller's hub has an active capability manifest: without one the hub:*:write scopes are
  dropped, for OAuth tokens, API keys and v1 hub keys alike, so a token issued before a retirement
  loses its writes within the cache lifetime (at once on the instance that retired it);
- whether the OAuth client behind an access token is still active, and whether a user token was issued
  before its user was disabled or had its tokens revoked.
A credential that does not verify yields an anonymous principal whose
`rejected_credential` says why; protected routes refuse it in their own shape.
"""

from __future__ import annotations

import hmac
import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from app.auth import scopes as sc
from app.auth.principal import ANONYMOUS, Principal
from app.auth.secrets import digest
from app.db import SerializedSession
from app.domains.delivery import repository as delivery_repo
from app.domains.delivery.keys import ORG_KEY_PREFIX
from app.domains.identity import repository as repo
from app.errors import Unauthenticated
from app.runtime import Runtime

OPERATOR_SCOPES = frozenset({"runs:read", "runs:write"})
# v1 hub keys predate manifests: they may always submit events and read.
HUB_KEY_SCOPES = frozenset({sc.HUB_READ, sc.HUB_EVENTS_WRITE})
TOUCH_INTERVAL = timedelta(seconds=60)


async def resolve(runtime: Runtime, api_key: str | None, authorization: str | None,
                  user_id: str | None = None) -> Principal:
    principal = await _presented(runtime, api_key, authorization, user_id)
    if principal.hub_id is not None and principal.scopes & sc.HUB_WRITE_SCOPES:
        if not await hub_manifest_active(runtime, principal.hub_id):
            principal = replace(principal, scopes=principal.scopes - sc.HUB_WRITE_SCOPES)
    return principal


async def hub_manifest_active(runtime: Runtime, hub_id: uuid.UUID) -> bool:
    """Whether the hub has an active capability manifest now (kept for the credential cache's lifetime)."""

    async def load() -> bool:
        async with _session(runtime) as session:
            return await repo.hub_has_active_manifest(session, hub_id)

    return await runtime.credentials.get_or_load(f"manifest:{hub_id}", load)


async def _presented(runtime: Runtime, api_key: str | None, authorization: str | None,
                     user_id: str | None) -> Principal:
    if api_key:
        return await _from_api_key_header(runtime, api_key)
    if authorization:
        scheme, _, value = authorization.partition(" ")
        value = value.strip()
        if scheme.lower() != "bearer" or not value:
            return Principal(rejected_credential="unsupported authorization scheme")
        if value.startswith("ihf_"):
            return await _from_api_key(runtime, value)
        if value.startswith(ORG_KEY_PREFIX):
            return await _from_org_key(runtime, value)
        if value.count(".") == 2:
            return await _from_access_token(runtime, value)
        return await _from_hub_key(runtime, value)
    if user_id and runtime.settings.trust_user_id_header_enabled:
        # Tests and trusted front ends name the caller directly (never in production by default).
        return Principal(kind="user", id=user_id.strip(), credential_id=f"user:{user_id.strip()}")
    return ANONYMOUS


async def _from_api_key_header(runtime: Runtime, value: str) -> Principal:
    expected = runtime.settings.control_api_key
    if expected and hmac.compare_digest(value.encode(), expected.encode()):
        return Principal(kind="operator", id="autopack-key", scopes=OPERATOR_SCOPES)
    if value.startswith("ihf_"):
        return await _from_api_key(runtime, value)
    if value.startswith(ORG_KEY_PREFIX):
        return await _from_org_key(runtime, value)
    return Principal(rejected_credential="invalid API key")


def _verified(principal: Principal) -> bool:
    return principal.rejected_credential is None


def _key_refusal(key, now: datetime) -> str | None:  # noqa: ANN001 - an ApiKey or an OrgApiKey
    """Why a stored key (API key or delivery key) may not be used now, or None."""
    if key.revoked_at is not None:
        return "API key revoked"
    if key.disabled_at is not None:
        return "API key disabled"
    if key.expires_at is not None and key.expires_at <= now:
        return "API key expired (it was rotated)"
    return None


async def _from_org_key(runtime: Runtime, value: str) -> Principal:
    key_digest = digest(value)
    return await runtime.credentials.get_or_load(key_digest, lambda: _verify_org_key(runtime, key_digest), keep=_verified)


async def _verify_org_key(runtime: Runtime, key_digest: str) -> Principal:
    async with _session(runtime) as session:
        key = await delivery_repo.org_key_by_hash(session, key_digest)
        if key is None:
            return Principal(rejected_credential="invalid API key")
        now = runtime.clock.now()
        refusal = _key_refusal(key, now)
        if refusal:
            return Principal(rejected_credential=refusal)
        if key.last_used_at is None or now - key.last_used_at > TOUCH_INTERVAL:
            await delivery_repo.touch_org_key(session, key.id, now)
            await session.commit()
    return Principal(kind="org_key", id=key.key_prefix, scopes=sc.parse_scopes(key.scopes),
                     organization_id=key.organization_id,
                     credential_id=f"{delivery_repo.credential_prefix(key.organization_id)}key:{key.key_prefix}",
                     rate_per_minute=key.rate_per_minute, daily_quota=key.daily_quota)


async def _from_api_key(runtime: Runtime, value: str) -> Principal:
    key_digest = digest(value)
    return await runtime.credentials.get_or_load(key_digest, lambda: _verify_api_key(runtime, key_digest), keep=_verified)


async def _verify_api_key(runtime: Runtime, key_digest: str) -> Principal:
    async with _session(runtime) as session:
        found = await repo.key_by_hash_with_manifest(session, key_digest)
        if found is None:
            return Principal(rejected_credential="invalid API key")
        key, _manifest_active = found
        now = runtime.clock.now()
        refusal = _key_refusal(key, now)
        if refusal:
            return Principal(rejected_credential=refusal)
        granted = sc.parse_scopes(key.scopes)
        if key.last_used_at is None or now - key.last_used_at > TOUCH_INTERVAL:
            await repo.touch_key(session, key.id, now)
            await session.commit()
    # The manifest gate on hub:*:write is applied per request by resolve().
    return Principal(kind="api_key", id=key.key_prefix, scopes=granted,
                     hub_id=key.hub_id, credential_id=f"key:{key.id}", rate_per_minute=key.rate_per_minute,
                     daily_quota=key.daily_quota)


async def _from_access_token(runtime: Runtime, token: str) -> Principal:
    try:
        claims = await runtime.keyring.verify(token)
    except Unauthenticated as exc:
        return Principal(rejected_credential=exc.message)
    if "org" in claims and "permissions" in claims:
        return _org_member(claims)
    hub = claims.get("hub_id")
    kind = claims.get("kind", "client")
    refusal = await _token_refusal(runtime, kind, claims)
    if refusal:
        return Principal(rejected_credential=refusal)
    scopes = sc.parse_scopes(claims.get("scope"))
    if kind == "user" and claims.get("is_superuser"):
        scopes = scopes | {"superuser"}
    limits = claims.get("limits") or {}
    return Principal(
        kind=kind, id=str(claims.get("sub")), scopes=scopes,
        hub_id=uuid.UUID(hub) if hub else None, credential_id=f"{kind}:{claims.get('sub')}",
        rate_per_minute=limits.get("per_minute"), daily_quota=limits.get("per_day"),
    )


async def _token_refusal(runtime: Runtime, kind: str, claims: dict) -> str | None:
    """A signed, unexpired token whose issuer-side credential has since been disabled or revoked."""
    if kind == "client":
        client_id = str(claims.get("client_id") or claims.get("sub"))

        async def client_status() -> str:
            async with _session(runtime) as session:
                consumer = await repo.consumer_by_client_id(session, client_id)
            return "missing" if consumer is None else consumer.status

        status = await runtime.credentials.get_or_load(f"client:{client_id}", client_status)
        return None if status == "active" else f"OAuth client {status}"
    if kind == "user":
        subject = str(claims.get("sub"))
        if not subject.isdigit():
            return None  # a front end's user (drafting), not an account of ours: nothing to check

        async def user_standing() -> tuple[bool, float | None]:
            async with _session(runtime) as session:
                user = await repo.user_by_id(session, int(subject))
            if user is None:
                return (True, None)  # no such account: the routes that need one refuse it
            cut = user.tokens_valid_after.timestamp() if user.tokens_valid_after else None
            return (user.is_active, cut)

        active, cut = await runtime.credentials.get_or_load(f"user:{subject}", user_standing)
        if not active:
            return "user disabled"
        if cut is not None and int(claims.get("iat") or 0) < int(cut):
            return "token revoked"
    return None


def _org_member(claims: dict) -> Principal:
    """A delivery pipeline token: `org` names the organization, `permissions` lists its scopes."""
    permissions = claims.get("permissions")
    try:
        organization_id = uuid.UUID(str(claims.get("org")))
    except ValueError:
        return Principal(rejected_credential="invalid token: org is not an organization id")
    if not isinstance(permissions, list) or not all(isinstance(p, str) for p in permissions):
        return Principal(rejected_credential="invalid token: permissions must be a list of strings")
    limits = claims.get("limits") or {}
    return Principal(kind="member", id=str(claims.get("sub")), scopes=frozenset(permissions),
                     organization_id=organization_id,
                     credential_id=f"{delivery_repo.credential_prefix(organization_id)}member:{digest(str(claims.get('sub')))[:16]}",
                     rate_per_minute=limits.get("per_minute"), daily_quota=limits.get("per_day"))


async def _from_hub_key(runtime: Runtime, value: str) -> Principal:
    key_digest = digest(value)
    return await runtime.credentials.get_or_load(key_digest, lambda: _verify_hub_key(runtime, key_digest), keep=_verified)


async def _verify_hub_key(runtime: Runtime, key_digest: str) -> Principal:
    async with _session(runtime) as session:
        hub = await repo.hub_by_key_hash(session, key_digest, runtime.clock.now())
    if hub is None:
        return Principal(rejected_credential="invalid hub key")
    return Principal(kind="hub", id=hub.slug, scopes=HUB_KEY_SCOPES, hub_id=hub.id, credential_id=f"hub:{hub.id}")


class _session:
    """A short session of its own: authentication happens before the request's session exists."""

    def __init__(self, runtime: Runtime) -> None:
        self._session = SerializedSession(runtime.db.sessionmaker())

    async def __aenter__(self) -> SerializedSession:
        return self._session

    async def __aexit__(self, *exc: object) -> None:
        await self._session.close()
