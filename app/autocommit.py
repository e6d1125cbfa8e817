"""Statements that commit by themselves, outside any session and transaction.

A request whose only write is one statement (`RequestContext.write`, e.g. appending one event), and the
request log's periodic COPY, need no BEGIN/COMMIT round trips, no ORM session and none of SQLAlchemy's
execution layers, which cost more than the statement's own round trip. They run on a small pool of their own
whose connections are in autocommit mode. A connection is checked out as the session pool's are
(app.db.install_liveness: no round trip when it was used within the last half second, a ping otherwise);
one that cannot be had, or is lost under a statement, is dropped and the request answered 503. On PostgreSQL each statement is compiled once by SQLAlchemy into a prepared statement run
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
from sqlalchemy.exc import IntegrityError, InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import greenlet_spawn

from app.db import count_statement, install_liveness
from app.errors import Unavailable

# What a connection lost under a statement raises (asyncpg's own error, or the socket's).
_CONNECTION_LOST = (asyncpg.ConnectionDoesNotExistError, ConnectionError, OSError)


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
            if self._dialect.name == "postgresql":
                install_liveness(self._engine)  # the sessions' rule: a ping only after ALIVE_WINDOW idle
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
        try:
            pooled = await self.engine.raw_connection()  # alive as far as app.db.install_liveness can tell
        except (InvalidRequestError, *_CONNECTION_LOST) as exc:  # replacements exhausted, or none could open
            raise Unavailable("No database connection could be opened") from exc
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
        return result

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
