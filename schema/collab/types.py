"""GraphQL types of collaborative drafting. Nested fields resolve through the request's loaders."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.scalars import JSON

from app.domains.collab import drafts as draft_service
from app.domains.collab import models, reads, views
from app.domains.collab import shapes as s
from app.domains.collab.state import load_state
from app.errors import Forbidden
from schema.runs.types import Info


@strawberry.enum(description="A leaderboard metric.")
class LeaderboardMetric(Enum):
    COLLABORATION = "collaboration"
    MOMENTUM = "momentum"
    CONSISTENCY = "consistency"


@strawberry.type(description="Who holds a draft's ring, who held it before, and since when.")
class RingState:
    draft_id: str
    current_holder_id: str
    holders_history: list[str]
    passed_at: datetime
    last_passed_at: datetime | None
    idempotency_key: str | None


@strawberry.type
class CollabSegment:
    segment_id: str
    draft_id: str
    user_id: str
    content: str
    created_at: datetime
    segment_order: int
    idempotency_key: str | None
    author_display: str
    ring_holder_user_id_at_write: str
    ring_holder_display_at_write: str


@strawberry.type
class DraftMetrics:
    contributors_count: int
    ring_passes_last_24h: int
    avg_minutes_between_passes: float
    last_activity_at: datetime | None


@strawberry.type
class CollabInsight:
    type: str
    severity: str
    title: str
    message: str
    reason: str
    metrics_snapshot: JSON


@strawberry.type
class CollabRecommendation:
    action: str
    target_user_id: str | None
    reason: str
    confidence: float


@strawberry.type
class CollabAlert:
    alert_type: str
    triggered_at: datetime
    threshold: str
    current_value: JSON
    reason: str


@strawberry.type(description="A collaborative draft.")
class CollabDraft:
    row: strawberry.Private[models.CollabDraft]
    id: str
    creator_id: str
    title: str
    platform: str
    status: str
    created_at: datetime
    updated_at: datetime
    target_publish_at: datetime | None

    @classmethod
    def from_row(cls, row: models.CollabDraft) -> CollabDraft:
        return cls(row=row, id=row.id, creator_id=row.creator_id, title=row.title, platform=row.platform,
                   status=row.status, created_at=row.created_at, updated_at=row.updated_at,
                   target_publish_at=row.target_publish_at)

    @strawberry.field
    def ring_state(self) -> RingState:
        return RingState(**views.ring_state(self.row).model_dump())

    @strawberry.field
    async def segments(self, info: Info) -> list[CollabSegment]:
        view = views.draft_view(await load_state(info.context, self.row), info.context.clock.now())
        return [CollabSegment(**seg.model_dump(exclude={"author_user_id"})) for seg in view.segments]

    @strawberry.field(description="Added collaborators (the creator is not listed).")
    async def collaborators(self, info: Info) -> list[str]:
        return [c.user_id for c in await info.context.loaders.collab.collaborators.load(self.row.id)]

    @strawberry.field
    async def metrics(self, info: Info) -> DraftMetrics:
        m = views.draft_view(await load_state(info.context, self.row), info.context.clock.now()).metrics
        return DraftMetrics(contributors_count=m.contributorsCount, ring_passes_last_24h=m.ringPassesLast24h,
                            avg_minutes_between_passes=m.avgMinutesBetweenPasses, last_activity_at=m.lastActivityAt)

    @strawberry.field(description="Deterministic insights at `now` (collaborators only).")
    async def insights(self, info: Info, now: datetime | None = None) -> list[CollabInsight]:
        found = await reads.member_insights(info.context, self.row, _utc(now))
        return [CollabInsight(**i.model_dump()) for i in found.insights]

    @strawberry.field(description="Alerts at `now` (collaborators only).")
    async def alerts(self, info: Info, now: datetime | None = None) -> list[CollabAlert]:
        found = await reads.member_insights(info.context, self.row, _utc(now))
        return [CollabAlert(**a.model_dump()) for a in found.alerts]

    @strawberry.field(description="Recommendations at `now` (collaborators only).")
    async def recommendations(self, info: Info, now: datetime | None = None) -> list[CollabRecommendation]:
        found = await reads.member_insights(info.context, self.row, _utc(now))
        return [CollabRecommendation(**r.model_dump()) for r in found.recommendations]


def _utc(now: datetime | None) -> datetime | None:
    return s.NowQuery(now=now).now


@strawberry.type
class LeaderboardPosition:
    metric: LeaderboardMetric
    position: int | None
    value: int


@strawberry.type(description="A user as collaborative drafting knows them.")
class CollabUser:
    user_id: str
    display_name: str
    avatar_url: str | None
    verified: bool
    ring_balance: int

    @strawberry.field(description="Drafts the user created or collaborates on (only for the user themself).")
    async def drafts(self, info: Info) -> list[CollabDraft]:
        if info.context.principal.id != self.user_id:
            raise Forbidden("Only the user can list their drafts")
        return [CollabDraft.from_row(r) for r in await draft_service.my_drafts(info.context)]

    @strawberry.field
    async def leaderboard_position(self, info: Info, metric: LeaderboardMetric = LeaderboardMetric.COLLABORATION,
                                   now: datetime | None = None) -> LeaderboardPosition:
        position, value = await reads.leaderboard_position(info.context, self.user_id, metric.value, _utc(now))
        return LeaderboardPosition(metric=metric, position=position, value=value)


@strawberry.type
class LeaderboardEntry:
    position: int
    user_id: str
    display_name: str
    avatar_url: str | None
    metric_value: int
    metric_label: str
    insight: str


@strawberry.type
class Leaderboard:
    metric_type: str
    entries: list[LeaderboardEntry]
    computed_at: datetime
    message: str
