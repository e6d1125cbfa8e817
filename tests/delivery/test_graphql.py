"""The delivery pipeline in GraphQL: nesting through loaders, isolation, the dashboard."""

from __future__ import annotations

from tests.delivery.helpers import BUILD, FEATURE, PROJECT, REQUIREMENT, TEST_CASE, make_org, ok, token_for, tree
from tests.helpers import statement_count

DEEP = """{ deliveryOrganization { slug projects { slug
  requirements { title features { name
    testCases { name results { status } }
    builds { buildNumber deployments { environment status } } } }
  builds { versionTag } } } }"""


async def _grow(client, org_id, headers, projects: int, per_level: int) -> None:
    for p in range(projects):
        project = await ok(await client.post(f"/v1/organizations/{org_id}/projects",
                                             json={**PROJECT, "slug": f"p{p}"}, headers=headers), 201)
        for _ in range(per_level):
            requirement = await ok(await client.post(f"/v1/projects/{project['id']}/requirements", json=REQUIREMENT,
                                                     headers=headers), 201)
            for _ in range(per_level):
                feature = await ok(await client.post(f"/v1/requirements/{requirement['id']}/features", json=FEATURE,
                                                     headers=headers), 201)
                case = await ok(await client.post(f"/v1/features/{feature['id']}/tests", json=TEST_CASE,
                                                  headers=headers), 201)
                await ok(await client.post(f"/v1/testcases/{case['id']}/results", json={
                    "status": "passed", "duration_ms": 5, "assertions_run": 1, "assertions_passed": 1,
                    "assertions_failed": 0}, headers=headers), 201)
                build = await ok(await client.post(f"/v1/features/{feature['id']}/builds", json=BUILD,
                                                   headers=headers), 201)
                await ok(await client.post(f"/v1/builds/{build['id']}/deploy", json={"environment": "dev"},
                                           headers=headers), 201)


async def _deep(client, headers):
    response = await client.post("/graphql", json={"query": DEEP}, headers=headers)
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["deliveryOrganization"], statement_count(response)


async def test_deepest_query_costs_the_same_statements_at_two_sizes(make_client, make_settings):
    counts = {}
    for label, projects, per_level in (("small", 1, 1), ("large", 3, 2)):
        async with make_client(make_settings(default_rate_per_minute=10_000)) as client:
            org_id, headers = await make_org(client, label)
            await _grow(client, org_id, headers, projects, per_level)
            data, counts[label] = await _deep(client, headers)
            features = [f for p in data["projects"] for r in p["requirements"] for f in r["features"]]
            assert len(features) == projects * per_level * per_level
            assert all(f["testCases"][0]["results"][0]["status"] == "passed" for f in features)
            assert all(f["builds"][0]["deployments"][0]["environment"] == "dev" for f in features)
    # organization, projects, requirements, features, test cases, results, builds (by feature),
    # deployments, builds (by project)
    assert counts["small"] == counts["large"] == 9


