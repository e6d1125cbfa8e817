"""Write and read shapes of the runs domain.

Write models validate what clients send (REST bodies and GraphQL inputs are
both parsed into these); read models are what the REST door renders and what
the OpenAPI document describes. Field names and defaults follow the run
control plane's contract.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from app.domains.runs.states import PhaseState, RunState, TierState
from app.domains.telemetry.reports import Phase6Report, TokenEfficiencyReport, UsageReport

# Ids name folders under the runs directory, so they are restricted to
# characters that are safe in a path segment.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class RunSpec(_In):
    run_id: str = Field(pattern=ID_PATTERN, description="Unique run id; letters, digits, '.', '_', '-'.")
    safety_profile: Literal["normal", "safety_critical"] = "normal"
    run_scope: Literal["multi_tier", "single_tier"] = "multi_tier"
    token_cap: StrictInt = Field(5_000_000, ge=1)
    max_phases: StrictInt = Field(25, ge=1)
    max_duration_minutes: StrictInt = Field(120, ge=1)


class TierSpec(_In):
    tier_id: str = Field(min_length=1, max_length=128)
    tier_index: StrictInt = Field(ge=0)
    name: str = Field(min_length=1, max_length=255)
    description: str | None = None


class IntentionRefs(_In):
    success_criteria: list[StrictInt] = Field(default_factory=list)
    constraints_must: list[StrictInt] = Field(default_factory=list)
    constraints_must_not: list[StrictInt] = Field(default_factory=list)
    constraints_preferences: list[StrictInt] = Field(default_factory=list)


class PhaseSpec(_In):
    phase_id: str = Field(pattern=ID_PATTERN)
    phase_index: StrictInt = Field(ge=0)
    tier_id: str = Field(min_length=1, max_length=128, description="The string id of the phase's tier.")
    name: str = Field(min_length=1, max_length=255)
    description: str | None = None
    task_category: str | None = Field(None, max_length=64)
    complexity: str | None = Field(None, max_length=32)
    builder_mode: str | None = Field(None, max_length=64)
    scope: dict[str, Any] | None = None
    intention_refs: IntentionRefs | None = None


class RunStartRequest(_In):
    run: RunSpec
    tiers: list[TierSpec] = Field(default_factory=list, max_length=200)
    phases: list[PhaseSpec] = Field(default_factory=list, max_length=1000)


class PhaseStatusUpdate(_In):
    state: str = Field(description="One of the phase states.")
    builder_attempts: StrictInt | None = Field(None, ge=0)
    tokens_used: StrictInt | None = Field(None, ge=0)
    minor_issues_count: StrictInt | None = Field(None, ge=0)
    major_issues_count: StrictInt | None = Field(None, ge=0)
    quality_level: Literal["ok", "needs_review", "blocked"] | None = None
    quality_blocked: bool | None = None
    usage: UsageReport | None = Field(None, description="Who spent the tokens this update adds")
    error_message: str | None = Field(None, max_length=20000, description="Why the phase failed (state FAILED)")


class BuilderResult(_In):
    phase_id: str
    run_id: str
    status: str = Field("success", max_length=32)
    patch_content: str | None = None
    files_changed: list[str] = Field(default_factory=list)
    lines_added: StrictInt = Field(0, ge=0)
    lines_removed: StrictInt = Field(0, ge=0)
    builder_attempts: StrictInt = Field(1, ge=0)
    tokens_used: StrictInt = Field(0, ge=0)
    duration_minutes: float = Field(0.0, ge=0)
    probe_results: list[dict[str, Any]] = Field(default_factory=list)
    suggested_issues: list[dict[str, Any]] = Field(default_factory=list)
    notes: str | None = None
    error_message: str | None = Field(None, max_length=20000, description="Why the build failed")
    usage: UsageReport | None = Field(None, description="Who spent the tokens this result adds")
    token_efficiency: TokenEfficiencyReport | None = None
    phase6_metrics: Phase6Report | None = Field(None, description="Kept only while AUTOPACK_ENABLE_PHASE6_METRICS=1")


class AuditorResult(_In):
    phase_id: str
    run_id: str
    recommendation: str | None = Field(None, max_length=32)
    review_notes: str | None = None
    issues_found: list[dict[str, Any]] = Field(default_factory=list)
    suggested_patches: list[str] = Field(default_factory=list)
    auditor_attempts: StrictInt = Field(1, ge=0)
    tokens_used: StrictInt = Field(0, ge=0)
    usage: UsageReport | None = Field(None, description="Who spent the tokens this result adds")


class IssueRecord(_In):
    issue_key: str = Field(min_length=1, max_length=255)
    severity: Literal["minor", "major"] = "minor"
    source: str = Field("builder", max_length=64)
    category: str = Field("general", max_length=64)
    task_category: str | None = Field(None, max_length=64)
    complexity: str | None = Field(None, max_length=32)
    evidence_refs: list[str] | None = None


# --- read models ------------------------------------------------------------------


class PhaseResponse(BaseModel):
    id: int
    phase_id: str
    run_id: str
    tier_id: int = Field(description="The tier's integer id.")
    name: str
    description: str | None
    state: PhaseState
    task_category: str | None
    complexity: str | None
    builder_mode: str | None
    phase_index: int
    scope: dict[str, Any] | None
    intention_refs: dict[str, Any] | None


class TierResponse(BaseModel):
    id: int
    tier_id: str
    name: str
    state: TierState
    tier_index: int
    cleanliness: str
    minor_issues_count: int
    major_issues_count: int
    phases: list[PhaseResponse]


class RunResponse(BaseModel):
    id: str
    state: RunState
    safety_profile: str
    run_scope: str
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    tokens_used: int
    ci_runs_used: int
    minor_issues_count: int
    major_issues_count: int
    promotion_eligible_to_main: Literal["false", "true"]
    debt_status: str | None
    failure_reason: str | None
    tiers: list[TierResponse]
    phases: list[PhaseResponse]


class PhaseUpdateResponse(BaseModel):
    message: str
    phase: PhaseResponse


class MessageResponse(BaseModel):
    message: str


class BuilderResultResponse(BaseModel):
    message: str
    phase_id: str
    patch_applied: bool
    files_changed: list[str]


class IssueResponse(BaseModel):
    id: int
    run_id: str
    phase_id: str
    issue_key: str
    severity: str
    source: str
    category: str
    occurrence_count: int
    evidence_refs: list[str] | None
    first_seen_at: datetime
    last_seen_at: datetime


class IssueRecordedResponse(BaseModel):
    message: str
    issue: IssueResponse


class RunSummary(BaseModel):
    id: str
    state: RunState
    created_at: datetime
    tokens_used: int
    token_cap: int
    phases_total: int
    phases_completed: int
    current_phase_name: str | None


class RunsPageResponse(BaseModel):
    runs: list[RunSummary]
    total: int
    limit: int
    offset: int


class PhaseProgress(BaseModel):
    phase_id: str
    name: str
    state: PhaseState
    phase_index: int
    tokens_used: int
    builder_attempts: int


class RunProgressResponse(BaseModel):
    run_id: str
    state: RunState
    started_at: datetime | None
    completed_at: datetime | None
    elapsed_seconds: int | None
    tokens_used: int
    token_cap: int
    phases_total: int
    phases_completed: int
    phases_in_progress: int
    phases_pending: int
    phases: list[PhaseProgress]


class DashboardRunStatus(BaseModel):
    run_id: str
    state: RunState
    current_tier_name: str | None
    current_phase_name: str | None
    current_tier_index: int | None
    current_phase_index: int | None
    total_tiers: int
    total_phases: int
    completed_tiers: int
    completed_phases: int
    percent_complete: float
    tokens_used: int
    token_cap: int
    token_utilization: float
    minor_issues_count: int
    major_issues_count: int
