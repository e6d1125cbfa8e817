"""Credentials, permissions, isolation between organizations, rate limits and webhooks."""

from __future__ import annotations

import hashlib
import hmac

import orjson

from app.context import RequestContext
from app.domains.delivery import keys

from tests.delivery.helpers import BUILD, PROJECT, error, key_for, make_org, ok, token_for, tree
from tests.webhook_receiver import receiver


async def test_missing_and_invalid_credentials_are_401(client):
    org_id, _ = await make_org(client, "acme")
    error(await client.get("/v1/organizations"), 401, "AUTHENTICATION_FAILED")
    bad = error(await client.get("/v1/organizations", headers={"Authorization": "Bearer a.b.c"}), 401,
                "AUTHENTICATION_FAILED")
    assert "invalid token" in bad["message"]
    error(await client.get("/v1/organizations", headers={"X-API-Key": "dpk_00000000_nope"}), 401,
          "AUTHENTICATION_FAILED")
    error(await client.post(f"/v1/organizations/{org_id}/projects", json=PROJECT), 401, "AUTHENTICATION_FAILED")


async def test_missing_permission_is_403(client):
    org_id, _ = await make_org(client, "acme")
    reader = await token_for(client, "acme", ["projects:read", "deployments:write", "features:write", "tests:write"])
    error(await client.post(f"/v1/organizations/{org_id}/projects", json=PROJECT, headers=reader), 403,
          "AUTHORIZATION_DENIED")
    error(await client.get("/v1/organizations", headers=reader), 403, "AUTHORIZATION_DENIED")
    error(await client.get("/v1/metrics", headers=reader), 403, "AUTHORIZATION_DENIED")
    error(await client.post("/v1/organizations", json={"name": "New", "slug": "new"}, headers=reader), 403,
          "AUTHORIZATION_DENIED")
    # A user token of another surface carries no organization.
    hub_user = {"X-User-Id": "someone"}
    error(await client.get("/v1/organizations", headers=hub_user), 403, "AUTHORIZATION_DENIED")


async def test_production_deploy_needs_approve_permission(client):
    org_id, admin = await make_org(client, "acme")
    ids = await tree(client, org_id, admin)
    deployer = await token_for(client, "acme", ["deployments:write", "deployments:read"])
    body = {"environment": "production", "deployment_strategy": "rolling", "approval_notes": "ship it"}
    refused = error(await client.post(f"/v1/builds/{ids['build']}/deploy", json=body, headers=deployer), 403,
                    "AUTHORIZATION_DENIED")
    assert "deployments:approve" in refused["message"]
    await ok(await client.post(f"/v1/builds/{ids['build']}/deploy", json={"environment": "staging"},
                               headers=deployer), 201)
    approver = await token_for(client, "acme", ["deployments:write", "deployments:approve"])
    deployed = await ok(await client.post(f"/v1/builds/{ids['build']}/deploy", json=body, headers=approver), 201)
    assert deployed["approved_by"] == "user-acme"


async def test_org_api_keys_act_for_their_organization(client):
    org_id, _ = await make_org(client, "acme")
    key = await key_for(client, "acme", ["projects:read", "projects:write"])
    assert key["X-API-Key"].startswith("dpk_")
    project = await ok(await client.post(f"/v1/organizations/{org_id}/projects", json=PROJECT, headers=key), 201)
    bearer = {"Authorization": f"Bearer {key['X-API-Key']}"}
    assert [p["id"] for p in await ok(await client.get(f"/v1/organizations/{org_id}/projects", headers=bearer))] == [
        project["id"]]
    error(await client.delete(f"/v1/projects/{project['id']}", headers=key), 403, "AUTHORIZATION_DENIED")

    ctx = RequestContext(runtime=client.app.state.runtime)
    revoked = await keys.revoke_key(ctx, key["X-API-Key"][:12])
    await ctx.finish(commit=True)
    assert revoked["revoked_at"] is not None
    refused = error(await client.get(f"/v1/organizations/{org_id}/projects", headers=key), 401,
                    "AUTHENTICATION_FAILED")
    assert "revoked" in refused["message"]


