"""Queries of the delivery pipeline (the caller's organization nested down to deployments, one
project, a project's dashboard) and two mutations over the same service functions as REST."""

from __future__ import annotations

import strawberry
from pydantic import ValidationError

from app.domains.delivery import catalogue, releases, work
from app.domains.delivery.access import require
from app.domains.delivery.dashboard import project_dashboard
from app.domains.delivery.shapes import FeatureStatusIn, RollbackIn
from app.errors import FieldError, ValidationFailed
from schema.delivery.types import (
    DeliveryDashboard, DeliveryDeployment, DeliveryFeature, DeliveryOrganization, DeliveryProject, Info,
)


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


def _parsed(model, data: dict):  # noqa: ANN001, ANN202
    """A write model from GraphQL arguments; invalid input is a VALIDATION_FAILED error naming each field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = [FieldError(".".join(str(p) for p in e["loc"]) or "input", e["msg"].removeprefix("Value error, "))
                  for e in exc.errors(include_url=False)]
        raise ValidationFailed("; ".join(f"{f.field}: {f.message}" for f in fields), fields=fields) from None


@strawberry.type
class DeliveryMutations:
    @strawberry.mutation(description="Update a feature's implementation status (features:write).")
    async def update_delivery_feature_status(self, info: Info, feature_id: strawberry.ID, status: str,
                                             blocked_reason: str | None = None) -> DeliveryFeature:
        data = _parsed(FeatureStatusIn, {"status": status, "blocked_reason": blocked_reason})
        return DeliveryFeature.from_row(await work.set_feature_status(info.context, str(feature_id), data))

    @strawberry.mutation(description="Roll back a deployment (deployments:write).")
    async def rollback_delivery_deployment(self, info: Info, deployment_id: strawberry.ID,
                                           reason: str) -> DeliveryDeployment:
        data = _parsed(RollbackIn, {"reason": reason})
        return DeliveryDeployment.from_row(await releases.rollback(info.context, str(deployment_id), data))
