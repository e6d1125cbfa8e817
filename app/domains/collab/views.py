"""Rows -> read models."""

from __future__ import annotations

from datetime import datetime

from app.domains.collab import shapes as s
from app.domains.collab.models import CollabDraft
from app.domains.collab.state import DraftState


def ring_state(draft: CollabDraft) -> s.RingState:
    return s.RingState(
        draft_id=draft.id, current_holder_id=draft.current_holder_id, holders_history=list(draft.holders_history),
        passed_at=draft.passed_at, last_passed_at=draft.last_passed_at, idempotency_key=draft.ring_idempotency_key,
    )


def draft_view(state: DraftState, now: datetime) -> s.CollabDraft:
    draft = state.draft
    segments = [
        s.Segment(
            segment_id=seg.id, draft_id=seg.draft_id, user_id=seg.user_id, content=seg.content,
            created_at=seg.created_at, segment_order=seg.segment_order, idempotency_key=seg.idempotency_key,
            author_user_id=seg.user_id, author_display=state.display(seg.user_id),
            ring_holder_user_id_at_write=seg.ring_holder_user_id_at_write,
            ring_holder_display_at_write=state.display(seg.ring_holder_user_id_at_write),
        )
        for seg in state.segments
    ]
    metrics = s.DraftMetrics(
        contributorsCount=state.contributors_count, ringPassesLast24h=state.passes_last_24h(now),
        avgMinutesBetweenPasses=state.avg_minutes_between_passes(), lastActivityAt=state.last_activity_at(),
    )
    return s.CollabDraft(
        draft_id=draft.id, creator_id=draft.creator_id, title=draft.title, platform=draft.platform,
        status=draft.status, segments=segments, ring_state=ring_state(draft),
        collaborators=[c.user_id for c in state.collaborators], pending_invites=[],
        created_at=draft.created_at, updated_at=draft.updated_at, target_publish_at=draft.target_publish_at,
        metrics=metrics,
    )


def created_view(draft: CollabDraft) -> s.DraftCreated:
    return s.DraftCreated(id=draft.id, creator_id=draft.creator_id, ring_state=ring_state(draft),
                          created_at=draft.created_at)
