"""/v1/organizations and /v1/organizations/{org_id}/projects, /v1/projects/{project_id}."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.delivery import catalogue, views
from app.domains.delivery import shapes as s
from app.rest.delivery.family import ERRORS, SECURITY, delivery, envelope, listing, ok, page_envelope
from app.rest.endpoint import Call

ORG, ORGS = envelope(s.OrganizationOut), page_envelope(s.OrganizationOut)
PROJECT, PROJECTS = envelope(s.ProjectOut), page_envelope(s.ProjectOut)


@delivery.endpoint("GET", "/v1/organizations", query=s.OrganizationListQuery, tags=["Organizations"],
                   security=SECURITY, responses={200: ORGS, **ERRORS}, auth="organizations:read")
async def list_organizations(ctx: RequestContext, call: Call):  # noqa: ANN201
    """List organizations (the caller's own)."""
    query = call.query
    page = await catalogue.list_organizations(ctx, query)
    return listing(ctx, [views.organization(r) for r in page.rows], page=query.page, page_size=query.page_size,
                   total=page.total)


@delivery.endpoint("POST", "/v1/organizations", body=s.OrganizationIn, tags=["Organizations"], security=SECURITY,
                   responses={201: ORG, 409: ERRORS[400], **ERRORS}, auth="organizations:write and organizations:admin")
async def create_organization(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Create a new organization."""
    return ok(ctx, views.organization(await catalogue.create_organization(ctx, call.body)), 201)


@delivery.endpoint("GET", "/v1/organizations/{org_id}", tags=["Organizations"], security=SECURITY,
                   responses={200: ORG, **ERRORS}, auth="organizations:read")
async def get_organization(ctx: RequestContext, call: Call):  # noqa: ANN201
    """One organization (only the caller's)."""
    return ok(ctx, views.organization(await catalogue.get_organization(ctx, call.path("org_id"))))


@delivery.endpoint("GET", "/v1/organizations/{org_id}/projects", query=s.ProjectListQuery, tags=["Projects"],
                   security=SECURITY, responses={200: PROJECTS, **ERRORS}, auth="projects:read")
async def list_projects(ctx: RequestContext, call: Call):  # noqa: ANN201
    """List projects for organization."""
    query = call.query
    page = await catalogue.list_projects(ctx, call.path("org_id"), query)
    return listing(ctx, [views.project(r) for r in page.rows], page=query.page, page_size=query.page_size,
                   total=page.total)


@delivery.endpoint("POST", "/v1/organizations/{org_id}/projects", body=s.ProjectIn, tags=["Projects"],
                   security=SECURITY, responses={201: PROJECT, 409: ERRORS[400], **ERRORS}, auth="projects:write")
async def create_project(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Create new project."""
    return ok(ctx, views.project(await catalogue.create_project(ctx, call.path("org_id"), call.body)), 201)


@delivery.endpoint("GET", "/v1/projects/{project_id}", tags=["Projects"], security=SECURITY,
                   responses={200: PROJECT, **ERRORS}, auth="projects:read")
async def get_project(ctx: RequestContext, call: Call):  # noqa: ANN201
    """One project."""
    return ok(ctx, views.project(await catalogue.get_project(ctx, call.path("project_id"))))


@delivery.endpoint("PATCH", "/v1/projects/{project_id}", body=s.ProjectPatch, tags=["Projects"], security=SECURITY,
                   responses={200: PROJECT, **ERRORS}, auth="projects:write")
async def update_project(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Update a project's name, description, repository, status, visibility or tech stack."""
    return ok(ctx, views.project(await catalogue.update_project(ctx, call.path("project_id"), call.body)))


@delivery.endpoint("DELETE", "/v1/projects/{project_id}", tags=["Projects"], security=SECURITY,
                   responses={200: PROJECT, **ERRORS}, auth="projects:delete")
async def delete_project(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Delete a project (its status becomes deleted; it leaves listings and lookups)."""
    return ok(ctx, views.project(await catalogue.delete_project(ctx, call.path("project_id"))))
