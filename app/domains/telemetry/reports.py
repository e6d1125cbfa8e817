"""What phase updates and builder/auditor results may report besides their own fields.

All optional, so existing clients keep working: see docs/control-plane.md, "Telemetry".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class UsageReport(_In):
    """Who spent the tokens a submission adds: the growth of the phase's token count is recorded
    under this provider/model (and source, e.g. "doctor")."""

    provider: str = Field("unknown", min_length=1, max_length=64)
    model: str = Field("unknown", min_length=1, max_length=128)
    source: str | None = Field(None, max_length=32, description="builder, auditor, doctor ...; default: the submission kind")
    prompt_tokens: StrictInt = Field(0, ge=0)
    completion_tokens: StrictInt = Field(0, ge=0)


class TokenEfficiencyReport(_In):
    artifact_substitutions: StrictInt = Field(0, ge=0)
    tokens_saved_artifacts: StrictInt = Field(0, ge=0)
    budget_mode: Literal["semantic", "lexical"] = "semantic"
    budget_used: StrictInt = Field(0, ge=0)
    budget_cap: StrictInt = Field(0, ge=0)
    files_kept: StrictInt = Field(0, ge=0)
    files_omitted: StrictInt = Field(0, ge=0)


class Phase6Report(_In):
    failure_hardening_triggered: bool = False
    failure_pattern_detected: str | None = Field(None, max_length=128)
    failure_hardening_mitigated: bool = False
    doctor_call_skipped: bool = False
    doctor_tokens_avoided_estimate: StrictInt = Field(0, ge=0)
    estimate_coverage_n: StrictInt | None = Field(None, ge=0)
    estimate_source: str | None = Field(None, max_length=64)
    intention_context_injected: bool = False
    intention_context_chars: StrictInt = Field(0, ge=0)
    plan_normalization_used: bool = False
