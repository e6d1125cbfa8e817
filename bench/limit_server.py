"""The physical limit: the benchmark scenarios as a minimal Starlette + asyncpg + orjson server with
hand-written SQL, returning the same JSON as Crossway. Not part of Crossway; only for bench/run.py.

    uvicorn bench.limit_server:app --loop uvloop --http httptools --port 8101   (BENCH_DATABASE_URL set)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.counting import CountingPool

POOL: CountingPool | None = None


def json(data: object, status: int = 200, queries: int = 0) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json",
                    headers={"Server-Timing": f'db;desc="{queries} queries"'})


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    global POOL
    pool = await asyncpg.create_pool(os.environ["BENCH_DATABASE_URL"].replace("+asyncpg", ""), min_size=4, max_size=10)
    POOL = CountingPool(pool)
    yield
    await pool.close()


async def runs_page(request: Request) -> Response:
    """One statement, as Crossway's: the page, its phase totals and current phases, and the run count."""
    limit = min(max(int(request.query_params.get("limit", 20)), 1), 100)
    async with POOL.counted() as (db, count):
        rows = await db.fetch(
            """SELECT r.id, r.state, r.created_at, r.tokens_used, r.token_cap,
                      (SELECT count(*) FROM phases p WHERE p.run_id = r.id) AS total,
                      (SELECT count(*) FROM phases p WHERE p.run_id = r.id AND p.state = 'COMPLETE') AS done,
                      (SELECT p.name FROM phases p WHERE p.run_id = r.id AND p.state IN
                          ('EXECUTING', 'GATE', 'CI_RUNNING', 'QUEUED')
                       ORDER BY (p.state = 'QUEUED'), p.phase_index, p.id LIMIT 1) AS current,
                      (SELECT count(*) FROM runs) AS all_runs
               FROM (SELECT id, state, created_at, tokens_used, token_cap FROM runs
                     ORDER BY created_at DESC, id DESC LIMIT $1) r
               ORDER BY r.created_at DESC, r.id DESC""", limit)
        total = rows[0]["all_runs"] if rows else await db.fetchval("SELECT count(*) FROM runs")
    runs = [{"id": r["id"], "state": r["state"], "created_at": iso(r["created_at"]), "tokens_used": r["tokens_used"],
             "token_cap": r["token_cap"], "phases_total": r["total"], "phases_completed": r["done"],
             "current_phase_name": r["current"]} for r in rows]
    return json({"runs": runs, "total": total, "limit": limit, "offset": 0}, queries=count())


PHASE_SQL = """SELECT id, phase_id, run_id, tier_id, name, description, state, task_category, complexity,
                      builder_mode, phase_index, scope, intention_refs FROM phases WHERE run_id = ANY($1)
               ORDER BY phase_index, id"""


def phase_json(p: asyncpg.Record) -> dict:
    return {"id": p["id"], "phase_id": p["phase_id"], "run_id": p["run_id"], "tier_id": p["tier_id"], "name": p["name"],
            "description": p["description"], "state": p["state"], "task_category": p["task_category"],
            "complexity": p["complexity"], "builder_mode": p["builder_mode"], "phase_index": p["phase_index"],
            "scope": orjson.loads(p["scope"]) if p["scope"] else None,
            "intention_refs": orjson.loads(p["intention_refs"]) if p["intention_refs"] else None}


async def run_detail(request: Request) -> Response:
    run_id = request.path_params["run_id"]
    async with POOL.counted() as (db, count):
        run = await db.fetchrow("SELECT * FROM runs WHERE id = $1", run_id)
        if run is None:
            return json({"detail": f"Run {run_id} not found"}, 404, count())
        tiers = await db.fetch("SELECT * FROM tiers WHERE run_id = $1 ORDER BY tier_index, id", run_id)
        phases = [phase_json(p) for p in await db.fetch(PHASE_SQL, [run_id])]
    body = {
        "id": run["id"], "state": run["state"], "safety_profile": run["safety_profile"], "run_scope": run["run_scope"],
        "created_at": iso(run["created_at"]), "started_at": iso(run["started_at"]),
        "completed_at": iso(run["completed_at"]), "tokens_used": run["tokens_used"], "ci_runs_used": run["ci_runs_used"],
        "minor_issues_count": run["minor_issues_count"], "major_issues_count": run["major_issues_count"],
        "promotion_eligible_to_main": "true" if run["promotion_eligible_to_main"] else "false",
        "debt_status": run["debt_status"], "failure_reason": run["failure_reason"],
        "tiers": [{"id": t["id"], "tier_id": t["tier_id"], "name": t["name"], "state": t["state"],
                   "tier_index": t["tier_index"], "cleanliness": t["cleanliness"],
                   "minor_issues_count": t["minor_issues_count"], "major_issues_count": t["major_issues_count"],
                   "phases": [p for p in phases if p["tier_id"] == t["id"]]} for t in tiers],
        "phases": phases,
    }
    return json(body, queries=count())


