"""Dashboard figures over the event log and the lifecycle."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.auth import scopes as sc
from app.auth.hub_access import require_scope, visible_hub
from app.context import RequestContext
from app.domains.interactions import repository as repo
from app.errors import Invalid

MAX_WINDOW = {"hour": timedelta(days=31), "day": timedelta(days=366)}


@dataclass(slots=True)  # not frozen: a window holds tens of thousands, and a frozen __init__ costs more
class EventCount:
    bucket_start: datetime
    widget_id: uuid.UUID
    event_type: str
    count: int


@dataclass(frozen=True)
class FlagCount:
    widget_id: uuid.UUID
    count: int


@dataclass(frozen=True)
class Funnel:
    requirement_candidates: int
    decisions: int
    accepted: int
    deployments: int
    outcome_signals: int


def _as_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


async def event_counts(ctx: RequestContext, *, since: datetime, until: datetime, bucket: str,
                       widget_id: uuid.UUID | None = None, event_type: str | None = None,
                       hub_id: uuid.UUID | None = None) -> list[EventCount]:
    """Events per widget and event type in hour or day buckets over [since, until)."""
    require_scope(ctx.principal, sc.HUB_READ)
    if bucket not in MAX_WINDOW:
        raise Invalid("bucket must be hour or day")
    if until <= since:
        raise Invalid("until must be after since")
    if until - since > MAX_WINDOW[bucket]:
        raise Invalid(f"a window of {bucket} buckets may span at most {MAX_WINDOW[bucket].days} days")
    rows = await repo.event_counts(ctx.session, since=since, until=until, bucket=bucket,
                                   hub_id=visible_hub(ctx.principal, hub_id), widget_id=widget_id,
                                   event_type=event_type)
    starts: dict[object, datetime] = {}  # a window has few distinct buckets: convert each once
    counts = []
    for slot, widget, kind, count in rows:
        start = starts.get(slot)
        if start is None:
            start = starts[slot] = _as_datetime(slot)
        counts.append(EventCount(start, widget, kind, count))
    return counts


async def most_flagged_confusing(ctx: RequestContext, *, since: datetime | None = None, until: datetime | None = None,
                                 limit: int = 10, hub_id: uuid.UUID | None = None) -> list[FlagCount]:
    require_scope(ctx.principal, sc.HUB_READ)
    if not 1 <= limit <= 100:
        raise Invalid("limit must be between 1 and 100")
    rows = await repo.flag_counts(ctx.session, event_type="flagged_confusing", since=since, until=until,
                                  hub_id=visible_hub(ctx.principal, hub_id), limit=limit)
    return [FlagCount(r.widget_id, int(r.count)) for r in rows]


async def lifecycle_funnel(ctx: RequestContext, *, since: datetime | None = None, until: datetime | None = None,
                           hub_id: uuid.UUID | None = None) -> Funnel:
    require_scope(ctx.principal, sc.HUB_READ)
    counts = await repo.funnel_counts(ctx.session, since=since, until=until, hub_id=visible_hub(ctx.principal, hub_id))
    return Funnel(**{k: int(v or 0) for k, v in counts.items()})
