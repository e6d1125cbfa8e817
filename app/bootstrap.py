"""Getting a database ready to serve: migrate, then seed what a fresh install shows."""

from __future__ import annotations

import structlog

from app import migrate
from app.reference_data import seed_reference
from app.runtime import Runtime
from app.seed import seed_demo

log = structlog.get_logger("crossway.bootstrap")


async def prepare_database(runtime: Runtime, *, with_demo: bool | None = None) -> None:
    before, after = await migrate.upgrade(runtime.db)
    if before != after:
        log.info("migrated", before=before, after=after)
    added = await seed_reference(runtime.db, runtime.clock.now())
    if added:
        log.info("seeded_reference_data", rows=added)
    await runtime.keyring.ensure_loaded()
    if (runtime.settings.seed_demo if with_demo is None else with_demo) and before is None:
        # Only a database this process just created gets demo data.
        created = await seed_demo(runtime)
        log.info("seeded_demo", runs=created)
