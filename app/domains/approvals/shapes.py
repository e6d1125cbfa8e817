"""Write and read shapes of approvals and governance requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domains.runs.shapes import ID_PATTERN


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class ApprovalRequestIn(_In):
    run_id: str = Field(pattern=ID_PATTERN)
    phase_id: str = Field(pattern=ID_PATTERN)
    context: str = Field("general", min_length=1, max_length=64, description="e.g. build113_decision, deletion")
    decision_info: dict[str, Any] | None = None
    deletion_info: dict[str, Any] | None = None


class ApprovalResponse(BaseModel):
    status: Literal["approved", "rejected", "pending"]
    reason: str
    approval_id: int
    telegram_sent: bool
    timeout_at: datetime


class ApprovalView(BaseModel):
    approval_id: int
    run_id: str
    phase_id: str
    context: str
    status: Literal["approved", "rejected", "pending"]
    reason: str | None
    decision_info: dict[str, Any] | None
    deletion_info: dict[str, Any] | None
    telegram_sent: bool
    requested_at: datetime
    timeout_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    decision_source: str | None


class PendingApprovals(BaseModel):
    count: int
    requests: list[ApprovalView]


class AuditEntryView(BaseModel):
    id: int
    approval_id: int
    event: str
    actor: str | None
    detail: str | None
    created_at: datetime


class GovernanceRequestIn(_In):
    run_id: str = Field(pattern=ID_PATTERN)
    phase_id: str | None = Field(None, pattern=ID_PATTERN)
    requested_action: str = Field(min_length=1, max_length=64, description="e.g. modify_protected_path")
    target_paths: list[str] = Field(default_factory=list, max_length=200)
    justification: str | None = Field(None, max_length=10000)
    risk_level: Literal["low", "medium", "high", "critical"] = "medium"


class GovernanceView(BaseModel):
    request_id: str
    run_id: str
    phase_id: str | None
    requested_action: str
    target_paths: list[str]
    justification: str | None
    risk_level: str
    status: Literal["pending", "approved", "denied"]
    created_at: datetime
    decided_at: datetime | None
    decided_by: str | None


class PendingGovernance(BaseModel):
    count: int
    pending_requests: list[GovernanceView]


class GovernanceDecisionQuery(BaseModel):
    approved: bool
    user_id: str = Field("human", min_length=1, max_length=128)


class GovernanceDecision(BaseModel):
    request_id: str
    status: Literal["approved", "denied"]
    approved: bool
    decided_by: str
    decided_at: datetime
    message: str


class TelegramAck(BaseModel):
    ok: bool
    handled: bool
    approval_id: int | None = None
    status: str | None = None
    detail: str | None = None


class TelegramUpdate(BaseModel):
    """A Telegram Update; only callback_query (data "approve:<id>" or "reject:<id>") is acted on."""

    model_config = ConfigDict(extra="allow")

    update_id: int | None = None
    callback_query: dict[str, Any] | None = None
