"""Database.autocommit: one statement, committed as it runs, outside any session."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.db import Database, current_query_stats, begin_query_stats
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


async def test_a_connection_the_server_closed_is_replaced(database_url):
    db = Database(database_url, pool_size=2)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("terminating a backend needs PostgreSQL; CI runs it")
    backend = sa.text("SELECT pg_backend_pid()")
    try:
        [(pid,)] = await db.autocommit.execute(backend, {})
        async with db.engine.connect() as conn:
            await conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        [(again,)] = await db.autocommit.execute(backend, {})  # the pre-ping found it gone
        assert again != pid
    finally:
        await db.dispose()
