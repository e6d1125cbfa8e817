"""The delivery pipeline's resources: envelopes, validation, conflicts, the whole chain."""

from __future__ import annotations

from tests.delivery.helpers import BUILD, FEATURE, PROJECT, REQUIREMENT, TEST_CASE, error, make_org, ok, tree


async def test_organizations_list_and_get_in_envelopes(client):
    org_id, headers = await make_org(client, "acme")
    await make_org(client, "other")
    response = await client.get("/v1/organizations?page=1&page_size=10&status=active", headers=headers)
    data = await ok(response)
    body = response.json()
    assert [o["slug"] for o in data] == ["acme"]
    assert body["pagination"] == {"page": 1, "page_size": 10, "total": 1, "pages": 1, "has_next": False,
                                  "has_prev": False}
    assert set(body["meta"]) == {"timestamp", "request_id", "version"}
    assert "X-RateLimit-Limit" in response.headers and "X-RateLimit-Remaining" in response.headers
    one = await ok(await client.get(f"/v1/organizations/{org_id}", headers=headers))
    assert one["id"] == org_id and one["plan"] == "enterprise" and one["status"] == "active"


async def test_create_organization_needs_admin_and_refuses_duplicate_slug(client):
    _, headers = await make_org(client, "acme")
    body = {"name": "TechStart Inc", "slug": "techstart-inc", "type": "startup", "plan": "professional",
            "max_users": 50, "max_projects": 10}
    created = await ok(await client.post("/v1/organizations", json=body, headers=headers), 201)
    assert created["slug"] == "techstart-inc" and created["max_users"] == 50 and created["status"] == "active"
    duplicate = error(await client.post("/v1/organizations", json=body, headers=headers), 409, "DUPLICATE_SLUG")
    assert duplicate["details"] == [{"field": "slug", "message": "already in use"}]
    invalid = error(await client.post("/v1/organizations", json={"name": "x", "slug": "Bad Slug", "plan": "gold"},
                                      headers=headers), 400, "VALIDATION_ERROR")
    assert {d["field"] for d in invalid["details"]} == {"name", "slug", "plan"}


async def test_validation_of_query_parameters(client):
    org_id, headers = await make_org(client, "acme")
    response = await client.get(f"/v1/organizations/{org_id}/projects?page=0&page_size=101&status=gone&sort_by=x"
                                "&sort_order=up", headers=headers)
    details = error(response, 400, "VALIDATION_ERROR")["details"]
    assert {d["field"] for d in details} == {"page", "page_size", "status", "sort_by", "sort_order"}


async def test_projects_create_list_search_sort_update_delete(client):
    org_id, headers = await make_org(client, "acme")
    base = f"/v1/organizations/{org_id}/projects"
    first = await ok(await client.post(base, json=PROJECT, headers=headers), 201)
    assert first["organization_id"] == org_id and first["tech_stack"] == ["python", "postgresql"]
    assert first["owner_id"] == "user-acme"
    await ok(await client.post(base, json={**PROJECT, "name": "Frontend Web", "slug": "frontend-web"},
                               headers=headers), 201)
    error(await client.post(base, json=PROJECT, headers=headers), 409, "DUPLICATE_SLUG")
    missing = error(await client.post(base, json={"name": "X"}, headers=headers), 400, "VALIDATION_ERROR")
    assert {d["field"] for d in missing["details"]} == {"name", "slug", "repository_url"}

    listed = (await client.get(f"{base}?sort_by=name&sort_order=asc&page_size=1", headers=headers)).json()
    assert [p["name"] for p in listed["data"]] == ["Backend API"]
    assert listed["pagination"]["total"] == 2 and listed["pagination"]["has_next"] is True
    searched = await ok(await client.get(f"{base}?search=front", headers=headers))
    assert [p["slug"] for p in searched] == ["frontend-web"]

    updated = await ok(await client.patch(f"/v1/projects/{first['id']}", json={"status": "archived"}, headers=headers))
    assert updated["status"] == "archived"
    assert [p["id"] for p in await ok(await client.get(f"{base}?status=archived", headers=headers))] == [first["id"]]
    deleted = await ok(await client.delete(f"/v1/projects/{first['id']}", headers=headers))
    assert deleted["status"] == "deleted"
    error(await client.get(f"/v1/projects/{first['id']}", headers=headers), 404, "RESOURCE_NOT_FOUND")
    error(await client.get("/v1/projects/not-a-uuid", headers=headers), 404, "RESOURCE_NOT_FOUND")


