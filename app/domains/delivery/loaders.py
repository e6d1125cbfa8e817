"""DataLoaders of the delivery pipeline. Each batch is one statement filtered by the caller's
organization; results come back in key order."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiodataloader import DataLoader

from app.domains.delivery import repository as repo

if TYPE_CHECKING:
    from app.context import RequestContext


class DeliveryLoaders:
    def __init__(self, ctx: RequestContext) -> None:
        def org() -> uuid.UUID:
            organization_id = ctx.principal.organization_id
            assert organization_id is not None, "resolvers check the caller's organization first"
            return organization_id

        def children(reader: Callable[..., Awaitable[dict]]) -> DataLoader:
            async def batch(keys: list[uuid.UUID]) -> list[list[Any]]:
                grouped = await reader(ctx.session, org(), keys)
                return [grouped.get(key, []) for key in keys]

            return DataLoader(batch)

        async def load_organizations(keys: list[uuid.UUID]) -> list[Any]:
            found = await repo.organizations_by_ids(ctx.session, org(), keys)
            return [found.get(key) for key in keys]

        self.organization = DataLoader(load_organizations)
        self.projects_by_org = children(repo.projects_for_orgs)
        self.requirements_by_project = children(repo.requirements_for_projects)
        self.features_by_requirement = children(repo.features_for_requirements)
        self.test_cases_by_feature = children(repo.test_cases_for_features)
        self.results_by_test_case = children(repo.results_for_test_cases)
        self.builds_by_feature = children(repo.builds_for_features)
        self.builds_by_project = children(repo.builds_for_projects)
        self.deployments_by_build = children(repo.deployments_for_builds)
