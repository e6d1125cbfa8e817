"""Table models of the delivery pipeline (seed 004). Every row carries its organization,
so every statement in repository.py can filter by it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import JSONDoc, UtcDateTime


def _org_fk() -> Any:
    return Field(foreign_key="organizations.id", ondelete="CASCADE", index=True)


class Organization(SQLModel, table=True):
    __tablename__ = "organizations"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=255)
    slug: str = Field(max_length=255, unique=True)
    type: str | None = Field(default=None, max_length=16)
    description: str | None = Field(default=None, sa_type=sa.Text)
    website_url: str | None = Field(default=None, max_length=2048)
    plan: str = Field(default="free", max_length=16)
    status: str = Field(default="active", max_length=16)
    max_users: int = 10
    max_projects: int = 5
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Project(SQLModel, table=True):
    __tablename__ = "delivery_projects"
    __table_args__ = (sa.UniqueConstraint("organization_id", "slug", name="uq_delivery_projects_org_slug"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = _org_fk()
    name: str = Field(max_length=255)
    slug: str = Field(max_length=255)
    description: str | None = Field(default=None, sa_type=sa.Text)
    repository_url: str = Field(max_length=2048)
    repository_type: str = Field(default="git", max_length=8)
    status: str = Field(default="active", max_length=16)
    visibility: str = Field(default="private", max_length=16)
    template_type: str | None = Field(default=None, max_length=16)
    owner_id: str | None = Field(default=None, max_length=128)
    tech_stack: list[str] = Field(default_factory=list, sa_type=JSONDoc)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Requirement(SQLModel, table=True):
    __tablename__ = "delivery_requirements"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = _org_fk()
    project_id: uuid.UUID = Field(foreign_key="delivery_projects.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=500)
    description: str = Field(sa_type=sa.Text)
    user_stories: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONDoc)
    acceptance_criteria: list[str] = Field(default_factory=list, sa_type=JSONDoc)
    priority: str = Field(default="medium", max_length=16)
    status: str = Field(default="draft", max_length=16)
    estimated_effort_points: int | None = None
    tags: list[str] = Field(default_factory=list, sa_type=JSONDoc)
    created_by: str | None = Field(default=None, max_length=128)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Feature(SQLModel, table=True):
    __tablename__ = "delivery_features"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = _org_fk()
    project_id: uuid.UUID = Field(foreign_key="delivery_projects.id", ondelete="CASCADE", index=True)
    requirement_id: uuid.UUID = Field(foreign_key="delivery_requirements.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=255)
    description: str = Field(sa_type=sa.Text)
    implementation_notes: str | None = Field(default=None, sa_type=sa.Text)
    implementation_status: str = Field(default="not_started", max_length=16)
    blocked_reason: str | None = Field(default=None, sa_type=sa.Text)
    complexity_points: int | None = None
    developer_id: uuid.UUID | None = None
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class TestCase(SQLModel, table=True):
    __tablename__ = "delivery_test_cases"
    __test__ = False

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = _org_fk()
    feature_id: uuid.UUID = Field(foreign_key="delivery_features.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=255)
    description: str = Field(sa_type=sa.Text)
    test_type: str = Field(default="unit", max_length=16)
    priority: str = Field(default="medium", max_length=16)
    steps: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONDoc)
    expected_result: str = Field(sa_type=sa.Text)
    automated: bool = False
    automation_tool: str | None = Field(default=None, max_length=255)
    automation_script_path: str | None = Field(default=None, max_length=1024)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class TestResult(SQLModel, table=True):
    __tablename__ = "delivery_test_results"
    __test__ = False

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = _org_fk()
    test_case_id: uuid.UUID = Field(foreign_key="delivery_test_cases.id", ondelete="CASCADE", index=True)
    status: str = Field(max_length=16)
    duration_ms: int = 0
    error_message: str | None = Field(default=None, sa_type=sa.Text)
    assertions_run: int = 0
    assertions_passed: int = 0
    assertions_failed: int = 0
    code_coverage_percent: float | None = None
    logs: list[Any] = Field(default_factory=list, sa_type=JSONDoc)
    executed_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Build(SQLModel, table=True):
    __tablename__ = "delivery_builds"
    __table_args__ = (sa.UniqueConstraint("project_id", "build_number", name="uq_delivery_builds_project_number"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = _org_fk()
    project_id: uuid.UUID = Field(foreign_key="delivery_projects.id", ondelete="CASCADE", index=True)
    feature_id: uuid.UUID = Field(foreign_key="delivery_features.id", ondelete="CASCADE", index=True)
    build_number: int
    version_tag: str = Field(max_length=128)
    git_commit_hash: str = Field(max_length=64)
    git_branch: str = Field(max_length=255)
    status: str = Field(default="pending", max_length=16)  # pending | running | success | failed
    docker_image_url: str | None = Field(default=None, max_length=2048)
    docker_image_size_bytes: int | None = None
    tests_run: int | None = None
    tests_passed: int | None = None
    tests_failed: int | None = None
    code_coverage_percent: float | None = None
    security_scan_status: str | None = Field(default=None, max_length=16)
    vulnerabilities_critical: int = 0
    vulnerabilities_high: int = 0
    vulnerabilities_medium: int = 0
    vulnerabilities_low: int = 0
    started_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    completed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Deployment(SQLModel, table=True):
    __tablename__ = "delivery_deployments"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = _org_fk()
    project_id: uuid.UUID = Field(foreign_key="delivery_projects.id", ondelete="CASCADE", index=True)
    build_id: uuid.UUID = Field(foreign_key="delivery_builds.id", ondelete="CASCADE", index=True)
    environment: str = Field(max_length=16)
    status: str = Field(default="pending", max_length=16)  # pending | in_progress | success | failed | rolled_back
    deployment_strategy: str = Field(default="rolling", max_length=16)
    canary_percentage: int | None = None
    approval_notes: str | None = Field(default=None, sa_type=sa.Text)
    approved_by: str | None = Field(default=None, max_length=128)
    health_check_status: str | None = Field(default=None, max_length=16)
    error_rate_percent: float | None = None
    performance_metrics: dict[str, Any] | None = Field(default=None, sa_type=JSONDoc)
    rollback_reason: str | None = Field(default=None, sa_type=sa.Text)
    rolled_back_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Operation(SQLModel, table=True):
    """A long-running build-and-deploy (or deploy). Its progress is a function of the clock:
    reading it materialises every step whose time has come (see releases.advance)."""

    __tablename__ = "delivery_operations"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = _org_fk()
    kind: str = Field(max_length=32)  # build_and_deploy | deploy
    status: str = Field(default="pending", max_length=16)  # pending | in_progress | completed | failed
    step: int = 0  # steps already carried out
    build_id: uuid.UUID = Field(foreign_key="delivery_builds.id", ondelete="CASCADE")
    deployment_id: uuid.UUID = Field(foreign_key="delivery_deployments.id", ondelete="CASCADE", index=True)
    started_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    completed_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class OrgApiKey(SQLModel, table=True):
    """An API key bound to one organization. Only the SHA-256 digest is stored."""

    __tablename__ = "delivery_api_keys"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = _org_fk()
    name: str | None = Field(default=None, max_length=255)
    key_prefix: str = Field(max_length=32, unique=True)
    key_hash: str = Field(max_length=64, unique=True)
    scopes: str = Field(sa_type=sa.Text)  # space-separated permissions
    rate_per_minute: int | None = None
    daily_quota: int | None = None
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    last_used_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    disabled_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
