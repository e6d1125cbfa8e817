"""GraphQL types of the delivery pipeline. Every nested field resolves through the request's
loaders (one statement per level, whatever the number of parents)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from app.context import RequestContext
from app.domains.delivery import models
from app.domains.delivery.access import require

Info = strawberry.Info[RequestContext, None]


def _loaders(info: Info, permission: str):  # noqa: ANN202
    require(info.context, permission)
    return info.context.loaders.delivery


@strawberry.type(description="One deployment of a build to an environment.")
class DeliveryDeployment:
    id: strawberry.ID
    build_id: strawberry.ID
    environment: str
    status: str
    deployment_strategy: str
    canary_percentage: int | None
    health_check_status: str | None
    rollback_reason: str | None
    started_at: datetime | None
    completed_at: datetime | None
    rolled_back_at: datetime | None
    created_at: datetime

    @classmethod
    def from_row(cls, row: models.Deployment) -> DeliveryDeployment:
        return cls(id=strawberry.ID(str(row.id)), build_id=strawberry.ID(str(row.build_id)),
                   environment=row.environment, status=row.status, deployment_strategy=row.deployment_strategy,
                   canary_percentage=row.canary_percentage, health_check_status=row.health_check_status,
                   rollback_reason=row.rollback_reason, started_at=row.started_at, completed_at=row.completed_at,
                   rolled_back_at=row.rolled_back_at, created_at=row.created_at)


@strawberry.type(description="A build of a feature.")
class DeliveryBuild:
    pk: strawberry.Private[object]
    id: strawberry.ID
    build_number: int
    version_tag: str
    git_commit_hash: str
    git_branch: str
    status: str
    tests_run: int | None
    tests_passed: int | None
    tests_failed: int | None
    code_coverage_percent: float | None
    security_scan_status: str | None
    started_at: datetime
    completed_at: datetime | None

    @strawberry.field
    async def deployments(self, info: Info) -> list[DeliveryDeployment]:
        rows = await _loaders(info, "deployments:read").deployments_by_build.load(self.pk)
        return [DeliveryDeployment.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: models.Build) -> DeliveryBuild:
        return cls(pk=row.id, id=strawberry.ID(str(row.id)), build_number=row.build_number,
                   version_tag=row.version_tag, git_commit_hash=row.git_commit_hash, git_branch=row.git_branch,
                   status=row.status, tests_run=row.tests_run, tests_passed=row.tests_passed,
                   tests_failed=row.tests_failed, code_coverage_percent=row.code_coverage_percent,
                   security_scan_status=row.security_scan_status, started_at=row.started_at,
                   completed_at=row.completed_at)


@strawberry.type(description="The outcome of one execution of a test case.")
class DeliveryTestResult:
    id: strawberry.ID
    status: str
    duration_ms: int
    assertions_run: int
    assertions_passed: int
    assertions_failed: int
    code_coverage_percent: float | None
    executed_at: datetime

    @classmethod
    def from_row(cls, row: models.TestResult) -> DeliveryTestResult:
        return cls(id=strawberry.ID(str(row.id)), status=row.status, duration_ms=row.duration_ms,
                   assertions_run=row.assertions_run, assertions_passed=row.assertions_passed,
                   assertions_failed=row.assertions_failed, code_coverage_percent=row.code_coverage_percent,
                   executed_at=row.executed_at)


@strawberry.type(description="A test case of a feature.")
class DeliveryTestCase:
    pk: strawberry.Private[object]
    id: strawberry.ID
    name: str
    description: str
    test_type: str
    priority: str
    steps: JSON
    expected_result: str
    automated: bool

    @strawberry.field(description="Results, newest first.")
    async def results(self, info: Info) -> list[DeliveryTestResult]:
        rows = await _loaders(info, "tests:read").results_by_test_case.load(self.pk)
        return [DeliveryTestResult.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: models.TestCase) -> DeliveryTestCase:
        return cls(pk=row.id, id=strawberry.ID(str(row.id)), name=row.name, description=row.description,
                   test_type=row.test_type, priority=row.priority, steps=row.steps,
                   expected_result=row.expected_result, automated=row.automated)


@strawberry.type(description="A feature implementing a requirement.")
class DeliveryFeature:
    pk: strawberry.Private[object]
    id: strawberry.ID
    name: str
    description: str
    implementation_status: str
    blocked_reason: str | None
    complexity_points: int | None
    created_at: datetime
    updated_at: datetime

    @strawberry.field
    async def test_cases(self, info: Info) -> list[DeliveryTestCase]:
        rows = await _loaders(info, "tests:read").test_cases_by_feature.load(self.pk)
        return [DeliveryTestCase.from_row(r) for r in rows]

    @strawberry.field
    async def builds(self, info: Info) -> list[DeliveryBuild]:
        rows = await _loaders(info, "deployments:read").builds_by_feature.load(self.pk)
        return [DeliveryBuild.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: models.Feature) -> DeliveryFeature:
        return cls(pk=row.id, id=strawberry.ID(str(row.id)), name=row.name, description=row.description,
                   implementation_status=row.implementation_status, blocked_reason=row.blocked_reason,
                   complexity_points=row.complexity_points, created_at=row.created_at, updated_at=row.updated_at)


@strawberry.type(description="A requirement with its user stories and acceptance criteria.")
class DeliveryRequirement:
    pk: strawberry.Private[object]
    id: strawberry.ID
    title: str
    description: str
    user_stories: JSON
    acceptance_criteria: list[str]
    priority: str
    status: str
    estimated_effort_points: int | None
    created_at: datetime

    @strawberry.field
    async def features(self, info: Info) -> list[DeliveryFeature]:
        rows = await _loaders(info, "features:read").features_by_requirement.load(self.pk)
        return [DeliveryFeature.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: models.Requirement) -> DeliveryRequirement:
        return cls(pk=row.id, id=strawberry.ID(str(row.id)), title=row.title, description=row.description,
                   user_stories=row.user_stories, acceptance_criteria=list(row.acceptance_criteria),
                   priority=row.priority, status=row.status, estimated_effort_points=row.estimated_effort_points,
                   created_at=row.created_at)


@strawberry.type(description="Build success rate and the four DORA metrics of a project over a period.")
class DeliveryDashboard:
    project_id: strawberry.ID
    period_start: datetime
    period_end: datetime
    builds_total: int
    builds_succeeded: int
    builds_failed: int
    build_success_rate: float | None = strawberry.field(description="Percent of finished builds that succeeded.")
    production_deployments: int = strawberry.field(description="Successful production deployments in the period.")
    deployment_frequency_per_day: float = strawberry.field(description="Successful production deployments per day.")
    lead_time_for_changes_seconds: float | None = strawberry.field(
        description="Median time from build start to its successful production deployment.")
    change_failure_rate: float | None = strawberry.field(
        description="Percent of finished production deployments that failed or were rolled back.")
    time_to_restore_seconds: float | None = strawberry.field(
        description="Median time from a failed production deployment to the next successful one.")


@strawberry.type(description="A project of an organization.")
class DeliveryProject:
    pk: strawberry.Private[object]
    id: strawberry.ID
    name: str
    slug: str
    description: str | None
    repository_url: str
    status: str
    visibility: str
    tech_stack: list[str]
    created_at: datetime

    @strawberry.field
    async def requirements(self, info: Info) -> list[DeliveryRequirement]:
        rows = await _loaders(info, "features:read").requirements_by_project.load(self.pk)
        return [DeliveryRequirement.from_row(r) for r in rows]

    @strawberry.field
    async def builds(self, info: Info) -> list[DeliveryBuild]:
        rows = await _loaders(info, "deployments:read").builds_by_project.load(self.pk)
        return [DeliveryBuild.from_row(r) for r in rows]

    @strawberry.field(description="Dashboard figures over the last `periodDays` days (1..366).")
    async def dashboard(self, info: Info, period_days: int = 30) -> DeliveryDashboard:
        from app.domains.delivery.dashboard import project_dashboard

        figures = await project_dashboard(info.context, str(self.pk), period_days)
        return DeliveryDashboard(**{**figures.__dict__, "project_id": strawberry.ID(figures.project_id)})

    @classmethod
    def from_row(cls, row: models.Project) -> DeliveryProject:
        return cls(pk=row.id, id=strawberry.ID(str(row.id)), name=row.name, slug=row.slug,
                   description=row.description, repository_url=row.repository_url, status=row.status,
                   visibility=row.visibility, tech_stack=list(row.tech_stack), created_at=row.created_at)


@strawberry.type(description="The caller's organization.")
class DeliveryOrganization:
    pk: strawberry.Private[object]
    id: strawberry.ID
    name: str
    slug: str
    type: str | None
    plan: str
    status: str
    max_users: int
    max_projects: int
    created_at: datetime

    @strawberry.field
    async def projects(self, info: Info) -> list[DeliveryProject]:
        rows = await _loaders(info, "projects:read").projects_by_org.load(self.pk)
        return [DeliveryProject.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: models.Organization) -> DeliveryOrganization:
        return cls(pk=row.id, id=strawberry.ID(str(row.id)), name=row.name, slug=row.slug, type=row.type,
                   plan=row.plan, status=row.status, max_users=row.max_users, max_projects=row.max_projects,
                   created_at=row.created_at)
