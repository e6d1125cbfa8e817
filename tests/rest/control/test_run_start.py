"""POST /runs/start: the RunResponse shape, validation, auth, the rate limit, artifact files."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import start_payload, start_run

RUN_KEYS = {"id", "state", "safety_profile", "run_scope", "created_at", "started_at", "completed_at", "tokens_used",
            "ci_runs_used", "minor_issues_count", "major_issues_count", "promotion_eligible_to_main", "debt_status",
            "failure_reason", "tiers", "phases"}
TIER_KEYS = {"id", "tier_id", "name", "state", "tier_index", "cleanliness", "minor_issues_count",
             "major_issues_count", "phases"}
PHASE_KEYS = {"id", "phase_id", "run_id", "tier_id", "name", "description", "state", "task_category", "complexity",
              "builder_mode", "phase_index", "scope", "intention_refs"}


async def test_start_returns_run_response(client):
    body = await start_run(client, "run-shape", tiers=2, phases_per_tier=2)
    assert set(body) == RUN_KEYS
    assert body["id"] == "run-shape"
    assert body["state"] == "RUN_CREATED"
    assert body["safety_profile"] == "normal" and body["run_scope"] == "multi_tier"
    assert body["promotion_eligible_to_main"] == "false"
    assert body["tokens_used"] == 0 and body["completed_at"] is None
    assert len(body["tiers"]) == 2 and len(body["phases"]) == 4
    tier = body["tiers"][0]
    assert set(tier) == TIER_KEYS
    assert tier["state"] == "PENDING" and tier["cleanliness"] == "clean" and isinstance(tier["id"], int)
    phase = tier["phases"][0]
    assert set(phase) == PHASE_KEYS
    # tier_id of a phase is the tier's integer id; phases appear under tiers and at the top level
    assert phase["tier_id"] == tier["id"]
    assert phase in body["phases"]
    assert phase["state"] == "QUEUED" and phase["scope"] == {"paths": ["src/"]}
    assert phase["intention_refs"]["success_criteria"] == [0, 1]
    assert phase["intention_refs"]["constraints_must_not"] == []


async def test_start_applies_documented_defaults(client):
    response = await client.post("/runs/start", json={"run": {"run_id": "bare"}, "tiers": [], "phases": []})
    assert response.status_code == 201
    assert response.json()["tiers"] == [] and response.json()["phases"] == []


async def test_duplicate_run_id_is_400(client):
    await start_run(client, "dup")
    response = await client.post("/runs/start", json=start_payload("dup"))
    assert response.status_code == 400
    assert "already exists" in response.json()["detail"]


async def test_phase_with_unknown_tier_is_400(client):
    payload = start_payload("orphan")
    payload["phases"][0]["tier_id"] = "T-missing"
    response = await client.post("/runs/start", json=payload)
    assert response.status_code == 400
    assert "unknown tier" in response.json()["detail"]
    assert (await client.get("/runs/orphan")).status_code == 404  # nothing half-created


async def test_duplicate_tier_or_phase_ids_are_400(client):
    payload = start_payload("dups")
    payload["tiers"][1]["tier_id"] = "T0"
    response = await client.post("/runs/start", json=payload)
    assert response.status_code == 400 and "Duplicate tier_id" in response.json()["detail"]


async def test_malformed_json_is_422_with_reason(client):
    response = await client.post("/runs/start", content=b'{"run": ', headers={"content-type": "application/json"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["type"] == "json_invalid" and error["loc"][0] == "body"
    assert "JSON" in error["msg"]


async def test_wrong_types_are_422_naming_the_field(client):
    payload = start_payload("typed")
    payload["run"]["token_cap"] = "lots"
    payload["tiers"][0]["tier_index"] = "first"
    response = await client.post("/runs/start", json=payload)
    assert response.status_code == 422
    locations = [e["loc"] for e in response.json()["detail"]]
    assert ["body", "run", "token_cap"] in locations
    assert ["body", "tiers", 0, "tier_index"] in locations


async def test_limits_must_be_positive(client):
    payload = start_payload("zero", token_cap=0)
    response = await client.post("/runs/start", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "run", "token_cap"]


async def test_run_id_that_is_not_path_safe_is_refused(client):
    response = await client.post("/runs/start", json=start_payload("../escape"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "run", "run_id"]


async def test_missing_body_is_422(client):
    response = await client.post("/runs/start")
    assert response.status_code == 422


async def test_artifact_files_written_on_start(client, settings):
    await start_run(client, "arts", tiers=1, phases_per_tier=2)
    folder = Path(settings.runs_dir) / "arts"
    assert (folder / "run_summary.md").read_text().startswith("# Run arts")
    assert sorted(p.name for p in (folder / "tiers").iterdir()) == ["tier_00_Tier_0.md"]
    assert sorted(p.name for p in (folder / "phases").iterdir()) == ["phase_00_P0-0.md", "phase_01_P0-1.md"]
    assert "Phase 0.1" in (folder / "phases" / "phase_01_P0-1.md").read_text()


async def test_failed_start_writes_no_files(client, settings):
    payload = start_payload("nofiles")
    payload["phases"][0]["tier_id"] = "nope"
    await client.post("/runs/start", json=payload)
    assert not (Path(settings.runs_dir) / "nofiles").exists()


# --- auth -------------------------------------------------------------------------------------


async def test_key_required_when_configured(make_client, make_settings):
    async with make_client(make_settings(autopack_api_key="s3cret")) as c:
        missing = await c.post("/runs/start", json=start_payload("k1"))
        wrong = await c.post("/runs/start", json=start_payload("k1"), headers={"X-API-Key": "nope"})
        right = await c.post("/runs/start", json=start_payload("k1"), headers={"X-API-Key": "s3cret"})
    expected = {"detail": "Invalid or missing API key. Set X-API-Key header."}
    assert (missing.status_code, missing.json()) == (403, expected)
    assert (wrong.status_code, wrong.json()) == (403, expected)
    assert right.status_code == 201


async def test_key_read_from_file(make_client, make_settings, tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("from-file\n")
    async with make_client(make_settings(autopack_api_key_file=key_file)) as c:
        assert (await c.post("/runs/start", json=start_payload("f1"))).status_code == 403
        ok = await c.post("/runs/start", json=start_payload("f1"), headers={"X-API-Key": "from-file"})
    assert ok.status_code == 201


async def test_production_without_key_refuses_to_serve(make_client, make_settings):
    async with make_client(make_settings(autopack_env="production")) as c:
        response = await c.post("/runs/start", json=start_payload("p1"))
    assert response.status_code == 500
    assert "AUTOPACK_API_KEY" in response.json()["detail"]


# --- rate limit --------------------------------------------------------------------------------


async def test_run_starts_are_rate_limited_per_client(make_client, make_settings):
    async with make_client(make_settings(run_start_limit="2/minute")) as c:
        codes = [(await c.post("/runs/start", json=start_payload(f"rl-{i}"))).status_code for i in range(3)]
        refused = await c.post("/runs/start", json=start_payload("rl-9"))
    assert codes == [201, 201, 429]
    assert refused.status_code == 429
    assert refused.json() == {"detail": "Rate limit exceeded: 2 per 1 minute"}
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.headers["X-RateLimit-Limit"] == "2"
