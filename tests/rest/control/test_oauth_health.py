"""/api/auth/oauth: credential health, refresh and reset (superusers), events; the service API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domains.credentials import service
from tests.control_helpers import in_context, user_headers

SECRET = "xoxb-very-secret-value-123456"
ROUTES = [("GET", "/api/auth/oauth/health"), ("GET", "/api/auth/oauth/health/x"),
          ("POST", "/api/auth/oauth/refresh/x"), ("POST", "/api/auth/oauth/reset/x"),
          ("GET", "/api/auth/oauth/events")]


async def store(client, provider: str, **fields):  # noqa: ANN001, ANN003
    return await in_context(client, lambda ctx: service.store_credential(ctx, provider, **fields))


@pytest.mark.parametrize(("method", "path"), ROUTES)
async def test_every_route_needs_a_bearer_user_token(client, method, path):
    response = await client.request(method, path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    bad = await client.request(method, path, headers={"Authorization": "Bearer not.a.token"})
    assert bad.status_code == 401


async def test_health_report_and_statuses(client, clock):
    headers = await user_headers(client)
    now = clock.now()
    await store(client, "x", secret=SECRET, expires_at=now + timedelta(days=30), display_name="X (Twitter)")
    await store(client, "telegram", secret="123:abc", credential_type="bot_token")
    await store(client, "soon", secret="s", expires_at=now + timedelta(hours=5))
    await store(client, "gone", secret="s", expires_at=now - timedelta(minutes=1))
    await store(client, "flaky", secret="s")
    await in_context(client, lambda ctx: service.record_failure(ctx, "flaky", f"401 from API, token {SECRET}"))
    await store(client, "broken", secret="s")
    for _ in range(3):
        await in_context(client, lambda ctx: service.record_failure(ctx, "broken", "invalid_grant"))

    response = await client.get("/api/auth/oauth/health", headers=headers)
    assert response.status_code == 200
    report = response.json()
    statuses = {c["provider"]: c["status"] for c in report["credentials"]}
    assert statuses == {"x": "healthy", "telegram": "healthy", "soon": "expiring", "gone": "expired",
                        "flaky": "degraded", "broken": "failing"}
    assert report["status"] == "critical"
    assert report["summary"] == {"total": 6, "healthy": 2, "degraded": 1, "expiring": 1, "failing": 1, "expired": 1}
    assert SECRET not in response.text and "123:abc" not in response.text
    flaky = next(c for c in report["credentials"] if c["provider"] == "flaky")
    assert "[REDACTED]" in flaky["last_error"] and flaky["consecutive_failures"] == 1

    one = await client.get("/api/auth/oauth/health/soon", headers=headers)
    assert one.status_code == 200 and one.json()["expires_in_seconds"] == 5 * 3600
    assert (await client.get("/api/auth/oauth/health/nobody", headers=headers)).status_code == 404


async def test_success_clears_failures(client):
    await store(client, "x", secret=SECRET)
    await in_context(client, lambda ctx: service.record_failure(ctx, "x", "timeout"))
    row = await in_context(client, lambda ctx: service.record_success(ctx, "x"))
    assert (row.consecutive_failures, row.total_failures, row.total_successes) == (0, 1, 1)
    async def usable_secret(ctx):
        return service.secret_of(ctx, await service.get_credential(ctx, "X"))

    assert await in_context(client, usable_secret) == SECRET  # the integrations' API gives it; no door does
    stored = await in_context(client, lambda ctx: service.get_credential(ctx, "x"))
    assert stored.secret != SECRET  # encrypted at rest


async def test_refresh_and_reset_are_for_superusers(client):
    await store(client, "x", secret=SECRET)
    for _ in range(4):
        await in_context(client, lambda ctx: service.record_failure(ctx, "x", "invalid_grant"))
    plain = await user_headers(client, "bob")
    for path in ("/api/auth/oauth/refresh/x", "/api/auth/oauth/reset/x"):
        response = await client.post(path, headers=plain)
        assert response.status_code == 403 and "Admin" in response.json()["detail"]

    admin = await user_headers(client, "root", superuser=True)
    refresh = await client.post("/api/auth/oauth/refresh/x", headers=admin)
    assert refresh.status_code == 200
    assert refresh.json()["status"] == "refresh_queued" and refresh.json()["provider"] == "x"
    reset = await client.post("/api/auth/oauth/reset/x", headers=admin)
    assert reset.status_code == 200
    assert reset.json()["health"]["consecutive_failures"] == 0 and reset.json()["health"]["status"] == "healthy"
    assert reset.json()["health"]["total_failures"] == 4
    assert (await client.post("/api/auth/oauth/reset/nobody", headers=admin)).status_code == 404

    events = (await client.get("/api/auth/oauth/events?provider=x", headers=plain)).json()
    kinds = [e["event_type"] for e in events]
    assert kinds[:2] == ["reset", "refresh_requested"] and kinds[-1] == "created" and kinds.count("failure") == 4
    assert events[0]["actor"] == "root"
    assert len((await client.get("/api/auth/oauth/events?limit=2", headers=plain)).json()) == 2
    assert (await client.get("/api/auth/oauth/events?limit=5000", headers=plain)).status_code == 422
    assert SECRET not in str(events)