async def graphql_runs(request: Request) -> Response:
    """The JSON `runs(first: 100) { edges { node { id state tiers { tierId state phases { phaseId state } } } } }` returns."""
    async with POOL.counted() as (db, count):
        runs = await db.fetch("SELECT id, state FROM runs ORDER BY created_at DESC, id DESC LIMIT 100")
        ids = [r["id"] for r in runs]
        tiers = await db.fetch("SELECT id, run_id, tier_id, state FROM tiers WHERE run_id = ANY($1) ORDER BY tier_index, id", ids)
        phases = await db.fetch("SELECT tier_id, phase_id, state FROM phases WHERE run_id = ANY($1) ORDER BY phase_index, id", ids)
    by_tier: dict[int, list] = {}
    for p in phases:
        by_tier.setdefault(p["tier_id"], []).append({"phaseId": p["phase_id"], "state": p["state"]})
    by_run: dict[str, list] = {}
    for t in tiers:
        by_run.setdefault(t["run_id"], []).append({"tierId": t["tier_id"], "state": t["state"],
                                                  "phases": by_tier.get(t["id"], [])})
    edges = [{"node": {"id": r["id"], "state": r["state"], "tiers": by_run.get(r["id"], [])}} for r in runs]
    return json({"data": {"runs": {"edges": edges}}}, queries=count())


async def _authenticated(db: asyncpg.Connection, request: Request) -> asyncpg.Record | None:
    key = request.headers.get("x-api-key", "")
    return await db.fetchrow("SELECT hub_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL",
                             hashlib.sha256(key.encode()).hexdigest())


async def submit_event(request: Request) -> Response:
    body = orjson.loads(await request.body())
    async with POOL.counted() as (db, count):
        key = await _authenticated(db, request)
        if key is None:
            return json({"code": "unauthorized"}, 401, count())
        ok = await db.fetchval("SELECT 1 FROM event_type_registry WHERE name = $1 AND status = 'active'", body["event_type"])
        if not ok:
            return json({"code": "unregistered_event_type", "registry": "/api/v2/event-types"}, 422, count())
        event_id, now = uuid.uuid4(), datetime.now(UTC)
        occurred = datetime.fromisoformat(body["occurred_at"].replace("Z", "+00:00"))
        await db.execute("""INSERT INTO interaction_events (id, widget_id, hub_id, event_type, occurred_at, received_at,
                            api_version) VALUES ($1, $2, $3, $4, $5, $6, 'v2')""",
                         event_id, uuid.UUID(body["widget_id"]), key["hub_id"], body["event_type"], occurred, now)
    return json({"id": str(event_id), "widget_id": body["widget_id"], "hub_id": str(key["hub_id"]),
                 "event_type": body["event_type"], "occurred_at": iso(occurred), "received_at": iso(now),
                 "actor_id": None, "actor_type": None, "view_context_ref": None, "metadata": None,
                 "client_event_id": None}, 201, count())


async def submit_batch(request: Request) -> Response:
    events = orjson.loads(await request.body())["events"]
    async with POOL.counted() as (db, count):
        key = await _authenticated(db, request)
        if key is None:
            return json({"code": "unauthorized"}, 401, count())
        names = {r["name"] for r in await db.fetch("SELECT name FROM event_type_registry WHERE status = 'active'")}
        now = datetime.now(UTC)
        rows = [(uuid.uuid4(), uuid.UUID(e["widget_id"]), key["hub_id"], e["event_type"],
                 datetime.fromisoformat(e["occurred_at"].replace("Z", "+00:00")), now, "v2")
                for e in events if e["event_type"] in names]
        await db.copy_records_to_table("interaction_events", records=rows, columns=[
            "id", "widget_id", "hub_id", "event_type", "occurred_at", "received_at", "api_version"])
    results = [{"index": i, "status": "created", "id": str(r[0]), "error": None} for i, r in enumerate(rows)]
    return json({"created": len(rows), "duplicates": 0, "rejected": len(events) - len(rows), "results": results},
                queries=count())


async def event_counts(request: Request) -> Response:
    """The JSON `eventCounts(since, until, bucket: HOUR) { bucketStart widgetId eventType count }` returns."""
    until = datetime(2026, 3, 31, 12, tzinfo=UTC)
    async with POOL.counted() as (db, count):
        rows = await db.fetch(
            """SELECT date_trunc('hour', occurred_at AT TIME ZONE 'UTC') AS bucket, widget_id, event_type, count(*)
               FROM interaction_events WHERE occurred_at >= $1 AND occurred_at < $2
               GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""", until - timedelta(hours=24), until)
    data = [{"bucketStart": r["bucket"].replace(tzinfo=UTC).isoformat(), "widgetId": str(r["widget_id"]),
             "eventType": r["event_type"], "count": r["count"]} for r in rows]
    return json({"data": {"eventCounts": data}}, queries=count())


app = Starlette(lifespan=lifespan, routes=[
    Route("/runs", runs_page), Route("/runs/{run_id}", run_detail),
    Route("/graphql/runs", graphql_runs, methods=["POST"]), Route("/graphql/event-counts", event_counts, methods=["POST"]),
    Route("/api/v2/interaction-events", submit_event, methods=["POST"]),
    Route("/api/v2/interaction-events/batch", submit_batch, methods=["POST"]),
])
