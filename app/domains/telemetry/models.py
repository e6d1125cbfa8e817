"""Token usage, model mappings, efficiency figures and A/B results: what the dashboard shows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import JSONDoc, UtcDateTime


class TokenUsage(SQLModel, table=True):
    """Tokens a phase spent: the growth of its token count that one submission caused.

    Summing the rows of a run gives its spend without counting anything twice.
    """

    __tablename__ = "token_usage"
    __table_args__ = (sa.Index("ix_token_usage_created_at", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="runs.id", ondelete="CASCADE", index=True, max_length=128)
    phase_id: str | None = Field(default=None, max_length=128)
    source: str = Field(max_length=32)  # builder | auditor | doctor | phase_update
    provider: str = Field(default="unknown", max_length=64)
    model: str = Field(default="unknown", max_length=128)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class ModelOverride(SQLModel, table=True):
    """A model chosen for a role/category/complexity, globally or for one run. The newest wins."""

    __tablename__ = "model_overrides"

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=16)  # global | run
    run_id: str | None = Field(default=None, foreign_key="runs.id", ondelete="CASCADE", index=True, max_length=128)
    role: str = Field(max_length=32)
    category: str = Field(max_length=64)
    complexity: str = Field(max_length=32)
    model: str = Field(max_length=128)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class TokenEfficiencyMetric(SQLModel, table=True):
    """Context-budget figures one builder submission reported (BUILD-145)."""

    __tablename__ = "token_efficiency_metrics"

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="runs.id", ondelete="CASCADE", index=True, max_length=128)
    phase_id: str = Field(max_length=128)
    artifact_substitutions: int = 0
    tokens_saved_artifacts: int = 0
    budget_mode: str = Field(default="semantic", max_length=16)
    budget_used: int = 0
    budget_cap: int = 0
    files_kept: int = 0
    files_omitted: int = 0
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Phase6Metric(SQLModel, table=True):
    """True-autonomy figures one builder submission reported (BUILD-146); kept only while
    AUTOPACK_ENABLE_PHASE6_METRICS is on."""

    __tablename__ = "phase6_metrics"

    id: int | None = Field(default=None, primary_key=True)
    run_id: str = Field(foreign_key="runs.id", ondelete="CASCADE", index=True, max_length=128)
    phase_id: str = Field(max_length=128)
    failure_hardening_triggered: bool = False
    failure_pattern_detected: str | None = Field(default=None, max_length=128)
    failure_hardening_mitigated: bool = False
    doctor_call_skipped: bool = False
    doctor_tokens_avoided_estimate: int = 0
    estimate_coverage_n: int | None = None
    estimate_source: str | None = Field(default=None, max_length=64)
    intention_context_injected: bool = False
    intention_context_chars: int = 0
    plan_normalization_used: bool = False
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class AbTestResult(SQLModel, table=True):
    """One A/B comparison of a control and a treatment run."""

    __tablename__ = "ab_test_results"

    id: int | None = Field(default=None, primary_key=True)
    test_id: str = Field(max_length=128, index=True)
    control_run_id: str = Field(max_length=128)
    treatment_run_id: str = Field(max_length=128)
    control_commit_sha: str | None = Field(default=None, max_length=64)
    treatment_commit_sha: str | None = Field(default=None, max_length=64)
    control_model_hash: str | None = Field(default=None, max_length=64)
    treatment_model_hash: str | None = Field(default=None, max_length=64)
    is_valid: bool = True
    validity_errors: list[str] | None = Field(default=None, sa_type=JSONDoc)
    token_delta: int = 0
    time_delta_seconds: float | None = None
    success_rate_delta: float | None = None
    control_total_tokens: int = 0
    treatment_total_tokens: int = 0
    details: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
