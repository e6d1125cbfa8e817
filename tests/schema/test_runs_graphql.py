"""The run lifecycle over GraphQL: queries, the connection, mutations, errors and limits."""

from __future__ import annotations

import pytest

from app.domains.runs import reads
from tests.helpers import graphql, set_phase, start_payload, start_run

RUN_QUERY = """
query($id: String!) {
  run(id: $id) {
    id state tokensUsed maxPhases promotionEligibleToMain
    tiers { tierId state phases { phaseId state issues { issueKey occurrenceCount } } }
    phases { phaseId phaseIndex scope intentionRefs }
    issues { issueKey severity }
    progress { phasesTotal phasesCompleted phasesInProgress phasesPending percentComplete currentPhaseName elapsedSeconds }
  }
}"""

START = """
mutation($input: StartRunInput!) {
  startRun(input: $input) { id state tiers { tierId phases { phaseId } } phases { phaseId } }
}"""

UPDATE = """
mutation($runId: String!, $phaseId: String!, $input: PhaseStatusInput!) {
  updatePhaseStatus(runId: $runId, phaseId: $phaseId, input: $input) { phaseId state tokensUsed }
}"""


async def test_run_with_nested_fields(client):
    await start_run(client, "g1", tiers=2, phases_per_tier=2)
    await set_phase(client, "g1", "P0-0", "COMPLETE", tokens_used=10)
    await set_phase(client, "g1", "P0-1", "EXECUTING")
    await client.post("/runs/g1/phases/P0-1/record_issue", json={"issue_key": "lint", "severity": "minor"})
    data = (await graphql(client, RUN_QUERY, {"id": "g1"}))["data"]["run"]
    assert data["state"] == "PHASE_EXECUTION" and data["tokensUsed"] == 10 and data["maxPhases"] == 25
    assert data["promotionEligibleToMain"] is False
    assert [t["tierId"] for t in data["tiers"]] == ["T0", "T1"]
    assert data["tiers"][0]["phases"][1]["issues"] == [{"issueKey": "lint", "occurrenceCount": 1}]
    assert data["issues"] == [{"issueKey": "lint", "severity": "minor"}]
    assert data["phases"][0]["scope"] == {"paths": ["src/"]}
    assert data["progress"] == {"phasesTotal": 4, "phasesCompleted": 1, "phasesInProgress": 1, "phasesPending": 2,
                                "percentComplete": 25.0, "currentPhaseName": "Phase 0.1", "elapsedSeconds": 0}


async def test_unknown_run_is_null(client):
    assert (await graphql(client, RUN_QUERY, {"id": "nope"}))["data"]["run"] is None


