"""Request helpers for the collaborative drafting tests."""

from __future__ import annotations

from typing import Any

import httpx


def as_user(user_id: str) -> dict[str, str]:
    return {"X-User-Id": user_id}


async def new_draft(client: httpx.AsyncClient, user: str = "alice", **body: Any) -> dict[str, Any]:
    response = await client.post("/v1/collab/drafts", json={"title": "Launch", "platform": "x", **body},
                                 headers=as_user(user))
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def add(client: httpx.AsyncClient, draft_id: str, collaborator: str, by: str = "alice") -> httpx.Response:
    return await client.post(f"/v1/collab/drafts/{draft_id}/collaborators",
                             params={"collaborator_id": collaborator, "role": "contributor"}, headers=as_user(by))


async def write(client: httpx.AsyncClient, draft_id: str, user: str, content: str = "A line",
                key: str | None = None) -> httpx.Response:
    return await client.post(f"/v1/collab/drafts/{draft_id}/segments",
                              json={"content": content, "idempotency_key": key}, headers=as_user(user))


async def pass_to(client: httpx.AsyncClient, draft_id: str, by: str, to: str, key: str | None = None) -> httpx.Response:
    return await client.post(f"/v1/collab/drafts/{draft_id}/pass-ring", json={"to_user_id": to, "idempotency_key": key},
                             headers=as_user(by))
