"""The `crossway` command: contracts are current, migrate and seed work, serve starts from nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import httpx

from app.migrate import head_revision
from tests.live import free_port

CLI = [sys.executable, "-m", "app.cli"]


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_committed_contracts_are_current():
    for what in ("openapi", "schema"):
        result = run_cli("export", what, "--check")
        assert result.returncode == 0, f"docs are stale: run `crossway export {what}`\n{result.stdout}"
        assert json.loads(result.stdout)["up_to_date"] is True


def test_export_writes_where_asked(tmp_path):
    target = tmp_path / "schema.graphql"
    result = run_cli("export", "schema", "--out", str(target))
    assert json.loads(result.stdout)["changed"] is True
    assert "type Query" in target.read_text()


def test_migrate_prints_json(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/m.db"}
    first = json.loads(run_cli("migrate", env=env).stdout)
    assert first["ok"] is True and first["before"] is None and first["after"] == head_revision()
    again = json.loads(run_cli("migrate", env=env).stdout)
    assert again["before"] == again["after"] == head_revision()


def test_migrate_reports_failure_as_json():
    result = run_cli("migrate", env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})
    assert result.returncode == 1
    assert json.loads(result.stdout)["ok"] is False


def test_seed_shows_progress_and_creates_runs(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/s.db", "CROSSWAY_RUNS_DIR": str(tmp_path / "runs")}
    result = run_cli("seed", "--runs", "3", env=env)
    assert result.returncode == 0, result.stderr
    assert "Created 3 runs" in result.stdout
    assert "Seeding runs" in result.stderr


def test_serve_starts_on_embedded_defaults(tmp_path):
    port = free_port()
    env = {**os.environ, "CROSSWAY_RUNS_DIR": str(tmp_path / "runs")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    process = subprocess.Popen([*CLI, "serve", "--port", str(port)], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.communicate()[1]
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert health.status_code == 200 and health.json()["database"] == "connected"
        runs = httpx.get(f"http://127.0.0.1:{port}/runs").json()
        assert [r["id"] for r in runs["runs"]] == ["demo-run"]  # a fresh database is seeded
        assert (tmp_path / "var" / "crossway.db").exists()  # the default SQLite file under ./var
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_hub_admin_commands(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/a.db", "CROSSWAY_RUNS_DIR": str(tmp_path / "runs")}

    def ok(*args: str) -> dict:
        result = run_cli(*args, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        return json.loads(result.stdout)  # stdout holds exactly one JSON object

    hub = ok("hubs", "create", "--slug", "shop", "--name", "Shop")
    assert set(hub) == {"hub_id", "slug", "api_key"} and hub["api_key"].startswith("hub_")
    manifest = ok("hubs", "manifest", "shop", "--event-types", "cart_opened")
    assert manifest["version"] == 1 and manifest["event_types"] == ["cart_opened"]
    oauth = ok("clients", "create", "--name", "adapter", "--hub", "shop", "--scopes", "hub:read hub:events:write",
               "--rate-per-minute", "100", "--daily-quota", "5000")
    assert set(oauth) == {"client_id", "client_secret", "scopes"} and oauth["scopes"] == "hub:events:write hub:read"
    key = ok("keys", "create", "--name", "ops", "--scopes", "admin")
    assert key["api_key"].startswith(key["key_prefix"])
    revoked = ok("keys", "revoke", key["key_id"])
    assert revoked["key_id"] == key["key_id"] and revoked["revoked_at"]
    entry = ok("registry", "add", "event-type", "zoomed", "--description", "Zoomed in")
    assert entry["name"] == "zoomed" and entry["status"] == "active"

    again = run_cli("registry", "add", "event-type", "zoomed", env=env)
    assert again.returncode == 1 and json.loads(again.stdout)["code"] == "conflict"
    unknown = run_cli("clients", "create", "--name", "x", "--hub", "ghost", env=env)
    assert unknown.returncode == 1 and "ghost" in json.loads(unknown.stdout)["error"]


def test_serve_refuses_auto_approve_in_production(tmp_path):
    env = {"AUTOPACK_ENV": "production", "AUTOPACK_API_KEY": "k", "AUTO_APPROVE_BUILD113": "1",
           "DATABASE_URL": f"sqlite:///{tmp_path}/p.db"}
    result = run_cli("serve", "--port", str(free_port()), env=env, timeout=60)
    assert result.returncode == 2
    assert "Refusing to start" in result.stderr and "AUTO_APPROVE_BUILD113" in result.stderr


def test_credentials_set_prints_health_without_the_secret(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/c.db", "CROSSWAY_SEED_DEMO": "0"}
    result = subprocess.run([*CLI, "credentials", "set", "x", "--secret-stdin", "--type", "oauth2",
                             "--expires-at", "2099-01-01T00:00:00"], input="very-secret-token\n",
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    health = json.loads(result.stdout)
    assert (health["provider"], health["status"], health["has_secret"]) == ("x", "healthy", True)
    assert health["expires_at"].startswith("2099-01-01") and "very-secret-token" not in result.stdout


def test_collab_profile_command(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/c.db", "CROSSWAY_RUNS_DIR": str(tmp_path / "runs")}
    result = run_cli("collab", "profile", "u-1", "--display-name", "Ada", "--avatar-url", "https://a.example/1.png",
                     env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == {"user_id": "u-1", "display_name": "Ada",
                                         "avatar_url": "https://a.example/1.png", "verified": False, "ring_balance": 0}
    bad = run_cli("collab", "profile", "u-1", "--avatar-url", "javascript:alert(1)", env=env)
    assert bad.returncode == 1 and json.loads(bad.stdout)["code"] == "invalid"
