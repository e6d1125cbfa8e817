"""Requirements, features (and their status), test cases and test results."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.delivery import repository as repo
from app.domains.delivery import shapes as s
from app.domains.delivery import views
from app.domains.delivery.access import found, parse_id, require
from app.domains.delivery.catalogue import visible_project
from app.domains.delivery.models import Feature, Requirement, TestCase, TestResult
from app.domains.platform.webhooks import emit


async def create_requirement(ctx: RequestContext, project_ident: str, data: s.RequirementIn) -> Requirement:
    org = require(ctx, "features:write")
    project = await visible_project(ctx, org, project_ident)
    now = ctx.clock.now()
    row = Requirement(organization_id=org, project_id=project.id, title=data.title, description=data.description,
                      user_stories=[story.model_dump() for story in data.user_stories],
                      acceptance_criteria=list(data.acceptance_criteria), priority=data.priority,
                      estimated_effort_points=data.estimated_effort_points, tags=list(data.tags),
                      created_by=ctx.principal.id, created_at=now, updated_at=now)
    repo.add(ctx.session, row)
    await repo.flush(ctx.session)
    return row


async def list_requirements(ctx: RequestContext, project_ident: str, query: s.RequirementListQuery) -> repo.Page:
    org = require(ctx, "features:read")
    project = await visible_project(ctx, org, project_ident)
    return await repo.requirements_page(ctx.session, org, project.id, page=query.page, page_size=query.page_size,
                                        sort_by=query.sort_by, sort_order=query.sort_order, status=query.status,
                                        search=query.search)


async def get_requirement(ctx: RequestContext, ident: str) -> Requirement:
    org = require(ctx, "features:read")
    return found(await repo.requirement(ctx.session, org, parse_id(ident, "Requirement")), "Requirement")


async def create_feature(ctx: RequestContext, requirement_ident: str, data: s.FeatureIn) -> Feature:
    org = require(ctx, "features:write")
    requirement = found(await repo.requirement(ctx.session, org, parse_id(requirement_ident, "Requirement")),
                        "Requirement")
    now = ctx.clock.now()
    row = Feature(organization_id=org, project_id=requirement.project_id, requirement_id=requirement.id,
                  name=data.name, description=data.description, implementation_notes=data.implementation_notes,
                  complexity_points=data.complexity_points, developer_id=data.developer_id, created_at=now,
                  updated_at=now)
    repo.add(ctx.session, row)
    await repo.flush(ctx.session)
    await emit(ctx, "feature.created", None, {"feature": views.event_json(views.feature(row))}, organization_id=org)
    return row


async def list_features(ctx: RequestContext, requirement_ident: str, query: s.FeatureListQuery) -> repo.Page:
    org = require(ctx, "features:read")
    requirement = found(await repo.requirement(ctx.session, org, parse_id(requirement_ident, "Requirement")),
                        "Requirement")
    return await repo.features_page(ctx.session, org, requirement.id, page=query.page, page_size=query.page_size,
                                    sort_by=query.sort_by, sort_order=query.sort_order, status=query.status,
                                    search=query.search)


async def get_feature(ctx: RequestContext, ident: str) -> Feature:
    org = require(ctx, "features:read")
    return await _feature(ctx, org, ident)


async def _feature(ctx: RequestContext, org, ident: str) -> Feature:  # noqa: ANN001
    return found(await repo.feature(ctx.session, org, parse_id(ident, "Feature")), "Feature")


async def set_feature_status(ctx: RequestContext, ident: str, data: s.FeatureStatusIn) -> Feature:
    org = require(ctx, "features:write")
    row = await _feature(ctx, org, ident)
    previous = row.implementation_status
    row.implementation_status = data.status
    row.blocked_reason = data.blocked_reason if data.status == "blocked" else None
    row.updated_at = ctx.clock.now()
    await repo.flush(ctx.session)
    if previous != data.status:
        await emit(ctx, "feature.status_changed", None,
                   {"feature": views.event_json(views.feature(row)), "previous_status": previous,
                    "current_status": data.status}, organization_id=org)
    return row


async def create_test_case(ctx: RequestContext, feature_ident: str, data: s.TestCaseIn) -> TestCase:
    org = require(ctx, "tests:write")
    feature = await _feature(ctx, org, feature_ident)
    now = ctx.clock.now()
    row = TestCase(organization_id=org, feature_id=feature.id, name=data.name, description=data.description,
                   test_type=data.test_type, priority=data.priority, steps=[step.model_dump() for step in data.steps],
                   expected_result=data.expected_result, automated=data.automated,
                   automation_tool=data.automation_tool, automation_script_path=data.automation_script_path,
                   created_at=now, updated_at=now)
    repo.add(ctx.session, row)
    await repo.flush(ctx.session)
    return row


async def get_test_case(ctx: RequestContext, ident: str) -> TestCase:
    org = require(ctx, "tests:read")
    return found(await repo.test_case(ctx.session, org, parse_id(ident, "Test case")), "Test case")


async def record_result(ctx: RequestContext, test_case_ident: str, data: s.TestResultIn) -> TestResult:
    org = require(ctx, "tests:write")
    case = found(await repo.test_case(ctx.session, org, parse_id(test_case_ident, "Test case")), "Test case")
    now = ctx.clock.now()
    row = TestResult(organization_id=org, test_case_id=case.id, status=data.status, duration_ms=data.duration_ms,
                     error_message=data.error_message, assertions_run=data.assertions_run,
                     assertions_passed=data.assertions_passed, assertions_failed=data.assertions_failed,
                     code_coverage_percent=data.code_coverage_percent, logs=list(data.logs), executed_at=now,
                     created_at=now)
    repo.add(ctx.session, row)
    await repo.flush(ctx.session)
    await emit(ctx, "test.completed", None, {"test_result": views.event_json(views.test_result(row))},
               organization_id=org)
    return row
