"""Queries of the delivery pipeline: the caller's organization (nested down to deployments),
one project, and a project's dashboard."""

from __future__ import annotations

import strawberry

from app.domains.delivery import catalogue
from app.domains.delivery.access import require
from app.domains.delivery.dashboard import project_dashboard
from schema.delivery.types import DeliveryDashboard, DeliveryOrganization, DeliveryProject, Info


@strawberry.type
class DeliveryQueries:
    @strawberry.field(description="The caller's organization (an org token or org API key; organizations:read).")
    async def delivery_organization(self, info: Info) -> DeliveryOrganization | None:
        org = require(info.context, "organizations:read")
        row = await info.context.loaders.delivery.organization.load(org)
        return DeliveryOrganization.from_row(row) if row else None

    @strawberry.field(description="One project of the caller's organization (projects:read).")
    async def delivery_project(self, info: Info, id: strawberry.ID) -> DeliveryProject:  # noqa: A002
        return DeliveryProject.from_row(await catalogue.get_project(info.context, str(id)))

    @strawberry.field(description="Build success rate and DORA metrics of a project over the last periodDays days.")
    async def delivery_dashboard(self, info: Info, project_id: strawberry.ID, period_days: int = 30) -> DeliveryDashboard:
        figures = await project_dashboard(info.context, str(project_id), period_days)
        return DeliveryDashboard(**{**figures.__dict__, "project_id": strawberry.ID(figures.project_id)})
