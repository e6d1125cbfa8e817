"""The migration history produces exactly the schema the models declare, on this test run's database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.db import Database, metadata


async def test_migrated_schema_matches_models(database_url):
    db = Database(database_url)
    try:
        async with db.engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), metadata)
            )
    finally:
        await db.dispose()
    assert diff == []
