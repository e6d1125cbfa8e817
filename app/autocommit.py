"""Statements that commit by themselves, outside any session and transaction.

A request whose only write is one statement (`RequestContext.write`, e.g. appending one event), and the
request log's periodic COPY, need no BEGIN/COMMIT round trips, no ORM session and none of SQLAlchemy's
execution layers, which cost more than the statement's own round trip. They run on a small pool of their own
whose connections are in autocommit mode. A connection is checked before use without a round trip when it
was used within the last ALIVE_WINDOW seconds (the driver sees a close the server sent), and pinged
otherwise; one lost under a statement is dropped and the request answered 503. On PostgreSQL each statement is compiled once by SQLAlchemy into a prepared statement run
on the driver connection, its values going through the same bind processors as in SQLAlchemy's own
execution; on SQLite, and for statements such a plan does not cover, SQLAlchemy runs it. A refused row raises
the IntegrityError SQLAlchemy raises, so callers handle both paths alike.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import asyncpg
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import greenlet_spawn

from app.db import _LAST_USED, ALIVE_WINDOW, count_statement
from app.errors import Unavailable

# A connection used within ALIVE_WINDOW seconds is taken without a ping (see Autocommit._checkout; the
# session pool keeps the same rule with pool events, app/db.py).
# What a connection lost under a statement raises (asyncpg's own error, or the socket's); a ping on a closed
# connection may also raise asyncpg's InterfaceError ("connection is closed").
_CONNECTION_LOST = (asyncpg.ConnectionDoesNotExistError, ConnectionError, OSError)
_PING_FAILED = (*_CONNECTION_LOST, asyncpg.InterfaceError)


class Autocommit:
    def __init__(self, url: str, dialect: Dialect, pool: dict[str, Any], make_engine: Callable[..., AsyncEngine]) -> None:
        self._dialect = dialect
        self._pool = pool
        self._make_engine = make_engine
        self._engine: AsyncEngine | None = None

    @property
    def engine(self) -> AsyncEngine:
        """The engine in autocommit mode, made on first use."""
        if self._engine is None:
            self._engine = self._make_engine(isolation_level="AUTOCOMMIT", **self._pool)
        return self._engine

    async def execute(self, statement: Any, params: dict[str, Any]) -> list[Any]:
        """Run one statement, committed as it runs, and return its rows."""
        plan = _driver_plan(statement, self._dialect, tuple(params)) if self._dialect.name == "postgresql" else None
        if plan is None:
            async with self.engine.connect() as conn:
                result = await conn.execute(statement, params)
                return result.all() if result.returns_rows else []
        arguments = plan.arguments(params)
        return await self._on_driver(plan.sql, lambda driver: driver.fetch(plan.sql, *arguments))

    async def copy(self, table: str, columns: tuple[str, ...], records: list[tuple[Any, ...]]) -> bool:
        """Load rows with one COPY, committed as it runs; False (nothing loaded) where there is no COPY."""
        if self._dialect.name != "postgresql":
            return False
        await self._on_driver(f"COPY {table}", lambda driver: driver.copy_records_to_table(
            table, records=records, columns=list(columns)))
        return True

    async def _on_driver(self, what: str, operation: Callable[[Any], Awaitable[Any]]) -> Any:
        """Run `operation` on a live pooled driver connection, counted as one statement: a refused row
        raises SQLAlchemy's IntegrityError, a connection lost under it is dropped and the request gets 503."""
        pooled = await self._checkout()
        started = time.perf_counter()
        try:
            result = await operation(pooled.driver_connection)
        except asyncpg.IntegrityConstraintViolationError as exc:
            raise IntegrityError(what, None, exc) from exc
        except _CONNECTION_LOST as exc:
            pooled.invalidate()
            raise Unavailable("The database connection was lost; retry the request") from exc
        finally:
            count_statement(time.perf_counter() - started)
            await greenlet_spawn(pooled.close)
        pooled.info[_LAST_USED] = time.monotonic()
        return result

    async def _checkout(self) -> Any:
        """A pooled driver connection that is alive, as far as can be known without a round trip when it
        was used within ALIVE_WINDOW seconds (the same bypass connection pools such as HikariCP make):
        one the server closed is seen closed by the driver as soon as the close arrives, and is replaced;
        one idle for longer is pinged first, and replaced when the ping fails."""
        for _ in range(self._pool.get("pool_size", 1) + 1):
            pooled = await self.engine.raw_connection()
            driver = pooled.driver_connection
            if not driver.is_closed():
                if time.monotonic() - pooled.info.get(_LAST_USED, 0.0) <= ALIVE_WINDOW:
                    return pooled
                try:
                    await driver.fetchrow(";")
                    return pooled
                except _PING_FAILED:
                    pass
            pooled.invalidate()
            await greenlet_spawn(pooled.close)
        raise Unavailable("No database connection could be opened")

    async def close(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None


@dataclass(frozen=True)
class _DriverPlan:
    """A statement compiled for asyncpg: its SQL, and how to turn named values into its positional arguments."""

    sql: str
    names: tuple[str, ...]
    fixed: dict[str, Any]  # values the statement carries itself (the literals it compares against)
    processors: tuple[Callable[[Any], Any] | None, ...]

    def arguments(self, params: dict[str, Any]) -> list[Any]:
        fixed = self.fixed
        values = []
        for name, process in zip(self.names, self.processors, strict=True):
            value = fixed[name] if name in fixed else params[name]
            values.append(value if process is None else process(value))
        return values


@lru_cache(maxsize=64)
def _driver_plan(statement: Any, dialect: Dialect, keys: tuple[str, ...]) -> _DriverPlan | None:
    """`statement` compiled for values named `keys` (an INSERT's columns depend on them). None for what this
    plan does not cover (expanding IN lists, defaults computed in Python): that takes SQLAlchemy's path."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    names = tuple(compiled.positiontup or ())
    binds = [compiled.binds[name] for name in names]
    if compiled.insert_prefetch or compiled.update_prefetch or any(
            bind.expanding or bind.callable is not None for bind in binds):
        return None
    return _DriverPlan(
        sql=str(compiled),
        names=names,
        fixed={name: bind.value for name, bind in zip(names, binds, strict=True) if not bind.required},
        processors=tuple(bind.type.dialect_impl(dialect).bind_processor(dialect) for bind in binds),
    )
