"""update_status, builder_result, auditor_result, record_issue, and the completion rule."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import set_phase, start_run


async def test_update_status_returns_message_and_phase(client):
    await start_run(client, "u1")
    response = await set_phase(client, "u1", "P0-0", "EXECUTING", builder_attempts=1, tokens_used=40,
                               quality_level="ok")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"message", "phase"}
    assert body["phase"]["state"] == "EXECUTING" and body["phase"]["phase_id"] == "P0-0"
    run = (await client.get("/runs/u1")).json()
    assert run["state"] == "PHASE_EXECUTION" and run["tokens_used"] == 40
    assert run["tiers"][0]["state"] == "IN_PROGRESS"


async def test_unknown_state_is_400(client):
    await start_run(client, "u2")
    response = await set_phase(client, "u2", "P0-0", "DANCING")
    assert response.status_code == 400
    assert "Invalid phase state" in response.json()["detail"]
    assert (await client.get("/runs/u2")).json()["phases"][0]["state"] == "QUEUED"


async def test_unknown_phase_and_run_are_404(client):
    await start_run(client, "u3")
    assert (await set_phase(client, "u3", "P9-9", "COMPLETE")).status_code == 404
    assert (await set_phase(client, "nope", "P0-0", "COMPLETE")).status_code == 404


async def test_bad_field_types_are_422(client):
    await start_run(client, "u4")
    response = await set_phase(client, "u4", "P0-0", "EXECUTING", tokens_used=-1, quality_level="perfect")
    assert response.status_code == 422
    assert {tuple(e["loc"]) for e in response.json()["detail"]} == {("body", "tokens_used"), ("body", "quality_level")}


async def test_run_completes_when_every_phase_is_done(client, clock):
    await start_run(client, "done", tiers=2, phases_per_tier=1)
    await set_phase(client, "done", "P0-0", "COMPLETE")
    assert (await client.get("/runs/done")).json()["state"] != "DONE_SUCCESS"
    clock.advance(minutes=5)
    await set_phase(client, "done", "P1-0", "SKIPPED")
    run = (await client.get("/runs/done")).json()
    assert run["state"] == "DONE_SUCCESS"
    assert run["completed_at"] is not None and run["promotion_eligible_to_main"] == "true"
    assert [t["state"] for t in run["tiers"]] == ["COMPLETE", "SKIPPED"]


async def test_a_failed_phase_sends_the_run_to_human_review(client):
    await start_run(client, "fail", tiers=1, phases_per_tier=2)
    await set_phase(client, "fail", "P0-0", "FAILED")
    assert (await client.get("/runs/fail")).json()["state"] == "RUN_CREATED"  # FAILED is not an active state
    await set_phase(client, "fail", "P0-1", "COMPLETE")
    run = (await client.get("/runs/fail")).json()
    assert run["state"] == "DONE_FAILED_REQUIRES_HUMAN_REVIEW"
    assert run["failure_reason"] == "1 phase(s) failed"
    assert run["tiers"][0]["state"] == "FAILED"
    assert run["promotion_eligible_to_main"] == "false"


async def test_tokens_roll_up_to_the_run(client):
    await start_run(client, "tok", tiers=1, phases_per_tier=2)
    await set_phase(client, "tok", "P0-0", "EXECUTING", tokens_used=100)
    await set_phase(client, "tok", "P0-1", "EXECUTING", tokens_used=50)
    await set_phase(client, "tok", "P0-0", "EXECUTING", tokens_used=120)
    assert (await client.get("/runs/tok")).json()["tokens_used"] == 170


# --- builder and auditor results ----------------------------------------------------------------

NEW_FILE = """--- /dev/null
+++ b/src/hello.py
@@ -0,0 +1,2 @@
+def hello():
+    return "hi"
"""

EDIT_FILE = """--- a/src/hello.py
+++ b/src/hello.py
@@ -1,2 +1,2 @@
 def hello():
