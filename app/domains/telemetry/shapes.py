"""Write and read shapes of the dashboard's telemetry."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domains.runs.shapes import ID_PATTERN

Period = Literal["day", "week", "month"]


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


# --- usage -----------------------------------------------------------------------------------------


class UsageQuery(BaseModel):
    period: Period = "week"


class ProviderUsage(BaseModel):
    provider: str
    period: Period
    prompt_tokens: int
    completion_tokens: int
    tokens_used: int


class ModelUsage(BaseModel):
    provider: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    tokens_used: int


class UsageResponse(BaseModel):
    period: Period
    start: datetime
    end: datetime
    total_tokens: int
    providers: list[ProviderUsage]
    models: list[ModelUsage]


# --- model mappings -----------------------------------------------------------------------------


class ModelsQuery(BaseModel):
    run_id: str | None = Field(None, max_length=128)


class ModelMapping(BaseModel):
    role: str
    category: str
    complexity: str
    model: str
    scope: Literal["default", "global", "run"]
    run_id: str | None = None


class ModelOverrideRequest(_In):
    role: str = Field(min_length=1, max_length=32, description="builder, auditor, doctor ...")
    category: str = Field("general", min_length=1, max_length=64)
    complexity: str = Field(min_length=1, max_length=32, description="low, medium, high ...")
    model: str = Field(min_length=1, max_length=128)
    scope: Literal["global", "run"] = "global"
    run_id: str | None = Field(None, max_length=128)


class ModelOverrideResponse(BaseModel):
    message: str
    mapping: ModelMapping


# --- per-run metrics ----------------------------------------------------------------------------


class MetricsPage(BaseModel):
    limit: int = 1000
    offset: int = 0


class TokenEfficiencyStats(BaseModel):
    run_id: str
    total_phases: int
    total_artifact_substitutions: int
    total_tokens_saved_artifacts: int
    total_budget_used: int
    total_budget_cap: int
    total_files_kept: int
    total_files_omitted: int
    semantic_mode_count: int
    lexical_mode_count: int
    budget_utilization: float
    avg_artifact_substitutions_per_phase: float
    avg_tokens_saved_per_phase: float


class Phase6Stats(BaseModel):
    run_id: str
    total_phases: int
    failure_hardening_triggered_count: int
    failure_patterns_detected: dict[str, int]
    failure_hardening_mitigated_count: int
    doctor_calls_skipped_count: int
    total_doctor_tokens_avoided_estimate: int
    estimate_coverage_n: int | None
    estimate_source: str | None
    intention_context_injected_count: int
    total_intention_context_chars: int
    avg_intention_context_chars: float
    plan_normalization_used_count: int


class ConsolidatedTokenMetrics(BaseModel):
    run_id: str
    total_tokens_spent: int = Field(description="1. Actual LLM spend (token usage rows; nothing counted twice)")
    total_prompt_tokens: int
    total_completion_tokens: int
    doctor_tokens_spent: int
    artifact_tokens_avoided: int = Field(description="2. Efficiency savings (artifact substitutions)")
    artifact_substitutions_count: int
    doctor_tokens_avoided_estimate: int = Field(description="3. Counterfactual estimate (doctor calls skipped)")
    doctor_calls_skipped_count: int
    estimate_coverage_n: int | None
    estimate_source: str | None
    ab_delta_tokens_saved: int | None = Field(description="4. Measured A/B delta (control - treatment)")
    ab_control_run_id: str | None
    ab_treatment_run_id: str | None
    total_phases: int
    completed_phases: int


# --- A/B results -------------------------------------------------------------------------------


class AbResultsQuery(BaseModel):
    test_id: str | None = Field(None, max_length=128)
    valid_only: bool = True
    limit: int = Field(100, ge=1, le=1000)


class AbResultRequest(_In):
    test_id: str = Field(min_length=1, max_length=128)
    control_run_id: str = Field(pattern=ID_PATTERN)
    treatment_run_id: str = Field(pattern=ID_PATTERN)
    control_commit_sha: str | None = Field(None, max_length=64)
    treatment_commit_sha: str | None = Field(None, max_length=64)
    control_model_hash: str | None = Field(None, max_length=64)
    treatment_model_hash: str | None = Field(None, max_length=64)
    time_delta_seconds: float | None = None
    success_rate_delta: float | None = None


class AbResult(BaseModel):
    id: int
    test_id: str
    control_run_id: str
    treatment_run_id: str
    control_commit_sha: str | None
    treatment_commit_sha: str | None
    control_model_hash: str | None
    treatment_model_hash: str | None
    is_valid: bool
    validity_errors: list[str]
    token_delta: int
    time_delta_seconds: float | None
    success_rate_delta: float | None
    control_total_tokens: int
    treatment_total_tokens: int
    created_at: datetime


# --- human notes ---------------------------------------------------------------------------------


class HumanNoteRequest(_In):
    note: str = Field(min_length=1, max_length=20000)
    run_id: str | None = Field(None, max_length=128)
    author: str | None = Field(None, max_length=128)


class HumanNoteResponse(BaseModel):
    message: str
    timestamp: datetime
