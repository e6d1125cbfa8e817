"""Write models (what callers send) and read models (what they get back) of collaborative drafting."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

Platform = Literal["x", "ig", "tiktok"]
UserId = Field(min_length=1, max_length=255)
IdempotencyKey = Field(None, min_length=1, max_length=128)
SEGMENT_MAX = 500


# --- write models -------------------------------------------------------------------------


class DraftCreate(BaseModel):
    """A new draft; the creator holds the ring first."""

    title: str = Field(min_length=1, max_length=200)
    platform: Platform
    initial_segment: str | None = Field(None, min_length=1, max_length=SEGMENT_MAX)


class SegmentCreate(BaseModel):
    """A segment appended by the ring holder. `text` is the documented name, `content` the v1 one."""

    model_config = ConfigDict(populate_by_name=True)

    content: str = Field(min_length=1, max_length=SEGMENT_MAX, validation_alias=AliasChoices("content", "text"))
    idempotency_key: str | None = IdempotencyKey


class RingPassTarget(BaseModel):
    """The documented form: POST /api/collab/drafts/{id}/ring/pass."""

    target_user_id: str = UserId


class RingPassV1(BaseModel):
    """The v1 form: POST /v1/collab/drafts/{id}/pass-ring."""

    to_user_id: str = UserId
    idempotency_key: str | None = IdempotencyKey


class CollaboratorQuery(BaseModel):
    collaborator_id: str = UserId
    role: Literal["contributor", "editor", "viewer"] = "contributor"


class NowQuery(BaseModel):
    """`now` (ISO 8601) makes time-based answers deterministic; default is the server clock."""

    now: datetime | None = None

    @field_validator("now")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class LeaderboardQuery(NowQuery):
    metric: Literal["collaboration", "momentum", "consistency"] = "collaboration"


# --- read models --------------------------------------------------------------------------


class RingState(BaseModel):
    draft_id: str
    current_holder_id: str
    holders_history: list[str]
    passed_at: datetime
    last_passed_at: datetime | None
    idempotency_key: str | None


class Segment(BaseModel):
    segment_id: str
    draft_id: str
    user_id: str
    content: str
    created_at: datetime
    segment_order: int
    idempotency_key: str | None
    author_user_id: str
    author_display: str
    ring_holder_user_id_at_write: str
    ring_holder_display_at_write: str


class DraftMetrics(BaseModel):
    contributorsCount: int  # noqa: N815 - the clients' field names
    ringPassesLast24h: int  # noqa: N815
    avgMinutesBetweenPasses: float  # noqa: N815
    lastActivityAt: datetime | None  # noqa: N815


class CollabDraft(BaseModel):
    """A draft with its segments, ring state and collaborators."""

    draft_id: str
    creator_id: str
    title: str
    platform: str
    status: Literal["active", "locked", "completed"]
    segments: list[Segment]
    ring_state: RingState
    collaborators: list[str]
    pending_invites: list[str]
    created_at: datetime
    updated_at: datetime
    target_publish_at: datetime | None
    metrics: DraftMetrics


class DraftEnvelope(BaseModel):
    """{data: CollabDraft}"""

    data: CollabDraft


class DraftList(BaseModel):
    """The caller's drafts, created or collaborating, newest first."""

    count: int
    data: list[CollabDraft]


class DraftCreated(BaseModel):
    """The documented answer to creating a draft."""

    id: str
    creator_id: str
    ring_state: RingState
    created_at: datetime


class RingPassed(BaseModel):
    """The documented answer to passing the ring."""

    success: bool
    to_user_id: str


class Insight(BaseModel):
    type: Literal["stalled", "dominant_user", "low_engagement", "healthy"]
    severity: Literal["critical", "warning", "info"]
    title: str
    message: str
    reason: str
    metrics_snapshot: dict[str, Any]


class Recommendation(BaseModel):
    action: Literal["pass_ring", "invite_user", "add_segment", "review_suggestions"]
    target_user_id: str | None = None
    reason: str
    confidence: float


class Alert(BaseModel):
    alert_type: Literal["no_activity", "long_ring_hold", "single_contributor"]
    triggered_at: datetime
    threshold: str
    current_value: float | int | str
    reason: str


class DraftInsights(BaseModel):
    """Deterministic insights, recommendations and alerts for one draft."""

    draft_id: str
    insights: list[Insight]
    recommendations: list[Recommendation]
    alerts: list[Alert]
    computed_at: datetime


class DraftAnalytics(BaseModel):
    draft_id: str
    views: int
    contributors: int
    segments: int
    ring_passes: int
    ring_passes_last_24h: int
    avg_minutes_between_passes: float
    current_holder_id: str
    last_activity_at: datetime | None
    hours_since_last_activity: float | None


class DraftAnalyticsResponse(BaseModel):
    """A draft's analytics snapshot."""

    data: DraftAnalytics
    computed_at: datetime


class LeaderboardEntry(BaseModel):
    position: int
    user_id: str
    display_name: str
    avatar_url: str | None
    metric_value: int
    metric_label: str
    insight: str


class Leaderboard(BaseModel):
    metric_type: Literal["collaboration", "momentum", "consistency"]
    entries: list[LeaderboardEntry]
    computed_at: datetime
    message: str


class LeaderboardResponse(BaseModel):
    """The top 10 users by one metric."""

    success: bool
    data: Leaderboard


class ErrorDetail(BaseModel):
    code: str
    message: str
    request_id: str
    suggestedFix: str | None = None  # noqa: N815
    details: Any = None


class ErrorResponse(BaseModel):
    """{"error": {code, message, request_id, suggestedFix?, details?}}"""

    error: ErrorDetail
