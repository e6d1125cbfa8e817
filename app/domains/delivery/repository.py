"""All SQL of the delivery pipeline. Every statement filters by the caller's organization
(`org`), so no caller can read or change another organization's rows."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, or_, select, update

from app.db import SerializedSession
from app.domains.delivery.models import (
    Build, Deployment, Feature, Operation, Organization, OrgApiKey, Project, Requirement, TestCase, TestResult,
)


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def flush(session: SerializedSession) -> None:
    await session.flush()


@dataclass
class Page:
    rows: list[Any]
    total: int


async def _page(session: SerializedSession, statement: sa.Select, order: Sequence[Any], page: int,
                page_size: int) -> Page:
    total = await session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = await session.scalars(statement.order_by(*order).limit(page_size).offset((page - 1) * page_size))
    return Page(list(rows), int(total or 0))


def _order(model: type, sort_by: str, sort_order: str) -> list[Any]:
    column = getattr(model, sort_by)
    return [column.desc() if sort_order == "desc" else column.asc(), model.id]


# --- organizations ---------------------------------------------------------------------------


async def organization(session: SerializedSession, org: uuid.UUID, ident: uuid.UUID) -> Organization | None:
    """The caller's own organization, and only that one."""
    if ident != org:
        return None
    return await session.scalar(select(Organization).where(Organization.id == org))


async def organization_by_slug(session: SerializedSession, slug: str) -> Organization | None:
    """For the command line (no caller organization yet)."""
    return await session.scalar(select(Organization).where(Organization.slug == slug))


async def slug_taken(session: SerializedSession, slug: str) -> bool:
    return await session.scalar(select(sa.literal(1)).where(Organization.slug == slug)) is not None


async def organizations_page(session: SerializedSession, org: uuid.UUID, *, status: str | None, search: str | None,
                             sort_by: str, sort_order: str, page: int, page_size: int) -> Page:
    statement = select(Organization).where(Organization.id == org)
    if status:
        statement = statement.where(Organization.status == status)
    if search:
        pattern = f"%{search.lower()}%"
        statement = statement.where(or_(func.lower(Organization.name).like(pattern),
                                        func.lower(Organization.slug).like(pattern)))
    return await _page(session, statement, _order(Organization, sort_by, sort_order), page, page_size)


