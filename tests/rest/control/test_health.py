"""GET /health and GET /."""

from __future__ import annotations

from app import __version__


async def test_health_reports_database_and_switches(client, settings):
    response = await client.get("/health")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "healthy" and body["database"] == "connected"
    assert body["version"] == __version__
    assert len(body["database_identity"]) == 16
    assert body["kill_switches"] == {"AUTOPACK_ENABLE_PHASE6_METRICS": False,
                                     "AUTOPACK_ENABLE_CONSOLIDATED_METRICS": False,
                                     "AUTO_APPROVE_BUILD113": False}
    assert body["redis"] == ("connected" if settings.redis_url else "disabled")


async def test_health_identity_follows_the_database(make_client, make_settings, tmp_path):
    async with make_client(make_settings()) as c:
        first = (await c.get("/health")).json()["database_identity"]
    async with make_client(make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/other.db")) as c:
        second = (await c.get("/health")).json()["database_identity"]
    assert first != second


async def test_health_is_503_when_the_database_is_down(make_client, make_settings):
    down = make_settings(database_url="postgresql+asyncpg://nobody@127.0.0.1:1/none")
    async with make_client(down) as c:
        response = await c.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy" and response.json()["database"] == "disconnected"


async def test_kill_switches_follow_settings(make_client, make_settings):
    async with make_client(make_settings(enable_consolidated_metrics=True)) as c:
        switches = (await c.get("/health")).json()["kill_switches"]
    assert switches["AUTOPACK_ENABLE_CONSOLIDATED_METRICS"] is True


async def test_root_names_the_service(client):
    body = (await client.get("/")).json()
    assert body["service"] == "crossway" and body["version"] == __version__ and body["graphql"] == "/graphql"