async def test_requirement_feature_status_tests_and_results(client):
    org_id, headers = await make_org(client, "acme")
    ids = await tree(client, org_id, headers)
    requirement = await ok(await client.get(f"/v1/requirements/{ids['requirement']}", headers=headers))
    assert requirement["status"] == "draft" and requirement["created_by"] == "user-acme"
    assert requirement["user_stories"][0]["acceptance_criteria"] == ["User can enter email and password"]
    no_criteria = error(await client.post(f"/v1/projects/{ids['project']}/requirements",
                                          json={**REQUIREMENT, "acceptance_criteria": []}, headers=headers),
                        400, "VALIDATION_ERROR")
    assert no_criteria["details"][0]["field"] == "acceptance_criteria"

    feature = await ok(await client.get(f"/v1/features/{ids['feature']}", headers=headers))
    assert feature["implementation_status"] == "not_started" and feature["complexity_points"] == 8
    error(await client.post(f"/v1/requirements/{ids['requirement']}/features",
                            json={**FEATURE, "complexity_points": 21}, headers=headers), 400, "VALIDATION_ERROR")
    moved = await ok(await client.patch(f"/v1/features/{ids['feature']}/status", json={"status": "in_progress"},
                                        headers=headers))
    assert moved["implementation_status"] == "in_progress"
    blocked = error(await client.patch(f"/v1/features/{ids['feature']}/status", json={"status": "blocked"},
                                       headers=headers), 400, "VALIDATION_ERROR")
    assert blocked["details"][0]["field"] == "blocked_reason"
    features = await ok(await client.get(f"/v1/requirements/{ids['requirement']}/features?status=in_progress",
                                         headers=headers))
    assert [f["id"] for f in features] == [ids["feature"]]

    case = await ok(await client.get(f"/v1/testcases/{ids['test_case']}", headers=headers))
    assert case["steps"][0]["step_number"] == 1 and case["automated"] is True
    error(await client.post(f"/v1/features/{ids['feature']}/tests", json={**TEST_CASE, "steps": None},
                            headers=headers), 400, "VALIDATION_ERROR")
    result = await ok(await client.post(f"/v1/testcases/{ids['test_case']}/results", json={
        "status": "passed", "duration_ms": 1250, "assertions_run": 5, "assertions_passed": 5,
        "assertions_failed": 0, "code_coverage_percent": 92.5}, headers=headers), 201)
    assert result["test_case_id"] == ids["test_case"] and result["code_coverage_percent"] == 92.5
    assert result["executed_at"] == "2026-01-01T00:00:00Z"
    error(await client.post(f"/v1/testcases/{ids['test_case']}/results", json={
        "status": "passed", "duration_ms": 1, "assertions_run": 1, "assertions_passed": 2, "assertions_failed": 0},
        headers=headers), 400, "VALIDATION_ERROR")


async def test_builds_deploy_and_rollback(client, clock):
    org_id, headers = await make_org(client, "acme")
    ids = await tree(client, org_id, headers)
    build = await ok(await client.get(f"/v1/builds/{ids['build']}", headers=headers))
    assert build["build_number"] == 1 and build["status"] == "success" and build["tests_run"] == 245
    assert build["project_id"] == ids["project"] and build["duration_seconds"] == 0
    second = await ok(await client.post(f"/v1/features/{ids['feature']}/builds",
                                        json={**BUILD, "version_tag": "1.3.0", "tests_failed": 2}, headers=headers), 201)
    assert second["build_number"] == 2 and second["status"] == "failed"
    bad = error(await client.post(f"/v1/features/{ids['feature']}/builds", json={**BUILD, "version_tag": "latest"},
                                  headers=headers), 400, "VALIDATION_ERROR")
    assert bad["details"][0]["field"] == "version_tag"

    error(await client.post(f"/v1/builds/{second['id']}/deploy", json={"environment": "dev"}, headers=headers),
          400, "VALIDATION_ERROR")
    notes = error(await client.post(f"/v1/builds/{ids['build']}/deploy", json={"environment": "production"},
                                    headers=headers), 400, "VALIDATION_ERROR")
    assert notes["details"] == [{"field": "approval_notes", "message": "approval_notes is required for production"}]
    canary = error(await client.post(f"/v1/builds/{ids['build']}/deploy",
                                     json={"environment": "staging", "deployment_strategy": "canary"},
                                     headers=headers), 400, "VALIDATION_ERROR")
    assert canary["details"][0]["field"] == "canary_percentage"
    deployment = await ok(await client.post(f"/v1/builds/{ids['build']}/deploy", json={
        "environment": "production", "deployment_strategy": "blue_green",
        "approval_notes": "Approved for production release v1.2.0"}, headers=headers), 201)
    assert deployment["status"] == "pending" and deployment["health_check_status"] is None
    error(await client.post(f"/v1/deployments/{deployment['id']}/rollback", json={"reason": "x"}, headers=headers),
          400, "VALIDATION_ERROR")
    clock.advance(seconds=10)
    running = await ok(await client.get(f"/v1/deployments/{deployment['id']}", headers=headers))
    assert running["status"] == "in_progress"
    clock.advance(seconds=60)
    done = await ok(await client.get(f"/v1/deployments/{deployment['id']}", headers=headers))
    assert done["status"] == "success" and done["health_check_status"] == "healthy"
    assert done["duration_seconds"] == 60
    error(await client.post(f"/v1/deployments/{deployment['id']}/rollback", json={}, headers=headers),
          400, "VALIDATION_ERROR")
    rolled = await ok(await client.post(f"/v1/deployments/{deployment['id']}/rollback",
                                        json={"reason": "High error rate detected post-deployment"}, headers=headers))
    assert rolled["status"] == "rolled_back" and rolled["rollback_reason"].startswith("High error")
    assert rolled["rolled_back_at"] is not None
    error(await client.post(f"/v1/deployments/{deployment['id']}/rollback", json={"reason": "again"},
                            headers=headers), 400, "VALIDATION_ERROR")


