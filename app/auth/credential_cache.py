"""Verified credentials, kept for a few seconds.

Every request presents a credential, and looking an API key up costs a pooled connection, a transaction
and a statement or two: more than a short read does. A key that verified is therefore reused for
CROSSWAY_CREDENTIAL_CACHE_SECONDS (5 by default) under its SHA-256 digest, the form it is stored in.
Refusals are never cached, so a new key works at once. A change that takes a credential's rights away
(revoking a key, retiring a hub's manifest) clears the cache once it commits, so it is seen at once on
the instance that made it; other instances see it when their entry expires.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from cachetools import TTLCache

from app.auth.principal import Principal
from app.clock import Clock

# More distinct live keys than this within the time-to-live just means more look-ups.
MAX_ENTRIES = 10_000


class CredentialCache:
    def __init__(self, seconds: float, clock: Clock) -> None:
        self._entries: TTLCache[str, Principal] | None = None
        if seconds > 0:  # expiry follows the runtime's clock, so tests can move it
            self._entries = TTLCache(MAX_ENTRIES, ttl=seconds, timer=lambda: clock.now().timestamp())

    async def principal(self, key_digest: str, verify: Callable[[], Awaitable[Principal]]) -> Principal:
        """The cached principal for this digest, else `verify()`'s, kept only if it verified."""
        if self._entries is None:
            return await verify()
        cached = self._entries.get(key_digest)
        if cached is not None:
            return cached
        principal = await verify()
        if principal.rejected_credential is None:
            self._entries[key_digest] = principal
        return principal

    def clear(self) -> None:
        if self._entries is not None:
            self._entries.clear()

    async def forget_all(self) -> None:
        """For `ctx.after_commit`: a credential's rights changed."""
        self.clear()
