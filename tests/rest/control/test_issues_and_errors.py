"""Issue index and project backlog (from record_issue); error reports (from failed builds and phases)."""

from __future__ import annotations

from tests.helpers import set_phase, start_run


async def issue(client, run_id, phase_id, key, severity="minor", category="tests"):  # noqa: ANN001, ANN201
    response = await client.post(f"/runs/{run_id}/phases/{phase_id}/record_issue",
                                 json={"issue_key": key, "severity": severity, "category": category,
                                       "evidence_refs": [f"{phase_id}.log"]})
    assert response.status_code == 200, response.text


async def test_run_issue_index_groups_by_key(client):
    await start_run(client, "run-1")
    await issue(client, "run-1", "P0-0", "flaky-test")
    await issue(client, "run-1", "P0-0", "flaky-test")
    await issue(client, "run-1", "P1-0", "flaky-test", "major")
    await issue(client, "run-1", "P0-1", "lint", category="style")
    response = await client.get("/runs/run-1/issues/index")
    assert response.status_code == 200
    index = response.json()
    assert (index["total_issues"], index["total_occurrences"]) == (2, 4)
    assert index["by_severity"] == {"minor": 1, "major": 1} and index["by_category"] == {"tests": 1, "style": 1}
    flaky = index["issues"][0]
    assert (flaky["issue_key"], flaky["severity"], flaky["occurrence_count"]) == ("flaky-test", "major", 3)
    assert flaky["phase_ids"] == ["P0-0", "P1-0"] and flaky["evidence_refs"] == ["P0-0.log", "P1-0.log"]
    assert (await client.get("/runs/nope/issues/index")).status_code == 404
    await start_run(client, "empty")
    assert (await client.get("/runs/empty/issues/index")).json()["issues"] == []


async def test_project_backlog_across_runs(client):
    for run_id in ("a", "b"):
        await start_run(client, run_id)
        await issue(client, run_id, "P0-0", "flaky-test")
    await issue(client, "b", "P0-1", "security-hole", "major", "security")
    await issue(client, "b", "P0-1", "lint", category="style")
    response = await client.get("/project/issues/backlog")
    assert response.status_code == 200
    backlog = response.json()
    assert backlog["total_issues"] == 3
    assert [i["issue_key"] for i in backlog["issues"]] == ["security-hole", "flaky-test", "lint"]
    flaky = backlog["issues"][1]
    assert (flaky["runs_affected"], flaky["occurrence_count"], sorted(flaky["run_ids"])) == (2, 2, ["a", "b"])
    paged = (await client.get("/project/issues/backlog?limit=1&offset=1")).json()
    assert [i["issue_key"] for i in paged["issues"]] == ["flaky-test"] and paged["total_issues"] == 3
    majors = (await client.get("/project/issues/backlog?severity=major")).json()
    assert [i["issue_key"] for i in majors["issues"]] == ["security-hole"] and majors["total_issues"] == 1
    assert (await client.get("/project/issues/backlog?limit=0")).status_code == 422
    assert (await client.get("/project/issues/backlog?severity=huge")).status_code == 422


async def test_error_reports_arrive_with_failures(client):
    await start_run(client, "run-1")
    assert (await client.get("/runs/run-1/errors")).json() == {"run_id": "run-1", "error_count": 0, "errors": []}
    await client.post("/runs/run-1/phases/P0-0/builder_result", json={
        "run_id": "run-1", "phase_id": "P0-0", "status": "failed",
        "error_message": "pytest failed; OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwx in env"})
    await client.post("/runs/run-1/phases/P0-1/builder_result",
                      json={"run_id": "run-1", "phase_id": "P0-1", "status": "success"})
    await set_phase(client, "run-1", "P0-0", "FAILED", error_message="gave up after 3 attempts")
    await set_phase(client, "run-1", "P0-0", "FAILED")  # already failed: no second report
    await set_phase(client, "run-1", "P1-0", "FAILED")

    errors = (await client.get("/runs/run-1/errors")).json()
    assert errors["error_count"] == 3
    first = errors["errors"][0]
    assert (first["error_type"], first["source"], first["phase_id"]) == ("builder_failed", "builder", "P0-0")
    assert "sk-abc" not in first["message"] and "[REDACTED]" in first["message"]
    assert [e["error_type"] for e in errors["errors"][1:]] == ["phase_failed", "phase_failed"]

    summary = (await client.get("/runs/run-1/errors/summary")).json()
    assert summary["total_errors"] == 3
    assert summary["by_type"] == {"builder_failed": 1, "phase_failed": 2}
    assert summary["by_phase"] == {"P0-0": 2, "P1-0": 1}
    assert summary["by_source"] == {"builder": 1, "phase_update": 2}
    assert summary["latest"]["message"] == "Phase P1-0 failed"
    for path in ("/runs/nope/errors", "/runs/nope/errors/summary"):
        assert (await client.get(path)).status_code == 404
