"""The admin API dashboard's figures: per credential over the last hours, from api_request_log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.auth import scopes as sc
from app.context import RequestContext
from app.domains.platform import repository as repo
from app.errors import Forbidden, Invalid, Unauthenticated


@dataclass(frozen=True)
class CredentialUsage:
    credential: str
    kind: str
    name: str
    requests: int
    errors: int
    error_rate: float
    last_seen: datetime
    p50_ms: float
    p95_ms: float
    daily_quota: int
    quota_used: float  # requests in the window / daily quota


def require_admin(ctx: RequestContext) -> None:
    principal = ctx.principal
    if principal.has(sc.ADMIN) or principal.has("superuser"):
        return
    if not principal.is_authenticated:
        raise Unauthenticated(principal.rejected_credential or "An admin API key or a superuser's token is required")
    raise Forbidden("Admins only")


async def api_usage(ctx: RequestContext, hours: int = 24) -> list[CredentialUsage]:
    require_admin(ctx)
    if not 1 <= hours <= 24 * 31:
        raise Invalid("hours must be between 1 and 744")
    await ctx.runtime.request_log.flush()  # this instance's most recent requests count too
    rows = await repo.usage_since(ctx.session, ctx.clock.now() - timedelta(hours=hours))
    names = await repo.credential_names(ctx.session, [r.credential for r in rows])
    default_quota = ctx.settings.default_daily_quota
    usage = []
    for row in rows:
        name, quota = names.get(row.credential, (row.credential, None))
        quota = quota or default_quota
        requests, errors = int(row.requests), int(row.errors or 0)
        usage.append(CredentialUsage(
            credential=row.credential, kind=row.kind, name=name, requests=requests, errors=errors,
            error_rate=round(errors / requests, 4) if requests else 0.0, last_seen=row.last_seen,
            p50_ms=round(float(row.p50 or 0), 2), p95_ms=round(float(row.p95 or 0), 2), daily_quota=quota,
            quota_used=round(requests / quota, 6),
        ))
    return usage
