"""All SQL of collaborative drafting.

Batch readers take a list of draft ids (or user ids) and return rows grouped by
key; loaders.py puts them back in key order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import func, or_, select

from app.db import SerializedSession
from app.domains.collab.models import (
    CollabCollaborator,
    CollabDraft,
    CollabProfile,
    CollabRingPass,
    CollabSegment,
    StripeEvent,
)


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def flush(session: SerializedSession) -> None:
    await session.flush()


# --- drafts -------------------------------------------------------------------------------


async def get_draft(session: SerializedSession, draft_id: str, *, for_update: bool = False) -> CollabDraft | None:
    return await session.get(CollabDraft, draft_id, for_update=for_update)


async def count_view(session: SerializedSession, draft_id: str) -> None:
    await session.execute(sa.update(CollabDraft).where(CollabDraft.id == draft_id)
                          .values(views=CollabDraft.views + 1))


async def drafts_by_ids(session: SerializedSession, ids: Sequence[str]) -> dict[str, CollabDraft]:
    rows = await session.scalars(select(CollabDraft).where(CollabDraft.id.in_(ids)))
    return {row.id: row for row in rows}


async def drafts_for_user(session: SerializedSession, user_id: str, limit: int) -> list[CollabDraft]:
    """Drafts the user created or collaborates on, newest first."""
    collaborating = select(CollabCollaborator.draft_id).where(CollabCollaborator.user_id == user_id)
    statement = (
        select(CollabDraft)
        .where(or_(CollabDraft.creator_id == user_id, CollabDraft.id.in_(collaborating)))
        .order_by(CollabDraft.created_at.desc(), CollabDraft.id)
        .limit(limit)
    )
    return list(await session.scalars(statement))


async def _grouped(session: SerializedSession, statement: sa.Select, key: str) -> dict:
    grouped: dict = defaultdict(list)
    for row in await session.scalars(statement):
        grouped[getattr(row, key)].append(row)
    return grouped


async def segments_for_drafts(session: SerializedSession, ids: Sequence[str]) -> dict[str, list[CollabSegment]]:
    statement = select(CollabSegment).where(CollabSegment.draft_id.in_(ids)).order_by(CollabSegment.segment_order)
    return await _grouped(session, statement, "draft_id")


async def passes_for_drafts(session: SerializedSession, ids: Sequence[str]) -> dict[str, list[CollabRingPass]]:
    statement = (select(CollabRingPass).where(CollabRingPass.draft_id.in_(ids))
                 .order_by(CollabRingPass.passed_at, CollabRingPass.id))
    return await _grouped(session, statement, "draft_id")


async def collaborators_for_drafts(session: SerializedSession,
                                   ids: Sequence[str]) -> dict[str, list[CollabCollaborator]]:
    statement = (select(CollabCollaborator).where(CollabCollaborator.draft_id.in_(ids))
                 .order_by(CollabCollaborator.added_at, CollabCollaborator.user_id))
    return await _grouped(session, statement, "draft_id")


async def get_collaborator(session: SerializedSession, draft_id: str, user_id: str) -> CollabCollaborator | None:
    return await session.get(CollabCollaborator, (draft_id, user_id))


async def segment_by_key(session: SerializedSession, draft_id: str, key: str) -> CollabSegment | None:
    statement = select(CollabSegment).where(CollabSegment.draft_id == draft_id, CollabSegment.idempotency_key == key)
    return (await session.scalars(statement)).first()


async def pass_by_key(session: SerializedSession, draft_id: str, key: str) -> CollabRingPass | None:
    statement = select(CollabRingPass).where(CollabRingPass.draft_id == draft_id, CollabRingPass.idempotency_key == key)
    return (await session.scalars(statement)).first()


async def next_segment_order(session: SerializedSession, draft_id: str) -> int:
    current = await session.scalar(select(func.max(CollabSegment.segment_order)).where(CollabSegment.draft_id == draft_id))
    return (current or 0) + 1


# --- profiles -----------------------------------------------------------------------------


async def get_profile(session: SerializedSession, user_id: str, *, for_update: bool = False) -> CollabProfile | None:
    return await session.get(CollabProfile, user_id, for_update=for_update)


async def profiles_by_ids(session: SerializedSession, ids: Sequence[str]) -> dict[str, CollabProfile]:
    rows = await session.scalars(select(CollabProfile).where(CollabProfile.user_id.in_(ids)))
    return {row.user_id: row for row in rows}


# --- leaderboard figures ------------------------------------------------------------------


async def segment_counts(session: SerializedSession, since: datetime | None, until: datetime) -> dict[str, int]:
    statement = select(CollabSegment.user_id, func.count()).where(CollabSegment.created_at <= until)
    if since is not None:
        statement = statement.where(CollabSegment.created_at > since)
    rows = await session.execute(statement.group_by(CollabSegment.user_id))
    return {user: count for user, count in rows}


async def pass_counts(session: SerializedSession, until: datetime) -> dict[str, int]:
    statement = (select(CollabRingPass.from_user_id, func.count()).where(CollabRingPass.passed_at <= until)
                 .group_by(CollabRingPass.from_user_id))
    return {user: count for user, count in await session.execute(statement)}


async def segment_times(session: SerializedSession, since: datetime, until: datetime) -> list[tuple[str, datetime]]:
    statement = select(CollabSegment.user_id, CollabSegment.created_at).where(
        CollabSegment.created_at > since, CollabSegment.created_at <= until)
    return [(user, at) for user, at in await session.execute(statement)]


# --- payments -----------------------------------------------------------------------------


async def stripe_event_seen(session: SerializedSession, event_id: str) -> bool:
    return await session.get(StripeEvent, event_id) is not None
