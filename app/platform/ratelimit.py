"""Rate limits through the `limits` library: in memory by default, on Redis when
REDIS_URL is set, so every instance shares one budget."""

from __future__ import annotations

import math
from collections.abc import Callable
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from app.errors import RateLimited


@dataclass(frozen=True)
class LimitDecision:
    allowed: bool
    limit: int
    remaining: int
    reset_at: int  # epoch seconds

    @property
    def retry_after(self) -> int:
        return max(1, math.ceil(self.reset_at - time.time()))


class RateLimits:
    def __init__(self, redis_url: str | None, prefix: str, on_refusal: Callable[[str], None] | None = None) -> None:
        self.prefix = prefix
        self.on_refusal = on_refusal
        self.storage: Storage
        if redis_url:
            uri = "async+" + redis_url if not redis_url.startswith("async+") else redis_url
            self.storage = RedisStorage(uri, implementation="redispy", key_prefix=prefix)
        else:
            self.storage = MemoryStorage()
        # Exact moving windows for the small per-client limits (run starts, logins): a timestamp per hit.
        # Fixed windows for the budgets every metered request is charged to (per credential, per hub, daily
        # quotas): one counter per key and window, so Remaining and Reset are exact; a window opens with
        # its first hit. They cost half of what sliding window counters do (docs/performance.md), which
        # counted as much as the rest of a single-event ingest request's framework work.
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.budgets = FixedWindowRateLimiter(self.storage)
        self._parsed: dict[str, RateLimitItem] = {}

    def _item(self, spec: str) -> RateLimitItem:
        item = self._parsed.get(spec)
        if item is None:
            item = self._parsed[spec] = parse(spec)
        return item

    async def hit(self, spec: str, *identifiers: str, budget: bool = False) -> LimitDecision:
        item = self._item(spec)
        limiter = self.budgets if budget else self.limiter
        allowed = await limiter.hit(item, *identifiers)
        stats = await limiter.get_window_stats(item, *identifiers)
        return LimitDecision(allowed, item.amount, max(0, stats.remaining), math.ceil(stats.reset_time))

    async def enforce(self, spec: str, *identifiers: str, budget: bool = False, message: str | None = None) -> LimitDecision:
        """Count one hit (`budget`: in a fixed window, else a moving one); raise RateLimited when it is spent."""
        decision = await self.hit(spec, *identifiers, budget=budget)
        if not decision.allowed:
            if self.on_refusal is not None:
                self.on_refusal(identifiers[0] if identifiers else spec)
            item = self._item(spec)
            per = f"{item.multiples} {item.GRANULARITY.name}"
            raise RateLimited(
                message or f"Rate limit exceeded: {item.amount} per {per}",
                retry_after=decision.retry_after, limit=decision.limit, reset_at=decision.reset_at,
            )
        return decision

    async def reset(self) -> None:
        await self.storage.reset()