async def test_tokens_with_malformed_org_claims_are_refused(client):
    await make_org(client, "acme")
    runtime = client.app.state.runtime
    await runtime.keyring.ensure_loaded()
    now = int(runtime.clock.now().timestamp())
    base = {"iss": runtime.settings.issuer, "sub": "u", "iat": now, "exp": now + 600}
    for claims in ({**base, "org": "not-a-uuid", "permissions": ["organizations:read"]},
                   {**base, "org": "0b7d8e2c-2d5e-4bb5-9c0f-5f4a3f0e8a11", "permissions": "organizations:read"}):
        token = runtime.keyring.sign(claims)
        error(await client.get("/v1/organizations", headers={"Authorization": f"Bearer {token}"}), 401,
              "AUTHENTICATION_FAILED")
    clock_expired = runtime.keyring.sign({**base, "exp": now - 3600, "org": "0b7d8e2c-2d5e-4bb5-9c0f-5f4a3f0e8a11",
                                          "permissions": ["organizations:read"]})
    expired = error(await client.get("/v1/organizations", headers={"Authorization": f"Bearer {clock_expired}"}), 401,
                    "AUTHENTICATION_FAILED")
    assert "expired" in expired["message"]


async def test_one_organization_never_sees_another(client):
    acme_id, acme = await make_org(client, "acme")
    other_id, other = await make_org(client, "other")
    ids = await tree(client, acme_id, acme)
    deployment = await ok(await client.post(f"/v1/builds/{ids['build']}/deploy", json={"environment": "dev"},
                                            headers=acme), 201)
    # list
    assert await ok(await client.get(f"/v1/organizations/{other_id}/projects", headers=other)) == []
    error(await client.get(f"/v1/organizations/{acme_id}/projects", headers=other), 404, "RESOURCE_NOT_FOUND")
    assert [o["id"] for o in await ok(await client.get("/v1/organizations", headers=other))] == [other_id]
    error(await client.get(f"/v1/projects/{ids['project']}/requirements", headers=other), 404, "RESOURCE_NOT_FOUND")
    # get
    for path in (f"/v1/organizations/{acme_id}", f"/v1/projects/{ids['project']}",
                 f"/v1/requirements/{ids['requirement']}", f"/v1/features/{ids['feature']}",
                 f"/v1/testcases/{ids['test_case']}", f"/v1/builds/{ids['build']}",
                 f"/v1/deployments/{deployment['id']}"):
        error(await client.get(path, headers=other), 404, "RESOURCE_NOT_FOUND")
    # create under, update, delete
    error(await client.post(f"/v1/organizations/{acme_id}/projects", json=PROJECT, headers=other), 404,
          "RESOURCE_NOT_FOUND")
    error(await client.post(f"/v1/features/{ids['feature']}/builds", json=BUILD, headers=other), 404,
          "RESOURCE_NOT_FOUND")
    error(await client.patch(f"/v1/projects/{ids['project']}", json={"name": "Mine now"}, headers=other), 404,
          "RESOURCE_NOT_FOUND")
    error(await client.patch(f"/v1/features/{ids['feature']}/status", json={"status": "completed"}, headers=other),
          404, "RESOURCE_NOT_FOUND")
    error(await client.post(f"/v1/deployments/{deployment['id']}/rollback", json={"reason": "x"}, headers=other),
          404, "RESOURCE_NOT_FOUND")
    error(await client.delete(f"/v1/projects/{ids['project']}", headers=other), 404, "RESOURCE_NOT_FOUND")
    still = await ok(await client.get(f"/v1/projects/{ids['project']}", headers=acme))
    assert still["name"] == PROJECT["name"] and still["status"] == "active"


