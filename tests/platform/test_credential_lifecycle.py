"""Every credential's life over admin REST: list, show, disable, enable, revoke, rotate (with an overlap
during which the old secret still works), each change in the audit log; two instances on one database."""

from __future__ import annotations

import pytest

from tests.control_helpers import make_user
from tests.delivery.helpers import key_for, make_org
from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for

ADMIN_BASE = "/api/v2/admin/credentials"
OVERLAP = 86_400


def admin(setup) -> dict[str, str]:  # noqa: ANN001
    return {"X-API-Key": setup.admin_key}


async def _change(client, setup, kind: str, ident: str, action: str, status: int = 200) -> dict:  # noqa: ANN001
    response = await client.post(f"{ADMIN_BASE}/{kind}/{ident}/{action}", headers=admin(setup))
    assert response.status_code == status, response.text
    return response.json()


async def _audit(client, setup, **query: str) -> list[dict]:  # noqa: ANN001
    response = await client.get("/api/v2/admin/audit-log", params=query, headers=admin(setup))
    assert response.status_code == 200, response.text
    return response.json()["data"]


async def test_api_key_rotation_keeps_the_old_key_through_the_overlap(client, clock):
    setup = await make_hub(client, "rot")
    made = (await client.post("/api/v2/admin/keys", headers=admin(setup),
                              json={"name": "reader", "hub": "rot", "scopes": "hub:read"})).json()
    old_key = made["api_key"]
    listed = (await client.get(f"{ADMIN_BASE}/api_key", headers=admin(setup))).json()["data"]
    assert made["key_id"] in {row["id"] for row in listed}
    assert old_key not in str(listed) and "hash" not in str(listed)

    rotated = await _change(client, setup, "api_key", made["key_id"], "rotate")
    new_key = rotated["secret"]
    assert new_key and new_key != old_key and rotated["credential"]["status"] == "active"
    shown = (await client.get(f"{ADMIN_BASE}/api_key/{made['key_id']}", headers=admin(setup))).json()
    assert shown["status"] == "rotating" and shown["expires_at"]
    for key in (old_key, new_key):
        assert (await client.get("/api/v2/widgets", headers={"X-API-Key": key})).status_code == 200
    clock.advance(seconds=OVERLAP + 1)
    assert (await client.get("/api/v2/widgets", headers={"X-API-Key": old_key})).status_code == 401
    assert (await client.get("/api/v2/widgets", headers={"X-API-Key": new_key})).status_code == 200
    again = await client.post(f"{ADMIN_BASE}/api_key/{made['key_id']}/rotate", headers=admin(setup))
    assert again.status_code == 409 and again.json()["code"] == "conflict"

    entries = await _audit(client, setup, kind="api_key")
    assert [e["action"] for e in entries][:2] == ["rotate", "create"]
    assert entries[0]["detail"]["replaces"] == made["key_id"] and entries[0]["actor"].startswith("api_key:")
    assert new_key not in str(entries) and old_key not in str(entries)


async def test_api_key_disable_enable_revoke(client):
    setup = await make_hub(client, "dis")
    key_id = (await client.get(f"{ADMIN_BASE}/api_key", headers=admin(setup))).json()["data"]
    reader = next(row for row in key_id if row["name"] == "dis-reader")["id"]
    headers = {"X-API-Key": setup.reader_key}
    await _change(client, setup, "api_key", reader, "disable")
    refused = await client.get("/api/v2/widgets", headers=headers)
    assert refused.status_code == 401 and refused.json()["message"] == "API key disabled"
    await _change(client, setup, "api_key", reader, "enable")
    assert (await client.get("/api/v2/widgets", headers=headers)).status_code == 200
    await _change(client, setup, "api_key", reader, "revoke")
    assert (await client.get("/api/v2/widgets", headers=headers)).status_code == 401
    assert (await client.post(f"{ADMIN_BASE}/api_key/{reader}/enable", headers=admin(setup))).status_code == 409


