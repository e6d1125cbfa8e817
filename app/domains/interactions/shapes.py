"""Write and read shapes of the interaction hub. The v1 and v2 doors and GraphQL
all parse into these; the v2 OpenAPI document is generated from them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}$"
NAME_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# A time in UTC: one without offset is taken as UTC. The rule sits on the type, not on a model, so that
# validating into plain dicts (validation.parse_each) applies it too.
UtcDatetime = Annotated[datetime, AfterValidator(_utc)]


class EventIn(_In):
    """One interaction event. `event_type` must be an active entry of the event type registry."""

    widget_id: uuid.UUID
    event_type: str = Field(min_length=1, max_length=64)
    occurred_at: UtcDatetime = Field(description="ISO 8601; a time without offset is taken as UTC.")
    actor_id: uuid.UUID | None = None
    actor_type: str | None = Field(None, description="One of the active contract's actor types.")
    view_context_ref: str | None = Field(None, max_length=512)
    metadata: dict[str, Any] | None = None
    client_event_id: str | None = Field(None, min_length=1, max_length=128,
                                        description="Makes a retried submission a no-op instead of a duplicate.")


class EventBatchIn(_In):
    events: list[dict[str, Any]] = Field(min_length=1, max_length=1000,
                                         description="Up to 1,000 events, each validated on its own.")


class AnnotationIn(_In):
    """An annotation on a widget. `category` must be an active annotation category."""

    widget_id: uuid.UUID
    category: str = Field(min_length=1, max_length=64)
    body: str | None = Field(None, max_length=10_000)
    actor_id: uuid.UUID | None = None
    actor_type: str | None = None
    event_id: uuid.UUID | None = None
    metadata: dict[str, Any] | None = None


class WidgetIn(_In):
    """Register a widget for the caller's hub; registering the same name again makes a new version."""

    name: str = Field(min_length=1, max_length=255)
    widget_type: str = Field(min_length=1, max_length=64)
    capability_ref: str | None = Field(None, max_length=255)
    view_context: str | None = Field(None, max_length=255)
    policy_scope: str = Field("internal", max_length=64)
    status: Literal["active", "deprecated"] = "active"
    hub: str | None = Field(None, description="Hub slug; only admins register for another hub.")


class HubIn(_In):
    slug: str = Field(pattern=SLUG_PATTERN)
    name: str = Field(min_length=1, max_length=255)
    domain: str | None = Field(None, max_length=255)


class ManifestIn(_In):
    event_types: list[str] = Field(default_factory=list, max_length=200)
    widget_types: list[str] = Field(default_factory=list, max_length=200)


class RegistryEntryIn(_In):
    name: str = Field(pattern=NAME_PATTERN)
    description: str | None = Field(None, max_length=2000)
    hub: str | None = Field(None, description="Owner hub slug; none for framework entries.")


class RequirementCandidateIn(_In):
    title: str = Field(min_length=1, max_length=255)
    description: str | None = None
    widget_id: uuid.UUID | None = None
    source_annotation_ids: list[uuid.UUID] = Field(default_factory=list, max_length=500)
    hub: str | None = None


class DecisionIn(_In):
    requirement_candidate_id: uuid.UUID
    decision: Literal["accepted", "rejected", "deferred"]
    rationale: str | None = None
    decided_by: str | None = Field(None, max_length=255)


class DeploymentIn(_In):
    decision_record_id: uuid.UUID
    widget_id: uuid.UUID | None = None
    widget_version: int | None = Field(None, ge=1)
    environment: str = Field("production", max_length=64)
    deployed_at: AwareDatetime | None = None


class OutcomeSignalIn(_In):
    deployment_record_id: uuid.UUID
    metric: str = Field(min_length=1, max_length=128)
    value: float
    baseline: float | None = None


class ListQuery(_In):
    limit: int = Field(50, ge=1, description="Page size; capped by CROSSWAY_PAGE_SIZE_MAX (default 500).")
    cursor: str | None = Field(None, description="`next_cursor` of the previous page.")
    hub: str | None = Field(None, description="Hub slug (callers bound to a hub only ever see their own).")


class TimeRangeQuery(ListQuery):
    since: datetime | None = Field(None, description="At or after this time (ISO 8601, UTC if no offset).")
    until: datetime | None = Field(None, description="Before this time.")

    @field_validator("since", "until")
    @classmethod
    def _as_utc(cls, value: datetime | None) -> datetime | None:
        return None if value is None else _utc(value)


class EventQuery(TimeRangeQuery):
    widget_id: uuid.UUID | None = None
    event_type: str | None = None
    actor_id: uuid.UUID | None = None
    actor_type: str | None = None


class AnnotationQuery(TimeRangeQuery):
    widget_id: uuid.UUID | None = None
    category: str | None = None
    actor_id: uuid.UUID | None = None


class WidgetQuery(ListQuery):
    widget_type: str | None = None
    status: str | None = None


class LifecycleQuery(TimeRangeQuery):
    widget_id: uuid.UUID | None = None


# --- read models -------------------------------------------------------------------------------


class V1EventCreated(BaseModel):
    id: uuid.UUID
    widget_id: uuid.UUID
    event_type: str
    occurred_at: datetime


class EventOut(BaseModel):
    id: uuid.UUID
    widget_id: uuid.UUID
    hub_id: uuid.UUID
    event_type: str
    occurred_at: datetime
    received_at: datetime
    actor_id: uuid.UUID | None
    actor_type: str | None
    view_context_ref: str | None
    metadata: dict[str, Any] | None
    client_event_id: str | None


class AnnotationOut(BaseModel):
    id: uuid.UUID
    widget_id: uuid.UUID
    hub_id: uuid.UUID
    category: str
    body: str | None
    actor_id: uuid.UUID | None
    actor_type: str | None
    event_id: uuid.UUID | None
    metadata: dict[str, Any] | None
    created_at: datetime


class WidgetOut(BaseModel):
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


class RegistryEntryOut(BaseModel):
    name: str
    description: str | None
    status: str
    owner_hub_id: uuid.UUID | None
    created_at: datetime


class RequirementCandidateOut(BaseModel):
    id: uuid.UUID
    hub_id: uuid.UUID
    widget_id: uuid.UUID | None
    title: str
    description: str | None
    source_annotation_ids: list[str]
    status: str
    created_at: datetime


class DecisionRecordOut(BaseModel):
    id: uuid.UUID
    requirement_candidate_id: uuid.UUID
    hub_id: uuid.UUID
    decision: str
    rationale: str | None
    decided_by: str | None
    decided_at: datetime


class DeploymentRecordOut(BaseModel):
    id: uuid.UUID
    decision_record_id: uuid.UUID
    hub_id: uuid.UUID
    widget_id: uuid.UUID | None
    widget_version: int | None
    environment: str
    deployed_at: datetime


class OutcomeSignalOut(BaseModel):
    id: uuid.UUID
    deployment_record_id: uuid.UUID
    hub_id: uuid.UUID
    metric: str
    value: float
    baseline: float | None
    recorded_at: datetime


class BatchItemResult(BaseModel):
    index: int
    status: Literal["created", "duplicate", "rejected"]
    id: uuid.UUID | None = None
    error: dict[str, Any] | None = None


class BatchResult(BaseModel):
    created: int
    duplicates: int
    rejected: int
    results: list[BatchItemResult]
