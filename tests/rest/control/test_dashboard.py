"""Dashboard: usage fed by phase submissions, model mappings, per-run metrics, A/B results, notes."""

from __future__ import annotations


import pytest

from tests.helpers import set_phase, start_run

CONSOLIDATED_FIELDS = {
    "run_id", "total_tokens_spent", "total_prompt_tokens", "total_completion_tokens", "doctor_tokens_spent",
    "artifact_tokens_avoided", "artifact_substitutions_count", "doctor_tokens_avoided_estimate",
    "doctor_calls_skipped_count", "estimate_coverage_n", "estimate_source", "ab_delta_tokens_saved",
    "ab_control_run_id", "ab_treatment_run_id", "total_phases", "completed_phases",
}


def builder(run_id: str, phase_id: str, **fields):  # noqa: ANN003, ANN201
    return {"run_id": run_id, "phase_id": phase_id, "status": "success", **fields}


async def feed(client, run_id: str = "run-1") -> None:  # noqa: ANN001
    await start_run(client, run_id)
    await client.post(f"/runs/{run_id}/phases/P0-0/builder_result", json=builder(
        run_id, "P0-0", tokens_used=1000,
        usage={"provider": "openai", "model": "gpt-4o", "prompt_tokens": 700, "completion_tokens": 300},
        token_efficiency={"artifact_substitutions": 3, "tokens_saved_artifacts": 1500, "budget_mode": "semantic",
                          "budget_used": 800, "budget_cap": 1000, "files_kept": 5, "files_omitted": 2},
        phase6_metrics={"doctor_call_skipped": True, "doctor_tokens_avoided_estimate": 4000,
                        "estimate_coverage_n": 12, "estimate_source": "baseline", "failure_hardening_triggered": True,
                        "failure_pattern_detected": "import_error"}))
    # Only the growth counts: 1000 -> 1500 is 500 more, spent by the doctor on anthropic.
    await set_phase(client, run_id, "P0-0", "COMPLETE", tokens_used=1500,
                    usage={"provider": "anthropic", "model": "claude-sonnet-4-5", "source": "doctor",
                           "prompt_tokens": 400, "completion_tokens": 100})
    await client.post(f"/runs/{run_id}/phases/P0-1/auditor_result", json={
        "run_id": run_id, "phase_id": "P0-1", "tokens_used": 200,
        "usage": {"provider": "anthropic", "model": "claude-opus-4-1"}})


async def test_usage_by_provider_and_model(client, clock):
    await feed(client)
    response = await client.get("/dashboard/usage?period=day")
    assert response.status_code == 200
    usage = response.json()
    assert usage["period"] == "day" and usage["total_tokens"] == 1700
    assert {p["provider"]: p["tokens_used"] for p in usage["providers"]} == {"anthropic": 700, "openai": 1000}
    assert {(m["provider"], m["model"]): m["tokens_used"] for m in usage["models"]} == {
        ("openai", "gpt-4o"): 1000, ("anthropic", "claude-sonnet-4-5"): 500, ("anthropic", "claude-opus-4-1"): 200}
    clock.advance(days=2)
    assert (await client.get("/dashboard/usage?period=day")).json()["total_tokens"] == 0
    assert (await client.get("/dashboard/usage?period=week")).json()["total_tokens"] == 1700
    assert (await client.get("/dashboard/usage")).json()["period"] == "week"
    assert (await client.get("/dashboard/usage?period=year")).status_code == 422


