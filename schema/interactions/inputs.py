"""GraphQL inputs of the interaction hub; services validate them exactly as they validate REST bodies."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON


def as_dict(value: Any) -> dict[str, Any]:
    """Input object -> the plain dict a service validates (unset optional fields left out)."""
    return {k: v for k, v in strawberry.asdict(value).items() if v is not None}


@strawberry.input
class InteractionEventInput:
    widget_id: uuid.UUID
    event_type: str
    occurred_at: datetime
    actor_id: uuid.UUID | None = None
    actor_type: str | None = None
    view_context_ref: str | None = None
    metadata: JSON | None = None
    client_event_id: str | None = None


@strawberry.input
class AnnotationInput:
    widget_id: uuid.UUID
    category: str
    body: str | None = None
    actor_id: uuid.UUID | None = None
    actor_type: str | None = None
    event_id: uuid.UUID | None = None
    metadata: JSON | None = None


@strawberry.input
class WidgetInput:
    name: str
    widget_type: str
    capability_ref: str | None = None
    view_context: str | None = None
    policy_scope: str = "internal"
    status: str = "active"
    hub: str | None = None


@strawberry.input
class RequirementCandidateInput:
    title: str
    description: str | None = None
    widget_id: uuid.UUID | None = None
    source_annotation_ids: list[uuid.UUID] = strawberry.field(default_factory=list)
    hub: str | None = None


@strawberry.input
class DecisionInput:
    requirement_candidate_id: uuid.UUID
    decision: str
    rationale: str | None = None
    decided_by: str | None = None


@strawberry.input
class DeploymentInput:
    decision_record_id: uuid.UUID
    widget_id: uuid.UUID | None = None
    widget_version: int | None = None
    environment: str = "production"
    deployed_at: datetime | None = None


@strawberry.input
class OutcomeSignalInput:
    deployment_record_id: uuid.UUID
    metric: str
    value: float
    baseline: float | None = None