async def test_oauth_client_disable_stops_issued_tokens_and_rotation_overlaps(client, clock):
    setup = await make_hub(client, "cli")
    token = await token_for(client, setup)
    assert (await client.get("/api/v2/widgets", headers=bearer(token))).status_code == 200
    await _change(client, setup, "oauth_client", setup.client_id, "disable")
    refused = await client.get("/api/v2/widgets", headers=bearer(token))
    assert refused.status_code == 401 and refused.json()["message"] == "OAuth client disabled"
    denied = await client.post("/api/v2/token", data={"grant_type": "client_credentials"},
                               auth=(setup.client_id, setup.client_secret))
    assert denied.status_code in (400, 401) and denied.json()["error"] == "invalid_client"
    await _change(client, setup, "oauth_client", setup.client_id, "enable")
    assert (await client.get("/api/v2/widgets", headers=bearer(token))).status_code == 200

    rotated = await _change(client, setup, "client_secret", setup.client_id, "rotate")
    new_secret = rotated["secret"]
    assert rotated["credential"]["status"] == "rotating" and rotated["credential"]["overlap_ends_at"]
    for secret in (setup.client_secret, new_secret):
        response = await client.post("/api/v2/token", data={"grant_type": "client_credentials"},
                                     auth=(setup.client_id, secret))
        assert response.status_code == 200, response.text
    await _change(client, setup, "client_secret", setup.client_id, "revoke")  # ends the overlap now
    old = await client.post("/api/v2/token", data={"grant_type": "client_credentials"},
                            auth=(setup.client_id, setup.client_secret))
    assert old.status_code == 401
    await _change(client, setup, "oauth_client", setup.client_id, "revoke")
    assert (await client.post(f"{ADMIN_BASE}/oauth_client/{setup.client_id}/enable",
                              headers=admin(setup))).status_code == 409
    actions = [e["action"] for e in await _audit(client, setup, subject=setup.client_id)]
    assert actions == ["revoke", "revoke", "rotate", "enable", "disable", "create"]


async def test_hub_key_rotation_disable_and_revoke(client, clock):
    setup = await make_hub(client, "hk")
    widget = await make_widget(client, await token_for(client, setup))
    v1 = "/api/v1/interaction-events"
    rotated = await _change(client, setup, "hub_key", "hk", "rotate")
    new_key = rotated["secret"]
    for key in (setup.hub_key, new_key):
        assert (await client.post(v1, json=event(widget), headers=bearer(key))).status_code == 201
    clock.advance(seconds=OVERLAP + 1)
    assert (await client.post(v1, json=event(widget), headers=bearer(setup.hub_key))).status_code == 401
    await _change(client, setup, "hub_key", "hk", "disable")
    assert (await client.post(v1, json=event(widget), headers=bearer(new_key))).status_code == 401
    await _change(client, setup, "hub_key", "hk", "enable")
    assert (await client.post(v1, json=event(widget), headers=bearer(new_key))).status_code == 201
    await _change(client, setup, "hub_key", "hk", "revoke")
    assert (await client.post(v1, json=event(widget), headers=bearer(new_key))).status_code == 401
    fresh = (await _change(client, setup, "hub_key", "hk", "rotate"))["secret"]
    assert (await client.post(v1, json=event(widget), headers=bearer(fresh))).status_code == 201
    assert (await client.post(v1, json=event(widget), headers=bearer(new_key))).status_code == 401


async def test_delivery_key_life(client, clock):
    setup = await make_hub(client, "dk")
    org_id, _ = await make_org(client, "acme")
    headers = await key_for(client, "acme", ["organizations:read"])
    listed = (await client.get(f"{ADMIN_BASE}/delivery_key", params={"tenant": org_id}, headers=admin(setup))).json()
    assert len(listed["data"]) == 1 and listed["data"][0]["tenant"] == org_id
    key_id = listed["data"][0]["id"]
    assert (await client.get(f"/v1/organizations/{org_id}", headers=headers)).status_code == 200
    await _change(client, setup, "delivery_key", key_id, "disable")
    refused = await client.get(f"/v1/organizations/{org_id}", headers=headers)
    assert refused.status_code == 401 and refused.json()["success"] is False
    await _change(client, setup, "delivery_key", key_id, "enable")
    new_key = (await _change(client, setup, "delivery_key", key_id, "rotate"))["secret"]
    assert (await client.get(f"/v1/organizations/{org_id}", headers={"X-API-Key": new_key})).status_code == 200
    assert (await client.get(f"/v1/organizations/{org_id}", headers=headers)).status_code == 200  # overlap
    clock.advance(seconds=OVERLAP + 1)
    assert (await client.get(f"/v1/organizations/{org_id}", headers=headers)).status_code == 401