async def test_model_mappings_and_overrides(client):
    await start_run(client, "run-1")
    defaults = (await client.get("/dashboard/models")).json()
    assert {"role": "builder", "category": "general", "complexity": "high", "model": "claude-sonnet-4-5",
            "scope": "default", "run_id": None} in defaults

    glob = await client.post("/dashboard/models/override",
                             json={"role": "builder", "complexity": "high", "model": "gpt-5", "scope": "global"})
    assert glob.status_code == 200 and glob.json()["mapping"]["scope"] == "global"
    per_run = await client.post("/dashboard/models/override", json={
        "role": "builder", "complexity": "high", "model": "o3", "scope": "run", "run_id": "run-1"})
    assert per_run.status_code == 200

    def high(mappings):  # noqa: ANN001, ANN202
        return next(m for m in mappings if (m["role"], m["complexity"]) == ("builder", "high"))

    assert high((await client.get("/dashboard/models")).json())["model"] == "gpt-5"
    assert high((await client.get("/dashboard/models?run_id=run-1")).json())["model"] == "o3"
    assert (await client.get("/dashboard/models?run_id=nope")).status_code == 404
    no_run = await client.post("/dashboard/models/override", json={"role": "builder", "complexity": "low",
                                                                     "model": "m", "scope": "run"})
    assert no_run.status_code == 400 and "run_id" in no_run.json()["detail"]
    unknown = await client.post("/dashboard/models/override", json={"role": "builder", "complexity": "low",
                                                                      "model": "m", "scope": "run", "run_id": "nope"})
    assert unknown.status_code == 404
    assert (await client.post("/dashboard/models/override", json={"role": "builder"})).status_code == 422


async def test_consolidated_metrics_check_order(make_client, make_settings):
    async with make_client(make_settings()) as off:
        for query in ("", "?limit=20000", "?offset=-1", "?limit=abc"):
            response = await off.get(f"/dashboard/runs/nope/consolidated-metrics{query}")
            assert response.status_code == 503, query
            assert "AUTOPACK_ENABLE_CONSOLIDATED_METRICS" in response.json()["detail"]
    async with make_client(make_settings(enable_consolidated_metrics=True)) as on:
        assert (await on.get("/dashboard/runs/nope/consolidated-metrics?limit=10001")).status_code == 400
        assert (await on.get("/dashboard/runs/nope/consolidated-metrics?offset=-1")).status_code == 400
        assert (await on.get("/dashboard/runs/nope/consolidated-metrics?limit=10000")).status_code == 404
        assert (await on.get("/dashboard/runs/nope/consolidated-metrics")).status_code == 404


async def test_consolidated_metrics_fields_and_values(make_client, make_settings):
    async with make_client(make_settings(enable_consolidated_metrics=True, enable_phase6_metrics=True)) as client:
        await feed(client, "treat")
        response = await client.get("/dashboard/runs/treat/consolidated-metrics")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == CONSOLIDATED_FIELDS
        assert body["total_tokens_spent"] == 1700
        assert (body["total_prompt_tokens"], body["total_completion_tokens"]) == (1100, 400)
        assert body["doctor_tokens_spent"] == 500
        assert (body["artifact_tokens_avoided"], body["artifact_substitutions_count"]) == (1500, 3)
        assert (body["doctor_tokens_avoided_estimate"], body["doctor_calls_skipped_count"]) == (4000, 1)
        assert (body["estimate_coverage_n"], body["estimate_source"]) == (12, "baseline")
        assert body["ab_delta_tokens_saved"] is None
        assert (body["total_phases"], body["completed_phases"]) == (4, 1)
        paged = (await client.get("/dashboard/runs/treat/consolidated-metrics?offset=1")).json()
        assert paged["artifact_tokens_avoided"] == 0 and paged["total_tokens_spent"] == 1700


async def test_phase6_metrics_are_collected_only_with_the_switch_on(client):
    await feed(client)  # AUTOPACK_ENABLE_PHASE6_METRICS is off by default
    stats = (await client.get("/dashboard/runs/run-1/phase6-stats")).json()
    assert stats["total_phases"] == 0


