"""Organizations and projects."""

from __future__ import annotations

import uuid

from app.context import RequestContext
from app.domains.delivery import repository as repo
from app.domains.delivery import shapes as s
from app.domains.delivery.access import found, parse_id, require
from app.domains.delivery.models import Organization, Project
from app.errors import Conflict, FieldError, Forbidden, NotFound


class DuplicateSlug(Conflict):
    code = "DUPLICATE_SLUG"


async def list_organizations(ctx: RequestContext, query: s.OrganizationListQuery) -> repo.Page:
    org = require(ctx, "organizations:read")
    return await repo.organizations_page(ctx.session, org, status=query.status, search=query.search,
                                         sort_by=query.sort_by, sort_order=query.sort_order, page=query.page,
                                         page_size=query.page_size)


async def get_organization(ctx: RequestContext, ident: str) -> Organization:
    org = require(ctx, "organizations:read")
    return found(await repo.organization(ctx.session, org, parse_id(ident, "Organization")), "Organization")


async def create_organization(ctx: RequestContext, data: s.OrganizationIn) -> Organization:
    """A platform act: needs organizations:write and organizations:admin. The new organization is
    separate from the caller's; its members get their own credentials."""
    require(ctx, "organizations:write", "organizations:admin")
    return await new_organization(ctx, data)


async def new_organization(ctx: RequestContext, data: s.OrganizationIn) -> Organization:
    if await repo.slug_taken(ctx.session, data.slug):
        raise DuplicateSlug(f"An organization with slug '{data.slug}' already exists",
                            fields=[FieldError("slug", "already in use")])
    now = ctx.clock.now()
    row = Organization(name=data.name, slug=data.slug, type=data.type, description=data.description,
                       website_url=str(data.website_url) if data.website_url else None, plan=data.plan,
                       max_users=data.max_users, max_projects=data.max_projects, created_at=now, updated_at=now)
    repo.add(ctx.session, row)
    await repo.flush(ctx.session)
    return row


async def _own_organization(ctx: RequestContext, org: uuid.UUID, ident: str) -> Organization:
    return found(await repo.organization(ctx.session, org, parse_id(ident, "Organization")), "Organization")


async def list_projects(ctx: RequestContext, org_ident: str, query: s.ProjectListQuery) -> repo.Page:
    org = require(ctx, "projects:read")
    await _own_organization(ctx, org, org_ident)
    return await repo.projects_page(ctx.session, org, status=query.status, search=query.search,
                                    sort_by=query.sort_by, sort_order=query.sort_order, page=query.page,
                                    page_size=query.page_size)


async def create_project(ctx: RequestContext, org_ident: str, data: s.ProjectIn) -> Project:
    org = require(ctx, "projects:write")
    organization = await _own_organization(ctx, org, org_ident)
    if await repo.project_slug_taken(ctx.session, org, data.slug):
        raise DuplicateSlug(f"A project with slug '{data.slug}' already exists in this organization",
                            fields=[FieldError("slug", "already in use")])
    if await repo.project_count(ctx.session, org) >= organization.max_projects:
        raise Forbidden(f"The organization's plan allows {organization.max_projects} projects")
    now = ctx.clock.now()
    row = Project(organization_id=org, name=data.name, slug=data.slug, description=data.description,
                  repository_url=str(data.repository_url), repository_type=data.repository_type,
                  visibility=data.visibility, template_type=data.template_type, owner_id=ctx.principal.id,
                  tech_stack=list(data.tech_stack), created_at=now, updated_at=now)
    repo.add(ctx.session, row)
    await repo.flush(ctx.session)
    return row


async def visible_project(ctx: RequestContext, org: uuid.UUID, ident: str) -> Project:
    row = await repo.project(ctx.session, org, parse_id(ident, "Project"))
    if row is None or row.status == "deleted":
        raise NotFound("Project not found")
    return row


async def get_project(ctx: RequestContext, ident: str) -> Project:
    org = require(ctx, "projects:read")
    return await visible_project(ctx, org, ident)


async def update_project(ctx: RequestContext, ident: str, data: s.ProjectPatch) -> Project:
    org = require(ctx, "projects:write")
    row = await visible_project(ctx, org, ident)
    for name, value in data.model_dump(exclude_unset=True).items():
        if value is None and name in ("name", "repository_url", "status", "visibility", "tech_stack"):
            continue
        setattr(row, name, str(value) if name == "repository_url" else value)
    row.updated_at = ctx.clock.now()
    await repo.flush(ctx.session)
    return row


async def delete_project(ctx: RequestContext, ident: str) -> Project:
    """Marks the project deleted: it leaves listings and lookups; its history stays for the metrics."""
    org = require(ctx, "projects:delete")
    row = await visible_project(ctx, org, ident)
    row.status = "deleted"
    row.updated_at = ctx.clock.now()
    await repo.flush(ctx.session)
    return row
