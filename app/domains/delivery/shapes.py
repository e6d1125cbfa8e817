"""Write models (request bodies and query strings) and read models of the delivery pipeline."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

SEMVER = re.compile(r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
SortOrder = Literal["asc", "desc"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- query strings ---------------------------------------------------------------------------


class ListQuery(_In):
    model_config = ConfigDict(extra="ignore")
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=100)
    search: str | None = Field(None, max_length=255)
    sort_by: Literal["name", "created_at", "updated_at"] = "created_at"
    sort_order: SortOrder = "desc"


class OrganizationListQuery(ListQuery):
    status: Literal["active", "inactive", "suspended"] | None = None


class ProjectListQuery(ListQuery):
    status: Literal["active", "archived", "deleted"] | None = None


class RequirementListQuery(ListQuery):
    sort_by: Literal["title", "created_at", "updated_at"] = "created_at"
    status: Literal["draft", "approved", "in_progress", "done"] | None = None


class FeatureListQuery(ListQuery):
    status: Literal["not_started", "in_progress", "completed", "blocked"] | None = None


class MetricsQuery(_In):
    model_config = ConfigDict(extra="ignore")
    time_range: Literal["1h", "6h", "24h", "7d", "30d"] = "1h"
    aggregation: Literal["1m", "5m", "1h"] = "1m"


# --- bodies ----------------------------------------------------------------------------------


class OrganizationIn(_In):
    name: str = Field(min_length=2, max_length=255)
    slug: str = Field(min_length=1, max_length=255, pattern=r"^[a-z0-9-]+$")
    type: Literal["enterprise", "startup", "nonprofit"] | None = None
    description: str | None = None
    website_url: AnyHttpUrl | None = None
    plan: Literal["free", "professional", "enterprise"] = "free"
    max_users: int = Field(10, ge=1)
    max_projects: int = Field(5, ge=1)


class ProjectIn(_In):
    name: str = Field(min_length=2, max_length=255)
    slug: str = Field(min_length=1, max_length=255, pattern=r"^[a-z0-9-]+$")
    description: str | None = None
    repository_url: AnyHttpUrl
    repository_type: Literal["git", "svn"] = "git"
    visibility: Literal["private", "internal", "public"] = "private"
    template_type: Literal["microservice", "monolith", "mobile", "web"] | None = None
    tech_stack: list[str] = Field(default_factory=list, max_length=50)


class ProjectPatch(_In):
    name: str | None = Field(None, min_length=2, max_length=255)
    description: str | None = None
    repository_url: AnyHttpUrl | None = None
    status: Literal["active", "archived"] | None = None
    visibility: Literal["private", "internal", "public"] | None = None
    tech_stack: list[str] | None = Field(None, max_length=50)


class UserStoryIn(_In):
    title: str = Field(min_length=1, max_length=500)
    description: str | None = None
    acceptance_criteria: list[str] = Field(default_factory=list)


class RequirementIn(_In):
    title: str = Field(min_length=3, max_length=500)
    description: str = Field(min_length=1)
    user_stories: list[UserStoryIn] = Field(default_factory=list)
    acceptance_criteria: list[str] = Field(min_length=1)
    priority: Literal["critical", "high", "medium", "low"] = "medium"
    estimated_effort_points: int | None = Field(None, ge=0)
    tags: list[str] = Field(default_factory=list)


class FeatureIn(_In):
    name: str = Field(min_length=2, max_length=255)
    description: str = Field(min_length=1)
    implementation_notes: str | None = None
    complexity_points: int | None = Field(None, ge=1, le=13)
    developer_id: uuid.UUID | None = None


FeatureStatus = Literal["not_started", "in_progress", "completed", "blocked"]


class FeatureStatusIn(_In):
    status: FeatureStatus
    blocked_reason: str | None = Field(None, validate_default=True)

    @field_validator("blocked_reason")
    @classmethod
    def _reason_when_blocked(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("status") == "blocked" and not value:
            raise ValueError("blocked_reason is required when status is blocked")
        return value


class StepIn(_In):
    step_number: int = Field(ge=1)
    action: str = Field(min_length=1)
    expected_result: str = Field(min_length=1)


class TestCaseIn(_In):
    __test__ = False
    name: str = Field(min_length=3, max_length=255)
    description: str = Field(min_length=1)
    test_type: Literal["unit", "integration", "e2e", "performance", "security"] = "unit"
    priority: Literal["critical", "high", "medium", "low"] = "medium"
    steps: list[StepIn]
    expected_result: str = Field(min_length=1)
    automated: bool = False
    automation_tool: str | None = Field(None, max_length=255)
    automation_script_path: str | None = Field(None, max_length=1024)


class TestResultIn(_In):
    __test__ = False
    status: Literal["passed", "failed", "skipped", "error"]
    duration_ms: int = Field(ge=0)
    error_message: str | None = None
    assertions_run: int = Field(ge=0)
    assertions_passed: int = Field(ge=0)
    assertions_failed: int = Field(ge=0)
    code_coverage_percent: float | None = Field(None, ge=0, le=100)
    logs: list[Any] = Field(default_factory=list)

    @model_validator(mode="after")
    def _assertions_add_up(self) -> TestResultIn:
        if self.assertions_passed + self.assertions_failed > self.assertions_run:
            raise ValueError("assertions_passed + assertions_failed cannot exceed assertions_run")
        return self


class _BuildFields(_In):
    version_tag: str = Field(max_length=128)
    git_commit_hash: str = Field(min_length=4, max_length=64, pattern=r"^[0-9a-fA-F]+$")
    git_branch: str = Field(min_length=1, max_length=255)
    docker_image_url: str | None = Field(None, max_length=2048)

    @field_validator("version_tag")
    @classmethod
    def _semver(cls, value: str) -> str:
        if not SEMVER.match(value):
            raise ValueError("version_tag must be a semantic version such as 1.2.0")
        return value


class BuildIn(_BuildFields):
    docker_image_size_bytes: int | None = Field(None, ge=0)
    tests_passed: int | None = Field(None, ge=0)
    tests_failed: int | None = Field(None, ge=0)
    code_coverage_percent: float | None = Field(None, ge=0, le=100)
    security_scan_status: Literal["passed", "failed", "warnings"] | None = None
    vulnerabilities_critical: int = Field(0, ge=0)
    vulnerabilities_high: int = Field(0, ge=0)
    vulnerabilities_medium: int = Field(0, ge=0)
    vulnerabilities_low: int = Field(0, ge=0)


class _DeployFields(_In):
    environment: Literal["dev", "staging", "production"]
    deployment_strategy: Literal["blue_green", "canary", "rolling", "ramp"] = "rolling"
    canary_percentage: int | None = Field(None, ge=0, le=100, validate_default=True)
    approval_notes: str | None = Field(None, validate_default=True)

    @field_validator("canary_percentage")
    @classmethod
    def _canary_needs_percentage(cls, value: int | None, info: ValidationInfo) -> int | None:
        if info.data.get("deployment_strategy") == "canary" and value is None:
            raise ValueError("canary_percentage is required for the canary strategy")
        return value

    @field_validator("approval_notes")
    @classmethod
    def _production_needs_notes(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("environment") == "production" and not value:
            raise ValueError("approval_notes is required for production")
        return value


class DeployIn(_DeployFields):
    pass


class BuildAndDeployIn(_BuildFields, _DeployFields):
    pass


class RollbackIn(_In):
    reason: str = Field(min_length=1)


class WebhookIn(_In):
    event: str
    url: AnyHttpUrl


# --- read models -------------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class OrganizationOut(_Out):
    id: uuid.UUID
    name: str
    slug: str
    type: str | None
    description: str | None
    website_url: str | None
    plan: str
    status: str
    max_users: int
    max_projects: int
    created_at: datetime
    updated_at: datetime


class ProjectOut(_Out):
    id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    slug: str
    description: str | None
    repository_url: str
    repository_type: str
    status: str
    visibility: str
    template_type: str | None
    owner_id: str | None
    tech_stack: list[str]
    created_at: datetime
    updated_at: datetime


class RequirementOut(_Out):
    id: uuid.UUID
    project_id: uuid.UUID
    title: str
    description: str
    user_stories: list[dict[str, Any]]
    acceptance_criteria: list[str]
    priority: str
    status: str
    estimated_effort_points: int | None
    tags: list[str]
    created_by: str | None
    created_at: datetime
    updated_at: datetime


class FeatureOut(_Out):
    id: uuid.UUID
    requirement_id: uuid.UUID
    project_id: uuid.UUID
    name: str
    description: str
    implementation_notes: str | None
    implementation_status: str
    blocked_reason: str | None
    complexity_points: int | None
    developer_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class TestCaseOut(_Out):
    __test__ = False
    id: uuid.UUID
    feature_id: uuid.UUID
    name: str
    description: str
    test_type: str
    priority: str
    steps: list[dict[str, Any]]
    expected_result: str
    automated: bool
    automation_tool: str | None
    automation_script_path: str | None
    created_at: datetime
    updated_at: datetime


class TestResultOut(_Out):
    __test__ = False
    id: uuid.UUID
    test_case_id: uuid.UUID
    status: str
    duration_ms: int
    error_message: str | None
    assertions_run: int
    assertions_passed: int
    assertions_failed: int
    code_coverage_percent: float | None
    logs: list[Any]
    executed_at: datetime
    created_at: datetime


class BuildOut(_Out):
    id: uuid.UUID
    feature_id: uuid.UUID
    project_id: uuid.UUID
    build_number: int
    version_tag: str
    git_commit_hash: str
    git_branch: str
    status: str
    docker_image_url: str | None
    docker_image_size_bytes: int | None
    tests_run: int | None
    tests_passed: int | None
    tests_failed: int | None
    code_coverage_percent: float | None
    security_scan_status: str | None
    vulnerabilities_critical: int
    vulnerabilities_high: int
    vulnerabilities_medium: int
    vulnerabilities_low: int
    started_at: datetime
    completed_at: datetime | None
    duration_seconds: int | None
    created_at: datetime


class DeploymentOut(_Out):
    id: uuid.UUID
    build_id: uuid.UUID
    project_id: uuid.UUID
    environment: str
    status: str
    deployment_strategy: str
    canary_percentage: int | None
    approval_notes: str | None
    approved_by: str | None
    health_check_status: str | None
    error_rate_percent: float | None
    performance_metrics: dict[str, Any] | None
    rollback_reason: str | None
    rolled_back_at: datetime | None
    started_at: datetime | None
    completed_at: datetime | None
    duration_seconds: int | None
    created_at: datetime
    updated_at: datetime


class OperationAccepted(BaseModel):
    operation_id: uuid.UUID
    status: str
    resource_type: str
    resource_id: uuid.UUID
    progress_url: str
    poll_interval_seconds: int


class OperationOut(BaseModel):
    operation_id: uuid.UUID
    status: str
    progress_percent: int
    eta_seconds: int | None = None
    current_step: str | None = None
    resource_url: str
    result_url: str | None = None
    started_at: datetime
    completed_at: datetime | None = None
