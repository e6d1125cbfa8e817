"""The persistence layer's plumbing: engine, sessions, column types, statement counting.

One async engine per process (asyncpg for PostgreSQL, aiosqlite for the embedded
SQLite file). Every SQL statement the engine runs is counted into the current
request's `QueryStats`, which the Server-Timing header and the N+1 tests read.
"""

from __future__ import annotations

import asyncio
import time
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import JSON, DateTime, MetaData, event, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

# Constraint names are stable across SQLite and PostgreSQL so migrations can
# refer to them by name.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

# JSON documents: JSONB on PostgreSQL, JSON text on SQLite.
JSONDoc = JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on both databases.

    SQLite has no timezone type and hands back naive values; this type stores UTC
    and always returns aware datetimes, so comparisons never mix the two.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# --- statement counting -------------------------------------------------------


@dataclass
class QueryStats:
    count: int = 0
    seconds: float = 0.0


_stats: ContextVar[QueryStats | None] = ContextVar("crossway_query_stats", default=None)


def begin_query_stats() -> QueryStats:
    """Start counting statements for the current task (and tasks it spawns)."""
    stats = QueryStats()
    _stats.set(stats)
    return stats


def current_query_stats() -> QueryStats | None:
    return _stats.get()


def count_statement(seconds: float) -> None:
    """Count a statement run on the driver connection directly (COPY), which the engine does not see."""
    stats = _stats.get()
    if stats is not None:
        stats.count += 1
        stats.seconds += seconds