-    return "hi"
+    return "hello"
"""


def builder_body(run_id: str, phase_id: str, **extra):
    return {"run_id": run_id, "phase_id": phase_id, "status": "success", **extra}


async def test_builder_patch_applies_to_the_workspace(client, settings):
    await start_run(client, "b1")
    first = await client.post("/runs/b1/phases/P0-0/builder_result",
                              json=builder_body("b1", "P0-0", patch_content=NEW_FILE, tokens_used=300))
    assert first.status_code == 200, first.text
    assert first.json() == {"message": "Builder result submitted", "phase_id": "P0-0", "patch_applied": True,
                            "files_changed": ["src/hello.py"]}
    second = await client.post("/runs/b1/phases/P0-0/builder_result",
                               json=builder_body("b1", "P0-0", patch_content=EDIT_FILE, builder_attempts=2))
    assert second.status_code == 200
    workspace = Path(settings.runs_dir) / "b1" / "workspace"
    assert (workspace / "src" / "hello.py").read_text() == 'def hello():\n    return "hello"\n'
    assert (await client.get("/runs/b1")).json()["tokens_used"] == 300


async def test_builder_patch_that_does_not_apply_is_422(client, settings):
    await start_run(client, "b2")
    response = await client.post("/runs/b2/phases/P0-0/builder_result",
                                 json=builder_body("b2", "P0-0", patch_content=EDIT_FILE))
    assert response.status_code == 422
    assert "Patch does not apply" in response.json()["detail"]


async def test_builder_patch_cannot_escape_the_workspace(client, settings):
    await start_run(client, "b3")
    escape = NEW_FILE.replace("b/src/hello.py", "b/../../outside.py")
    response = await client.post("/runs/b3/phases/P0-0/builder_result", json=builder_body("b3", "P0-0", patch_content=escape))
    assert response.status_code == 422
    assert not (Path(settings.runs_dir) / "outside.py").exists()


async def test_builder_body_must_match_path(client):
    await start_run(client, "b4")
    response = await client.post("/runs/b4/phases/P0-0/builder_result", json=builder_body("b4", "P0-1"))
    assert response.status_code == 400


async def test_auditor_result_keeps_larger_counts(client):
    await start_run(client, "a1")
    url = "/runs/a1/phases/P0-0/auditor_result"
    first = await client.post(url, json={"run_id": "a1", "phase_id": "P0-0", "auditor_attempts": 3, "tokens_used": 900})
    assert first.status_code == 200 and first.json() == {"message": "Auditor result submitted"}
    await client.post(url, json={"run_id": "a1", "phase_id": "P0-0", "auditor_attempts": 1, "tokens_used": 100})
    run = (await client.get("/runs/a1")).json()
    assert run["tokens_used"] == 900
    progress = (await client.get("/runs/a1/progress")).json()
    assert progress["phases"][0]["tokens_used"] == 900


async def test_auditor_body_must_match_path(client):
    await start_run(client, "a2")
    response = await client.post("/runs/a2/phases/P0-0/auditor_result", json={"run_id": "other", "phase_id": "P0-0"})
    assert response.status_code == 400
    assert "do not match" in response.json()["detail"]


# --- issues ----------------------------------------------------------------------------------------


async def test_record_issue_by_body_and_by_query(client):
    await start_run(client, "i1")
    first = await client.post("/runs/i1/phases/P0-0/record_issue",
                              json={"issue_key": "flaky-test", "severity": "major", "evidence_refs": ["log:1"]})
    assert first.status_code == 200
    issue = first.json()["issue"]
    assert first.json()["message"] == "Issue recorded"
    assert (issue["issue_key"], issue["severity"], issue["occurrence_count"]) == ("flaky-test", "major", 1)
    again = await client.post("/runs/i1/phases/P0-0/record_issue?issue_key=flaky-test&severity=major&evidence_refs=log:2")
    assert again.json()["issue"]["occurrence_count"] == 2
    assert again.json()["issue"]["evidence_refs"] == ["log:1", "log:2"]
    run = (await client.get("/runs/i1")).json()
    assert run["major_issues_count"] == 1  # a repeat is an occurrence, not a new issue
    assert run["tiers"][0]["cleanliness"] == "not_clean"


async def test_record_issue_validation(client):
    await start_run(client, "i2")
    assert (await client.post("/runs/i2/phases/P0-0/record_issue")).status_code == 422
    bad = await client.post("/runs/i2/phases/P0-0/record_issue", json={"issue_key": "x", "severity": "huge"})
    assert bad.status_code == 422
    assert (await client.post("/runs/i2/phases/P9/record_issue", json={"issue_key": "x"})).status_code == 404
