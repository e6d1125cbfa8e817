"""GraphQL over the control plane: the same services as REST, nested data through loaders."""

from __future__ import annotations

from app.domains.credentials import service as credentials
from tests.control_helpers import in_context, user_headers
from tests.helpers import graphql, set_phase, start_run, statement_count

APPROVALS = """{ pendingApprovals { approvalId status runId
  run { id state } auditTrail { event actor } } }"""


async def request_approvals(client, count: int) -> None:  # noqa: ANN001
    for i in range(count):
        run_id = f"run-{i}"
        await start_run(client, run_id, tiers=1, phases_per_tier=1)
        response = await client.post("/approval/request", json={"run_id": run_id, "phase_id": "P0-0"})
        assert response.status_code == 200


async def test_nested_approvals_cost_the_same_for_any_page_size(client):
    await request_approvals(client, 2)
    small = await client.post("/graphql", json={"query": APPROVALS})
    await request_approvals_more(client, 2, 12)
    large = await client.post("/graphql", json={"query": APPROVALS})
    body = large.json()
    assert "errors" not in body and len(body["data"]["pendingApprovals"]) == 12
    first = body["data"]["pendingApprovals"][0]
    assert first["run"] == {"id": "run-0", "state": "RUN_CREATED"}
    assert [e["event"] for e in first["auditTrail"]] == ["requested", "not_notified"]
    assert statement_count(small) == statement_count(large) == 4  # expire, pending, runs, audit


async def request_approvals_more(client, start: int, stop: int) -> None:  # noqa: ANN001
    for i in range(start, stop):
        await start_run(client, f"run-{i}", tiers=1, phases_per_tier=1)
        await client.post("/approval/request", json={"run_id": f"run-{i}", "phase_id": "P0-0"})


async def test_decide_approval_mutation_needs_the_key(make_client, make_settings):
    async with make_client(make_settings(autopack_api_key="k")) as client:
        approval_id = (await client.post("/approval/request", json={"run_id": "r", "phase_id": "p"})).json()["approval_id"]
        mutation = """mutation($id: Int!) { decideApproval(approvalId: $id, approved: true, userId: "ada") {
          status decidedBy decisionSource auditTrail { event } } }"""
        denied = await graphql(client, mutation, {"id": approval_id})
        assert denied["errors"][0]["extensions"]["status"] == 403
        done = await graphql(client, mutation, {"id": approval_id}, **{"X-API-Key": "k"})
        decision = done["data"]["decideApproval"]
        assert (decision["status"], decision["decidedBy"], decision["decisionSource"]) == ("approved", "ada", "api")
        assert [e["event"] for e in decision["auditTrail"]] == ["requested", "not_notified", "approved"]
        twice = await graphql(client, mutation, {"id": approval_id}, **{"X-API-Key": "k"})
        assert twice["errors"][0]["extensions"]["status"] == 400
        rest = (await client.get(f"/approval/status/{approval_id}")).json()
        assert rest["status"] == "approved"


async def test_governance_queries_and_mutation(client):
    made = (await client.post("/governance/request", json={"run_id": "run-1", "requested_action": "widen_scope",
                                                           "target_paths": ["docs/"]})).json()
    await start_run(client, "run-1")
    listing = await graphql(client, "{ governanceRequests { requestId status targetPaths run { id } } }")
    assert listing["data"]["governanceRequests"] == [
        {"requestId": made["request_id"], "status": "pending", "targetPaths": ["docs/"], "run": {"id": "run-1"}}]
    decided = await graphql(client, """mutation($id: String!) { decideGovernanceRequest(requestId: $id,
        approved: false, userId: "bob") { status decidedBy } }""", {"id": made["request_id"]})
    assert decided["data"]["decideGovernanceRequest"] == {"status": "denied", "decidedBy": "bob"}
    assert (await client.get("/governance/pending")).json()["count"] == 0
    missing = await graphql(client, 'mutation { decideGovernanceRequest(requestId: "nope", approved: true) { status } }')
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_dashboard_queries(make_client, make_settings):
    async with make_client(make_settings(enable_consolidated_metrics=True)) as client:
        await start_run(client, "run-1")
        await client.post("/runs/run-1/phases/P0-0/builder_result", json={
            "run_id": "run-1", "phase_id": "P0-0", "status": "failed", "tokens_used": 300,
            "usage": {"provider": "openai", "model": "gpt-4o"}})
        await set_phase(client, "run-1", "P0-0", "COMPLETE")
        await client.post("/runs/run-1/phases/P0-0/record_issue", json={"issue_key": "lint"})
        query = """{ usage(period: DAY) { totalTokens providers { provider tokensUsed } }
          modelMappings(runId: "run-1") { role complexity model scope }
          consolidatedMetrics(runId: "run-1") { totalTokensSpent completedPhases totalPhases }
          runIssueIndex(runId: "run-1") { totalIssues issues { issueKey phaseIds } }
          issueBacklog { totalIssues issues { issueKey runsAffected } }
          runErrors(runId: "run-1") { errorType phaseId }
          run(id: "run-1") { errorReports { errorType } } }"""
        data = (await graphql(client, query))["data"]
        assert data["usage"] == {"totalTokens": 300, "providers": [{"provider": "openai", "tokensUsed": 300}]}
        assert {"role": "builder", "complexity": "low", "model": "gpt-4o-mini", "scope": "default"} in data["modelMappings"]
        assert data["consolidatedMetrics"] == {"totalTokensSpent": 300, "completedPhases": 1, "totalPhases": 4}
        assert data["runIssueIndex"] == {"totalIssues": 1, "issues": [{"issueKey": "lint", "phaseIds": ["P0-0"]}]}
        assert data["issueBacklog"]["issues"] == [{"issueKey": "lint", "runsAffected": 1}]
        assert data["runErrors"] == [{"errorType": "builder_failed", "phaseId": "P0-0"}]
        assert data["run"]["errorReports"] == [{"errorType": "builder_failed"}]
    async with make_client(make_settings()) as off:
        result = await graphql(off, '{ consolidatedMetrics(runId: "x") { totalTokensSpent } }')
        assert result["errors"][0]["extensions"]["status"] == 503


async def test_credential_health_needs_a_user_and_batches_events(client):
    for provider in ("x", "telegram", "github"):
        await in_context(client, lambda ctx, p=provider: credentials.store_credential(ctx, p, secret="s3cr3t-value"))
        await in_context(client, lambda ctx, p=provider: credentials.record_failure(ctx, p, "boom"))
    query = "{ credentialHealth { status summary { total degraded } credentials { provider status events { eventType } } } }"
    anonymous = await graphql(client, query)
    assert anonymous["errors"][0]["extensions"]["status"] == 401
    headers = await user_headers(client)
    response = await client.post("/graphql", json={"query": query}, headers=headers)
    report = response.json()["data"]["credentialHealth"]
    assert report["summary"] == {"total": 3, "degraded": 3} and report["status"] == "warning"
    assert [e["eventType"] for e in report["credentials"][0]["events"]] == ["failure", "created"]
    assert "s3cr3t" not in response.text
    # The token's standing (is its user still active, were its tokens revoked: read once per credential
    # cache lifetime), then the user, the credentials, and the events of all providers.
    assert statement_count(response) == 4