async def test_rate_limit_has_the_documented_shape(make_client, make_settings):
    async with make_client(make_settings(default_rate_per_minute=2)) as client:
        _, headers = await make_org(client, "acme")
        responses = [await client.get("/v1/organizations", headers=headers) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert responses[0].headers["x-ratelimit-limit"] == "2"
    body = error(responses[2], 429, "RATE_LIMIT_EXCEEDED")
    meta = responses[2].json()["meta"]
    assert meta["retry_after"] >= 1 and meta["limit_resets_at"].endswith("Z")
    assert body["message"] == f"You have exceeded the rate limit. Please retry after {meta['retry_after']} seconds."
    assert responses[2].headers["x-ratelimit-remaining"] == "0"


async def test_free_plan_tokens_carry_the_plan_budget(client):
    _, headers = await make_org(client, "small", plan="free")
    response = await client.get("/v1/organizations", headers=headers)
    assert response.headers["x-ratelimit-limit"] == "100"


async def test_webhooks_reach_only_their_organization_signed(client, clock):
    acme_id, acme = await make_org(client, "acme")
    other_id, other = await make_org(client, "other")
    async with receiver() as target:
        subs = {}
        for event in ("feature.created", "feature.status_changed", "test.completed", "build.completed",
                      "deployment.started", "deployment.completed", "vulnerability.detected"):
            subs[event] = await ok(await client.post("/v1/webhooks", json={"event": event, "url": target.url},
                                                     headers=acme), 201)
        await ok(await client.post("/v1/webhooks", json={"event": "feature.created", "url": target.url},
                                   headers=other), 201)
        error(await client.post("/v1/webhooks", json={"event": "widget.registered", "url": target.url},
                                headers=acme), 400, "VALIDATION_ERROR")
        listed = (await client.get("/v1/webhooks", headers=acme)).json()
        assert listed["pagination"]["total"] == 7 and "secret" not in listed["data"][0]

        ids = await tree(client, acme_id, acme)
        await client.patch(f"/v1/features/{ids['feature']}/status", json={"status": "in_progress"}, headers=acme)
        await client.post(f"/v1/testcases/{ids['test_case']}/results", json={
            "status": "failed", "duration_ms": 10, "assertions_run": 1, "assertions_passed": 0,
            "assertions_failed": 1}, headers=acme)
        await client.post(f"/v1/features/{ids['feature']}/builds",
                          json={**BUILD, "version_tag": "1.2.1", "security_scan_status": "warnings",
                                "vulnerabilities_medium": 1}, headers=acme)
        deployment = await ok(await client.post(f"/v1/builds/{ids['build']}/deploy", json={"environment": "dev"},
                                                headers=acme), 201)
        clock.advance(seconds=70)
        await ok(await client.get(f"/v1/deployments/{deployment['id']}", headers=acme))
        worker = client.app.state.runtime.webhook_worker
        while await worker.run_once():
            pass
    events = {}
    for headers, body in target.received:
        payload = orjson.loads(body)
        events.setdefault(payload["event"], []).append((headers, payload, body))
    assert sorted(events) == sorted(subs)
    assert len(events["feature.created"]) == 1  # the other organization's subscriber got nothing of acme's
    assert len(events["build.completed"]) == 2
    headers, payload, body = events["deployment.completed"][0]
    expected = "sha256=" + hmac.new(subs["deployment.completed"]["secret"].encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-signature-256"], expected)
    assert payload["data"]["deployment"]["status"] == "success" and payload["retry_count"] == 0
    changed = events["feature.status_changed"][0][1]["data"]
    assert changed["previous_status"] == "not_started" and changed["current_status"] == "in_progress"
    vulnerability = events["vulnerability.detected"][0][1]["data"]["vulnerability"]
    assert vulnerability["counts"]["medium"] == 1 and vulnerability["highest_severity"] == "medium"
    assert events["test.completed"][0][1]["data"]["test_result"]["status"] == "failed"
    error(await client.delete(f"/v1/webhooks/{subs['feature.created']['id']}", headers=other), 404,
          "RESOURCE_NOT_FOUND")
    await ok(await client.delete(f"/v1/webhooks/{subs['feature.created']['id']}", headers=acme))
