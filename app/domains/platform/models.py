"""Tables of the platform services: the API request log and webhooks."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import JSONDoc, UtcDateTime

HUB_TOPICS = (
    "widget.registered", "annotation.created", "requirement_candidate.created", "decision_record.created",
    "deployment_record.created", "outcome_signal.recorded",
)
DELIVERY_TOPICS = (
    "feature.created", "feature.status_changed", "test.completed", "build.completed", "deployment.started",
    "deployment.completed", "vulnerability.detected",
)
ALL_TOPICS = HUB_TOPICS + DELIVERY_TOPICS
_TOPIC_LIST = ", ".join(f"'{t}'" for t in ALL_TOPICS)


class ApiRequestLog(SQLModel, table=True):
    __tablename__ = "api_request_log"
    __table_args__ = (sa.Index("ix_api_request_log_credential_at", "credential", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=UtcDateTime, nullable=False, index=True)
    credential: str | None = Field(default=None, max_length=80)  # key:<id>, client:<client id>, hub:<id>, ...
    principal_kind: str = Field(max_length=16)
    hub_id: uuid.UUID | None = None
    method: str = Field(max_length=8)
    route: str = Field(max_length=255)
    status: int
    latency_ms: float
    request_id: str = Field(max_length=128)


class WebhookSubscription(SQLModel, table=True):
    __tablename__ = "webhook_subscriptions"
    __table_args__ = (sa.CheckConstraint(f"topic IN ({_TOPIC_LIST})", name="topic"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    hub_id: uuid.UUID | None = Field(default=None, foreign_key="hubs.id", ondelete="CASCADE", index=True)
    # Delivery pipeline subscriptions receive only their organization's events.
    organization_id: uuid.UUID | None = Field(default=None, foreign_key="organizations.id", ondelete="CASCADE",
                                              index=True)
    owner: str = Field(max_length=80)  # the credential that created it
    topic: str = Field(max_length=64)
    url: str = Field(max_length=2048)
    secret_encrypted: str = Field(sa_type=sa.Text)  # Fernet; the secret is needed to sign, so it is not hashed
    active: bool = True
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class WebhookOutbox(SQLModel, table=True):
    """One row per (event, subscription): written in the same transaction as the event."""

    __tablename__ = "webhook_outbox"
    __table_args__ = (sa.Index("ix_webhook_outbox_due", "status", "next_attempt_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # The event's id as receivers see it (`event_id`, `webhook-id`): this row's own id, or for a
    # redelivery the original row's, so a receiver can tell it has seen the event. None reads as `id`.
    event_id: uuid.UUID | None = None
    subscription_id: uuid.UUID = Field(foreign_key="webhook_subscriptions.id", ondelete="CASCADE", index=True)
    topic: str = Field(max_length=64)
    payload: dict[str, Any] = Field(sa_type=JSONDoc)
    status: str = Field(default="pending", max_length=16)  # pending | delivered | failed
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    locked_until: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    delivered_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class WebhookDelivery(SQLModel, table=True):
    """Every attempt, append-only (database triggers refuse UPDATE and DELETE)."""

    __tablename__ = "webhook_deliveries"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    outbox_id: uuid.UUID = Field(foreign_key="webhook_outbox.id", index=True)
    subscription_id: uuid.UUID = Field(foreign_key="webhook_subscriptions.id", index=True)
    attempt: int
    status_code: int | None = None
    outcome: str = Field(max_length=16)  # delivered | http_error | timeout | network_error | blocked | interrupted | cancelled
    error: str | None = Field(default=None, sa_type=sa.Text)
    duration_ms: float
    attempted_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
