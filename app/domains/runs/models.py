"""Table models of the runs domain. Nothing here leaves the server as is:
read models live in app/domains/runs/shapes.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import JSONDoc, UtcDateTime
from app.domains.runs.states import PhaseState, RunState, TierState


def _state_column(enum: type, name: str, default: str) -> sa.Column:
    return sa.Column(
        sa.Enum(enum, name=name, native_enum=False, create_constraint=True, length=40,
                values_callable=lambda e: [m.value for m in e], validate_strings=True),
        nullable=False,
        default=default,
    )


class Run(SQLModel, table=True):
    __tablename__ = "runs"
    __table_args__ = (sa.Index("ix_runs_created_at_id", "created_at", "id"),)

    id: str = Field(primary_key=True, max_length=128)
    state: RunState = Field(sa_column=_state_column(RunState, "run_state", RunState.RUN_CREATED))
    safety_profile: str = Field(max_length=32)
    run_scope: str = Field(max_length=32)
    token_cap: int
    max_phases: int
    max_duration_minutes: int
    max_minor_issues_total: int
    tokens_used: int = 0
    ci_runs_used: int = 0
    minor_issues_count: int = 0
    major_issues_count: int = 0
    promotion_eligible_to_main: bool = False
    debt_status: str | None = Field(default=None, max_length=64)
    failure_reason: str | None = Field(default=None, sa_type=sa.Text)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    started_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Tier(SQLModel, table=True):
    __tablename__ = "tiers"
    __table_args__ = (sa.UniqueConstraint("run_id", "tier_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="runs.id", ondelete="CASCADE", index=True, max_length=128)
    tier_id: str = Field(max_length=128)
    tier_index: int
    name: str = Field(max_length=255)
    description: str | None = Field(default=None, sa_type=sa.Text)
    state: TierState = Field(sa_column=_state_column(TierState, "tier_state", TierState.PENDING))
    cleanliness: str = Field(default="clean", max_length=16)
    tokens_used: int = 0
    minor_issues_count: int = 0
    major_issues_count: int = 0
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Phase(SQLModel, table=True):
    __tablename__ = "phases"
    __table_args__ = (sa.UniqueConstraint("run_id", "phase_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="runs.id", ondelete="CASCADE", index=True, max_length=128)
    tier_id: int = Field(foreign_key="tiers.id", ondelete="CASCADE", index=True)
    phase_id: str = Field(max_length=128)
    phase_index: int
    name: str = Field(max_length=255)
    description: str | None = Field(default=None, sa_type=sa.Text)
    state: PhaseState = Field(sa_column=_state_column(PhaseState, "phase_state", PhaseState.QUEUED))
    task_category: str | None = Field(default=None, max_length=64)
    complexity: str | None = Field(default=None, max_length=32)
    builder_mode: str | None = Field(default=None, max_length=64)
    scope: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    intention_refs: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    tokens_used: int = 0
    builder_attempts: int = 0
    auditor_attempts: int = 0
    minor_issues_count: int = 0
    major_issues_count: int = 0
    quality_level: str | None = Field(default=None, max_length=16)
    quality_blocked: bool = False
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class PhaseIssue(SQLModel, table=True):
    """An issue recorded against a phase; the same issue_key again counts an occurrence."""

    __tablename__ = "phase_issues"
    __table_args__ = (sa.UniqueConstraint("phase_pk", "issue_key"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="runs.id", ondelete="CASCADE", index=True, max_length=128)
    phase_pk: int = Field(foreign_key="phases.id", ondelete="CASCADE", index=True)
    issue_key: str = Field(max_length=255)
    severity: str = Field(max_length=16)
    source: str = Field(max_length=64)
    category: str = Field(max_length=64)
    task_category: str | None = Field(default=None, max_length=64)
    complexity: str | None = Field(default=None, max_length=32)
    evidence_refs: list[str] | None = Field(default=None, sa_type=JSONDoc)
    occurrence_count: int = 1
    first_seen_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    last_seen_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class PhaseResult(SQLModel, table=True):
    """Every builder and auditor submission, kept as sent (append only by convention)."""

    __tablename__ = "phase_results"

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="runs.id", ondelete="CASCADE", index=True, max_length=128)
    phase_pk: int = Field(foreign_key="phases.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=16)
    status: str | None = Field(default=None, max_length=32)
    payload: dict[str, Any] = Field(sa_type=JSONDoc)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class ErrorReport(SQLModel, table=True):
    """An error a run ran into. Arrives with a builder result whose status is failed/error, and
    when a phase is set to FAILED (see docs/control-plane.md)."""

    __tablename__ = "error_reports"
    __table_args__ = (sa.Index("ix_error_reports_run_id_id", "run_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="runs.id", ondelete="CASCADE", max_length=128)
    phase_id: str | None = Field(default=None, max_length=128)
    source: str = Field(max_length=32)  # builder | phase_update | auditor
    error_type: str = Field(max_length=64)
    message: str = Field(sa_type=sa.Text)
    details: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
