"""Every domain's DataLoaders for one request."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from app.domains.approvals.loaders import ApprovalLoaders
from app.domains.collab.loaders import CollabLoaders
from app.domains.delivery.loaders import DeliveryLoaders
from app.domains.interactions.loaders import InteractionLoaders
from app.domains.runs.loaders import RunLoaders

if TYPE_CHECKING:
    from app.context import RequestContext


class Loaders:
    """Each domain's loaders are built when a request first asks for them."""

    def __init__(self, ctx: RequestContext) -> None:
        self._ctx = ctx

    @cached_property
    def runs(self) -> RunLoaders:
        return RunLoaders(self._ctx)

    @cached_property
    def hub(self) -> InteractionLoaders:
        return InteractionLoaders(self._ctx)

    @cached_property
    def approvals(self) -> ApprovalLoaders:
        return ApprovalLoaders(self._ctx)

    @cached_property
    def collab(self) -> CollabLoaders:
        return CollabLoaders(self._ctx)

    @cached_property
    def delivery(self) -> DeliveryLoaders:
        return DeliveryLoaders(self._ctx)
