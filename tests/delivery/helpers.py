"""Organizations, tokens and a small delivery tree for the delivery pipeline tests."""

from __future__ import annotations

from typing import Any

import httpx

from app.context import RequestContext
from app.domains.delivery import keys
from app.domains.delivery.keys import PERMISSIONS

ALL = list(PERMISSIONS)


async def make_org(client: httpx.AsyncClient, slug: str, *, plan: str = "enterprise",
                   permissions: list[str] | None = None) -> tuple[str, dict[str, str]]:
    """(organization id, Authorization headers of a member holding `permissions`, default all)."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    ctx = RequestContext(runtime=runtime)
    try:
        org = await keys.create_organization(ctx, name=f"Org {slug}", slug=slug, plan=plan, type_="startup")
        await ctx.finish(commit=True)
    except BaseException:
        await ctx.finish(commit=False)
        raise
    return org["id"], await token_for(client, slug, permissions or ALL)


async def token_for(client: httpx.AsyncClient, slug: str, permissions: list[str], **extra: Any) -> dict[str, str]:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    ctx = RequestContext(runtime=runtime)
    issued = await keys.issue_token(ctx, slug=slug, permissions=permissions, subject=f"user-{slug}", **extra)
    await ctx.finish(commit=False)
    return {"Authorization": f"Bearer {issued['access_token']}"}


async def key_for(client: httpx.AsyncClient, slug: str, scopes: list[str]) -> dict[str, str]:
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    ctx = RequestContext(runtime=runtime)
    created = await keys.create_key(ctx, slug=slug, scopes=scopes)
    await ctx.finish(commit=True)
    return {"X-API-Key": created["key"]}


PROJECT = {"name": "Backend API", "slug": "backend-api", "description": "Core API services",
           "repository_url": "https://github.com/acme/backend-api", "repository_type": "git",
           "visibility": "private", "template_type": "microservice", "tech_stack": ["python", "postgresql"]}
REQUIREMENT = {"title": "User Authentication System", "description": "Implement OAuth 2.0 authentication",
               "user_stories": [{"title": "User Login", "description": "As a user, I want to login",
                                 "acceptance_criteria": ["User can enter email and password"]}],
               "acceptance_criteria": ["OAuth 2.0 implemented", "JWT tokens issued correctly"],
               "priority": "critical", "estimated_effort_points": 13}
FEATURE = {"name": "OAuth 2.0 Integration", "description": "Implement OAuth 2.0 provider integration",
           "complexity_points": 8}
TEST_CASE = {"name": "OAuth Login Flow", "description": "Test complete OAuth login process", "test_type": "e2e",
             "priority": "critical",
             "steps": [{"step_number": 1, "action": "Navigate to login page", "expected_result": "Form shown"}],
             "expected_result": "User logged in successfully", "automated": True, "automation_tool": "cypress"}
BUILD = {"version_tag": "1.2.0", "git_commit_hash": "abc123def456", "git_branch": "main",
         "docker_image_url": "registry.example.com/project:1.2.0", "tests_passed": 245, "tests_failed": 0,
         "code_coverage_percent": 88.5, "security_scan_status": "passed"}


async def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is True and body["status"] == status
    assert body["meta"]["request_id"] == response.headers["x-request-id"]
    assert body["meta"]["version"] == "1.0"
    return body["data"]


def error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False and body["status"] == status
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["details"], list)
    assert body["meta"]["request_id"] == response.headers["x-request-id"]
    return body["error"]


async def tree(client: httpx.AsyncClient, org_id: str, headers: dict[str, str], slug: str = "backend-api") -> dict[str, str]:
    """A project, requirement, feature, test case and successful build; their ids."""
    project = await ok(await client.post(f"/v1/organizations/{org_id}/projects", json={**PROJECT, "slug": slug},
                                         headers=headers), 201)
    requirement = await ok(await client.post(f"/v1/projects/{project['id']}/requirements", json=REQUIREMENT,
                                             headers=headers), 201)
    feature = await ok(await client.post(f"/v1/requirements/{requirement['id']}/features", json=FEATURE,
                                         headers=headers), 201)
    case = await ok(await client.post(f"/v1/features/{feature['id']}/tests", json=TEST_CASE, headers=headers), 201)
    build = await ok(await client.post(f"/v1/features/{feature['id']}/builds", json=BUILD, headers=headers), 201)
    return {"project": project["id"], "requirement": requirement["id"], "feature": feature["id"],
            "test_case": case["id"], "build": build["id"]}
