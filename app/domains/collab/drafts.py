"""Changing and reading drafts: creation, segments, the ring, collaborators. Both doors call these.

Each takes the request context first, checks access, works through the
repository and flushes; the boundary commits. Every change publishes on the
draft's topic once committed, for the draftChanged subscription.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from app.context import RequestContext
from app.domains.collab import repository as repo
from app.domains.collab.identity import ensure_profile, require_user
from app.domains.collab.models import CollabCollaborator, CollabDraft, CollabRingPass, CollabSegment
from app.domains.collab.shapes import DraftCreate, SegmentCreate
from app.errors import Conflict, Forbidden, Invalid, NotFound

LIST_LIMIT = 200


class RingRequired(Forbidden):
    code = "ring_required"


def draft_topic(draft_id: str) -> str:
    return f"collab:{draft_id}"


def _changed(ctx: RequestContext, draft: CollabDraft, change: str) -> None:
    ctx.loaders.collab.forget_draft(draft.id)
    broker, message = ctx.runtime.broker, {"draft_id": draft.id, "change": change}

    async def publish() -> None:
        await broker.publish(draft_topic(draft.id), message)

    ctx.after_commit(publish)


def _same_caller(earlier_user: str, user_id: str) -> None:
    """An idempotency key replays only its own caller's request."""
    if earlier_user != user_id:
        raise Conflict("This idempotency key was already used by another user on this draft")


async def get_draft(ctx: RequestContext, draft_id: str, *, for_update: bool = False) -> CollabDraft:
    draft = await repo.get_draft(ctx.session, draft_id, for_update=for_update)
    if draft is None:
        raise NotFound(f"Draft {draft_id} not found")
    return draft


async def read_draft(ctx: RequestContext, draft_id: str) -> CollabDraft:
    """Any caller may read a draft by id (ids are unguessable); each REST read counts as a view."""
    draft = await get_draft(ctx, draft_id)
    await repo.count_view(ctx.session, draft.id)
    return draft


async def my_drafts(ctx: RequestContext) -> list[CollabDraft]:
    user_id = require_user(ctx)
    return await repo.drafts_for_user(ctx.session, user_id, LIST_LIMIT)


async def create_draft(ctx: RequestContext, request: DraftCreate) -> CollabDraft:
    user_id = require_user(ctx)
    await ensure_profile(ctx, user_id)
    now = ctx.clock.now()
    draft = CollabDraft(
        id=str(uuid.uuid4()), creator_id=user_id, title=request.title.strip() or request.title,
        platform=request.platform, status="active", current_holder_id=user_id, holders_history=[user_id],
        passed_at=now, created_at=now, updated_at=now,
    )
    repo.add(ctx.session, draft)
    await repo.flush(ctx.session)
    if request.initial_segment is not None:
        repo.add(ctx.session, _segment(draft, user_id, request.initial_segment, 1, None, now))
        await repo.flush(ctx.session)
    _changed(ctx, draft, "created")
    return draft


def _segment(draft: CollabDraft, user_id: str, content: str, order: int, key: str | None,
             now: datetime) -> CollabSegment:
    return CollabSegment(id=str(uuid.uuid4()), draft_id=draft.id, user_id=user_id, content=content,
                         segment_order=order, idempotency_key=key, ring_holder_user_id_at_write=user_id,
                         created_at=now)


async def append_segment(ctx: RequestContext, draft_id: str, request: SegmentCreate) -> CollabDraft:
    """Only the current ring holder appends; a repeated idempotency key changes nothing."""
    user_id = require_user(ctx)
    draft = await get_draft(ctx, draft_id, for_update=True)
    if request.idempotency_key:
        earlier = await repo.segment_by_key(ctx.session, draft.id, request.idempotency_key)
        if earlier is not None:
            _same_caller(earlier.user_id, user_id)
            return draft
    if draft.current_holder_id != user_id:
        raise RingRequired("Only the current ring holder can add a segment",
                           suggested_fix="Ask the ring holder to pass you the ring")
    if draft.status != "active":
        raise Forbidden(f"Draft {draft.id} is {draft.status}")
    await ensure_profile(ctx, user_id)
    now = ctx.clock.now()
    order = await repo.next_segment_order(ctx.session, draft.id)
    repo.add(ctx.session, _segment(draft, user_id, request.content, order, request.idempotency_key, now))
    draft.updated_at = now
    await repo.flush(ctx.session)
    _changed(ctx, draft, "segment_added")
    return draft


async def pass_ring(ctx: RequestContext, draft_id: str, to_user_id: str, idempotency_key: str | None) -> CollabDraft:
    """The holder passes the ring to the creator or a collaborator; a repeated key changes nothing."""
    user_id = require_user(ctx)
    draft = await get_draft(ctx, draft_id, for_update=True)
    if idempotency_key:
        earlier = await repo.pass_by_key(ctx.session, draft.id, idempotency_key)
        if earlier is not None:
            _same_caller(earlier.from_user_id, user_id)
            return draft
    if draft.current_holder_id != user_id:
        raise RingRequired("Only the current ring holder can pass the ring")
    if to_user_id == user_id:
        raise Invalid("You already hold the ring")
    is_member = to_user_id == draft.creator_id or await repo.get_collaborator(ctx.session, draft.id, to_user_id)
    if not is_member:
        raise Invalid(f"User {to_user_id} is not a collaborator on this draft",
                      suggested_fix="Add the user as a collaborator first")
    await ensure_profile(ctx, to_user_id)
    now = ctx.clock.now()
    repo.add(ctx.session, CollabRingPass(draft_id=draft.id, from_user_id=user_id, to_user_id=to_user_id,
                                         idempotency_key=idempotency_key, passed_at=now))
    draft.current_holder_id = to_user_id
    draft.holders_history = [*draft.holders_history, to_user_id]
    draft.passed_at = now
    draft.last_passed_at = now
    draft.ring_idempotency_key = idempotency_key
    draft.updated_at = now
    await repo.flush(ctx.session)
    _changed(ctx, draft, "ring_passed")
    return draft


async def add_collaborator(ctx: RequestContext, draft_id: str, collaborator_id: str, role: str) -> CollabDraft:
    """Only the creator adds collaborators; adding one twice changes nothing."""
    user_id = require_user(ctx)
    draft = await get_draft(ctx, draft_id, for_update=True)
    if draft.creator_id != user_id:
        raise Forbidden("Only the draft's creator can add collaborators")
    if collaborator_id == draft.creator_id or await repo.get_collaborator(ctx.session, draft.id, collaborator_id):
        return draft
    await ensure_profile(ctx, collaborator_id)
    now = ctx.clock.now()
    repo.add(ctx.session, CollabCollaborator(draft_id=draft.id, user_id=collaborator_id, role=role, added_at=now))
    draft.updated_at = now
    await repo.flush(ctx.session)
    _changed(ctx, draft, "collaborator_added")
    return draft


async def require_member(ctx: RequestContext, draft: CollabDraft) -> str:
    """The creator or an added collaborator; anyone else is refused."""
    user_id = require_user(ctx)
    if user_id != draft.creator_id and await repo.get_collaborator(ctx.session, draft.id, user_id) is None:
        raise Forbidden("Only the draft's collaborators can see its insights")
    return user_id
