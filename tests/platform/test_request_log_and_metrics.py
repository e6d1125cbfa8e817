"""Every API request lands in api_request_log (in batches, and on shutdown); /metrics exposes the figures."""

from __future__ import annotations

from sqlalchemy import text

from app.db import Database
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
