"""Every API request lands in api_request_log (in batches, and on shutdown); /metrics exposes the figures."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select, text

from app.db import Database
from app.domains.platform.models import ApiRequestLog
from tests.hub_helpers import make_hub


async def _rows(database_url: str) -> list:
    db = Database(database_url)
    try:
        async with db.engine.connect() as conn:
            return list(await conn.execute(text(
                "SELECT credential, principal_kind, method, route, status, latency_ms, request_id "
                "FROM api_request_log ORDER BY id")))
    finally:
        await db.dispose()


async def test_requests_are_logged_and_flushed_on_shutdown(make_client, settings, database_url):
    async with make_client(settings) as c:
        hub = await make_hub(c)
        await c.get("/api/v2/widgets", headers={"X-API-Key": hub.reader_key, "X-Request-Id": "r-1"})
        await c.get("/api/v2/widgets/nope")  # unmatched: still logged
        await c.get("/health")  # probes are not
        await c.get("/runs/missing")
    rows = await _rows(database_url)
    by_request = {r.request_id: r for r in rows}
    logged = by_request["r-1"]
    assert logged.credential.startswith("key:") and logged.principal_kind == "api_key"
    assert (logged.method, logged.route, logged.status) == ("GET", "/api/v2/widgets", 200)
    assert logged.latency_ms > 0
    assert {r.route for r in rows} >= {"/api/v2/widgets", "unmatched", "/runs/{run_id}"}
    assert "/health" not in {r.route for r in rows}
    assert [r.status for r in rows if r.route == "/runs/{run_id}"] == [404]


async def test_the_buffer_is_written_in_batches_while_running(client, database_url):
    runtime = client.app.state.runtime
    for _ in range(5):
        await client.get("/runs")
    assert await runtime.request_log.flush() == 5
    assert len(await _rows(database_url)) == 5
    assert await runtime.request_log.flush() == 0  # nothing twice


async def test_retention(client, clock, database_url):
    runtime = client.app.state.runtime
    await client.get("/runs")
    await runtime.request_log.flush()
    clock.advance(days=31)
    await client.get("/runs")
    await runtime.request_log.flush()
    assert await runtime.request_log.purge() == 1
    assert len(await _rows(database_url)) == 1


async def test_metrics_endpoint(client):
    await client.get("/runs")
    await client.get("/runs")
    await client.post("/graphql", json={"query": "{ runs { totalCount } }"})
    await client.post("/graphql", json={"query": "{ nope }"})
    text_body = (await client.get("/metrics")).text
    assert 'crossway_http_requests_total{method="GET",route="/runs",status="200"} 2.0' in text_body
    assert 'crossway_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/runs"}' in text_body
    assert 'crossway_graphql_operations_total{operation_type="query",outcome="ok"} 1.0' in text_body
    assert "crossway_db_pool_connections_in_use" in text_body
    assert "crossway_rate_limit_refusals_total" in text_body


async def test_rate_limit_refusals_are_counted(make_client, make_settings):
    async with make_client(make_settings(run_start_limit="1/minute")) as c:
        for i in range(3):
            await c.post("/runs/start", json={"run": {"run_id": f"m{i}"}, "tiers": [], "phases": []})
        body = (await c.get("/metrics")).text
    assert 'crossway_rate_limit_refusals_total{limit="run_start"} 2.0' in body


async def test_every_recorded_value_is_stored(client, database_url):
    """Stored in one COPY on PostgreSQL, one INSERT elsewhere: the same row either way."""
    runtime = client.app.state.runtime
    hub = uuid.UUID(int=9)
    entries = [{"at": datetime(2026, 1, 1, 12, 30, tzinfo=timezone(timedelta(hours=2))), "credential": "key:1",
                "principal_kind": "api_key", "hub_id": hub, "method": "POST", "route": "/api/v2/interaction-events",
                "status": 201, "latency_ms": 1.25, "request_id": "c-1"},
               {"at": datetime(2026, 1, 1, 11, tzinfo=UTC), "credential": None, "principal_kind": "anonymous",
                "hub_id": None, "method": "GET", "route": "unmatched", "status": 404, "latency_ms": 0.5,
                "request_id": "c-2"}]
    for entry in entries:
        runtime.request_log.record(dict(entry))
    assert await runtime.request_log.flush() == 2
    db = Database(database_url)
    try:
        async with db.engine.connect() as conn:
            rows = (await conn.execute(select(*[ApiRequestLog.__table__.c[name] for name in entries[0]])
                                       .order_by(ApiRequestLog.__table__.c.id))).mappings().all()
    finally:
        await db.dispose()
    assert [dict(row) for row in rows] == [{**entry, "at": entry["at"].astimezone(UTC)} for entry in entries]
