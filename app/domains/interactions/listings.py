"""Paginated, filtered listings (newest first, keyset cursors) of the hub's records."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from app import pagination
from app.auth import scopes as sc
from app.auth.hub_access import require_scope, visible_hub
from app.context import RequestContext
from app.domains.interactions import repository as repo
from app.domains.interactions.hubs import hub_named
from app.domains.interactions.shapes import ListQuery
from app.errors import Invalid

TIME_FIELD = {
    "events": "occurred_at", "annotations": "created_at", "widgets": "created_at",
    "requirement-candidates": "created_at", "decision-records": "decided_at",
    "deployment-records": "deployed_at", "outcome-signals": "recorded_at",
}


@dataclass
class Page:
    rows: list[Any]
    next_cursor: str | None

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None


async def listing(ctx: RequestContext, kind: str, query: ListQuery) -> Page:
    require_scope(ctx.principal, sc.HUB_READ)
    limit = min(query.limit, ctx.settings.page_size_max)
    hub_id = await _hub_scope(ctx, query.hub)
    before = None
    if query.cursor:
        at, ident = pagination.decode_cursor(query.cursor)
        try:
            before = (at, uuid.UUID(ident))
        except ValueError as exc:
            raise Invalid("Invalid cursor") from exc
    filters = query.model_dump(exclude={"limit", "cursor", "hub"})
    rows = await repo.page_of(ctx.session, kind, hub_id=hub_id, limit=limit, before=before, **filters)
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = pagination.encode_cursor(getattr(rows[-1], TIME_FIELD[kind]), rows[-1].id) if more and rows else None
    return Page(rows, cursor)


async def count(ctx: RequestContext, kind: str, query: ListQuery) -> int:
    require_scope(ctx.principal, sc.HUB_READ)
    hub_id = await _hub_scope(ctx, query.hub)
    return await repo.count_of(ctx.session, kind, hub_id=hub_id,
                               **query.model_dump(exclude={"limit", "cursor", "hub"}))


async def _hub_scope(ctx: RequestContext, slug: str | None) -> uuid.UUID | None:
    requested = (await hub_named(ctx, slug)).id if slug else None
    return visible_hub(ctx.principal, requested)
