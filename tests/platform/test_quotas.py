"""Per-credential rate limits and daily quotas, with their headers, on every metered surface."""

from __future__ import annotations

import os
import time

import pytest

from app.domains.identity import service as identity
from tests.hub_helpers import as_admin, bearer, event, make_hub, make_widget, token_for


async def _key(client, **limits) -> str:
    made = await as_admin(client, lambda ctx: identity.create_key(ctx, name="metered", scopes="hub:read", **limits))
    return made.api_key


async def test_headers_and_per_minute_limit(client):
    await make_hub(client)
    key = await _key(client, rate_per_minute=3)
    responses = [await client.get("/api/v2/widgets", headers={"X-API-Key": key}) for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert [r.headers["x-ratelimit-remaining"] for r in responses[:3]] == ["2", "1", "0"]
    assert responses[0].headers["x-ratelimit-limit"] == "3"
    refused = responses[3]
    assert refused.json()["code"] == "rate_limited" and refused.json()["message"] == "Rate limit exceeded: 3 per 1 minute"
    assert int(refused.headers["retry-after"]) >= 1 and refused.headers["x-ratelimit-remaining"] == "0"


async def test_a_budget_is_a_fixed_window_with_an_exact_reset(client):
    await make_hub(client)
    key = await _key(client, rate_per_minute=5)
    opened = time.time()
    responses = [await client.get("/api/v2/widgets", headers={"X-API-Key": key}) for _ in range(3)]
    resets = {int(r.headers["x-ratelimit-reset"]) for r in responses}
    assert len(resets) == 1  # the window's end, the same for every request in it
    assert opened + 59 <= resets.pop() <= time.time() + 61


async def test_daily_quota(client):
    await make_hub(client)
    key = await _key(client, rate_per_minute=100, daily_quota=2)
    codes = [(await client.get("/api/v2/widgets", headers={"X-API-Key": key})).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    last = await client.get("/api/v2/widgets", headers={"X-API-Key": key})
    assert last.json()["message"] == "Daily quota of 2 requests exceeded"


async def test_client_budget_travels_with_its_token(client):
    hub = await make_hub(client)
    made = await as_admin(client, lambda ctx: identity.create_client(ctx, name="slow", hub=hub.slug, scopes="hub:read",
                                                                     rate_per_minute=2))
    response = await client.post("/api/v2/token", data={"grant_type": "client_credentials"},
                                 auth=(made.consumer.client_id, made.client_secret))
    token = response.json()["access_token"]
    codes = [(await client.get("/api/v2/widgets", headers=bearer(token))).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


async def test_v1_refusal_keeps_its_shape(make_client, make_settings):
    async with make_client(make_settings(default_rate_per_minute=1)) as c:
        hub = await make_hub(c)
        widget = await make_widget(c, await token_for(c, hub))
        ok = await c.post("/api/v1/interaction-events", json=event(widget), headers=bearer(hub.hub_key))
        refused = await c.post("/api/v1/interaction-events", json=event(widget), headers=bearer(hub.hub_key))
    assert ok.status_code == 201
    assert refused.status_code == 429 and set(refused.json()) == {"error"} and refused.headers["retry-after"]


async def test_graphql_is_metered(client):
    await make_hub(client)
    key = await _key(client, rate_per_minute=1)
    first = await client.post("/graphql", json={"query": "{ widgets { totalCount } }"}, headers={"X-API-Key": key})
    second = await client.post("/graphql", json={"query": "{ widgets { totalCount } }"}, headers={"X-API-Key": key})
    assert first.status_code == 200 and first.headers["x-ratelimit-limit"] == "1"
    assert second.status_code == 429 and second.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_anonymous_reads_are_not_metered(client):
    response = await client.get("/api/v2/event-types")
    assert response.status_code == 200 and "x-ratelimit-limit" not in response.headers


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs Redis (TEST_REDIS_URL); CI runs it")
async def test_two_instances_share_one_budget_on_redis(make_client, settings):
    async with make_client(settings) as first:
        await make_hub(first)
        key = await _key(first, rate_per_minute=4)
        async with make_client(settings) as second:  # another app instance: its own process state, same Redis
            codes = []
            for i in range(6):
                instance = first if i % 2 == 0 else second
                codes.append((await instance.get("/api/v2/widgets", headers={"X-API-Key": key})).status_code)
    assert codes == [200, 200, 200, 200, 429, 429]
