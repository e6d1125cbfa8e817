"""Human approvals of risky decisions (BUILD-117), their audit trail, and governance requests (BUILD-127)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import JSONDoc, UtcDateTime


class ApprovalRequest(SQLModel, table=True):
    __tablename__ = "approval_requests"
    __table_args__ = (sa.Index("ix_approval_requests_status_timeout_at", "status", "timeout_at"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(max_length=128, index=True)
    phase_id: str = Field(max_length=128)
    context: str = Field(default="general", max_length=64)
    decision_info: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    deletion_info: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    status: str = Field(default="pending", max_length=16)  # pending | approved | rejected
    reason: str | None = Field(default=None, sa_type=sa.Text)
    decided_by: str | None = Field(default=None, max_length=128)
    decision_source: str | None = Field(default=None, max_length=16)  # auto | telegram | api | timeout
    telegram_sent: bool = False
    telegram_message_id: str | None = Field(default=None, max_length=64)
    requested_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    timeout_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    decided_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class ApprovalAuditEntry(SQLModel, table=True):
    """Append only (the database refuses UPDATE and DELETE)."""

    __tablename__ = "approval_audit"

    id: int | None = Field(default=None, primary_key=True)
    approval_id: int = Field(foreign_key="approval_requests.id", index=True)
    event: str = Field(max_length=32)  # requested | notified | notify_failed | approved | rejected | timed_out
    actor: str | None = Field(default=None, max_length=128)
    detail: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class GovernanceRequest(SQLModel, table=True):
    __tablename__ = "governance_requests"
    __table_args__ = (sa.Index("ix_governance_requests_status_created_at", "status", "created_at"),)

    id: str = Field(primary_key=True, max_length=64)
    run_id: str = Field(max_length=128, index=True)
    phase_id: str | None = Field(default=None, max_length=128)
    requested_action: str = Field(max_length=64)
    target_paths: list[str] | None = Field(default=None, sa_type=JSONDoc)
    justification: str | None = Field(default=None, sa_type=sa.Text)
    risk_level: str = Field(default="medium", max_length=16)
    status: str = Field(default="pending", max_length=16)  # pending | approved | denied
    decided_by: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    decided_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
