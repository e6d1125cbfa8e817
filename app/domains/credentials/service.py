"""Health of Crossway's credentials for external providers (BUILD-189).

Two kinds of caller:
- integrations (posting to X, the Telegram notifier, any OAuth client) call `get_credential`,
  `record_success` and `record_failure` around each use; these are server-side and check no principal;
- the /api/auth/oauth doors and GraphQL read health (any logged-in user) and refresh or reset
  (superusers only).
Every change appends a credential event; secrets never leave through a read model.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from app.context import RequestContext
from app.domains.credentials import repository as repo
from app.domains.credentials.models import CredentialEvent, ProviderCredential
from app.domains.credentials.shapes import (
    PROVIDER_PATTERN,
    CredentialEventView,
    CredentialHealth,
    HealthReport,
    HealthSummary,
)
from app.domains.identity import users
from app.errors import Invalid, NotFound
from app.platform.redaction import redact

_PROVIDER = re.compile(PROVIDER_PATTERN)
MAX_ERROR_CHARS = 2000


def normalize_provider(provider: str) -> str:
    name = provider.strip().lower()
    if not _PROVIDER.match(name):
        raise Invalid(f"Invalid provider name '{provider}': lowercase letters, digits, '.', '_' or '-'")
    return name


# --- the integrations' API --------------------------------------------------------------------


def secret_of(ctx: RequestContext, row: ProviderCredential) -> str | None:
    """The usable secret (stored encrypted with CROSSWAY_SECRET_KEY): for server-side integrations only."""
    return ctx.runtime.secrets.open(row.secret) if row.secret else None


def refresh_token_of(ctx: RequestContext, row: ProviderCredential) -> str | None:
    return ctx.runtime.secrets.open(row.refresh_token) if row.refresh_token else None


async def get_credential(ctx: RequestContext, provider: str) -> ProviderCredential:
    """The stored credential, secret included: for server-side integrations only, never a door."""
    row = await repo.by_provider(ctx.session, normalize_provider(provider))
    if row is None:
        raise NotFound(f"No credential stored for provider '{provider}'")
    return row


def _event(ctx: RequestContext, provider: str, event_type: str, *, actor: str | None = None,
           detail: str | None = None, data: dict[str, Any] | None = None) -> None:
    repo.add(ctx.session, CredentialEvent(provider=provider, event_type=event_type, actor=actor, detail=detail,
                                          data=data, created_at=ctx.clock.now()))


async def record_success(ctx: RequestContext, provider: str, *, expires_at: datetime | None = None,
                         refreshed: bool = False, actor: str | None = None) -> ProviderCredential:
    """A call with the credential worked: failures reset; a refresh may bring a new expiry."""
    row = await repo.by_provider(ctx.session, normalize_provider(provider), for_update=True)
    if row is None:
        raise NotFound(f"No credential stored for provider '{provider}'")
    now = ctx.clock.now()
    row.consecutive_failures = 0
    row.total_successes += 1
    row.last_success_at = row.updated_at = now
    if expires_at is not None:
        row.expires_at = expires_at
    if refreshed:
        row.last_refreshed_at = now
        row.refresh_requested_at = None
    _event(ctx, row.provider, "refreshed" if refreshed else "success", actor=actor,
           data={"expires_at": expires_at.isoformat()} if expires_at else None)
    await ctx.session.flush()
    return row


async def record_failure(ctx: RequestContext, provider: str, error: str, *, actor: str | None = None
                         ) -> ProviderCredential:
    """A call with the credential failed (rejected, expired, revoked ...). The message is stored redacted."""
    row = await repo.by_provider(ctx.session, normalize_provider(provider), for_update=True)
    if row is None:
        raise NotFound(f"No credential stored for provider '{provider}'")
    now = ctx.clock.now()
    message = _clean_error(ctx, row, error)
    row.consecutive_failures += 1
    row.total_failures += 1
    row.last_failure_at = row.updated_at = now
    row.last_error = message
    _event(ctx, row.provider, "failure", actor=actor, detail=message,
           data={"consecutive_failures": row.consecutive_failures})
    await ctx.session.flush()
    return row


def _clean_error(ctx: RequestContext, row: ProviderCredential, error: str) -> str:
    literal = [s for s in (secret_of(ctx, row), refresh_token_of(ctx, row)) if s]
    text, _ = redact(error[:MAX_ERROR_CHARS], literal)
    return text


async def store_credential(ctx: RequestContext, provider: str, *, secret: str | None = None,
                           client_id: str | None = None, refresh_token: str | None = None,
                           expires_at: datetime | None = None, credential_type: str | None = None,
                           display_name: str | None = None, scopes: str | None = None,
                           actor: str | None = None) -> ProviderCredential:
    """Create or update a provider's credential (the CLI and deployment tooling call this)."""
    name = normalize_provider(provider)
    row = await repo.by_provider(ctx.session, name, for_update=True)
    now = ctx.clock.now()
    created = row is None
    if row is None:
        row = ProviderCredential(provider=name, created_at=now, updated_at=now)
        repo.add(ctx.session, row)
    seal = ctx.runtime.secrets.seal
    sealed_secret = seal(secret) if secret is not None else None
    sealed_refresh = seal(refresh_token) if refresh_token is not None else None
    for field, value in (("secret", sealed_secret), ("client_id", client_id), ("refresh_token", sealed_refresh),
                         ("expires_at", expires_at), ("credential_type", credential_type),
                         ("display_name", display_name), ("scopes", scopes)):
        if value is not None:
            setattr(row, field, value)
    row.updated_at = now
    if secret is not None and not created:
        row.consecutive_failures = 0
        row.last_refreshed_at = now
        row.refresh_requested_at = None
    _event(ctx, name, "created" if created else "updated", actor=actor,
           data={"expires_at": row.expires_at.isoformat() if row.expires_at else None,
                 "secret_changed": secret is not None})
    await ctx.session.flush()
    return row


