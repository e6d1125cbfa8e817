"""`crossway delivery orgs create | token | keys create`: one JSON object each; the results work."""

from __future__ import annotations

import json

import httpx

from tests.conftest import TEST_SECRET_KEY
from tests.live import live_server
from tests.test_cli import run_cli


async def test_delivery_commands_issue_working_credentials(tmp_path, make_settings):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/d.db", "CROSSWAY_SECRET_KEY": TEST_SECRET_KEY}
    org = json.loads(run_cli("delivery", "orgs", "create", "--slug", "acme", "--name", "Acme", "--plan",
                             "professional", env=env).stdout)
    assert org["slug"] == "acme" and org["plan"] == "professional"
    token = json.loads(run_cli("delivery", "token", "--org", "acme", "--permissions",
                               "organizations:read projects:read", env=env).stdout)
    assert token["organization_id"] == org["id"] and token["permissions"] == ["organizations:read", "projects:read"]
    key = json.loads(run_cli("delivery", "keys", "create", "--org", "acme", "--scopes", "projects:read",
                             env=env).stdout)
    assert key["key"].startswith("dpk_") and key["prefix"] == key["key"][:12]
    unknown = run_cli("delivery", "token", "--org", "nobody", "--permissions", "projects:read", env=env)
    assert unknown.returncode == 1 and json.loads(unknown.stdout)["ok"] is False
    bad = run_cli("delivery", "token", "--org", "acme", "--permissions", "root:all", env=env)
    assert bad.returncode == 1 and "Unknown permissions" in json.loads(bad.stdout)["error"]
    settings = make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/d.db", redis_url=None)
    async with live_server(settings) as base, httpx.AsyncClient(base_url=f"http://{base}") as http:
        by_token = await http.get("/v1/organizations", headers={"Authorization": f"Bearer {token['access_token']}"})
        by_key = await http.get(f"/v1/organizations/{org['id']}/projects", headers={"X-API-Key": key["key"]})
    assert by_token.status_code == 200 and by_token.json()["data"][0]["id"] == org["id"]
    assert by_token.headers["x-ratelimit-limit"] == "1000"  # the professional plan's budget
    assert by_key.status_code == 200 and by_key.json()["data"] == []