def _install_counter(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        conn.info.setdefault("crossway_t0", []).append(time.perf_counter())

    @event.listens_for(engine.sync_engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        started = conn.info["crossway_t0"].pop()
        stats = _stats.get()
        if stats is not None:
            stats.count += 1
            stats.seconds += time.perf_counter() - started


# --- connection liveness -------------------------------------------------------

# A pooled connection checked in this recently is handed out without a ping: the driver sees a close the
# server sent, so one that is not seen closed and was in use a moment ago is alive as far as a round trip
# could tell (the same bypass connection pools such as HikariCP make). Longer idle, or never used yet:
# pinged first, and replaced when the ping fails.
ALIVE_WINDOW = 0.5
_LAST_USED = "crossway_last_used"


def install_liveness(engine: AsyncEngine) -> None:
    """pool_pre_ping, but skipped for a connection checked in within ALIVE_WINDOW seconds, on both PostgreSQL
    pools (sessions, and the autocommit pool of app/autocommit.py). The driver's ping on a session
    connection is three round trips (BEGIN, an empty statement, ROLLBACK): on every checkout it was a
    twentieth of a GraphQL runs page's CPU. A DisconnectionError raised here makes the pool replace the
    connection and check the new one."""

    @event.listens_for(engine.sync_engine, "checkin")
    def _checked_in(dbapi_connection, record):  # noqa: ANN001
        if dbapi_connection is not None:  # None: it was invalidated
            record.info[_LAST_USED] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _checked_out(dbapi_connection, record, proxy):  # noqa: ANN001
        if proxy.driver_connection.is_closed():
            raise DisconnectionError("the server closed the connection")
        if time.monotonic() - record.info.get(_LAST_USED, float("-inf")) <= ALIVE_WINDOW:
            return
        try:
            dbapi_connection.ping()
        except Exception as exc:  # whatever the driver raises for a dead connection: the pool replaces it
            raise DisconnectionError("the connection did not answer a ping") from exc


# --- engine and sessions --------------------------------------------------------


def normalize_url(url: str) -> str:
    """Accept the URL forms people paste and pick the async driver for each."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgresql+psycopg2", "postgresql+psycopg"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


class Database:
    def __init__(self, url: str, *, pool_size: int = 10, echo: bool = False) -> None:
        self.url = normalize_url(url)
        kwargs: dict[str, Any] = {"echo": echo}
        if is_sqlite(self.url):
            database = make_url(self.url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30}
        self._engine_options = kwargs
        # At most 2 x pool_size connections per process, as before the autocommit pool: pool_size for
        # sessions plus overflow, and a share of the overflow for the autocommit pool.
        self._autocommit_pool_size = max(1, pool_size // 2)
        session_pool = {} if is_sqlite(self.url) else {
            "pool_size": pool_size, "max_overflow": pool_size - self._autocommit_pool_size}
        self.engine: AsyncEngine = self._make_engine(**session_pool)
        if not is_sqlite(self.url):
            install_liveness(self.engine)
        self.sessionmaker = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        from app.autocommit import Autocommit  # it counts statements with this module's helpers

        # Statements that commit by themselves (a request's only write, the request log): a pool of their own.
        # No overflow: a statement holds a connection for one round trip, and connections opened and closed
        # under load cost more than a short wait.
        autocommit_pool = {} if is_sqlite(self.url) else {
            "pool_size": self._autocommit_pool_size, "max_overflow": 0}  # liveness: Autocommit._checkout
        self.autocommit = Autocommit(self.url, self.engine.dialect, autocommit_pool, self._make_engine)

    def _make_engine(self, **options: Any) -> AsyncEngine:
        engine = create_async_engine(self.url, **self._engine_options, **options)
        if is_sqlite(self.url):
            _install_sqlite_pragmas(engine)
        _install_counter(engine)
        return engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    async def ping(self, timeout: float = 2.0) -> bool:
        try:
            async with asyncio.timeout(timeout):
                async with self.engine.connect() as conn:
                    await conn.execute(text("SELECT 1"))
            return True
        except Exception:  # any failure means "not reachable" to a health check
            return False

    async def dispose(self) -> None:
        await self.engine.dispose()
        await self.autocommit.close()


def _install_sqlite_pragmas(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_conn, _record):  # noqa: ANN001
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


async def copy_records(connection: AsyncConnection, table: str, columns: tuple[str, ...],
                       records: list[tuple[Any, ...]]) -> bool:
    """Bulk-load rows with PostgreSQL's COPY on `connection`, inside its transaction.

    Returns False (and loads nothing) on other databases, or before the connection's transaction has run
    a statement. Values go to asyncpg's binary codecs as they are: JSON columns take JSON text. A refused
    row raises the IntegrityError SQLAlchemy raises for a refused INSERT, so callers handle both alike.
    """
    if connection.dialect.name != "postgresql":
        return False
    driver = (await connection.get_raw_connection()).driver_connection
    if driver is None or not driver.is_in_transaction():
        return False
    started = time.perf_counter()
    try:
        await driver.copy_records_to_table(table, records=records, columns=list(columns))
    except asyncpg.IntegrityConstraintViolationError as exc:
        raise IntegrityError(f"COPY {table}", None, exc) from exc
    finally:
        count_statement(time.perf_counter() - started)
    return True


class SerializedSession:
    """One request's session, safe to share between concurrent resolvers.

    GraphQL resolves sibling fields concurrently and DataLoaders dispatch their
    batches on the event loop; an AsyncSession allows one operation at a time.
    Every awaited operation therefore takes a per-request lock, so no caller
    can forget it.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._lock = asyncio.Lock()

    @property
    def raw(self) -> AsyncSession:
        return self._session

    def add(self, instance: object) -> None:
        self._session.add(instance)

    def add_all(self, instances: list[object]) -> None:
        self._session.add_all(instances)

    async def execute(self, statement: Any, params: Any = None) -> Any:
        async with self._lock:
            return await self._session.execute(statement, params)

    async def scalars(self, statement: Any, params: Any = None) -> Any:
        async with self._lock:
            return (await self._session.execute(statement, params)).scalars()

    async def scalar(self, statement: Any, params: Any = None) -> Any:
        async with self._lock:
            return (await self._session.execute(statement, params)).scalar()

    async def get(self, model: type, ident: Any, *, for_update: bool = False) -> Any:
        async with self._lock:
            return await self._session.get(model, ident, with_for_update=for_update)

    async def flush(self) -> None:
        async with self._lock:
            await self._session.flush()

    async def copy_records(self, table: str, columns: tuple[str, ...], records: list[tuple[Any, ...]]) -> bool:
        """Bulk-load rows with PostgreSQL's COPY on this session's connection, inside its transaction.

        Returns False (and loads nothing) where COPY cannot join the session's transaction: on other
        databases, or before the session has run a statement. Values go to asyncpg's binary codecs as
        they are: JSON columns take JSON text.
        """
        async with self._lock:
            return await copy_records(await self._session.connection(), table, columns, records)

    async def commit(self) -> None:
        async with self._lock:
            await self._session.commit()

    async def rollback(self) -> None:
        async with self._lock:
            await self._session.rollback()

    async def close(self) -> None:
        async with self._lock:
            await self._session.close()
