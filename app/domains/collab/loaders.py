"""DataLoaders of collaborative drafting. Each batch function returns results in key order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiodataloader import DataLoader

from app.domains.collab import repository as repo
from app.domains.collab.models import CollabCollaborator, CollabDraft, CollabProfile, CollabRingPass, CollabSegment

if TYPE_CHECKING:
    from app.context import RequestContext


class CollabLoaders:
    def __init__(self, ctx: RequestContext) -> None:
        async def load_drafts(ids: list[str]) -> list[CollabDraft | None]:
            found = await repo.drafts_by_ids(ctx.session, ids)
            return [found.get(i) for i in ids]

        async def load_segments(ids: list[str]) -> list[list[CollabSegment]]:
            grouped = await repo.segments_for_drafts(ctx.session, ids)
            return [grouped.get(i, []) for i in ids]

        async def load_passes(ids: list[str]) -> list[list[CollabRingPass]]:
            grouped = await repo.passes_for_drafts(ctx.session, ids)
            return [grouped.get(i, []) for i in ids]

        async def load_collaborators(ids: list[str]) -> list[list[CollabCollaborator]]:
            grouped = await repo.collaborators_for_drafts(ctx.session, ids)
            return [grouped.get(i, []) for i in ids]

        async def load_profiles(ids: list[str]) -> list[CollabProfile | None]:
            found = await repo.profiles_by_ids(ctx.session, ids)
            return [found.get(i) for i in ids]

        self.draft = DataLoader(load_drafts)
        self.segments = DataLoader(load_segments)
        self.passes = DataLoader(load_passes)
        self.collaborators = DataLoader(load_collaborators)
        self.profile = DataLoader(load_profiles)

    def forget_draft(self, draft_id: str) -> None:
        """Mutations call this for the draft they changed."""
        for loader in (self.draft, self.segments, self.passes, self.collaborators):
            loader.clear(draft_id)
        self.profile.clear_all()
