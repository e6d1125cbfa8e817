"""/api/auth: register, login (form, limited), me; signing key rotation; the users and keys commands."""

from __future__ import annotations

import json

from app.auth.tokens import user_token
from tests.control_helpers import login, make_user
from tests.test_cli import run_cli


async def test_register_returns_the_user_without_secrets(client):
    response = await client.post("/api/auth/register",
                                 json={"username": "ada", "email": "Ada@Example.com", "password": "correct horse"})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "username", "email", "is_active", "is_superuser", "created_at", "updated_at"}
    assert (body["username"], body["email"], body["is_active"], body["is_superuser"]) == (
        "ada", "ada@example.com", True, False)
    assert "password" not in response.text


async def test_duplicate_username_or_email_is_400(client):
    await make_user(client, "ada")
    same_name = await client.post("/api/auth/register",
                                  json={"username": "ADA", "email": "other@example.com", "password": "long enough"})
    assert same_name.status_code == 400 and "Username already registered" in same_name.json()["detail"]
    same_mail = await client.post("/api/auth/register",
                                  json={"username": "bob", "email": "ada@example.com", "password": "long enough"})
    assert same_mail.status_code == 400 and "Email already registered" in same_mail.json()["detail"]


async def test_register_validation_is_422_list(client):
    response = await client.post("/api/auth/register", json={"username": "a", "email": "nope", "password": "short"})
    assert response.status_code == 422
    fields = {tuple(item["loc"]) for item in response.json()["detail"]}
    assert fields == {("body", "username"), ("body", "email"), ("body", "password")}


async def test_login_with_the_password_form_and_me(client):
    user = await make_user(client, "ada")
    response = await client.post("/api/auth/login", data={"username": "ada", "password": "correct horse battery"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["access_token"].count(".") == 2
    me = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200 and me.json() == user


async def test_wrong_password_and_unknown_user_are_the_same_401(client):
    await make_user(client, "ada")
    for form in ({"username": "ada", "password": "wrong password"}, {"username": "nobody", "password": "x"}):
        response = await client.post("/api/auth/login", data=form)
        assert response.status_code == 401
        assert response.json() == {"detail": "Incorrect username or password"}
        assert response.headers["www-authenticate"] == "Bearer"


async def test_login_form_fields_are_required(client):
    response = await client.post("/api/auth/login", data={"username": "ada"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "password"]


async def test_login_allows_five_attempts_a_minute_per_client(client, clock):
    await make_user(client, "ada")
    statuses = [(await client.post("/api/auth/login", data={"username": "ada", "password": "bad"})).status_code
                for _ in range(5)]
    assert statuses == [401] * 5
    blocked = await client.post("/api/auth/login", data={"username": "ada", "password": "correct horse battery"})
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) >= 1 and "Rate limit" in blocked.json()["detail"]


async def test_me_needs_a_valid_token(client):
    assert (await client.get("/api/auth/me")).status_code == 401
    garbage = await client.get("/api/auth/me", headers={"Authorization": "Bearer a.b.c"})
    assert garbage.status_code == 401 and garbage.headers["www-authenticate"] == "Bearer"
    runtime = client.app.state.runtime
    await runtime.keyring.ensure_loaded()
    ghost = user_token(runtime, user_id="999", username="ghost")
    assert (await client.get("/api/auth/me", headers={"Authorization": f"Bearer {ghost}"})).status_code == 401


async def test_expired_token_is_refused(client, clock):
    await make_user(client, "ada")
    token = await login(client)
    clock.advance(seconds=client.app.state.settings.access_token_ttl + 120)
    response = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401 and "expired" in response.json()["detail"]


async def test_rotation_keeps_old_tokens_valid_and_publishes_both_keys(client):
    await make_user(client, "ada")
    before = await login(client)
    old_kids = {k["kid"] for k in (await client.get("/api/auth/.well-known/jwks.json")).json()["keys"]}
    rotated = await client.app.state.runtime.keyring.rotate()
    assert rotated["retired"] == sorted(old_kids)
    jwks = (await client.get("/api/auth/.well-known/jwks.json")).json()["keys"]
    assert {k["kid"] for k in jwks} == old_kids | {rotated["kid"]}
    assert all("d" not in k for k in jwks)  # public halves only
    assert (await client.get("/api/auth/me", headers={"Authorization": f"Bearer {before}"})).status_code == 200
    after = await login(client)
    import base64

    header = json.loads(base64.urlsafe_b64decode(after.split(".")[0] + "=="))
    assert header["kid"] == rotated["kid"]
    assert (await client.get("/api/auth/me", headers={"Authorization": f"Bearer {after}"})).status_code == 200


def test_cli_creates_a_superuser_and_rotates_the_signing_key(tmp_path):
    import subprocess
    import sys

    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/u.db", "CROSSWAY_SEED_DEMO": "0",
           "CROSSWAY_RUNS_DIR": str(tmp_path / "runs")}
    import os

    created = subprocess.run([sys.executable, "-m", "app.cli", "users", "create", "--username", "root",
                              "--email", "root@example.com", "--password-stdin", "--superuser"],
                             input="a long password\n", capture_output=True, text=True, timeout=120,
                             env={**os.environ, **env})
    assert created.returncode == 0, created.stderr
    user = json.loads(created.stdout)
    assert (user["username"], user["is_superuser"]) == ("root", True) and "password" not in created.stdout
    again = subprocess.run([sys.executable, "-m", "app.cli", "users", "create", "--username", "root",
                            "--email", "x@example.com", "--password-stdin"], input="a long password\n",
                           capture_output=True, text=True, timeout=120, env={**os.environ, **env})
    assert again.returncode == 1 and json.loads(again.stdout)["ok"] is False
    first = json.loads(run_cli("keys", "rotate-signing", env=env).stdout)
    second = json.loads(run_cli("keys", "rotate-signing", env=env).stdout)
    assert set(first) == {"kid", "retired"} and len(first["retired"]) == 1
    assert second["retired"] == [first["kid"]]
