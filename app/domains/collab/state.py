"""A draft with everything hanging off it, loaded through the request's loaders."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.context import RequestContext
from app.domains.collab.models import CollabCollaborator, CollabDraft, CollabProfile, CollabRingPass, CollabSegment


@dataclass
class DraftState:
    draft: CollabDraft
    segments: list[CollabSegment]
    passes: list[CollabRingPass]
    collaborators: list[CollabCollaborator]
    profiles: dict[str, CollabProfile]

    @property
    def member_ids(self) -> set[str]:
        return {self.draft.creator_id, *(c.user_id for c in self.collaborators)}

    def display(self, user_id: str) -> str:
        profile = self.profiles.get(user_id)
        return profile.display_name if profile else user_id

    def segments_by_user(self) -> Counter[str]:
        return Counter(s.user_id for s in self.segments)

    @property
    def contributors_count(self) -> int:
        return len(self.segments_by_user())

    def last_activity_at(self) -> datetime | None:
        times = [s.created_at for s in self.segments] + [p.passed_at for p in self.passes]
        return max(times) if times else None

    def passes_since(self, since: datetime) -> int:
        return sum(1 for p in self.passes if p.passed_at > since)

    def avg_minutes_between_passes(self) -> float:
        if len(self.passes) < 2:
            return 0.0
        gaps = [(b.passed_at - a.passed_at).total_seconds() / 60 for a, b in zip(self.passes, self.passes[1:])]
        return round(sum(gaps) / len(gaps), 2)

    def passes_last_24h(self, now: datetime) -> int:
        return sum(1 for p in self.passes if now - timedelta(hours=24) < p.passed_at <= now)


async def load_state(ctx: RequestContext, draft: CollabDraft) -> DraftState:
    loaders = ctx.loaders.collab
    segments, passes, collaborators = await asyncio.gather(
        loaders.segments.load(draft.id), loaders.passes.load(draft.id), loaders.collaborators.load(draft.id))
    user_ids = sorted({draft.creator_id, draft.current_holder_id, *(s.user_id for s in segments),
                       *(s.ring_holder_user_id_at_write for s in segments)})
    profiles = await loaders.profile.load_many(user_ids)
    return DraftState(draft, list(segments), list(passes), list(collaborators),
                      {p.user_id: p for p in profiles if p is not None})


async def load_states(ctx: RequestContext, drafts: list[CollabDraft]) -> list[DraftState]:
    return list(await asyncio.gather(*(load_state(ctx, d) for d in drafts)))
