"""POST /api/v2/token and the credentials accepted everywhere a v2 token is."""

from __future__ import annotations

import base64

from joserfc import jwt
from joserfc.jwk import KeySet

from tests.hub_helpers import as_admin, bearer, make_hub, token_for

TOKEN = "/api/v2/token"


async def test_client_secret_basic_and_post(client):
    hub = await make_hub(client)
    basic = await client.post(TOKEN, data={"grant_type": "client_credentials"}, auth=(hub.client_id, hub.client_secret))
    post = await client.post(TOKEN, data={"grant_type": "client_credentials", "client_id": hub.client_id,
                                          "client_secret": hub.client_secret})
    for response in (basic, post):
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
        assert set(body["scope"].split()) == {"hub:read", "hub:events:write", "hub:annotations:write",
                                              "hub:widgets:write", "hub:lifecycle:write"}
    assert basic.headers["cache-control"] == "no-store"


async def test_token_is_a_jwt_verified_by_the_published_keys(client):
    hub = await make_hub(client)
    token = await token_for(client, hub, scope="hub:read")
    jwks = (await client.get("/api/auth/.well-known/jwks.json")).json()
    decoded = jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["RS256"])
    assert decoded.header["kid"] in {k["kid"] for k in jwks["keys"]}
    assert decoded.claims["sub"] == hub.client_id and decoded.claims["scope"] == "hub:read"
    assert all("d" not in key for key in jwks["keys"])  # no private material


async def test_bad_secret_and_unknown_client_are_invalid_client(client):
    hub = await make_hub(client)
    wrong = await client.post(TOKEN, data={"grant_type": "client_credentials"}, auth=(hub.client_id, "nope"))
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert wrong.headers["www-authenticate"].startswith("Basic")
    unknown = await client.post(TOKEN, data={"grant_type": "client_credentials", "client_id": "cw_missing",
                                             "client_secret": "x"})
    assert unknown.status_code in (400, 401) and unknown.json()["error"] == "invalid_client"
    nothing = await client.post(TOKEN, data={"grant_type": "client_credentials"})
    assert nothing.json()["error"] == "invalid_client"


async def test_scope_the_client_may_not_have(client):
    hub = await make_hub(client, client_scopes="hub:read")
    response = await client.post(TOKEN, data={"grant_type": "client_credentials", "scope": "hub:read admin"},
                                 auth=(hub.client_id, hub.client_secret))
    assert response.status_code == 400 and response.json()["error"] == "invalid_scope"
    assert "admin" in response.json()["error_description"]


async def test_unsupported_grant(client):
    hub = await make_hub(client)
    response = await client.post(TOKEN, data={"grant_type": "password"}, auth=(hub.client_id, hub.client_secret))
    assert response.status_code == 400 and response.json()["error"] == "unsupported_grant_type"


async def test_hub_write_scopes_need_an_active_manifest(client):
    hub = await make_hub(client, manifest=False)
    token = await client.post(TOKEN, data={"grant_type": "client_credentials"}, auth=(hub.client_id, hub.client_secret))
    assert token.json()["scope"] == "hub:read"
    asked = await client.post(TOKEN, data={"grant_type": "client_credentials", "scope": "hub:events:write"},
                              auth=(hub.client_id, hub.client_secret))
    assert asked.status_code == 400 and asked.json()["error"] == "invalid_scope"
    assert "manifest" in asked.json()["error_description"]

    from app.domains.interactions import hubs

    await as_admin(client, lambda ctx: hubs.publish_manifest(ctx, hub.slug, {}))
    granted = await client.post(TOKEN, data={"grant_type": "client_credentials", "scope": "hub:events:write"},
                                auth=(hub.client_id, hub.client_secret))
    assert granted.json()["scope"] == "hub:events:write"


async def test_expired_token_is_refused(client, clock):
    hub = await make_hub(client)
    token = await token_for(client, hub)
    assert (await client.get("/api/v2/widgets", headers=bearer(token))).status_code == 200
    clock.advance(seconds=3600 + 31)
    response = await client.get("/api/v2/widgets", headers=bearer(token))
    assert response.status_code == 401
    assert response.json() == {"code": "unauthorized", "message": "token expired"}
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_tampered_token_is_refused(client):
    hub = await make_hub(client)
    header, payload, signature = (await token_for(client, hub)).split(".")
    forged_claims = base64.urlsafe_b64decode(payload + "==").replace(b"hub:read", b"admin   ")
    forged = ".".join([header, base64.urlsafe_b64encode(forged_claims).decode().rstrip("="), signature])
    response = await client.get("/api/v2/widgets", headers=bearer(forged))
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"


async def test_api_keys_work_as_header_or_bearer_until_revoked(client):
    hub = await make_hub(client)
    assert (await client.get("/api/v2/widgets", headers={"X-API-Key": hub.reader_key})).status_code == 200
    assert (await client.get("/api/v2/widgets", headers=bearer(hub.reader_key))).status_code == 200

    listing = await client.post("/api/v2/admin/keys", json={"name": "temp", "scopes": "hub:read"},
                                headers={"X-API-Key": hub.admin_key})
    temp = listing.json()
    assert temp["api_key"].startswith(temp["key_prefix"])
    assert (await client.get("/api/v2/widgets", headers={"X-API-Key": temp["api_key"]})).status_code == 200
    revoked = await client.post(f"/api/v2/admin/keys/{temp['key_id']}/revoke", headers={"X-API-Key": hub.admin_key})
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    after = await client.get("/api/v2/widgets", headers={"X-API-Key": temp["api_key"]})
    assert after.status_code == 401 and after.json()["message"] == "API key revoked"


async def test_keys_are_stored_hashed(client):
    hub = await make_hub(client)
    from sqlalchemy import text

    async with client.app.state.runtime.db.engine.connect() as conn:
        stored = " ".join(str(v) for row in (await conn.execute(text("SELECT * FROM api_keys"))) for v in row)
        stored += " ".join(str(v) for row in (await conn.execute(text("SELECT * FROM hubs"))) for v in row)
        stored += " ".join(str(v) for row in (await conn.execute(text("SELECT * FROM api_consumers"))) for v in row)
    for secret in (hub.admin_key, hub.reader_key, hub.hub_key, hub.client_secret):
        assert secret not in stored


async def test_missing_credentials_and_wrong_scope(client):
    hub = await make_hub(client)
    anonymous = await client.get("/api/v2/interaction-events")
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "unauthorized"
    reader_writes = await client.post("/api/v2/widgets", json={"name": "w", "widget_type": "button"},
                                      headers={"X-API-Key": hub.reader_key})
    assert reader_writes.status_code == 403
    assert reader_writes.json()["required_scope"] == "hub:widgets:write"