async def test_user_disable_revoke_and_rotate(client, clock):
    setup = await make_hub(client, "usr")
    user = await make_user(client, "grace")
    login = await client.post("/api/auth/login", data={"username": "grace", "password": "correct horse battery"})
    token = login.json()["access_token"]
    me = "/api/auth/me"
    assert (await client.get(me, headers=bearer(token))).status_code == 200
    await _change(client, setup, "user", "grace", "disable")
    assert (await client.get(me, headers=bearer(token))).status_code == 401
    await _change(client, setup, "user", str(user["id"]), "enable")
    assert (await client.get(me, headers=bearer(token))).status_code == 200
    clock.advance(seconds=1)
    await _change(client, setup, "user", "grace", "revoke")
    assert (await client.get(me, headers=bearer(token))).status_code == 401
    rotated = await _change(client, setup, "user", "grace", "rotate")
    password = rotated["secret"]
    old = await client.post("/api/auth/login", data={"username": "grace", "password": "correct horse battery"})
    assert old.status_code == 401
    fresh = await client.post("/api/auth/login", data={"username": "grace", "password": password})
    assert fresh.status_code == 200
    assert (await client.get(me, headers=bearer(fresh.json()["access_token"]))).status_code == 200


async def test_signing_key_rotate_and_revoke(client):
    setup = await make_hub(client, "sig")
    token = await token_for(client, setup)
    keys = (await client.get(f"{ADMIN_BASE}/signing_key", headers=admin(setup))).json()["data"]
    old_kid = next(k["id"] for k in keys if k["status"] == "active")
    rotated = await _change(client, setup, "signing_key", old_kid, "rotate")
    assert rotated["credential"]["id"] != old_kid and rotated["secret"] is None
    assert (await client.get("/api/v2/widgets", headers=bearer(token))).status_code == 200  # old key still verifies
    shown = (await client.get(f"{ADMIN_BASE}/signing_key/{old_kid}", headers=admin(setup))).json()
    assert shown["status"] == "retired"
    await _change(client, setup, "signing_key", old_kid, "revoke")
    jwks = (await client.get("/api/auth/.well-known/jwks.json")).json()
    assert old_kid not in {k["kid"] for k in jwks["keys"]}
    assert (await client.get("/api/v2/widgets", headers=bearer(token))).status_code == 401
    assert (await client.get("/api/v2/widgets", headers=bearer(await token_for(client, setup)))).status_code == 200


@pytest.mark.parametrize("path", [f"{ADMIN_BASE}/teapot", f"{ADMIN_BASE}/api_key/nope/explode"])
async def test_bad_kinds_and_actions_are_4xx(client, path):
    setup = await make_hub(client, "bad")
    response = await (client.get(path, headers=admin(setup)) if path.count("/") == 5
                      else client.post(path, headers=admin(setup)))
    assert response.status_code == 400 and set(response.json()) == {"code", "message"}
    missing = await client.get(f"{ADMIN_BASE}/api_key/00000000-0000-0000-0000-000000000000", headers=admin(setup))
    assert missing.status_code == 404
    reader = await client.get(f"{ADMIN_BASE}/api_key", headers={"X-API-Key": setup.reader_key})
    assert reader.status_code == 403 and reader.json()["code"] == "insufficient_scope"
    audit = await client.get("/api/v2/admin/audit-log", params={"limit": 0}, headers=admin(setup))
    assert audit.status_code == 422


async def test_revocation_reaches_another_instance_within_the_cache_lifetime(client, make_client, settings, clock):
    """Two app instances on one database: a revocation made on one holds on the other within
    CROSSWAY_CREDENTIAL_CACHE_SECONDS (5 s by default)."""
    setup = await make_hub(client, "two")
    token = await token_for(client, setup)
    async with make_client(settings) as other:
        for instance in (client, other):  # both have the key and the client's standing cached
            assert (await instance.get("/api/v2/widgets", headers={"X-API-Key": setup.reader_key})).status_code == 200
            assert (await instance.get("/api/v2/widgets", headers=bearer(token))).status_code == 200
        keys = (await client.get(f"{ADMIN_BASE}/api_key", headers=admin(setup))).json()["data"]
        reader = next(row["id"] for row in keys if row["name"] == "two-reader")
        await _change(client, setup, "api_key", reader, "revoke")
        await _change(client, setup, "oauth_client", setup.client_id, "revoke")
        assert (await client.get("/api/v2/widgets", headers={"X-API-Key": setup.reader_key})).status_code == 401
        assert (await client.get("/api/v2/widgets", headers=bearer(token))).status_code == 401
        clock.advance(seconds=settings.credential_cache_seconds + 0.5)
        assert (await other.get("/api/v2/widgets", headers={"X-API-Key": setup.reader_key})).status_code == 401
        assert (await other.get("/api/v2/widgets", headers=bearer(token))).status_code == 401
