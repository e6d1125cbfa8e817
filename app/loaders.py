"""Every domain's DataLoaders, built together for one request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domains.approvals.loaders import ApprovalLoaders
from app.domains.collab.loaders import CollabLoaders
from app.domains.delivery.loaders import DeliveryLoaders
from app.domains.interactions.loaders import InteractionLoaders
from app.domains.runs.loaders import RunLoaders

if TYPE_CHECKING:
    from app.context import RequestContext


class Loaders:
    def __init__(self, ctx: RequestContext) -> None:
        self.runs = RunLoaders(ctx)
        self.hub = InteractionLoaders(ctx)
        self.approvals = ApprovalLoaders(ctx)
        self.collab = CollabLoaders(ctx)
        self.delivery = DeliveryLoaders(ctx)
