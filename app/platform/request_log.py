"""The API request log: every request recorded without slowing it down.

The middleware hands each finished request to `RequestLog.record`, which only
appends to an in-memory buffer. A background task writes the buffer in batches
(one INSERT for many rows) every `interval` seconds or when it fills, deletes
rows older than the retention period once an hour, and flushes what is left
when the application shuts down.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from datetime import timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import delete, insert

from app.clock import Clock
from app.db import Database
from app.domains.platform.models import ApiRequestLog
from app.platform.background import BackgroundLoop

PURGE_EVERY_SECONDS = 3600
# What the middleware records for each request (all of a row but its serial id).
COLUMNS = ("at", "credential", "principal_kind", "hub_id", "method", "route", "status", "latency_ms", "request_id")
_values = itemgetter(*COLUMNS)


class RequestLog:
    def __init__(self, db: Database, clock: Clock, *, retention_days: int, interval: float = 1.0,
                 batch_size: int = 1000, max_buffer: int = 100_000) -> None:
        self.db, self.clock = db, clock
        self.retention = timedelta(days=retention_days)
        self.interval, self.batch_size = interval, batch_size
        self._buffer: deque[dict[str, Any]] = deque(maxlen=max_buffer)
        self._loop = BackgroundLoop("request-log-writer", self._step, lambda: self.interval)
        self._last_purge = 0.0
        self.dropped = 0
        # One flush at a time: a reader that flushes first (the dashboard) must not return while
        # the background writer still holds an uncommitted batch.
        self._flushing = asyncio.Lock()

    def record(self, entry: dict[str, Any]) -> None:
        if len(self._buffer) == self._buffer.maxlen:
            self.dropped += 1  # the oldest entry falls out; the request itself never waits
        self._buffer.append(entry)
        if len(self._buffer) >= self.batch_size:
            self._loop.wake()

    def start(self) -> None:
        self._loop.start()

    async def stop(self) -> None:
        await self._loop.stop()
        await self.flush()

    async def _step(self) -> bool:
        await self.flush()
        if time.monotonic() - self._last_purge > PURGE_EVERY_SECONDS:
            await self.purge()
        return False

    async def flush(self) -> int:
        written = 0
        async with self._flushing:
            while self._buffer:
                batch = [self._buffer.popleft() for _ in range(min(self.batch_size, len(self._buffer)))]
                written += await self._write(batch)
        return written

    async def _write(self, batch: list[dict[str, Any]]) -> int:
        # On PostgreSQL one COPY (it commits by itself): a second's requests cost less to load than to insert.
        if await self.db.autocommit.copy(ApiRequestLog.__tablename__, COLUMNS, [_values(e) for e in batch]):
            return len(batch)
        async with self.db.engine.begin() as conn:
            await conn.execute(insert(ApiRequestLog.__table__), batch)
        return len(batch)

    async def purge(self) -> int:
        self._last_purge = time.monotonic()
        cutoff = self.clock.now() - self.retention
        async with self.db.engine.begin() as conn:
            result = await conn.execute(delete(ApiRequestLog.__table__).where(ApiRequestLog.at < cutoff))
        return result.rowcount or 0
