"""Draft analytics, insights and the leaderboard."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.collab import reads
from app.domains.collab import shapes as s
from app.rest.collab.drafts import USER, USER_SECURITY
from app.rest.collab.family import collab
from app.rest.endpoint import Call
from app.rest.responses import json_response

ERRORS = {401: s.ErrorResponse, 403: s.ErrorResponse, 404: s.ErrorResponse}


@collab.endpoint("GET", "/api/collab/drafts/{draft_id}/analytics", query=s.NowQuery, auth=USER,
                 security=USER_SECURITY, tags=["analytics"], responses={200: s.DraftAnalyticsResponse, **ERRORS})
async def draft_analytics(ctx: RequestContext, call: Call):
    """A draft's analytics snapshot; `now` (ISO 8601) for deterministic answers."""
    return json_response(await reads.draft_analytics(ctx, call.path("draft_id"), call.query.now))


@collab.endpoint("GET", "/v1/analytics/leaderboard", query=s.LeaderboardQuery, auth=USER, security=USER_SECURITY,
                 tags=["analytics"], responses={200: s.LeaderboardResponse, 401: s.ErrorResponse})
async def leaderboard(ctx: RequestContext, call: Call):
    """The top 10 users by collaboration, momentum or consistency."""
    return json_response(await reads.leaderboard(ctx, call.query.metric, call.query.now))


@collab.endpoint("GET", "/api/insights/drafts/{draft_id}", query=s.NowQuery, auth="A collaborator of the draft",
                 security=USER_SECURITY, tags=["insights"], responses={200: s.DraftInsights, **ERRORS})
async def draft_insights(ctx: RequestContext, call: Call):
    """Deterministic insights, recommendations and alerts (collaborators only)."""
    return json_response(await reads.draft_insights(ctx, call.path("draft_id"), call.query.now))
