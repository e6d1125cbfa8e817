"""Fixtures: one migrated database per test session, a clean one per test.

SQLite (the default): the session migrates a template file and every test gets
its own copy. PostgreSQL (TEST_DATABASE_URL): the session creates a throwaway
database on that server, migrates it, and every test starts from truncated
tables. TEST_REDIS_URL moves rate limits and pub/sub to Redis, with a key
prefix of the test's own.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app import migrate
from app.clock import FixedClock
from app.db import Database, metadata, normalize_url
from app.main import create_app
from app.models import import_all_models
from app.reference_data import seed_reference
from app.settings import Settings

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL")
TEST_SECRET_KEY = "q8Hx6m0Jg7bqYV5n2b7z6Wc2m4pU9sX1dE3fR5tY7uI="

import_all_models()


@pytest.fixture(scope="session")
async def database_template(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    if TEST_DATABASE_URL:
        server = make_url(normalize_url(TEST_DATABASE_URL))
        name = f"crossway_test_{uuid.uuid4().hex[:10]}"
        admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = server.set(database=name).render_as_string(hide_password=False)
        db = Database(url)
        await migrate.upgrade(db)
        await db.dispose()
        yield url
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()
    else:
        path = tmp_path_factory.mktemp("db") / "template.sqlite"
        db = Database(f"sqlite+aiosqlite:///{path}")
        await migrate.upgrade(db)
        await seed_reference(db, FixedClock().now())
        await db.dispose()
        yield str(path)


@pytest.fixture
async def database_url(database_template: str, tmp_path: Path) -> str:
    if TEST_DATABASE_URL:
        db = Database(database_template)
        tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
        async with db.engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        await seed_reference(db, FixedClock().now())
        await db.dispose()
        return database_template
    target = tmp_path / "crossway.sqlite"
    shutil.copyfile(database_template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def make_settings(database_url: str, tmp_path: Path) -> Callable[..., Settings]:
    prefix = f"crossway-test-{uuid.uuid4().hex[:8]}"

    def build(**overrides: object) -> Settings:
        values: dict[str, object] = {
            "database_url": database_url, "redis_url": TEST_REDIS_URL, "runs_dir": tmp_path / "runs",
            "run_start_limit": "1000/minute", "rate_limit_prefix": prefix, "seed_demo": False,
            "autopack_env": "development", "log_json": True, "secret_key": TEST_SECRET_KEY,
            "webhook_worker": False,
            # The test receivers listen on loopback, which webhooks may not reach by default.
            "outbound_allow_hosts": "127.0.0.1,localhost",
            # A test process builds hundreds of apps: freezing each one's objects would keep them all.
            "gc_freeze": False, "gc_threshold": 0,
        }
        values.update(overrides)
        return Settings(**values)

    return build


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


@pytest.fixture
def make_client(clock: FixedClock) -> Callable[..., object]:
    """make_client(settings) -> an async context manager yielding an httpx client on the app."""
    import contextlib

    @contextlib.asynccontextmanager
    async def open_client(settings: Settings, **headers: str) -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(settings, clock=clock, prepare=False)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers) as client:
                client.app = app  # type: ignore[attr-defined]
                yield client

    return open_client


@pytest.fixture
async def client(make_client, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # noqa: ANN001
    async with make_client(settings) as c:
        yield c
