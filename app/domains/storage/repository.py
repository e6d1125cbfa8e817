"""All SQL of storage scans and learned rules."""

from __future__ import annotations

from sqlalchemy import case, func, select

from app.db import SerializedSession
from app.domains.storage.models import LearnedRule, StorageScan, StorageScanItem


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def scan(session: SerializedSession, scan_id: int, *, for_update: bool = False) -> StorageScan | None:
    return await session.get(StorageScan, scan_id, for_update=for_update)


async def scans(session: SerializedSession, limit: int, offset: int) -> list[StorageScan]:
    statement = select(StorageScan).order_by(StorageScan.id.desc()).limit(limit).offset(offset)
    return list(await session.scalars(statement))


async def latest_scan(session: SerializedSession) -> StorageScan | None:
    return (await session.scalars(select(StorageScan).order_by(StorageScan.id.desc()).limit(1))).first()


async def category_totals(session: SerializedSession, scan_id: int) -> list[tuple[str, int, int, int]]:
    statement = (
        select(StorageScanItem.category, func.count(), func.sum(StorageScanItem.size_bytes),
               func.sum(case((StorageScanItem.cleanup_candidate.is_(True), 1), else_=0)))
        .where(StorageScanItem.scan_id == scan_id).group_by(StorageScanItem.category)
        .order_by(func.sum(StorageScanItem.size_bytes).desc(), StorageScanItem.category)
    )
    return [(c, int(n), int(s or 0), int(k or 0)) for c, n, s, k in await session.execute(statement)]


async def items(session: SerializedSession, scan_id: int, *, candidates_only: bool, limit: int
                ) -> list[StorageScanItem]:
    statement = (select(StorageScanItem).where(StorageScanItem.scan_id == scan_id)
                 .order_by(StorageScanItem.size_bytes.desc(), StorageScanItem.id).limit(limit))
    if candidates_only:
        statement = statement.where(StorageScanItem.cleanup_candidate.is_(True))
    return list(await session.scalars(statement))


async def items_for_analysis(session: SerializedSession, scan_id: int | None, limit: int
                             ) -> list[tuple[str, str, int, bool]]:
    """(path, category, size, candidate) of the items to learn from."""
    statement = select(StorageScanItem.path, StorageScanItem.category, StorageScanItem.size_bytes,
                       StorageScanItem.cleanup_candidate).order_by(StorageScanItem.id).limit(limit)
    if scan_id is not None:
        statement = statement.where(StorageScanItem.scan_id == scan_id)
    return [(p, c, int(s), bool(k)) for p, c, s, k in await session.execute(statement)]


async def rules(session: SerializedSession, status: str | None = None) -> list[LearnedRule]:
    statement = select(LearnedRule).order_by(LearnedRule.id)
    if status:
        statement = statement.where(LearnedRule.status == status)
    return list(await session.scalars(statement))


async def rule_by_pattern(session: SerializedSession, pattern: str) -> LearnedRule | None:
    return (await session.scalars(select(LearnedRule).where(LearnedRule.pattern == pattern))).first()


async def rule(session: SerializedSession, rule_id: int) -> LearnedRule | None:
    return await session.get(LearnedRule, rule_id)
