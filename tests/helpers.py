"""Request builders and small readers shared by the tests."""

from __future__ import annotations

import re
from typing import Any

import httpx


def start_payload(run_id: str = "run-1", tiers: int = 2, phases_per_tier: int = 2, **run: Any) -> dict[str, Any]:
    return {
        "run": {"run_id": run_id, **run},
        "tiers": [{"tier_id": f"T{t}", "tier_index": t, "name": f"Tier {t}", "description": f"tier {t}"}
                  for t in range(tiers)],
        "phases": [
            {"phase_id": f"P{t}-{p}", "phase_index": t * phases_per_tier + p, "tier_id": f"T{t}",
             "name": f"Phase {t}.{p}", "description": "do it", "task_category": "feature", "complexity": "low",
             "builder_mode": "tweak", "scope": {"paths": ["src/"]},
             "intention_refs": {"success_criteria": [0, 1], "constraints_must": [2]}}
            for t in range(tiers) for p in range(phases_per_tier)
        ],
    }


async def start_run(client: httpx.AsyncClient, run_id: str = "run-1", **kwargs: Any) -> dict[str, Any]:
    response = await client.post("/runs/start", json=start_payload(run_id, **kwargs))
    assert response.status_code == 201, response.text
    return response.json()


async def set_phase(client: httpx.AsyncClient, run_id: str, phase_id: str, state: str, **fields: Any) -> httpx.Response:
    return await client.post(f"/runs/{run_id}/phases/{phase_id}/update_status", json={"state": state, **fields})


_QUERIES = re.compile(r'db;dur=[0-9.]+;desc="(\d+) queries"')


def statement_count(response: httpx.Response) -> int:
    match = _QUERIES.search(response.headers.get("server-timing", ""))
    assert match, f"no db entry in Server-Timing: {response.headers.get('server-timing')!r}"
    return int(match.group(1))


async def graphql(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None,
                  **headers: str) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()