async def organizations_by_ids(session: SerializedSession, org: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict:
    rows = await session.scalars(select(Organization).where(Organization.id == org, Organization.id.in_(ids)))
    return {row.id: row for row in rows}


# --- projects -----------------------------------------------------------------------------------


async def project(session: SerializedSession, org: uuid.UUID, ident: uuid.UUID) -> Project | None:
    return await session.scalar(select(Project).where(Project.organization_id == org, Project.id == ident))


async def project_slug_taken(session: SerializedSession, org: uuid.UUID, slug: str) -> bool:
    statement = select(sa.literal(1)).where(Project.organization_id == org, Project.slug == slug)
    return await session.scalar(statement) is not None


async def project_count(session: SerializedSession, org: uuid.UUID) -> int:
    statement = select(func.count()).where(Project.organization_id == org, Project.status != "deleted")
    return int(await session.scalar(statement) or 0)


async def projects_page(session: SerializedSession, org: uuid.UUID, *, status: str | None, search: str | None,
                        sort_by: str, sort_order: str, page: int, page_size: int) -> Page:
    statement = select(Project).where(Project.organization_id == org)
    statement = statement.where(Project.status == status) if status else statement.where(Project.status != "deleted")
    if search:
        statement = statement.where(func.lower(Project.name).like(f"%{search.lower()}%"))
    return await _page(session, statement, _order(Project, sort_by, sort_order), page, page_size)


# --- requirements, features, tests -------------------------------------------------------------


async def requirement(session: SerializedSession, org: uuid.UUID, ident: uuid.UUID) -> Requirement | None:
    return await session.scalar(select(Requirement).where(Requirement.organization_id == org,
                                                          Requirement.id == ident))


async def feature(session: SerializedSession, org: uuid.UUID, ident: uuid.UUID) -> Feature | None:
    return await session.scalar(select(Feature).where(Feature.organization_id == org, Feature.id == ident))


async def test_case(session: SerializedSession, org: uuid.UUID, ident: uuid.UUID) -> TestCase | None:
    return await session.scalar(select(TestCase).where(TestCase.organization_id == org, TestCase.id == ident))


async def requirements_page(session: SerializedSession, org: uuid.UUID, project_id: uuid.UUID, *, page: int,
                            page_size: int, sort_by: str, sort_order: str, status: str | None,
                            search: str | None) -> Page:
    statement = select(Requirement).where(Requirement.organization_id == org, Requirement.project_id == project_id)
    if status:
        statement = statement.where(Requirement.status == status)
    if search:
        statement = statement.where(func.lower(Requirement.title).like(f"%{search.lower()}%"))
    return await _page(session, statement, _order(Requirement, sort_by, sort_order), page, page_size)


async def features_page(session: SerializedSession, org: uuid.UUID, requirement_id: uuid.UUID, *, page: int,
                        page_size: int, sort_by: str, sort_order: str, status: str | None,
                        search: str | None) -> Page:
    statement = select(Feature).where(Feature.organization_id == org, Feature.requirement_id == requirement_id)
    if status:
        statement = statement.where(Feature.implementation_status == status)
    if search:
        statement = statement.where(func.lower(Feature.name).like(f"%{search.lower()}%"))
    return await _page(session, statement, _order(Feature, sort_by, sort_order), page, page_size)


# --- builds, deployments, operations -----------------------------------------------------------


async def build(session: SerializedSession, org: uuid.UUID, ident: uuid.UUID) -> Build | None:
    return await session.scalar(select(Build).where(Build.organization_id == org, Build.id == ident))


async def next_build_number(session: SerializedSession, org: uuid.UUID, project_id: uuid.UUID) -> int:
    statement = select(func.max(Build.build_number)).where(Build.organization_id == org,
                                                          Build.project_id == project_id)
    return int(await session.scalar(statement) or 0) + 1


async def deployment(session: SerializedSession, org: uuid.UUID, ident: uuid.UUID) -> Deployment | None:
    return await session.scalar(select(Deployment).where(Deployment.organization_id == org,
                                                         Deployment.id == ident))


async def operation(session: SerializedSession, org: uuid.UUID, ident: uuid.UUID) -> Operation | None:
    return await session.scalar(select(Operation).where(Operation.organization_id == org, Operation.id == ident))


async def open_operation_for_deployment(session: SerializedSession, org: uuid.UUID,
                                        deployment_id: uuid.UUID) -> Operation | None:
    statement = select(Operation).where(Operation.organization_id == org, Operation.deployment_id == deployment_id,
                                        Operation.status.in_(("pending", "in_progress")))
    return await session.scalar(statement)


async def production_history(session: SerializedSession, org: uuid.UUID, project_id: uuid.UUID,
                             until: datetime) -> list[tuple[Deployment, Build]]:
    """Every production deployment of the project created before `until`, oldest first, with its build."""
    statement = (
        select(Deployment, Build).join(Build, Build.id == Deployment.build_id)
        .where(Deployment.organization_id == org, Build.organization_id == org, Deployment.project_id == project_id,
               Deployment.environment == "production", Deployment.created_at < until)
        .order_by(Deployment.created_at, Deployment.id)
    )
    return [(d, b) for d, b in (await session.execute(statement)).all()]


async def builds_between(session: SerializedSession, org: uuid.UUID, project_id: uuid.UUID, since: datetime,
                         until: datetime) -> list[Build]:
    statement = select(Build).where(Build.organization_id == org, Build.project_id == project_id,
                                    Build.created_at >= since, Build.created_at < until)
    return list(await session.scalars(statement))


# --- batch readers for the loaders: rows grouped by parent key ---------------------------------


async def _grouped(session: SerializedSession, statement: sa.Select, key: str) -> dict:
    grouped: dict = defaultdict(list)
    for row in await session.scalars(statement):
        grouped[getattr(row, key)].append(row)
    return grouped


async def projects_for_orgs(session: SerializedSession, org: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict:
    statement = (select(Project).where(Project.organization_id == org, Project.organization_id.in_(ids),
                                       Project.status != "deleted").order_by(Project.created_at, Project.id))
    return await _grouped(session, statement, "organization_id")


async def requirements_for_projects(session: SerializedSession, org: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict:
    statement = (select(Requirement).where(Requirement.organization_id == org, Requirement.project_id.in_(ids))
                 .order_by(Requirement.created_at, Requirement.id))
    return await _grouped(session, statement, "project_id")


async def features_for_requirements(session: SerializedSession, org: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict:
    statement = (select(Feature).where(Feature.organization_id == org, Feature.requirement_id.in_(ids))
                 .order_by(Feature.created_at, Feature.id))
    return await _grouped(session, statement, "requirement_id")


async def test_cases_for_features(session: SerializedSession, org: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict:
    statement = (select(TestCase).where(TestCase.organization_id == org, TestCase.feature_id.in_(ids))
                 .order_by(TestCase.created_at, TestCase.id))
    return await _grouped(session, statement, "feature_id")


async def results_for_test_cases(session: SerializedSession, org: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict:
    statement = (select(TestResult).where(TestResult.organization_id == org, TestResult.test_case_id.in_(ids))
                 .order_by(TestResult.executed_at.desc(), TestResult.id))
    return await _grouped(session, statement, "test_case_id")


async def builds_for_features(session: SerializedSession, org: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict:
    statement = (select(Build).where(Build.organization_id == org, Build.feature_id.in_(ids))
                 .order_by(Build.build_number, Build.id))
    return await _grouped(session, statement, "feature_id")


async def builds_for_projects(session: SerializedSession, org: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict:
    statement = (select(Build).where(Build.organization_id == org, Build.project_id.in_(ids))
                 .order_by(Build.build_number, Build.id))
    return await _grouped(session, statement, "project_id")


async def deployments_for_builds(session: SerializedSession, org: uuid.UUID, ids: Sequence[uuid.UUID]) -> dict:
    statement = (select(Deployment).where(Deployment.organization_id == org, Deployment.build_id.in_(ids))
                 .order_by(Deployment.created_at, Deployment.id))
    return await _grouped(session, statement, "build_id")


# --- organization API keys (credential resolution runs before any caller organization exists) -----


async def org_key_by_hash(session: SerializedSession, key_hash: str) -> OrgApiKey | None:
    return await session.scalar(select(OrgApiKey).where(OrgApiKey.key_hash == key_hash))


async def touch_org_key(session: SerializedSession, key_id: uuid.UUID, now: datetime) -> None:
    await session.execute(update(OrgApiKey).where(OrgApiKey.id == key_id).values(last_used_at=now))


async def open_operations(session: SerializedSession, org: uuid.UUID) -> list[Operation]:
    statement = (select(Operation).where(Operation.organization_id == org,
                                         Operation.status.in_(("pending", "in_progress")))
                 .order_by(Operation.started_at, Operation.id))
    return list(await session.scalars(statement))


# --- the organization's API traffic (request log) ------------------------------------------------


def credential_prefix(org: uuid.UUID) -> str:
    """Org tokens and keys are logged and metered as `org:<organization id>:...`."""
    return f"org:{org}:"


@dataclass
class Traffic:
    requests: int
    server_errors: int
    p50: float | None
    p95: float | None
    p99: float | None


async def traffic_since(session: SerializedSession, org: uuid.UUID, since: datetime) -> Traffic:
    from app.domains.platform.models import ApiRequestLog as log

    scope = (log.at >= since, log.credential.like(credential_prefix(org) + "%"))
    requests = int(await session.scalar(select(func.count()).where(*scope)) or 0)
    errors = int(await session.scalar(select(func.count()).where(*scope, log.status >= 500)) or 0)

    async def percentile(share: float) -> float | None:
        if not requests:
            return None
        rank = max(0, min(requests - 1, int(share * requests + 0.999999) - 1))  # nearest rank
        statement = select(log.latency_ms).where(*scope).order_by(log.latency_ms).offset(rank).limit(1)
        return await session.scalar(statement)

    return Traffic(requests, errors, await percentile(0.5), await percentile(0.95), await percentile(0.99))


async def lock_open_operation(session: SerializedSession, org: uuid.UUID, ident: uuid.UUID) -> Operation | None:
    statement = (select(Operation).where(Operation.organization_id == org, Operation.id == ident,
                                         Operation.status.in_(("pending", "in_progress")))
                 .with_for_update(skip_locked=True).execution_options(populate_existing=True))
    return await session.scalar(statement)


async def org_key_by_id_or_prefix(session: SerializedSession, ident: str) -> OrgApiKey | None:
    """For the command line, which acts for no single organization."""
    try:
        condition = OrgApiKey.id == uuid.UUID(ident)
    except ValueError:
        condition = OrgApiKey.key_prefix == ident
    return await session.scalar(select(OrgApiKey).where(condition))