# --- health -------------------------------------------------------------------------------------


def health_of(ctx: RequestContext, row: ProviderCredential) -> CredentialHealth:
    settings, now = ctx.settings, ctx.clock.now()
    expires_in = int((row.expires_at - now).total_seconds()) if row.expires_at else None
    warning = timedelta(hours=settings.credential_expiry_warning_hours).total_seconds()
    if expires_in is not None and expires_in <= 0:
        status = "expired"
    elif row.consecutive_failures >= settings.credential_failure_threshold:
        status = "failing"
    elif expires_in is not None and expires_in <= warning:
        status = "expiring"
    elif row.consecutive_failures > 0:
        status = "degraded"
    else:
        status = "healthy"
    return CredentialHealth(
        provider=row.provider, display_name=row.display_name, credential_type=row.credential_type, status=status,
        has_secret=bool(row.secret), expires_at=row.expires_at, expires_in_seconds=expires_in,
        consecutive_failures=row.consecutive_failures, total_failures=row.total_failures,
        total_successes=row.total_successes, last_success_at=row.last_success_at,
        last_failure_at=row.last_failure_at, last_error=row.last_error,
        refresh_requested_at=row.refresh_requested_at, last_refreshed_at=row.last_refreshed_at,
        updated_at=row.updated_at,
    )


async def health_report(ctx: RequestContext) -> HealthReport:
    await users.current_user(ctx)
    items = [health_of(ctx, row) for row in await repo.all_credentials(ctx.session)]
    counts = {s: sum(1 for h in items if h.status == s) for s in ("healthy", "degraded", "expiring", "failing", "expired")}
    if counts["failing"] or counts["expired"]:
        overall = "critical"
    elif counts["degraded"] or counts["expiring"]:
        overall = "warning"
    else:
        overall = "healthy"
    return HealthReport(status=overall, checked_at=ctx.clock.now(),
                        summary=HealthSummary(total=len(items), **counts), credentials=items)


async def provider_health(ctx: RequestContext, provider: str) -> CredentialHealth:
    await users.current_user(ctx)
    return health_of(ctx, await _existing(ctx, provider))


async def _existing(ctx: RequestContext, provider: str, *, for_update: bool = False) -> ProviderCredential:
    try:
        name = normalize_provider(provider)
    except Invalid:
        raise NotFound(f"No credential stored for provider '{provider}'") from None
    row = await repo.by_provider(ctx.session, name, for_update=for_update)
    if row is None:
        raise NotFound(f"No credential stored for provider '{provider}'")
    return row


async def request_refresh(ctx: RequestContext, provider: str) -> ProviderCredential:
    """Mark the credential for refresh; the provider's integration refreshes it on its next use
    and reports with record_success(refreshed=True)."""
    user = await users.require_superuser(ctx)
    row = await _existing(ctx, provider, for_update=True)
    row.refresh_requested_at = row.updated_at = ctx.clock.now()
    _event(ctx, row.provider, "refresh_requested", actor=user.username)
    await ctx.session.flush()
    return row


async def reset_failures(ctx: RequestContext, provider: str) -> ProviderCredential:
    user = await users.require_superuser(ctx)
    row = await _existing(ctx, provider, for_update=True)
    previous = row.consecutive_failures
    row.consecutive_failures = 0
    row.updated_at = ctx.clock.now()
    _event(ctx, row.provider, "reset", actor=user.username, data={"previous_consecutive_failures": previous})
    await ctx.session.flush()
    return row


async def list_events(ctx: RequestContext, provider: str | None = None, limit: int = 100) -> list[CredentialEventView]:
    await users.current_user(ctx)
    rows = await repo.events(ctx.session, provider.strip().lower() if provider else None, min(max(limit, 1), 1000))
    return [event_view(r) for r in rows]


def event_view(row: CredentialEvent) -> CredentialEventView:
    return CredentialEventView(id=row.id, provider=row.provider, event_type=row.event_type, actor=row.actor,
                               detail=row.detail, data=row.data, created_at=row.created_at)


async def note_use(ctx: RequestContext, provider: str, ok: bool, error: str | None = None) -> None:
    """record_success / record_failure for integrations whose credential may not be stored:
    a provider without a stored credential is left alone."""
    if await repo.by_provider(ctx.session, normalize_provider(provider)) is None:
        return
    if ok:
        await record_success(ctx, provider, actor="integration")
    else:
        await record_failure(ctx, provider, error or "unknown error", actor="integration")
