"""Nested listings cost the same number of SQL statements for 5 runs as for 100.

The count is read from the Server-Timing header, so this also pins that header.
"""

from __future__ import annotations

from app.seed import seed_runs
from tests.helpers import statement_count

GRAPHQL_PAGE = """query($first: Int!) { runs(first: $first) { totalCount edges { node {
  id state tokensUsed
  tiers { tierId state phases { phaseId state issues { issueKey } } }
  phases { phaseId state }
  issues { issueKey }
  progress { phasesTotal phasesCompleted currentPhaseName }
} } } }"""


async def test_page_size_does_not_change_statement_count(client):
    await seed_runs(client.app.state.runtime, 100, prefix="n1")
    rest = {}
    gql = {}
    for size in (5, 100):
        response = await client.get(f"/runs?limit={size}")
        assert len(response.json()["runs"]) == size
        rest[size] = statement_count(response)
        response = await client.post("/graphql", json={"query": GRAPHQL_PAGE, "variables": {"first": size}})
        body = response.json()
        assert "errors" not in body and len(body["data"]["runs"]["edges"]) == size
        gql[size] = statement_count(response)
    assert rest[5] == rest[100] == 1   # the page with phase totals, current phase and the count of all runs
    assert gql[5] == gql[100] == 7     # page, count, tiers, phases by tier, issues by phase, phases, issues


async def test_runs_inbox_past_the_last_page_counts_separately(client):
    await seed_runs(client.app.state.runtime, 3, prefix="e1")
    response = await client.get("/runs?limit=5&offset=10")
    assert response.json()["runs"] == [] and response.json()["total"] == 3
    assert statement_count(response) == 2


async def test_run_detail_is_three_statements_whatever_its_size(client):
    await seed_runs(client.app.state.runtime, 3, prefix="d1")
    counts = {statement_count(await client.get(f"/runs/d1-00000{i}")) for i in range(3)}
    assert counts == {3}
