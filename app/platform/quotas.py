"""Per-credential rate limits and daily quotas, and a per-hub rate limit.

Every authenticated request on a metered surface is charged to its credential
(API key, OAuth client, hub key) and, for hub-bound callers, to the hub. Budgets
come from the client or key (`--rate-per-minute`, `--daily-quota`) or the
settings' defaults. Counting is the `limits` library's, shared through Redis
when REDIS_URL is set.
"""

from __future__ import annotations

from app.context import RequestContext
from app.platform.ratelimit import LimitDecision


async def charge(ctx: RequestContext) -> LimitDecision | None:
    """Count this request against every budget that applies; RateLimited when one is spent.
    Returns the tightest decision, for the X-RateLimit-* headers (None for anonymous callers)."""
    principal, settings, limits = ctx.principal, ctx.settings, ctx.runtime.limits
    if principal.credential_id is None:
        return None
    per_minute = principal.rate_per_minute or settings.default_rate_per_minute
    decisions = [await limits.enforce(f"{per_minute}/minute", "credential-minute", principal.credential_id,
                                      budget=True)]
    if principal.hub_id is not None:
        decisions.append(await limits.enforce(f"{settings.hub_rate_per_minute}/minute", "hub-minute",
                                              str(principal.hub_id), budget=True))
    per_day = principal.daily_quota or settings.default_daily_quota
    decisions.append(await limits.enforce(f"{per_day}/day", "credential-day", principal.credential_id, budget=True,
                                          message=f"Daily quota of {per_day} requests exceeded"))
    return min(decisions, key=lambda d: d.remaining)


def headers_for(decision: LimitDecision) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(decision.limit),
        "X-RateLimit-Remaining": str(decision.remaining),
        "X-RateLimit-Reset": str(decision.reset_at),
    }
