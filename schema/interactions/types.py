"""GraphQL types of the interaction hub. Related records resolve through the request's loaders."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.scalars import JSON

from app.domains.interactions import insights
from app.domains.interactions import models as m
from schema.runs.types import Info


def _fields(cls: type, row: Any, **extra: Any) -> Any:
    names = [f.python_name for f in cls.__strawberry_definition__.fields if not f.base_resolver]
    values = {name: getattr(row, name) for name in names if name not in extra and hasattr(row, name)}
    return cls(**values, **extra)


@strawberry.type
class Hub:
    id: uuid.UUID
    slug: str
    name: str
    domain: str | None
    status: str
    created_at: datetime


@strawberry.type
class Widget:
    id: uuid.UUID
    hub_id: uuid.UUID
    name: str
    widget_type: str
    capability_ref: str | None
    view_context: str | None
    policy_scope: str
    status: str
    version: int
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    async def hub(self, info: Info) -> Hub | None:
        row = await info.context.loaders.hub.hub.load(self.hub_id)
        return _fields(Hub, row) if row else None

    @classmethod
    def from_row(cls, row: m.Widget) -> Widget:
        return _fields(cls, row)


async def _widget(info: Info, widget_id: uuid.UUID | None) -> Widget | None:
    if widget_id is None:
        return None
    row = await info.context.loaders.hub.widget.load(widget_id)
    return Widget.from_row(row) if row else None


@strawberry.type
class InteractionEvent:
    id: uuid.UUID
    widget_id: uuid.UUID
    hub_id: uuid.UUID
    event_type: str
    occurred_at: datetime
    received_at: datetime
    actor_id: uuid.UUID | None
    actor_type: str | None
    view_context_ref: str | None
    metadata: JSON | None
    client_event_id: str | None

    @strawberry.field
    async def widget(self, info: Info) -> Widget | None:
        return await _widget(info, self.widget_id)

    @classmethod
    def from_row(cls, row: m.InteractionEvent) -> InteractionEvent:
        return _fields(cls, row, metadata=row.event_metadata)


@strawberry.type
class Annotation:
    id: uuid.UUID
    widget_id: uuid.UUID
    hub_id: uuid.UUID
    category: str
    body: str | None
    actor_id: uuid.UUID | None
    actor_type: str | None
    event_id: uuid.UUID | None
    metadata: JSON | None
    created_at: datetime

    @strawberry.field
    async def widget(self, info: Info) -> Widget | None:
        return await _widget(info, self.widget_id)

    @classmethod
    def from_row(cls, row: m.Annotation) -> Annotation:
        return _fields(cls, row, metadata=row.annotation_metadata)


@strawberry.type
class OutcomeSignal:
    id: uuid.UUID
    deployment_record_id: uuid.UUID
    hub_id: uuid.UUID
    metric: str
    value: float
    baseline: float | None
    recorded_at: datetime

    @classmethod
    def from_row(cls, row: m.OutcomeSignal) -> OutcomeSignal:
        return _fields(cls, row)


@strawberry.type
class DeploymentRecord:
    id: uuid.UUID
    decision_record_id: uuid.UUID
    hub_id: uuid.UUID
    widget_id: uuid.UUID | None
    widget_version: int | None
    environment: str
    deployed_at: datetime

    @strawberry.field
    async def widget(self, info: Info) -> Widget | None:
        return await _widget(info, self.widget_id)

    @strawberry.field
    async def outcome_signals(self, info: Info) -> list[OutcomeSignal]:
        rows = await info.context.loaders.hub.outcomes_by_deployment.load(self.id)
        return [OutcomeSignal.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: m.DeploymentRecord) -> DeploymentRecord:
        return _fields(cls, row)


@strawberry.type
class DecisionRecord:
    id: uuid.UUID
    requirement_candidate_id: uuid.UUID
    hub_id: uuid.UUID
    decision: str
    rationale: str | None
    decided_by: str | None
    decided_at: datetime

    @strawberry.field
    async def deployments(self, info: Info) -> list[DeploymentRecord]:
        rows = await info.context.loaders.hub.deployments_by_decision.load(self.id)
        return [DeploymentRecord.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: m.DecisionRecord) -> DecisionRecord:
        return _fields(cls, row)


@strawberry.type
class RequirementCandidate:
    id: uuid.UUID
    hub_id: uuid.UUID
    widget_id: uuid.UUID | None
    title: str
    description: str | None
    source_annotation_ids: list[str]
    status: str
    created_at: datetime

    @strawberry.field
    async def widget(self, info: Info) -> Widget | None:
        return await _widget(info, self.widget_id)

    @strawberry.field
    async def decisions(self, info: Info) -> list[DecisionRecord]:
        rows = await info.context.loaders.hub.decisions_by_candidate.load(self.id)
        return [DecisionRecord.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: m.RequirementCandidate) -> RequirementCandidate:
        return _fields(cls, row)


@strawberry.type
class RegistryEntry:
    name: str
    description: str | None
    status: str
    owner_hub_id: uuid.UUID | None
    created_at: datetime


@strawberry.type
class HubManifest:
    version: int
    status: str
    event_types: list[str]
    widget_types: list[str]
    created_at: datetime


@strawberry.enum
class Bucket(Enum):
    HOUR = "hour"
    DAY = "day"


@strawberry.enum
class Registry(Enum):
    EVENT_TYPE = "event-type"
    WIDGET_TYPE = "widget-type"
    ANNOTATION_CATEGORY = "annotation-category"
    POLICY_SCOPE = "policy-scope"


@strawberry.type
class EventCountBucket:
    bucket_start: datetime
    widget_id: uuid.UUID
    event_type: str
    count: int

    @strawberry.field
    async def widget(self, info: Info) -> Widget | None:
        return await _widget(info, self.widget_id)


@strawberry.type
class WidgetFlagCount:
    widget_id: uuid.UUID
    count: int

    @strawberry.field
    async def widget(self, info: Info) -> Widget | None:
        return await _widget(info, self.widget_id)


@strawberry.type(description="From feedback to measured outcome, over a time window.")
class LifecycleFunnel:
    requirement_candidates: int
    decisions: int
    accepted: int
    deployments: int
    outcome_signals: int

    @classmethod
    def from_funnel(cls, funnel: insights.Funnel) -> LifecycleFunnel:
        return cls(**funnel.__dict__)


@strawberry.type
class HubCreated:
    hub: Hub
    api_key: str = strawberry.field(description="The hub's v1 key, shown once.")


@strawberry.type
class ClientCreated:
    client_id: str
    client_secret: str = strawberry.field(description="Shown once.")
    scopes: str


@strawberry.type
class ApiKeyCreated:
    key_id: uuid.UUID
    key_prefix: str
    api_key: str = strawberry.field(description="Shown once.")
    scopes: str


@strawberry.type
class ApiKeyRevoked:
    key_id: uuid.UUID
    revoked_at: datetime
