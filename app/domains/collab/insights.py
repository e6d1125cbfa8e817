"""Deterministic insights, recommendations and alerts for a draft, at a given `now`.

The rules (docs/collab.md):
- stalled: >= 48 h since the last activity (a segment or a pass), or no activity ever; critical;
  when it fires it is the only insight.
- dominant_user: one user wrote >= 60 % of the segments and there are >= 2 contributors.
- low_engagement: exactly one contributor and at least one segment.
- healthy: only when nothing else fired.
- alerts: no_activity at >= 72 h (counted from creation when nothing happened yet);
  long_ring_hold at >= 24 h since ring_state.passed_at; single_contributor when one
  contributor has >= 5 segments.
"""

from __future__ import annotations

from datetime import datetime

from app.domains.collab import shapes as s
from app.domains.collab.state import DraftState

STALLED_HOURS = 48
NO_ACTIVITY_HOURS = 72
LONG_HOLD_HOURS = 24
DOMINANT_SHARE = 0.6
SINGLE_CONTRIBUTOR_SEGMENTS = 5
CONFIDENCE = {"stalled": 0.85, "dominant_user": 0.75, "low_engagement": 0.9}


def _hours(later: datetime, earlier: datetime) -> float:
    return max(0.0, (later - earlier).total_seconds() / 3600)


def compute(state: DraftState, now: datetime) -> s.DraftInsights:
    insights, recommendations = _insights(state, now)
    return s.DraftInsights(draft_id=state.draft.id, insights=insights, recommendations=recommendations,
                           alerts=alerts(state, now), computed_at=now)


def _least_active_other(state: DraftState, exclude: str) -> str | None:
    """The member (other than `exclude`) with the fewest segments; ties by id."""
    counts = state.segments_by_user()
    others = sorted(m for m in state.member_ids if m != exclude)
    return min(others, key=lambda m: (counts.get(m, 0), m)) if others else None


def _insights(state: DraftState, now: datetime) -> tuple[list[s.Insight], list[s.Recommendation]]:
    last = state.last_activity_at()
    counts = state.segments_by_user()
    total = len(state.segments)
    holder = state.draft.current_holder_id
    hours_idle = _hours(now, last) if last else None

    if hours_idle is None or hours_idle >= STALLED_HOURS:
        reason = ("No segment has been written and the ring has never been passed" if hours_idle is None
                  else f"{hours_idle:.1f}h since the last activity (threshold {STALLED_HOURS}h)")
        insight = s.Insight(type="stalled", severity="critical", title="Draft is stalled",
                            message="Nobody has worked on this draft recently.", reason=reason,
                            metrics_snapshot={"hours_since_last_activity": None if hours_idle is None
                                              else round(hours_idle, 2),
                                              "last_activity_at": last.isoformat() if last else None,
                                              "segments": total, "current_holder_id": holder})
        target = _least_active_other(state, holder)
        if target is not None:
            rec = s.Recommendation(action="pass_ring", target_user_id=target, confidence=CONFIDENCE["stalled"],
                                   reason="Pass the ring to a collaborator to restart the draft")
        else:
            rec = s.Recommendation(action="add_segment", target_user_id=holder, confidence=CONFIDENCE["stalled"],
                                   reason="Add a segment to restart the draft")
        return [insight], [rec]

    insights: list[s.Insight] = []
    recommendations: list[s.Recommendation] = []
    contributors = len(counts)
    if total and contributors >= 2:
        top_user, top_count = min(counts.items(), key=lambda item: (-item[1], item[0]))
        share = top_count / total
        if share >= DOMINANT_SHARE:
            insights.append(s.Insight(
                type="dominant_user", severity="warning", title="One voice dominates",
                message=f"{state.display(top_user)} wrote {share:.0%} of the segments.",
                reason=f"{top_count} of {total} segments ({share:.0%}) by one user (threshold 60%)",
                metrics_snapshot={"user_id": top_user, "user_segments": top_count, "total_segments": total,
                                  "share": round(share, 4), "contributors": contributors}))
            target = min((u for u in counts if u != top_user), key=lambda u: (counts[u], u))
            recommendations.append(s.Recommendation(
                action="pass_ring", target_user_id=target, confidence=CONFIDENCE["dominant_user"],
                reason="Give the ring to a less active contributor to balance the draft"))
    if total and contributors == 1:
        only = next(iter(counts))
        insights.append(s.Insight(
            type="low_engagement", severity="warning", title="Only one contributor",
            message="Invite collaborators to build the draft together.",
            reason=f"All {total} segment(s) were written by one user",
            metrics_snapshot={"contributors": 1, "user_id": only, "total_segments": total}))
        recommendations.append(s.Recommendation(
            action="invite_user", confidence=CONFIDENCE["low_engagement"],
            reason="A draft with one contributor gains from another voice"))
    if not insights:
        insights.append(s.Insight(
            type="healthy", severity="info", title="Draft is healthy",
            message="Contributions are recent and balanced.",
            reason="No stall, dominance or low-engagement rule fired",
            metrics_snapshot={"contributors": contributors, "total_segments": total,
                              "hours_since_last_activity": round(hours_idle, 2)}))
    return insights, recommendations


def alerts(state: DraftState, now: datetime) -> list[s.Alert]:
    found: list[s.Alert] = []
    last = state.last_activity_at()
    idle = _hours(now, last or state.draft.created_at)
    if idle >= NO_ACTIVITY_HOURS:
        found.append(s.Alert(alert_type="no_activity", triggered_at=now, threshold=f"{NO_ACTIVITY_HOURS}h+ no activity",
                             current_value=round(idle, 2),
                             reason=f"No segment or ring pass for {idle:.2f}h"
                                    + ("" if last else " (since the draft was created)")))
    held = _hours(now, state.draft.passed_at)
    if held >= LONG_HOLD_HOURS:
        found.append(s.Alert(alert_type="long_ring_hold", triggered_at=now,
                             threshold=f"{LONG_HOLD_HOURS}h+ ring hold", current_value=round(held, 2),
                             reason=f"{state.draft.current_holder_id} has held the ring for {held:.2f}h"))
    counts = state.segments_by_user()
    if len(counts) == 1 and len(state.segments) >= SINGLE_CONTRIBUTOR_SEGMENTS:
        found.append(s.Alert(alert_type="single_contributor", triggered_at=now,
                             threshold=f"<2 contributors with {SINGLE_CONTRIBUTOR_SEGMENTS}+ segments",
                             current_value=len(state.segments),
                             reason=f"All {len(state.segments)} segments come from one contributor"))
    return found


def analytics(state: DraftState, now: datetime) -> s.DraftAnalytics:
    last = state.last_activity_at()
    return s.DraftAnalytics(
        draft_id=state.draft.id, views=state.draft.views, contributors=state.contributors_count,
        segments=len(state.segments), ring_passes=len(state.passes), ring_passes_last_24h=state.passes_last_24h(now),
        avg_minutes_between_passes=state.avg_minutes_between_passes(), current_holder_id=state.draft.current_holder_id,
        last_activity_at=last, hours_since_last_activity=round(_hours(now, last), 2) if last else None,
    )
