"""DataLoaders of the interaction hub. Batch functions return results in key order."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from aiodataloader import DataLoader

from app.domains.interactions import repository as repo
from app.domains.interactions.models import DecisionRecord, DeploymentRecord, Hub, OutcomeSignal, Widget

if TYPE_CHECKING:
    from app.context import RequestContext


class InteractionLoaders:
    def __init__(self, ctx: RequestContext) -> None:
        def by_id(model: Any) -> DataLoader:
            async def load(ids: list[uuid.UUID]) -> list[Any]:
                found = await repo.rows_by_ids(ctx.session, model, ids)
                return [found.get(i) for i in ids]

            return DataLoader(load)

        def children(model: Any, parent: str) -> DataLoader:
            async def load(ids: list[uuid.UUID]) -> list[list[Any]]:
                grouped = await repo.children_of(ctx.session, model, parent, ids)
                return [grouped.get(i, []) for i in ids]

            return DataLoader(load)

        self.widget = by_id(Widget)
        self.hub = by_id(Hub)
        self.decisions_by_candidate = children(DecisionRecord, "requirement_candidate_id")
        self.deployments_by_decision = children(DeploymentRecord, "decision_record_id")
        self.outcomes_by_deployment = children(OutcomeSignal, "deployment_record_id")
