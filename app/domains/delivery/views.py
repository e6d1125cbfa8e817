"""Rows -> read models."""

from __future__ import annotations

from datetime import datetime

from app.domains.delivery import models as m
from app.domains.delivery import shapes as s


def _seconds(start: datetime | None, end: datetime | None) -> int | None:
    return int((end - start).total_seconds()) if start and end else None


def organization(row: m.Organization) -> s.OrganizationOut:
    return s.OrganizationOut.model_validate(row)


def project(row: m.Project) -> s.ProjectOut:
    return s.ProjectOut.model_validate(row)


def requirement(row: m.Requirement) -> s.RequirementOut:
    return s.RequirementOut.model_validate(row)


def feature(row: m.Feature) -> s.FeatureOut:
    return s.FeatureOut.model_validate(row)


def test_case(row: m.TestCase) -> s.TestCaseOut:
    return s.TestCaseOut.model_validate(row)


def test_result(row: m.TestResult) -> s.TestResultOut:
    return s.TestResultOut.model_validate(row)


def build(row: m.Build) -> s.BuildOut:
    return s.BuildOut.model_validate({**row.model_dump(), "duration_seconds": _seconds(row.started_at, row.completed_at)})


def deployment(row: m.Deployment) -> s.DeploymentOut:
    return s.DeploymentOut.model_validate({**row.model_dump(),
                                           "duration_seconds": _seconds(row.started_at, row.completed_at)})


def event_json(model) -> dict:  # noqa: ANN001 - any read model
    return model.model_dump(mode="json")
