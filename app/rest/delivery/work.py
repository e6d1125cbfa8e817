"""Requirements, features and their status, test cases and results."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.delivery import shapes as s
from app.domains.delivery import views, work
from app.rest.delivery.family import ERRORS, SECURITY, delivery, envelope, listing, ok, page_envelope
from app.rest.endpoint import Call

REQUIREMENT, REQUIREMENTS = envelope(s.RequirementOut), page_envelope(s.RequirementOut)
FEATURE, FEATURES = envelope(s.FeatureOut), page_envelope(s.FeatureOut)
TEST_CASE, TEST_RESULT = envelope(s.TestCaseOut), envelope(s.TestResultOut)


@delivery.endpoint("POST", "/v1/projects/{project_id}/requirements", body=s.RequirementIn, tags=["Requirements"],
                   security=SECURITY, responses={201: REQUIREMENT, **ERRORS}, auth="features:write")
async def create_requirement(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Create requirement."""
    return ok(ctx, views.requirement(await work.create_requirement(ctx, call.path("project_id"), call.body)), 201)


@delivery.endpoint("GET", "/v1/projects/{project_id}/requirements", query=s.RequirementListQuery,
                   tags=["Requirements"], security=SECURITY, responses={200: REQUIREMENTS, **ERRORS},
                   auth="features:read")
async def list_requirements(ctx: RequestContext, call: Call):  # noqa: ANN201
    """A project's requirements."""
    query = call.query
    page = await work.list_requirements(ctx, call.path("project_id"), query)
    return listing(ctx, [views.requirement(r) for r in page.rows], page=query.page, page_size=query.page_size,
                   total=page.total)


@delivery.endpoint("GET", "/v1/requirements/{requirement_id}", tags=["Requirements"], security=SECURITY,
                   responses={200: REQUIREMENT, **ERRORS}, auth="features:read")
async def get_requirement(ctx: RequestContext, call: Call):  # noqa: ANN201
    """One requirement with its user stories and acceptance criteria."""
    return ok(ctx, views.requirement(await work.get_requirement(ctx, call.path("requirement_id"))))


@delivery.endpoint("POST", "/v1/requirements/{requirement_id}/features", body=s.FeatureIn, tags=["Features"],
                   security=SECURITY, responses={201: FEATURE, **ERRORS}, auth="features:write")
async def create_feature(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Create feature."""
    return ok(ctx, views.feature(await work.create_feature(ctx, call.path("requirement_id"), call.body)), 201)


@delivery.endpoint("GET", "/v1/requirements/{requirement_id}/features", query=s.FeatureListQuery, tags=["Features"],
                   security=SECURITY, responses={200: FEATURES, **ERRORS}, auth="features:read")
async def list_features(ctx: RequestContext, call: Call):  # noqa: ANN201
    """A requirement's features (status filters implementation_status)."""
    query = call.query
    page = await work.list_features(ctx, call.path("requirement_id"), query)
    return listing(ctx, [views.feature(r) for r in page.rows], page=query.page, page_size=query.page_size,
                   total=page.total)


@delivery.endpoint("GET", "/v1/features/{feature_id}", tags=["Features"], security=SECURITY,
                   responses={200: FEATURE, **ERRORS}, auth="features:read")
async def get_feature(ctx: RequestContext, call: Call):  # noqa: ANN201
    """One feature."""
    return ok(ctx, views.feature(await work.get_feature(ctx, call.path("feature_id"))))


@delivery.endpoint("PATCH", "/v1/features/{feature_id}/status", body=s.FeatureStatusIn, tags=["Features"],
                   security=SECURITY, responses={200: FEATURE, **ERRORS}, auth="features:write")
async def set_feature_status(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Update feature implementation status."""
    return ok(ctx, views.feature(await work.set_feature_status(ctx, call.path("feature_id"), call.body)))


@delivery.endpoint("POST", "/v1/features/{feature_id}/tests", body=s.TestCaseIn, tags=["Tests"], security=SECURITY,
                   responses={201: TEST_CASE, **ERRORS}, auth="tests:write")
async def create_test_case(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Create test case."""
    return ok(ctx, views.test_case(await work.create_test_case(ctx, call.path("feature_id"), call.body)), 201)


@delivery.endpoint("GET", "/v1/testcases/{testcase_id}", tags=["Tests"], security=SECURITY,
                   responses={200: TEST_CASE, **ERRORS}, auth="tests:read")
async def get_test_case(ctx: RequestContext, call: Call):  # noqa: ANN201
    """One test case."""
    return ok(ctx, views.test_case(await work.get_test_case(ctx, call.path("testcase_id"))))


@delivery.endpoint("POST", "/v1/testcases/{testcase_id}/results", body=s.TestResultIn, tags=["Tests"],
                   security=SECURITY, responses={201: TEST_RESULT, **ERRORS}, auth="tests:write")
async def record_test_result(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Record test result."""
    return ok(ctx, views.test_result(await work.record_result(ctx, call.path("testcase_id"), call.body)), 201)