async def test_build_and_deploy_operation_progresses_with_the_clock(client, clock):
    org_id, headers = await make_org(client, "acme")
    ids = await tree(client, org_id, headers)
    response = await client.post(f"/v1/features/{ids['feature']}/build-and-deploy", json={
        "version_tag": "2.0.0", "git_commit_hash": "abcdef1", "git_branch": "main", "environment": "staging"},
        headers=headers)
    accepted = await ok(response, 202)
    assert accepted["status"] == "pending" and accepted["resource_type"] == "deployment"
    assert accepted["progress_url"] == f"/v1/operations/{accepted['operation_id']}"
    assert accepted["poll_interval_seconds"] == 5
    url = accepted["progress_url"]
    clock.advance(seconds=75)
    progress = await ok(await client.get(url, headers=headers))
    assert progress["status"] == "in_progress" and progress["progress_percent"] == 50
    assert progress["eta_seconds"] == 75 and progress["current_step"] == "Running security scans..."
    assert progress["resource_url"] == f"/v1/deployments/{accepted['resource_id']}"
    clock.advance(seconds=100)
    finished = await ok(await client.get(url, headers=headers))
    assert finished["status"] == "completed" and finished["progress_percent"] == 100
    assert finished["result_url"] == f"/v1/deployments/{accepted['resource_id']}"
    assert finished["completed_at"] == "2026-01-01T00:02:30Z"
    deployment = await ok(await client.get(f"/v1/deployments/{accepted['resource_id']}", headers=headers))
    assert deployment["status"] == "success" and deployment["environment"] == "staging"
    build = await ok(await client.get(f"/v1/builds/{deployment['build_id']}", headers=headers))
    assert build["status"] == "success" and build["build_number"] == 2 and build["duration_seconds"] == 90
    error(await client.get("/v1/operations/0b7d8e2c-2d5e-4bb5-9c0f-5f4a3f0e8a11", headers=headers),
          404, "RESOURCE_NOT_FOUND")


async def test_health_is_public_and_metrics_need_permission(client):
    response = await client.get("/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy" and set(body["services"]) == {"database", "cache", "message_queue", "storage"}
    org_id, headers = await make_org(client, "acme")
    await client.get(f"/v1/organizations/{org_id}", headers=headers)
    data = await ok(await client.get("/v1/metrics?time_range=24h&aggregation=5m", headers=headers))
    assert data["time_range"] == "24h" and data["aggregation"] == "5m"
    assert "api_requests_total" in data["metrics"] and data["metrics"]["cpu_percent"] is None
    error(await client.get("/v1/metrics?time_range=2y", headers=headers), 400, "VALIDATION_ERROR")


async def test_v0_is_sunset_with_deprecation_headers(client):
    response = await client.get("/v0/organizations?page=1")
    body = error(response, 410, "API_VERSION_SUNSET")
    assert "migrate to /v1" in body["message"]
    assert response.headers["deprecation"] == "true" and response.headers["sunset"] == "2024-12-31T00:00:00Z"
    assert response.headers["link"] == '</v1/organizations>; rel="successor-version"'
    assert (await client.post("/v0/projects/x/requirements", json={})).status_code == 410
