"""Seed a PostgreSQL database with benchmark volume: 10,000 runs (2-5 tiers, 5-20 phases each) and
1,000,000 interaction events over 200 widgets. Bulk rows go in with COPY (asyncpg); the hub, its key and
the reference data go through Crossway's own services.

    uv run python -m bench.seed --database-url postgresql://postgres@127.0.0.1:5432/crossway_bench
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from app import migrate
from app.auth.principal import Principal
from app.context import RequestContext
from app.db import normalize_url
from app.domains.identity import service as identity
from app.domains.interactions import hubs
from app.reference_data import EVENT_TYPES, seed_reference
from app.runtime import Runtime
from app.settings import Settings

NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)
PHASE_STATES = ["COMPLETE"] * 5 + ["EXECUTING", "QUEUED", "QUEUED", "FAILED", "SKIPPED"]
STATE_FILE = Path("var/bench-credentials.json")


def progress(label: str, done: int, total: int, started: float) -> None:
    rate = done / max(time.monotonic() - started, 1e-6)
    sys.stderr.write(f"\r{label}: {done:,}/{total:,} ({100 * done / total:.0f}%, {rate:,.0f}/s)   ")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


async def recreate(url: str) -> None:
    parsed = make_url(normalize_url(url))
    admin = await asyncpg.connect(host=parsed.host, port=parsed.port or 5432, user=parsed.username or "postgres",
                                  password=parsed.password, database="postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{parsed.database}"')
    finally:
        await admin.close()


async def seed(url: str, runs: int, events: int, widgets: int, seed_value: int = 7) -> dict[str, str]:
    rng = random.Random(seed_value)
    await recreate(url)
    settings = Settings(database_url=url, seed_demo=False, log_json=False, webhook_worker=False)
    runtime = Runtime.build(settings)
    try:
        await migrate.upgrade(runtime.db)
        await seed_reference(runtime.db, NOW)
        ctx = RequestContext(runtime=runtime, principal=Principal(kind="system", scopes=frozenset({"admin"})))
        hub = await hubs.create_hub(ctx, {"slug": "bench", "name": "Bench"})
        await hubs.publish_manifest(ctx, "bench", {})
        key = await identity.create_key(ctx, name="bench", scopes="hub:read hub:events:write", hub="bench",
                                        rate_per_minute=10_000_000, daily_quota=1_000_000_000)
        await ctx.finish(commit=True)
        hub_id = hub.hub.id
    finally:
        await runtime.close()

    parsed = make_url(normalize_url(url))
    conn = await asyncpg.connect(host=parsed.host, port=parsed.port or 5432, user=parsed.username or "postgres",
                                 password=parsed.password, database=parsed.database)
    try:
        widget_ids = await _widgets(conn, hub_id, widgets)
        await _runs(conn, rng, runs)
        await _events(conn, rng, hub_id, widget_ids, events)
        await conn.execute("VACUUM ANALYZE")  # statistics, and the visibility map index-only scans need
    finally:
        await conn.close()
    credentials = {"api_key": key.api_key, "widget_id": str(widget_ids[0]), "run_id": "bench-run-000000"}
    STATE_FILE.parent.mkdir(parents=True, exist_ok=True)
    STATE_FILE.write_text(json.dumps(credentials))
    return credentials


async def _widgets(conn: asyncpg.Connection, hub_id: uuid.UUID, count: int) -> list[uuid.UUID]:
    types = ["button", "form", "table", "chart", "card", "search"]
    rows = [(uuid.uuid4(), hub_id, f"widget-{i:03d}", types[i % len(types)], None, None, "internal", "active", 1,
             NOW, NOW) for i in range(count)]
    await conn.copy_records_to_table("widgets", records=rows, columns=[
        "id", "hub_id", "name", "widget_type", "capability_ref", "view_context", "policy_scope", "status", "version",
        "created_at", "updated_at"])
    return [r[0] for r in rows]


async def _runs(conn: asyncpg.Connection, rng: random.Random, count: int) -> None:
    started = time.monotonic()
    tier_pk = phase_pk = 0
    run_rows, tier_rows, phase_rows = [], [], []
    for n in range(count):
        run_id = f"bench-run-{n:06d}"
        created = NOW - timedelta(minutes=count - n)
        tiers = rng.randint(2, 5)
        phases = rng.randint(5, 20)
        tokens = 0
        tier_pks = []
        for t in range(tiers):
            tier_pk += 1
            tier_pks.append(tier_pk)
            tier_rows.append((tier_pk, run_id, f"T{t}", t, f"Tier {t}", None, "IN_PROGRESS", "clean", 0, 0, 0, created))
        for p in range(phases):
            phase_pk += 1
            used = rng.randint(100, 9000)
            tokens += used
            phase_rows.append((phase_pk, run_id, tier_pks[p % tiers], f"P{p}", p, f"Phase {p}", None,
                               rng.choice(PHASE_STATES), "feature", "medium", None, None, None, used, 1, 0, 0, 0,
                               None, False, created, created))
        run_rows.append((run_id, "PHASE_EXECUTION", "normal", "multi_tier", 5_000_000, 25, 120, 3 * phases, tokens, 0,
                         0, 0, False, None, None, created, created, None, created))
        if len(run_rows) >= 1000 or n == count - 1:
            await conn.copy_records_to_table("runs", records=run_rows, columns=RUN_COLUMNS)
            await conn.copy_records_to_table("tiers", records=tier_rows, columns=TIER_COLUMNS)
            await conn.copy_records_to_table("phases", records=phase_rows, columns=PHASE_COLUMNS)
            run_rows, tier_rows, phase_rows = [], [], []
            progress("runs", n + 1, count, started)
    await conn.execute("SELECT setval(pg_get_serial_sequence('tiers', 'id'), $1)", tier_pk)
    await conn.execute("SELECT setval(pg_get_serial_sequence('phases', 'id'), $1)", phase_pk)


async def _events(conn: asyncpg.Connection, rng: random.Random, hub_id: uuid.UUID, widgets: list[uuid.UUID],
                  count: int) -> None:
    started = time.monotonic()
    names = list(EVENT_TYPES)
    batch = []
    for n in range(count):
        at = NOW - timedelta(seconds=rng.randint(0, 7 * 24 * 3600))
        batch.append((uuid.uuid4(), rng.choice(widgets), hub_id, rng.choice(names), at, at, None, "user", None, None,
                      None, "v2"))
        if len(batch) >= 50_000 or n == count - 1:
            await conn.copy_records_to_table("interaction_events", records=batch, columns=EVENT_COLUMNS)
            batch = []
            progress("events", n + 1, count, started)


RUN_COLUMNS = ["id", "state", "safety_profile", "run_scope", "token_cap", "max_phases", "max_duration_minutes",
               "max_minor_issues_total", "tokens_used", "ci_runs_used", "minor_issues_count", "major_issues_count",
               "promotion_eligible_to_main", "debt_status", "failure_reason", "created_at", "started_at",
               "completed_at", "updated_at"]
TIER_COLUMNS = ["id", "run_id", "tier_id", "tier_index", "name", "description", "state", "cleanliness", "tokens_used",
                "minor_issues_count", "major_issues_count", "created_at"]
PHASE_COLUMNS = ["id", "run_id", "tier_id", "phase_id", "phase_index", "name", "description", "state", "task_category",
                 "complexity", "builder_mode", "scope", "intention_refs", "tokens_used", "builder_attempts",
                 "auditor_attempts", "minor_issues_count", "major_issues_count", "quality_level", "quality_blocked",
                 "created_at", "updated_at"]
EVENT_COLUMNS = ["id", "widget_id", "hub_id", "event_type", "occurred_at", "received_at", "actor_id", "actor_type",
                 "view_context_ref", "metadata", "client_event_id", "api_version"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--widgets", type=int, default=200)
    args = parser.parse_args()
    if not make_url(normalize_url(args.database_url)).get_backend_name() == "postgresql":
        parser.error("the benchmark database must be PostgreSQL")
    credentials = asyncio.run(seed(args.database_url, args.runs, args.events, args.widgets))
    print(json.dumps({"seeded": True, "runs": args.runs, "events": args.events, **credentials}))


if __name__ == "__main__":
    main()
