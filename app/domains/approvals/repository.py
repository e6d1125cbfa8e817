"""All SQL of approvals, their audit trail, and governance requests."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from app.db import SerializedSession
from app.domains.approvals.models import ApprovalAuditEntry, ApprovalRequest, GovernanceRequest

PENDING_MAX = 500


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def approval(session: SerializedSession, approval_id: int, *, for_update: bool = False) -> ApprovalRequest | None:
    return await session.get(ApprovalRequest, approval_id, for_update=for_update)


async def expired_pending(session: SerializedSession, now: datetime) -> list[ApprovalRequest]:
    statement = (select(ApprovalRequest).where(ApprovalRequest.status == "pending", ApprovalRequest.timeout_at <= now)
                 .order_by(ApprovalRequest.id).with_for_update())
    return list(await session.scalars(statement))


async def pending_approvals(session: SerializedSession, now: datetime) -> list[ApprovalRequest]:
    statement = (select(ApprovalRequest).where(ApprovalRequest.status == "pending", ApprovalRequest.timeout_at > now)
                 .order_by(ApprovalRequest.id).limit(PENDING_MAX))
    return list(await session.scalars(statement))


async def approvals_by_ids(session: SerializedSession, ids: Sequence[int]) -> dict[int, ApprovalRequest]:
    return {row.id: row for row in await session.scalars(select(ApprovalRequest).where(ApprovalRequest.id.in_(ids)))}


async def recent_approvals(session: SerializedSession, status: str | None, limit: int) -> list[ApprovalRequest]:
    statement = select(ApprovalRequest).order_by(ApprovalRequest.id.desc()).limit(limit)
    if status:
        statement = statement.where(ApprovalRequest.status == status)
    return list(await session.scalars(statement))


async def audit_for(session: SerializedSession, approval_ids: Sequence[int]) -> dict[int, list[ApprovalAuditEntry]]:
    grouped: dict[int, list[ApprovalAuditEntry]] = defaultdict(list)
    statement = (select(ApprovalAuditEntry).where(ApprovalAuditEntry.approval_id.in_(approval_ids))
                 .order_by(ApprovalAuditEntry.id))
    for row in await session.scalars(statement):
        grouped[row.approval_id].append(row)
    return grouped


async def governance(session: SerializedSession, request_id: str, *, for_update: bool = False) -> GovernanceRequest | None:
    return await session.get(GovernanceRequest, request_id, for_update=for_update)


async def governance_list(session: SerializedSession, status: str | None, limit: int) -> list[GovernanceRequest]:
    statement = select(GovernanceRequest).order_by(GovernanceRequest.created_at, GovernanceRequest.id).limit(limit)
    if status:
        statement = statement.where(GovernanceRequest.status == status)
    return list(await session.scalars(statement))