async def test_legacy_metrics_need_the_key_and_announce_their_successor(make_client, make_settings):
    async with make_client(make_settings(autopack_api_key="k", enable_phase6_metrics=True)) as client:
        await feed_with_key(client)
        for name in ("token-efficiency", "phase6-stats"):
            path = f"/dashboard/runs/run-1/{name}"
            assert (await client.get(path)).status_code == 403
            assert (await client.get(path, headers={"X-API-Key": "wrong"})).status_code == 403
            response = await client.get(path, headers={"X-API-Key": "k"})
            assert response.status_code == 200
            assert response.headers["deprecation"].startswith("@")
            assert response.headers["sunset"].endswith("GMT")
            assert response.headers["link"] == '</dashboard/runs/run-1/consolidated-metrics>; rel="successor-version"'
            assert (await client.get(f"/dashboard/runs/nope/{name}", headers={"X-API-Key": "k"})).status_code == 404
        efficiency = (await client.get("/dashboard/runs/run-1/token-efficiency", headers={"X-API-Key": "k"})).json()
        assert efficiency["total_tokens_saved_artifacts"] == 1500 and efficiency["budget_utilization"] == 0.8
        phase6 = (await client.get("/dashboard/runs/run-1/phase6-stats", headers={"X-API-Key": "k"})).json()
        assert phase6["failure_patterns_detected"] == {"import_error": 1}
        assert phase6["total_doctor_tokens_avoided_estimate"] == 4000


async def feed_with_key(client) -> None:  # noqa: ANN001
    client.headers["X-API-Key"] = "k"
    try:
        await feed(client)
    finally:
        del client.headers["X-API-Key"]


async def test_ab_results(make_client, make_settings):
    async with make_client(make_settings(enable_consolidated_metrics=True)) as client:
        for run_id, tokens in (("ctrl", 9000), ("treat", 6000), ("open", 10)):
            await start_run(client, run_id, tiers=1, phases_per_tier=1)
            await set_phase(client, run_id, "P0-0", "COMPLETE" if run_id != "open" else "EXECUTING", tokens_used=tokens)
        made = await client.post("/dashboard/ab-results", json={"test_id": "t1", "control_run_id": "ctrl",
                                                                "treatment_run_id": "treat"})
        assert made.status_code == 201
        assert (made.json()["is_valid"], made.json()["token_delta"]) == (True, 3000)
        invalid = await client.post("/dashboard/ab-results", json={
            "test_id": "t1", "control_run_id": "ctrl", "treatment_run_id": "open",
            "control_commit_sha": "a", "treatment_commit_sha": "b"})
        assert invalid.json()["is_valid"] is False and len(invalid.json()["validity_errors"]) == 2
        assert (await client.post("/dashboard/ab-results", json={"test_id": "t", "control_run_id": "ctrl",
                                                                 "treatment_run_id": "zzz"})).status_code == 404

        assert [r["treatment_run_id"] for r in (await client.get("/dashboard/ab-results")).json()] == ["treat"]
        every = (await client.get("/dashboard/ab-results?valid_only=false")).json()
        assert [r["treatment_run_id"] for r in every] == ["open", "treat"]
        assert (await client.get("/dashboard/ab-results?test_id=other")).json() == []
        assert len((await client.get("/dashboard/ab-results?valid_only=false&limit=1")).json()) == 1
        assert (await client.get("/dashboard/ab-results?limit=1001")).status_code == 422

        metrics = (await client.get("/dashboard/runs/treat/consolidated-metrics")).json()
        assert (metrics["ab_delta_tokens_saved"], metrics["ab_control_run_id"], metrics["ab_treatment_run_id"]) == (
            3000, "ctrl", "treat")


async def test_human_notes_append_to_the_notes_file(client, settings):
    await start_run(client, "run-1")
    first = await client.post("/dashboard/human-notes", json={"note": "Check the flaky test", "run_id": "run-1"})
    assert first.status_code == 200 and first.json()["message"] == "Notes added successfully"
    await client.post("/dashboard/human-notes", json={"note": "Second thought", "author": "ada"})
    text = settings.human_notes_file.read_text()
    assert "Check the flaky test" in text and "run run-1" in text and text.index("Check") < text.index("Second")
    assert (await client.post("/dashboard/human-notes", json={"note": "x", "run_id": "nope"})).status_code == 404
    assert (await client.post("/dashboard/human-notes", json={"note": ""})).status_code == 422


@pytest.fixture
def settings(make_settings, tmp_path):  # noqa: ANN001, ANN201
    return make_settings(human_notes_file=tmp_path / "notes.md")