async def test_runs_connection_pages_with_cursors(client, clock):
    for i in range(5):
        await start_run(client, f"c{i}", tiers=1, phases_per_tier=1)
        clock.advance(seconds=1)
    query = """query($after: String) { runs(first: 2, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }"""
    seen, after, pages = [], None, 0
    while True:
        page = (await graphql(client, query, {"after": after}))["data"]["runs"]
        assert page["totalCount"] == 5
        seen += [e["node"]["id"] for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["c4", "c3", "c2", "c1", "c0"] and pages == 3


async def test_runs_filter_by_state(client):
    await start_run(client, "s1", tiers=1, phases_per_tier=1)
    await start_run(client, "s2", tiers=1, phases_per_tier=1)
    await set_phase(client, "s2", "P0-0", "COMPLETE")
    data = await graphql(client, "{ runs(state: [DONE_SUCCESS]) { totalCount edges { node { id state } } } }")
    assert data["data"]["runs"] == {"totalCount": 1, "edges": [{"node": {"id": "s2", "state": "DONE_SUCCESS"}}]}


async def test_runs_page_size_and_cursor_are_checked(client):
    too_many = await graphql(client, "{ runs(first: 500) { totalCount } }")
    assert too_many["errors"][0]["extensions"]["code"] == "INVALID"
    bad_cursor = await graphql(client, '{ runs(after: "!!!") { totalCount } }')
    assert bad_cursor["errors"][0]["message"] == "Invalid cursor"


async def test_start_run_and_update_phase(client):
    payload = start_payload("m1", tiers=1, phases_per_tier=2)
    variables = {"input": {
        "run": payload["run"],
        "tiers": [{k: v for k, v in t.items()} for t in payload["tiers"]],
        "phases": [{"phaseId": p["phase_id"], "phaseIndex": p["phase_index"], "tierId": p["tier_id"], "name": p["name"]}
                   for p in payload["phases"]],
    }}
    variables["input"]["run"] = {"runId": "m1"}
    variables["input"]["tiers"] = [{"tierId": t["tier_id"], "tierIndex": t["tier_index"], "name": t["name"]}
                                   for t in payload["tiers"]]
    started = await graphql(client, START, variables)
    assert "errors" not in started, started
    assert started["data"]["startRun"]["state"] == "RUN_CREATED"
    assert started["data"]["startRun"]["tiers"][0]["phases"] == [{"phaseId": "P0-0"}, {"phaseId": "P0-1"}]
    # committed, and visible to the REST door
    assert (await client.get("/runs/m1")).status_code == 200

    for phase in ("P0-0", "P0-1"):
        updated = await graphql(client, UPDATE, {"runId": "m1", "phaseId": phase, "input": {"state": "COMPLETE", "tokensUsed": 5}})
        assert updated["data"]["updatePhaseStatus"] == {"phaseId": phase, "state": "COMPLETE", "tokensUsed": 5}
    assert (await client.get("/runs/m1")).json()["state"] == "DONE_SUCCESS"


async def test_mutation_errors_carry_codes_and_change_nothing(client):
    await start_run(client, "e1")
    duplicate = await graphql(client, START, {"input": {"run": {"runId": "e1"}, "tiers": [], "phases": []}})
    assert duplicate["errors"][0]["extensions"] == {"code": "CONFLICT", "status": 409}
    assert "already exists" in duplicate["errors"][0]["message"]

    bad_state = await graphql(client, UPDATE, {"runId": "e1", "phaseId": "P0-0", "input": {"state": "NOPE"}})
    assert bad_state["errors"][0]["extensions"]["code"] == "INVALID"
    missing = await graphql(client, UPDATE, {"runId": "e1", "phaseId": "P7", "input": {"state": "COMPLETE"}})
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"

    invalid = await graphql(client, START, {"input": {"run": {"runId": "e2", "tokenCap": 0}, "tiers": [], "phases": []}})
    error = invalid["errors"][0]
    assert error["extensions"]["code"] == "VALIDATION_FAILED"
    assert error["extensions"]["fields"][0]["field"] == "run.token_cap"
    assert (await client.get("/runs/e2")).status_code == 404


async def test_start_run_needs_the_key(make_client, make_settings):
    async with make_client(make_settings(autopack_api_key="k")) as c:
        refused = await graphql(c, START, {"input": {"run": {"runId": "k1"}, "tiers": [], "phases": []}})
        assert refused["errors"][0]["extensions"] == {"code": "FORBIDDEN", "status": 403}
        allowed = await graphql(c, START, {"input": {"run": {"runId": "k1"}, "tiers": [], "phases": []}},
                                **{"X-API-Key": "k"})
        assert allowed["data"]["startRun"]["id"] == "k1"
        listing = await graphql(c, "{ runs { totalCount } }")
        assert listing["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_unexpected_errors_are_masked(client, monkeypatch):
    async def explode(*args, **kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(reads, "runs_slice", explode)
    monkeypatch.setattr(reads, "projected_runs_slice", explode)
    result = await graphql(client, "{ runs { totalCount } }")
    assert result["errors"][0]["message"] == "Unexpected error."
    assert "hunter2" not in str(result)


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("{ " + " ".join(f"a{i}: run(id: \"x\") {{ id }}" for i in range(40)) + " }", "aliases"),
        ("{ runs { edges { node { tiers { phases { issues { issueKey } } } } } } }", None),
    ],
)
async def test_query_limits(client, query, fragment):
    result = (await client.post("/graphql", json={"query": query})).json()
    if fragment is None:
        assert "errors" not in result  # a realistic deep query passes
    else:
        assert fragment in result["errors"][0]["message"]


async def test_depth_limit(make_client, make_settings):
    query = {"query": "{ runs { edges { node { tiers { tierId } } } } }"}
    async with make_client(make_settings()) as c:
        assert "errors" not in (await c.post("/graphql", json=query)).json()  # parsed and validated: now cached
    async with make_client(make_settings(graphql_max_depth=3)) as c:
        for _ in range(2):  # the cached documents and validation results do not lift the limit
            result = (await c.post("/graphql", json=query)).json()
            assert "exceeds maximum operation depth" in result["errors"][0]["message"]


async def test_graphiql_in_a_browser(client):
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
