"""Values kept for a few seconds on the runtime: verified credentials, reference data.

Every request presents a credential, and every submission reads the reporting contract and the registry
names; looking them up costs a pooled connection, a transaction and a statement or two, more than a short
read does. A `TimedCache` keeps such values for a configured number of seconds (on the runtime's clock, so
tests can move it); 0 turns it off. A change made through Crossway that affects a kept value clears the
cache once it commits (`ctx.after_commit(cache.forget_all)`), so it is seen at once on the instance that
made it; other instances see it when their entry expires (docs/deploy.md).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from cachetools import TTLCache

from app.clock import Clock

V = TypeVar("V")


class TimedCache(Generic[V]):
    def __init__(self, seconds: float, clock: Clock, *, max_entries: int) -> None:
        self._entries: TTLCache[str, V] | None = None
        if seconds > 0:
            self._entries = TTLCache(max_entries, ttl=seconds, timer=lambda: clock.now().timestamp())

    async def get_or_load(self, key: str, load: Callable[[], Awaitable[V]],
                          keep: Callable[[V], bool] = lambda _value: True) -> V:
        """The kept value for `key`, else `load()`'s, kept only if `keep` says so."""
        if self._entries is None:
            return await load()
        value = self._entries.get(key)
        if value is None:
            value = await load()
            if keep(value):
                self._entries[key] = value
        return value

    def clear(self) -> None:
        if self._entries is not None:
            self._entries.clear()

    async def forget_all(self) -> None:
        """For `ctx.after_commit`: something a kept value depends on changed."""
        self.clear()
