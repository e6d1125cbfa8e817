"""GET /runs, /runs/{id}, /runs/{id}/progress, /dashboard/runs/{id}/status, and their access rules."""

from __future__ import annotations

from app.domains.runs.shapes import RunResponse, RunsPageResponse
from tests.helpers import set_phase, start_run


async def test_get_run_and_unknown_run(client):
    started = await start_run(client, "r1")
    fetched = await client.get("/runs/r1")
    assert fetched.status_code == 200 and fetched.json() == started
    missing = await client.get("/runs/nope")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Run nope not found"}


async def test_run_detail_is_the_documented_model(client, clock):
    """The detail is rendered without models; it must be exactly what RunResponse renders, nulls,
    timestamps, states and nested phases included."""
    await start_run(client, "d1", tiers=2, phases_per_tier=3)
    clock.advance(seconds=90)
    await set_phase(client, "d1", "P0-0", "COMPLETE", tokens_used=7)
    await set_phase(client, "d1", "P1-2", "EXECUTING")
    body = (await client.get("/runs/d1")).json()
    assert body == RunResponse.model_validate(body).model_dump(mode="json")
    assert body["started_at"] is not None and body["started_at"].endswith("Z")
    assert [len(t["phases"]) for t in body["tiers"]] == [3, 3]
    assert body["tiers"][0]["phases"][0]["state"] == "COMPLETE" and body["phases"][0]["scope"] == {"paths": ["src/"]}


async def test_runs_inbox_is_newest_first_with_summaries(client, clock):
    await start_run(client, "old", tiers=1, phases_per_tier=3)
    clock.advance(minutes=1)
    await start_run(client, "new", tiers=1, phases_per_tier=2)
    await set_phase(client, "old", "P0-0", "COMPLETE")
    await set_phase(client, "old", "P0-1", "EXECUTING")

    body = (await client.get("/runs")).json()
    assert body["total"] == 2 and body["limit"] == 20 and body["offset"] == 0
    assert [r["id"] for r in body["runs"]] == ["new", "old"]
    old = body["runs"][1]
    assert set(old) == {"id", "state", "created_at", "tokens_used", "token_cap", "phases_total",
                        "phases_completed", "current_phase_name"}
    assert (old["phases_total"], old["phases_completed"], old["current_phase_name"]) == (3, 1, "Phase 0.1")
    assert body["runs"][0]["current_phase_name"] == "Phase 0.0"  # nothing active: the first queued
    # The document is built without the model; it must be exactly what the model would write.
    assert RunsPageResponse.model_validate(body).model_dump(mode="json") == body
    assert body["runs"][0]["created_at"].endswith("Z") and body["runs"][0]["state"] == "RUN_CREATED"


async def test_runs_inbox_clamps_limit_and_offset(client, clock):
    for i in range(3):
        await start_run(client, f"c{i}", tiers=1, phases_per_tier=1)
        clock.advance(seconds=1)
    assert (await client.get("/runs?limit=0")).json()["limit"] == 1
    assert (await client.get("/runs?limit=1000")).json()["limit"] == 100
    assert (await client.get("/runs?offset=-5")).json()["offset"] == 0
    page = (await client.get("/runs?limit=1&offset=1")).json()
    assert [r["id"] for r in page["runs"]] == ["c1"] and page["total"] == 3


async def test_runs_inbox_rejects_non_numbers(client):
    response = await client.get("/runs?limit=many")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


async def test_progress_shape(client, clock):
    await start_run(client, "prog", tiers=1, phases_per_tier=3)
    await set_phase(client, "prog", "P0-0", "COMPLETE", tokens_used=100, builder_attempts=2)
    await set_phase(client, "prog", "P0-1", "EXECUTING", tokens_used=50)
    clock.advance(seconds=90)
    body = (await client.get("/runs/prog/progress")).json()
    assert set(body) == {"run_id", "state", "started_at", "completed_at", "elapsed_seconds", "tokens_used",
                         "token_cap", "phases_total", "phases_completed", "phases_in_progress", "phases_pending",
                         "phases"}
    assert (body["phases_total"], body["phases_completed"], body["phases_in_progress"], body["phases_pending"]) == (3, 1, 1, 1)
    assert body["tokens_used"] == 150 and body["elapsed_seconds"] == 90
    assert body["phases"][0] == {"phase_id": "P0-0", "name": "Phase 0.0", "state": "COMPLETE", "phase_index": 0,
                                 "tokens_used": 100, "builder_attempts": 2}
    assert (await client.get("/runs/nope/progress")).status_code == 404


async def test_dashboard_status(client):
    await start_run(client, "dash", tiers=2, phases_per_tier=1)
    await set_phase(client, "dash", "P0-0", "COMPLETE", tokens_used=1000)
    await set_phase(client, "dash", "P1-0", "EXECUTING")
    body = (await client.get("/dashboard/runs/dash/status")).json()
    assert body["current_phase_name"] == "Phase 1.0" and body["current_tier_name"] == "Tier 1"
    assert body["completed_tiers"] == 1 and body["total_tiers"] == 2
    assert body["percent_complete"] == 50.0
    assert body["token_utilization"] == round(1000 / 5_000_000, 4)
    assert (await client.get("/dashboard/runs/nope/status")).status_code == 404


# --- read access policy ----------------------------------------------------------------------------


async def test_operator_reads_need_key_in_production(make_client, make_settings):
    async with make_client(make_settings(autopack_env="production", autopack_api_key="k")) as c:
        assert (await c.get("/runs")).status_code == 403
        assert (await c.get("/runs", headers={"X-API-Key": "k"})).status_code == 200
        # public read is a development switch only
    async with make_client(make_settings(autopack_env="production", autopack_api_key="k",
                                         autopack_public_read=True)) as c:
        assert (await c.get("/runs")).status_code == 403


async def test_development_reads(make_client, make_settings):
    async with make_client(make_settings(autopack_api_key="k")) as c:
        assert (await c.get("/runs")).status_code == 403  # a key is configured and public read is off
        assert (await c.get("/runs/x/progress")).status_code == 403
    async with make_client(make_settings(autopack_api_key="k", autopack_public_read=True)) as c:
        assert (await c.get("/runs")).status_code == 200
    async with make_client(make_settings()) as c:
        assert (await c.get("/runs")).status_code == 200  # no key configured in development


async def test_public_reads_stay_public(make_client, make_settings):
    async with make_client(make_settings(autopack_env="production", autopack_api_key="k")) as c:
        await c.post("/runs/start", json={"run": {"run_id": "pub"}, "tiers": [], "phases": []},
                     headers={"X-API-Key": "k"})
        assert (await c.get("/runs/pub")).status_code == 200
        assert (await c.get("/dashboard/runs/pub/status")).status_code == 200


async def test_the_inbox_reads_outside_a_transaction(client, monkeypatch):
    """One statement, run alone: the inbox opens no session (no BEGIN/COMMIT), before and past the last page."""
    await start_run(client, "solo")
    db = client.app.state.runtime.db
    opened: list[object] = []
    sessionmaker = db.sessionmaker

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        opened.append(args)
        return sessionmaker(*args, **kwargs)

    monkeypatch.setattr(db, "sessionmaker", counted)
    first = (await client.get("/runs")).json()
    beyond = (await client.get("/runs?offset=5")).json()
    assert [r["id"] for r in first["runs"]] == ["solo"] and first["total"] == 1
    assert beyond["runs"] == [] and beyond["total"] == 1
    assert opened == []
