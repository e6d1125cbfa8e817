"""Both PostgreSQL pools (sessions here; the autocommit pool in test_db_autocommit.py) ping a connection on
checkout only when it is new or has been idle past ALIVE_WINDOW, and hand out a live connection after the
server closed one."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
import sqlalchemy as sa

from app.db import ALIVE_WINDOW, Database

BACKEND = sa.text("SELECT pg_backend_pid()")


async def _pid(db: Database) -> int:
    async with db.sessionmaker() as session:
        return (await session.execute(BACKEND)).scalar_one()


async def _terminate(pid: int, database_url: str) -> None:
    other = Database(database_url, pool_size=1)
    try:
        async with other.engine.connect() as conn:
            await conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        await other.dispose()


@pytest.fixture
def pings(monkeypatch) -> list[str]:
    seen: list[str] = []
    original = asyncpg.Connection.fetchrow

    async def counted(self, query, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if query == ";":
            seen.append(query)
        return await original(self, query, *args, **kwargs)

    monkeypatch.setattr(asyncpg.Connection, "fetchrow", counted)
    return seen


async def test_a_connection_back_within_the_window_is_not_pinged(database_url, pings):
    db = Database(database_url, pool_size=1)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("the ping policy is the PostgreSQL pool's; CI runs it")
    try:
        first = await _pid(db)  # a new connection, never checked in: pinged once
        for _ in range(5):
            assert await _pid(db) == first
        assert pings == [";"]
        await asyncio.sleep(ALIVE_WINDOW + 0.1)
        assert await _pid(db) == first
        assert pings == [";", ";"]  # idle past the window: pinged once more, then in use again
    finally:
        await db.dispose()


async def test_a_connection_the_server_closed_is_replaced(database_url):
    db = Database(database_url, pool_size=1)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("terminating a backend needs PostgreSQL; CI runs it")
    try:
        # Within the window, once the driver has seen the close: replaced without a ping.
        first = await _pid(db)
        await _terminate(first, database_url)
        await asyncio.sleep(0.1)
        second = await _pid(db)
        assert second != first

        # Idle past the window: the ping fails and the pool opens another.
        await _terminate(second, database_url)
        await asyncio.sleep(ALIVE_WINDOW + 0.1)
        third = await _pid(db)
        assert third not in (first, second)
    finally:
        await db.dispose()
