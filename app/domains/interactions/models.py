"""Table models of the interaction hub: hubs, widgets, the four registries,
capability manifests, the append-only event log, annotations, the lifecycle
from requirement candidate to measured outcome, and the reporting contract."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import JSONDoc, UtcDateTime

ACTOR_TYPES = ("user", "agent", "automation", "external_adapter")


class Hub(SQLModel, table=True):
    __tablename__ = "hubs"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    slug: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=255)
    domain: str | None = Field(default=None, max_length=255)
    # The hub's v1 bearer key, as a SHA-256 digest; the prefix is for display.
    api_key_hash: str = Field(max_length=64, unique=True)
    api_key_prefix: str = Field(max_length=16)
    status: str = Field(default="active", max_length=16)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    # After a rotation the previous v1 key keeps working until previous_key_expires_at.
    previous_key_hash: str | None = Field(default=None, max_length=64, index=True)
    previous_key_expires_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    key_disabled_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    key_revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class HubCapabilityManifest(SQLModel, table=True):
    """What a hub declares it emits. The active manifest grants the hub's `hub:*:write` scopes."""

    __tablename__ = "hub_capability_manifests"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    hub_id: uuid.UUID = Field(foreign_key="hubs.id", ondelete="CASCADE", index=True)
    version: int
    status: str = Field(default="active", max_length=16)  # active | retired
    event_types: list[str] = Field(default_factory=list, sa_type=JSONDoc)
    widget_types: list[str] = Field(default_factory=list, sa_type=JSONDoc)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    retired_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class _RegistryRow(SQLModel):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    description: str | None = Field(default=None, sa_type=sa.Text)
    status: str = Field(default="active", max_length=16)  # active | deprecated
    owner_hub_id: uuid.UUID | None = Field(default=None, foreign_key="hubs.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class WidgetTypeEntry(_RegistryRow, table=True):
    __tablename__ = "widget_type_registry"


class EventTypeEntry(_RegistryRow, table=True):
    __tablename__ = "event_type_registry"


class AnnotationCategoryEntry(_RegistryRow, table=True):
    __tablename__ = "annotation_category_registry"


class PolicyScopeEntry(_RegistryRow, table=True):
    __tablename__ = "policy_scope_registry"


REGISTRY_KINDS: dict[str, type[_RegistryRow]] = {
    "event-type": EventTypeEntry,
    "widget-type": WidgetTypeEntry,
    "annotation-category": AnnotationCategoryEntry,
    "policy-scope": PolicyScopeEntry,
}


class Widget(SQLModel, table=True):
    __tablename__ = "widgets"
    __table_args__ = (sa.UniqueConstraint("hub_id", "name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    hub_id: uuid.UUID = Field(foreign_key="hubs.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=255)
    widget_type: str = Field(max_length=64)
    capability_ref: str | None = Field(default=None, max_length=255)
    view_context: str | None = Field(default=None, max_length=255)
    policy_scope: str = Field(default="internal", max_length=64)
    status: str = Field(default="active", max_length=16)
    version: int = 1
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class WidgetVersion(SQLModel, table=True):
    """Every registration of a widget, as it was registered."""

    __tablename__ = "widget_versions"
    __table_args__ = (sa.UniqueConstraint("widget_id", "version"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    widget_id: uuid.UUID = Field(foreign_key="widgets.id", ondelete="CASCADE")
    version: int
    snapshot: dict[str, Any] = Field(sa_type=JSONDoc)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class InteractionEvent(SQLModel, table=True):
    """Append-only: database triggers refuse UPDATE and DELETE."""

    __tablename__ = "interaction_events"
    __table_args__ = (
        sa.UniqueConstraint("hub_id", "client_event_id"),
        sa.Index("ix_interaction_events_widget_occurred", "widget_id", "occurred_at"),
        sa.Index("ix_interaction_events_type_occurred", "event_type", "occurred_at"),
        sa.Index("ix_interaction_events_received", "received_at", "id"),
        # time-window scans over all widgets (insights); covering, so counts need no heap access
        sa.Index("ix_interaction_events_occurred", "occurred_at", "widget_id", "event_type"),
        sa.CheckConstraint(
            "actor_type IS NULL OR actor_type IN ('user', 'agent', 'automation', 'external_adapter')",
            name="actor_type",
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    widget_id: uuid.UUID = Field(foreign_key="widgets.id")
    hub_id: uuid.UUID = Field(foreign_key="hubs.id")
    event_type: str = Field(max_length=64)
    occurred_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    received_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    actor_id: uuid.UUID | None = None
    actor_type: str | None = Field(default=None, max_length=32)
    view_context_ref: str | None = Field(default=None, max_length=512)
    event_metadata: dict[str, Any] | None = Field(default=None, sa_column=sa.Column("metadata", JSONDoc))
    client_event_id: str | None = Field(default=None, max_length=128)
    api_version: str = Field(default="v2", max_length=8)


class Annotation(SQLModel, table=True):
    __tablename__ = "annotations"
    __table_args__ = (sa.Index("ix_annotations_widget_created", "widget_id", "created_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    widget_id: uuid.UUID = Field(foreign_key="widgets.id")
    hub_id: uuid.UUID = Field(foreign_key="hubs.id")
    category: str = Field(max_length=64)
    body: str | None = Field(default=None, sa_type=sa.Text)
    actor_id: uuid.UUID | None = None
    actor_type: str | None = Field(default=None, max_length=32)
    event_id: uuid.UUID | None = Field(default=None, foreign_key="interaction_events.id")
    annotation_metadata: dict[str, Any] | None = Field(default=None, sa_column=sa.Column("metadata", JSONDoc))
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class RequirementCandidate(SQLModel, table=True):
    __tablename__ = "requirement_candidates"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    hub_id: uuid.UUID = Field(foreign_key="hubs.id", index=True)
    widget_id: uuid.UUID | None = Field(default=None, foreign_key="widgets.id")
    title: str = Field(max_length=255)
    description: str | None = Field(default=None, sa_type=sa.Text)
    source_annotation_ids: list[str] = Field(default_factory=list, sa_type=JSONDoc)
    status: str = Field(default="open", max_length=16)  # open | decided
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class DecisionRecord(SQLModel, table=True):
    __tablename__ = "decision_records"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    requirement_candidate_id: uuid.UUID = Field(foreign_key="requirement_candidates.id", index=True)
    hub_id: uuid.UUID = Field(foreign_key="hubs.id", index=True)
    decision: str = Field(max_length=16)  # accepted | rejected | deferred
    rationale: str | None = Field(default=None, sa_type=sa.Text)
    decided_by: str | None = Field(default=None, max_length=255)
    decided_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class DeploymentRecord(SQLModel, table=True):
    __tablename__ = "deployment_records"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    decision_record_id: uuid.UUID = Field(foreign_key="decision_records.id", index=True)
    hub_id: uuid.UUID = Field(foreign_key="hubs.id", index=True)
    widget_id: uuid.UUID | None = Field(default=None, foreign_key="widgets.id")
    widget_version: int | None = None
    environment: str = Field(default="production", max_length=64)
    deployed_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class OutcomeSignal(SQLModel, table=True):
    __tablename__ = "outcome_signals"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    deployment_record_id: uuid.UUID = Field(foreign_key="deployment_records.id", index=True)
    hub_id: uuid.UUID = Field(foreign_key="hubs.id", index=True)
    metric: str = Field(max_length=128)
    value: float
    baseline: float | None = None
    recorded_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class InteractionReportingContract(SQLModel, table=True):
    """The active row governs validation of submitted events."""

    __tablename__ = "interaction_reporting_contracts"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(default="interaction-reporting", max_length=64)
    contract_version: str = Field(max_length=16, unique=True)
    status: str = Field(default="active", max_length=16)
    required_fields: list[str] = Field(sa_type=JSONDoc)
    actor_types: list[str] = Field(sa_type=JSONDoc)
    max_metadata_bytes: int = 16384
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
