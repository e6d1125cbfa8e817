"""Read services: drafts as read models, analytics, insights and the leaderboard."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from app.context import RequestContext
from app.domains.collab import drafts, insights, views
from app.domains.collab import repository as repo
from app.domains.collab import shapes as s
from app.domains.collab.identity import require_user
from app.domains.collab.models import CollabDraft
from app.domains.collab.state import load_state, load_states
from app.errors import Forbidden

LEADERBOARD_SIZE = 10
LABELS = {
    "collaboration": "{n} contributions",
    "momentum": "{n} segments in 7 days",
    "consistency": "{n} active days in 30",
}


async def draft_view(ctx: RequestContext, draft: CollabDraft) -> s.CollabDraft:
    return views.draft_view(await load_state(ctx, draft), ctx.clock.now())


async def draft_views(ctx: RequestContext, rows: list[CollabDraft]) -> list[s.CollabDraft]:
    now = ctx.clock.now()
    return [views.draft_view(state, now) for state in await load_states(ctx, rows)]


async def draft_insights(ctx: RequestContext, draft_id: str, now: datetime | None = None) -> s.DraftInsights:
    require_user(ctx)
    draft = await drafts.get_draft(ctx, draft_id)
    await drafts.require_member(ctx, draft)
    return insights.compute(await load_state(ctx, draft), now or ctx.clock.now())


async def draft_analytics(ctx: RequestContext, draft_id: str, now: datetime | None = None) -> s.DraftAnalyticsResponse:
    require_user(ctx)
    draft = await drafts.get_draft(ctx, draft_id)
    now = now or ctx.clock.now()
    return s.DraftAnalyticsResponse(data=insights.analytics(await load_state(ctx, draft), now), computed_at=now)


async def metric_values(ctx: RequestContext, metric: str, now: datetime) -> dict[str, int]:
    """Every user's value of one leaderboard metric, counting activity up to `now`."""
    if metric == "collaboration":  # segments written plus ring passes given
        values: dict[str, int] = defaultdict(int)
        for source in (await repo.segment_counts(ctx.session, None, now), await repo.pass_counts(ctx.session, now)):
            for user, count in source.items():
                values[user] += count
        return dict(values)
    if metric == "momentum":  # segments in the last 7 days
        return await repo.segment_counts(ctx.session, now - timedelta(days=7), now)
    days: dict[str, set] = defaultdict(set)  # consistency: distinct UTC days with a segment, last 30 days
    for user, at in await repo.segment_times(ctx.session, now - timedelta(days=30), now):
        days[user].add(at.date())
    return {user: len(d) for user, d in days.items()}


def ranked(values: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(((u, v) for u, v in values.items() if v > 0), key=lambda item: (-item[1], item[0]))


def _insight(position: int, value: int, ranking: list[tuple[str, int]]) -> str:
    if position == 1:
        lead = value - ranking[1][1] if len(ranking) > 1 else value
        return f"Leading by {lead}" if lead else "Tied for first"
    gap = ranking[position - 2][1] - value
    return f"{gap} behind #{position - 1}" if gap else f"Tied with #{position - 1}"


async def leaderboard(ctx: RequestContext, metric: str, now: datetime | None = None) -> s.LeaderboardResponse:
    require_user(ctx)
    now = now or ctx.clock.now()
    ranking = ranked(await metric_values(ctx, metric, now))
    top = ranking[:LEADERBOARD_SIZE]
    profiles = await ctx.loaders.collab.profile.load_many([u for u, _ in top])
    entries = []
    for position, ((user, value), profile) in enumerate(zip(top, profiles, strict=True), start=1):
        entries.append(s.LeaderboardEntry(
            position=position, user_id=user, display_name=profile.display_name if profile else user,
            avatar_url=profile.avatar_url if profile else None, metric_value=value,
            metric_label=LABELS[metric].format(n=value), insight=_insight(position, value, ranking)))
    message = f"Top {len(entries)} by {metric}" if entries else f"No {metric} activity yet"
    return s.LeaderboardResponse(success=True, data=s.Leaderboard(metric_type=metric, entries=entries,
                                                                  computed_at=now, message=message))


async def leaderboard_position(ctx: RequestContext, user_id: str, metric: str,
                               now: datetime | None = None) -> tuple[int | None, int]:
    """The user's 1-based rank (None without activity) and value."""
    ranking = ranked(await metric_values(ctx, metric, now or ctx.clock.now()))
    for position, (user, value) in enumerate(ranking, start=1):
        if user == user_id:
            return position, value
    return None, 0


async def member_insights(ctx: RequestContext, draft: CollabDraft, now: datetime | None = None) -> s.DraftInsights:
    """Insights of a draft already loaded (GraphQL): collaborators only, computed once per request."""
    user_id = require_user(ctx)
    now = now or ctx.clock.now()
    key = f"collab-insights:{draft.id}:{now.isoformat()}"
    cached = ctx.memo.get(key)
    if cached is None:
        state = await load_state(ctx, draft)
        if user_id not in state.member_ids:
            raise Forbidden("Only the draft's collaborators can see its insights")
        cached = ctx.memo[key] = insights.compute(state, now)
    return cached  # type: ignore[return-value]