async def test_graphql_shows_only_the_callers_organization(client):
    acme_id, acme = await make_org(client, "acme")
    other_id, other = await make_org(client, "other")
    ids = await tree(client, acme_id, acme)
    data, _ = await _deep(client, other)
    assert data["slug"] == "other" and data["projects"] == []
    refused = (await client.post("/graphql", json={"query": f'{{ deliveryProject(id: "{ids["project"]}") {{ name }} }}'},
                                 headers=other)).json()
    assert refused["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    dashboard = (await client.post("/graphql", json={
        "query": f'{{ deliveryDashboard(projectId: "{ids["project"]}") {{ buildsTotal }} }}'}, headers=other)).json()
    assert dashboard["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    reader = await token_for(client, "acme", ["organizations:read"])
    nested = (await client.post("/graphql", json={"query": "{ deliveryOrganization { slug projects { id } } }"},
                                headers=reader)).json()
    assert nested["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = (await client.post("/graphql", json={"query": "{ deliveryOrganization { slug } }"})).json()
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_dashboard_build_success_rate_and_dora_metrics(client, clock):
    org_id, headers = await make_org(client, "acme")
    ids = await tree(client, org_id, headers)  # build 1: success at t0
    await client.post(f"/v1/features/{ids['feature']}/builds", json={**BUILD, "tests_failed": 1}, headers=headers)
    await client.post(f"/v1/features/{ids['feature']}/builds", json=BUILD, headers=headers)
    production = {"environment": "production", "approval_notes": "ok"}

    async def deploy() -> str:
        made = await ok(await client.post(f"/v1/builds/{ids['build']}/deploy", json=production, headers=headers), 201)
        return made["id"]

    await deploy()                      # t0 -> success at t0+65
    clock.advance(seconds=100)
    second = await deploy()             # t100 -> success at t165
    clock.advance(seconds=100)          # t200: rolled back
    await ok(await client.post(f"/v1/deployments/{second}/rollback", json={"reason": "errors"}, headers=headers))
    clock.advance(seconds=100)
    await deploy()                      # t300 -> success at t365
    clock.advance(seconds=100)
    query = f"""{{ deliveryDashboard(projectId: "{ids['project']}", periodDays: 30) {{
      buildsTotal buildsSucceeded buildsFailed buildSuccessRate productionDeployments deploymentFrequencyPerDay
      leadTimeForChangesSeconds changeFailureRate timeToRestoreSeconds }} }}"""
    body = (await client.post("/graphql", json={"query": query}, headers=headers)).json()
    assert "errors" not in body, body
    assert body["data"]["deliveryDashboard"] == {
        "buildsTotal": 3, "buildsSucceeded": 2, "buildsFailed": 1, "buildSuccessRate": 66.67,
        "productionDeployments": 2, "deploymentFrequencyPerDay": round(2 / 30, 4),
        "leadTimeForChangesSeconds": 215.0, "changeFailureRate": 33.33, "timeToRestoreSeconds": 165.0,
    }
    nested = (await client.post("/graphql", json={"query": "{ deliveryOrganization { projects { dashboard(periodDays: 0) "
                                                          "{ buildsTotal } } } }"}, headers=headers)).json()
    assert nested["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"


async def test_mutations_share_the_rest_rules(client, clock):
    acme_id, acme = await make_org(client, "acme")
    _, other = await make_org(client, "other")
    ids = await tree(client, acme_id, acme)
    status = """mutation($id: ID!, $s: String!, $r: String) { updateDeliveryFeatureStatus(featureId: $id, status: $s,
      blockedReason: $r) { implementationStatus blockedReason } }"""
    blocked = (await client.post("/graphql", json={"query": status, "variables": {"id": ids["feature"], "s": "blocked"}},
                                 headers=acme)).json()
    assert blocked["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
    assert "blocked_reason" in blocked["errors"][0]["message"]
    done = (await client.post("/graphql", json={"query": status, "variables": {
        "id": ids["feature"], "s": "blocked", "r": "waiting on design"}}, headers=acme)).json()
    assert done["data"]["updateDeliveryFeatureStatus"] == {"implementationStatus": "blocked",
                                                           "blockedReason": "waiting on design"}
    foreign = (await client.post("/graphql", json={"query": status, "variables": {"id": ids["feature"], "s": "completed"}},
                                 headers=other)).json()
    assert foreign["errors"][0]["extensions"]["code"] == "NOT_FOUND"

    deployment = await ok(await client.post(f"/v1/builds/{ids['build']}/deploy", json={"environment": "dev"},
                                            headers=acme), 201)
    clock.advance(seconds=70)
    rollback = """mutation($id: ID!) { rollbackDeliveryDeployment(deploymentId: $id, reason: "bad") { status
      rollbackReason } }"""
    rolled = (await client.post("/graphql", json={"query": rollback, "variables": {"id": deployment["id"]}},
                                headers=acme)).json()
    assert rolled["data"]["rollbackDeliveryDeployment"] == {"status": "rolled_back", "rollbackReason": "bad"}
