"""Read and write shapes of provider credentials. No read model carries a secret."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

PROVIDER_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
HealthStatus = Literal["healthy", "degraded", "expiring", "failing", "expired"]


class CredentialHealth(BaseModel):
    provider: str
    display_name: str | None
    credential_type: str
    status: HealthStatus
    has_secret: bool
    expires_at: datetime | None
    expires_in_seconds: int | None
    consecutive_failures: int
    total_failures: int
    total_successes: int
    last_success_at: datetime | None
    last_failure_at: datetime | None
    last_error: str | None = Field(description="Secrets in the message are redacted")
    refresh_requested_at: datetime | None
    last_refreshed_at: datetime | None
    updated_at: datetime


class HealthSummary(BaseModel):
    total: int
    healthy: int
    degraded: int
    expiring: int
    failing: int
    expired: int


class HealthReport(BaseModel):
    status: Literal["healthy", "warning", "critical"]
    checked_at: datetime
    summary: HealthSummary
    credentials: list[CredentialHealth]


class CredentialEventView(BaseModel):
    id: int
    provider: str
    event_type: str
    actor: str | None
    detail: str | None
    data: dict[str, Any] | None
    created_at: datetime


class RefreshQueued(BaseModel):
    provider: str
    status: Literal["refresh_queued"]
    message: str
    requested_at: datetime


class ResetDone(BaseModel):
    provider: str
    status: Literal["reset"]
    message: str
    health: CredentialHealth


class EventsQuery(BaseModel):
    provider: str | None = Field(None, max_length=64)
    limit: int = Field(100, ge=1, le=1000)
