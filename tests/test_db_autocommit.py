"""Database.autocommit: one statement, committed as it runs, outside any session."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta, timezone

import asyncpg
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.db import ALIVE_WINDOW
from app.db import Database, current_query_stats, begin_query_stats
from app.errors import Unavailable
from app.domains.platform.models import ApiRequestLog

LOG = ApiRequestLog.__table__
INSERT = sa.insert(LOG).returning(LOG.c.id, LOG.c.at, LOG.c.hub_id)


def _row(**changes: object) -> dict[str, object]:
    return {"at": datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=2))), "credential": None,
            "principal_kind": "anonymous", "hub_id": uuid.UUID(int=5), "method": "GET", "route": "/x",
            "status": 200, "latency_ms": 1.5, "request_id": "r", **changes}


async def test_a_statement_commits_by_itself_and_converts_values_as_sqlalchemy_does(database_url):
    db = Database(database_url)
    try:
        stats = begin_query_stats()
        [(row_id, at, hub_id)] = await db.autocommit.execute(INSERT, _row())
        assert current_query_stats() is stats and stats.count == 1
        assert at == datetime(2026, 1, 1, 10, tzinfo=UTC) and hub_id == uuid.UUID(int=5)
        async with db.engine.connect() as conn:  # another connection sees it: committed
            assert (await conn.execute(sa.select(LOG.c.route).where(LOG.c.id == row_id))).scalar() == "/x"
    finally:
        await db.dispose()


async def test_a_refused_row_raises_integrity_error(database_url):
    db = Database(database_url)
    try:
        [(row_id, _, _)] = await db.autocommit.execute(INSERT, _row())
        with pytest.raises(IntegrityError):
            await db.autocommit.execute(INSERT, _row(id=row_id))
    finally:
        await db.dispose()


async def test_a_connection_the_server_closed_is_replaced(database_url, monkeypatch):
    db = Database(database_url, pool_size=2)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("terminating a backend needs PostgreSQL; CI runs it")
    backend = sa.text("SELECT pg_backend_pid()")

    async def terminate(pid: int) -> None:
        async with db.engine.connect() as conn:
            await conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    try:
        [(pid,)] = await db.autocommit.execute(backend, {})
        await terminate(pid)
        await asyncio.sleep(0.1)  # the close arrives: the driver marks the connection closed
        [(again,)] = await db.autocommit.execute(backend, {})  # checked out, seen closed, replaced
        assert again != pid

        # Lost under a statement (closed before the close was read, used within the window: no ping):
        # that request is refused as unavailable, the connection is dropped, the next one works.
        fetch = asyncpg.Connection.fetch

        async def lost(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            monkeypatch.setattr(asyncpg.Connection, "fetch", fetch)
            raise asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation")

        monkeypatch.setattr(asyncpg.Connection, "fetch", lost)
        with pytest.raises(Unavailable):
            await db.autocommit.execute(backend, {})
        pids = {(await db.autocommit.execute(backend, {}))[0][0] for _ in range(4)}
        assert again not in pids  # the pool holds 1 connection (pool_size 2 // 2): it was replaced

        # A connection idle for longer than the window is pinged, and replaced when the ping fails.
        [(idle,)] = await db.autocommit.execute(backend, {})
        await terminate(idle)
        await asyncio.sleep(ALIVE_WINDOW + 0.1)
        for _ in range(3):
            [(fresh,)] = await db.autocommit.execute(backend, {})
            assert fresh != idle
    finally:
        await db.dispose()


async def test_a_recently_used_connection_is_not_pinged(database_url, monkeypatch):
    db = Database(database_url, pool_size=2)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("the driver path is PostgreSQL's; CI runs it")
    pings: list[str] = []
    try:
        original = asyncpg.Connection.fetchrow

        async def counted(self, query, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            pings.append(query)
            return await original(self, query, *args, **kwargs)

        monkeypatch.setattr(asyncpg.Connection, "fetchrow", counted)
        await db.autocommit.execute(INSERT, _row())  # a new connection: pinged once
        assert pings == [";"]
        for _ in range(5):
            await db.autocommit.execute(INSERT, _row())
        assert pings == [";"]
    finally:
        await db.dispose()
