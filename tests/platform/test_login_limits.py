"""Guessing is limited: the v2 token endpoint per client id and per address, logins per address and
per account, each answered 429 with Retry-After in its surface's shape."""

from __future__ import annotations

import httpx

from tests.control_helpers import make_user
from tests.hub_helpers import make_hub


def _from(client: httpx.AsyncClient, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=client.app, client=(address, 40000))  # type: ignore[attr-defined]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_wrong_client_secrets_meet_a_limit_per_client_id(make_client, make_settings):
    async with make_client(make_settings(token_limit="5/minute")) as client:
        setup = await make_hub(client, "guarded")
        statuses = []
        for i in range(5):  # from five addresses, so only the client's own budget is spent
            async with _from(client, f"10.0.0.{i + 1}") as caller:
                answer = await caller.post("/api/v2/token", data={"grant_type": "client_credentials"},
                                           auth=(setup.client_id, f"wrong-{i}"))
                statuses.append(answer.status_code)
        assert statuses == [401] * 5
        async with _from(client, "10.0.0.99") as caller:
            blocked = await caller.post("/api/v2/token", data={"grant_type": "client_credentials"},
                                        auth=(setup.client_id, setup.client_secret))
        assert blocked.status_code == 429
        assert int(blocked.headers["retry-after"]) >= 1
        assert set(blocked.json()) >= {"code", "message"} and setup.client_secret not in blocked.text
        # Another client is not affected.
        other = await make_hub(client, "bystander")
        async with _from(client, "10.0.0.100") as caller:
            fine = await caller.post("/api/v2/token", data={"grant_type": "client_credentials",
                                                             "client_id": other.client_id,
                                                             "client_secret": other.client_secret})
        assert fine.status_code == 200


async def test_one_address_meets_a_limit_across_client_ids(make_client, make_settings):
    async with make_client(make_settings(token_limit="5/minute")) as client:
        statuses = [(await client.post("/api/v2/token", data={
            "grant_type": "client_credentials", "client_id": f"guess-{i}", "client_secret": "x"})).status_code
            for i in range(6)]
    assert statuses[:5] == [400] * 5 and statuses[5] == 429  # unknown clients: invalid_client, then the limit


async def test_logins_meet_a_limit_per_account_across_addresses(client):
    await make_user(client, "ada")
    statuses = []
    for i in range(6):
        async with _from(client, f"192.0.2.{i + 1}") as caller:
            answer = await caller.post("/api/auth/login", data={"username": "ada", "password": "bad guess"})
            statuses.append(answer.status_code)
    assert statuses == [401] * 5 + [429]
    assert "Rate limit" in answer.json()["detail"]
