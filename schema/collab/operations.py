"""Queries, mutations and the draftChanged subscription of collaborative drafting."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any

import strawberry
from pydantic import BaseModel, ValidationError

from app.domains.collab import drafts, reads
from app.domains.collab import shapes as s
from app.domains.collab.identity import require_user
from app.errors import FieldError, NotFound, ValidationFailed
from schema.collab.types import CollabDraft, CollabUser, Leaderboard, LeaderboardEntry, LeaderboardMetric, _utc
from schema.runs.types import Info


def _parse(model: type[BaseModel], data: dict[str, Any]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = [FieldError(".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors(include_url=False)]
        raise ValidationFailed("; ".join(f"{f.field}: {f.message}" for f in fields), fields=fields) from None


@strawberry.type
class CollabQueries:
    @strawberry.field(description="A draft by id (anyone may read a draft whose id they know).")
    async def collab_draft(self, info: Info, id: str) -> CollabDraft | None:  # noqa: A002
        row = await info.context.loaders.collab.draft.load(id)
        return CollabDraft.from_row(row) if row else None

    @strawberry.field(description="A user's profile, drafts and leaderboard position; default the caller (users only).")
    async def collab_user(self, info: Info, id: str | None = None) -> CollabUser:  # noqa: A002
        ctx = info.context
        caller = require_user(ctx)
        user_id = id or caller
        profile = await ctx.loaders.collab.profile.load(user_id)
        return CollabUser(user_id=user_id, display_name=profile.display_name if profile else user_id,
                          avatar_url=profile.avatar_url if profile else None,
                          verified=profile.verified if profile else False,
                          ring_balance=profile.ring_balance if profile else 0)

    @strawberry.field(description="The top 10 users by one metric.")
    async def collab_leaderboard(self, info: Info, metric: LeaderboardMetric = LeaderboardMetric.COLLABORATION,
                                 now: datetime | None = None) -> Leaderboard:
        board = (await reads.leaderboard(info.context, metric.value, _utc(now))).data
        return Leaderboard(metric_type=board.metric_type, computed_at=board.computed_at, message=board.message,
                           entries=[LeaderboardEntry(**e.model_dump()) for e in board.entries])


@strawberry.type
class CollabMutations:
    @strawberry.mutation(description="Create a draft; the caller holds the ring.")
    async def create_collab_draft(self, info: Info, title: str, platform: str,
                                  initial_segment: str | None = None) -> CollabDraft:
        request = _parse(s.DraftCreate, {"title": title, "platform": platform, "initial_segment": initial_segment})
        return CollabDraft.from_row(await drafts.create_draft(info.context, request))

    @strawberry.mutation(description="Append a segment (ring holder only).")
    async def append_collab_segment(self, info: Info, draft_id: str, content: str,
                                    idempotency_key: str | None = None) -> CollabDraft:
        request = _parse(s.SegmentCreate, {"content": content, "idempotency_key": idempotency_key})
        return CollabDraft.from_row(await drafts.append_segment(info.context, draft_id, request))

    @strawberry.mutation(description="Pass the ring to the creator or a collaborator.")
    async def pass_collab_ring(self, info: Info, draft_id: str, to_user_id: str,
                               idempotency_key: str | None = None) -> CollabDraft:
        request = _parse(s.RingPassV1, {"to_user_id": to_user_id, "idempotency_key": idempotency_key})
        return CollabDraft.from_row(await drafts.pass_ring(info.context, draft_id, request.to_user_id,
                                                           request.idempotency_key))

    @strawberry.mutation(description="Add a collaborator (creator only).")
    async def add_collab_collaborator(self, info: Info, draft_id: str, collaborator_id: str,
                                      role: str = "contributor") -> CollabDraft:
        request = _parse(s.CollaboratorQuery, {"collaborator_id": collaborator_id, "role": role})
        return CollabDraft.from_row(await drafts.add_collaborator(info.context, draft_id, request.collaborator_id,
                                                                  request.role))


@strawberry.type
class CollabSubscriptions:
    @strawberry.subscription(description="Emits the draft after every committed change.")
    async def draft_changed(self, info: Info, draft_id: str) -> AsyncGenerator[CollabDraft, None]:
        ctx = info.context
        await drafts.get_draft(ctx, draft_id)  # refuses unknown drafts up front
        await ctx.finish(commit=False)
        async for _ in ctx.runtime.broker.subscribe(drafts.draft_topic(draft_id)):
            ctx.reset_loaders()  # fresh caches for every emission
            try:
                yield CollabDraft.from_row(await drafts.get_draft(ctx, draft_id))
            except NotFound:
                return  # the draft is gone: the subscription ends
            finally:
                await ctx.finish(commit=False)
