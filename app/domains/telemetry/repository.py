"""All SQL of the dashboard's telemetry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import case, func, select

from app.db import SerializedSession
from app.domains.telemetry.models import AbTestResult, ModelOverride, Phase6Metric, TokenEfficiencyMetric, TokenUsage


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def usage_by_model(session: SerializedSession, since: datetime, until: datetime
                         ) -> list[tuple[str, str, int, int, int]]:
    statement = (
        select(TokenUsage.provider, TokenUsage.model, func.sum(TokenUsage.prompt_tokens),
               func.sum(TokenUsage.completion_tokens), func.sum(TokenUsage.total_tokens))
        .where(TokenUsage.created_at > since, TokenUsage.created_at <= until)
        .group_by(TokenUsage.provider, TokenUsage.model)
        .order_by(TokenUsage.provider, TokenUsage.model)
    )
    return [(p, m, int(a or 0), int(b or 0), int(c or 0)) for p, m, a, b, c in await session.execute(statement)]


async def usage_totals_for_runs(session: SerializedSession, run_ids: Sequence[str]
                                ) -> dict[str, tuple[int, int, int, int]]:
    """run id -> (total, prompt, completion, doctor) tokens."""
    statement = (
        select(TokenUsage.run_id, func.sum(TokenUsage.total_tokens), func.sum(TokenUsage.prompt_tokens),
               func.sum(TokenUsage.completion_tokens),
               func.sum(case((TokenUsage.source == "doctor", TokenUsage.total_tokens), else_=0)))
        .where(TokenUsage.run_id.in_(run_ids)).group_by(TokenUsage.run_id)
    )
    return {r: (int(t or 0), int(p or 0), int(c or 0), int(d or 0)) for r, t, p, c, d in await session.execute(statement)}


async def overrides(session: SerializedSession, run_id: str | None) -> list[ModelOverride]:
    """Global overrides, and the run's own when a run is named; oldest first (newer ones win)."""
    statement = select(ModelOverride).order_by(ModelOverride.id)
    if run_id is None:
        statement = statement.where(ModelOverride.scope == "global")
    else:
        statement = statement.where((ModelOverride.scope == "global") | (ModelOverride.run_id == run_id))
    return list(await session.scalars(statement))


async def efficiency_rows(session: SerializedSession, run_id: str, limit: int, offset: int
                          ) -> list[TokenEfficiencyMetric]:
    statement = (select(TokenEfficiencyMetric).where(TokenEfficiencyMetric.run_id == run_id)
                 .order_by(TokenEfficiencyMetric.id).limit(limit).offset(offset))
    return list(await session.scalars(statement))


async def phase6_rows(session: SerializedSession, run_id: str, limit: int, offset: int) -> list[Phase6Metric]:
    statement = (select(Phase6Metric).where(Phase6Metric.run_id == run_id)
                 .order_by(Phase6Metric.id).limit(limit).offset(offset))
    return list(await session.scalars(statement))


async def latest_ab_for_treatment(session: SerializedSession, run_id: str) -> AbTestResult | None:
    statement = (select(AbTestResult).where(AbTestResult.treatment_run_id == run_id, AbTestResult.is_valid.is_(True))
                 .order_by(AbTestResult.id.desc()).limit(1))
    return (await session.scalars(statement)).first()


async def ab_results(session: SerializedSession, test_id: str | None, valid_only: bool, limit: int
                     ) -> list[AbTestResult]:
    statement = select(AbTestResult).order_by(AbTestResult.id.desc()).limit(limit)
    if test_id:
        statement = statement.where(AbTestResult.test_id == test_id)
    if valid_only:
        statement = statement.where(AbTestResult.is_valid.is_(True))
    return list(await session.scalars(statement))
