"""A runs page that selects only columns is read in columns, and answers what the object path answers."""

from __future__ import annotations

import pytest

from app.domains.runs import reads
from app.seed import seed_runs
from tests.helpers import statement_count

COLUMNS = """{ id state tokensUsed createdAt startedAt promotionEligibleToMain
  tiers { id tierId tierIndex state name phases { id phaseId state phaseIndex scope updatedAt __typename } }
  phases { phaseId name description intentionRefs builderAttempts qualityBlocked } }"""
# The same selection plus a field with a resolver: the page takes the object path.
OBJECTS = COLUMNS[:-1] + " progress { phasesTotal } }"
PAGE = "query($first: Int!, $after: String) {{ runs(first: $first, after: $after) {{ totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {node} }} }} }}"


def spy(function, name: str, calls: list[str]):
    async def recorded(*args, **kwargs):
        calls.append(name)
        return await function(*args, **kwargs)

    return recorded


async def page(client, node: str, first: int, after: str | None = None) -> tuple[dict, int]:
    response = await client.post("/graphql", json={"query": PAGE.format(node=node),
                                                   "variables": {"first": first, "after": after}})
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["runs"], statement_count(response)


async def test_columns_answer_what_objects_answer(client, monkeypatch):
    await seed_runs(client.app.state.runtime, 7, prefix="p1")
    paths: list[str] = []
    for name in ("runs_slice", "projected_runs_slice"):
        monkeypatch.setattr(reads, name, spy(getattr(reads, name), name, paths))
    after = None
    for _ in range(3):  # through the keyset cursors too
        columns, _ = await page(client, COLUMNS, 3, after)
        objects, _ = await page(client, OBJECTS, 3, after)
        for edge in objects["edges"]:
            assert edge["node"].pop("progress")["phasesTotal"] == len(edge["node"]["phases"])
        assert columns == objects
        after = columns["pageInfo"]["endCursor"]
    assert paths == ["projected_runs_slice", "runs_slice"] * 3
    assert columns["pageInfo"]["hasNextPage"] is False and len(columns["edges"]) == 1
    phase = objects["edges"][0]["node"]["tiers"][0]["phases"][0]
    assert isinstance(phase["id"], str) and phase["__typename"] == "Phase"


async def test_a_columns_page_is_one_statement_per_level(client):
    await seed_runs(client.app.state.runtime, 20, prefix="p2")
    counts = {}
    for first in (2, 20):
        data, counts[first] = await page(client, "{ id state tiers { tierId state phases { phaseId state } } }", first)
        assert len(data["edges"]) == first and all(e["node"]["tiers"][0]["phases"] for e in data["edges"])
    assert counts[2] == counts[20] == 4  # runs, tiers, phases of the tiers, and the totalCount the page asks for


@pytest.mark.parametrize("state", ["RUN_CREATED", "DONE_SUCCESS"])
async def test_state_filter_and_limits_hold_in_columns(client, state):
    await seed_runs(client.app.state.runtime, 4, prefix="p3")
    query = "query($s: [RunState!]) { runs(first: 10, state: $s) { edges { node { id state } } } }"
    body = (await client.post("/graphql", json={"query": query, "variables": {"s": [state]}})).json()
    assert all(e["node"]["state"] == state for e in body["data"]["runs"]["edges"])
    refused = (await client.post("/graphql", json={"query": "{ runs(first: 0) { edges { node { id } } } }"})).json()
    assert refused["data"] is None and "first must be between 1 and 100" in refused["errors"][0]["message"]
