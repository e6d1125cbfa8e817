"""Counting the SQL statements a baseline request runs, for the Server-Timing figure the runner reads."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from typing import Any

import asyncpg


class _Counted:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn, self.count = conn, 0

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._conn, name)
        if name in ("fetch", "fetchrow", "fetchval", "execute", "executemany", "copy_records_to_table"):
            async def counted(*args: Any, **kwargs: Any) -> Any:
                self.count += 1
                return await attribute(*args, **kwargs)

            return counted
        return attribute


class CountingPool:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    @contextlib.asynccontextmanager
    async def counted(self) -> AsyncIterator[tuple[Any, Callable[[], int]]]:
        async with self.pool.acquire() as conn:
            wrapper = _Counted(conn)
            yield wrapper, lambda: wrapper.count
