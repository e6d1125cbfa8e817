"""All SQL of the platform services: webhooks and the request log's figures."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update

from app.db import SerializedSession
from app.domains.platform.models import ApiRequestLog, WebhookDelivery, WebhookOutbox, WebhookSubscription


def add(session: SerializedSession, *rows: object) -> None:
    session.add_all(list(rows))


async def flush(session: SerializedSession) -> None:
    await session.flush()


async def subscription(session: SerializedSession, ident: uuid.UUID) -> WebhookSubscription | None:
    return await session.get(WebhookSubscription, ident)


async def org_subscription(session: SerializedSession, organization_id: uuid.UUID,
                           ident: uuid.UUID) -> WebhookSubscription | None:
    statement = select(WebhookSubscription).where(WebhookSubscription.organization_id == organization_id,
                                                  WebhookSubscription.id == ident)
    return await session.scalar(statement)


async def subscriptions(session: SerializedSession, *, hub_id: uuid.UUID | None, owner: str | None,
                        organization_id: uuid.UUID | None = None) -> list[WebhookSubscription]:
    statement = select(WebhookSubscription).where(WebhookSubscription.active.is_(True))
    if organization_id is not None:
        statement = statement.where(WebhookSubscription.organization_id == organization_id)
    if hub_id is not None:
        statement = statement.where(WebhookSubscription.hub_id == hub_id)
    if owner is not None:
        statement = statement.where(WebhookSubscription.owner == owner)
    return list(await session.scalars(statement.order_by(WebhookSubscription.created_at)))


async def subscribers(session: SerializedSession, topic: str, hub_id: uuid.UUID | None, *,
                      organization_id: uuid.UUID | None = None) -> list[WebhookSubscription]:
    """Active subscriptions to `topic` that see this hub's events (or every hub's); an organization's
    events go only to that organization's subscriptions, and hub events to none of them."""
    statement = select(WebhookSubscription).where(
        WebhookSubscription.topic == topic, WebhookSubscription.active.is_(True),
        or_(WebhookSubscription.hub_id.is_(None), WebhookSubscription.hub_id == hub_id),
    )
    if organization_id is None:
        statement = statement.where(WebhookSubscription.organization_id.is_(None))
    else:
        statement = statement.where(WebhookSubscription.organization_id == organization_id)
    return list(await session.scalars(statement))


async def deliveries(session: SerializedSession, subscription_id: uuid.UUID, limit: int) -> list[WebhookDelivery]:
    statement = (
        select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
        .order_by(WebhookDelivery.attempted_at.desc(), WebhookDelivery.attempt.desc()).limit(limit)
    )
    return list(await session.scalars(statement))


async def outbox_row(session: SerializedSession, ident: uuid.UUID) -> WebhookOutbox | None:
    return await session.get(WebhookOutbox, ident)


async def delivery(session: SerializedSession, ident: uuid.UUID) -> WebhookDelivery | None:
    return await session.get(WebhookDelivery, ident)


# --- the worker's statements ------------------------------------------------------------------------


async def claim_due(session: SerializedSession, *, now: datetime, lease_until: datetime, limit: int,
                    skip_locked: bool) -> tuple[list[WebhookOutbox], set[uuid.UUID]]:
    """Take up to `limit` due rows by setting their lease; with skip_locked (PostgreSQL) rows another
    worker is claiming at this moment are passed over, so no row is sent by two workers. Also returns
    the ids of rows whose earlier lease ran out: their last attempt was cut short."""
    due = and_(WebhookOutbox.status == "pending", WebhookOutbox.next_attempt_at <= now,
               or_(WebhookOutbox.locked_until.is_(None), WebhookOutbox.locked_until < now))
    statement = select(WebhookOutbox).where(due).order_by(WebhookOutbox.next_attempt_at).limit(limit)
    if skip_locked:
        statement = statement.with_for_update(skip_locked=True)
    rows = list(await session.scalars(statement))
    cut_short = {row.id for row in rows if row.locked_until is not None}
    if rows:
        await session.execute(
            update(WebhookOutbox).where(WebhookOutbox.id.in_([r.id for r in rows])).values(locked_until=lease_until)
        )
    return rows, cut_short


async def subscriptions_by_ids(session: SerializedSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, WebhookSubscription]:
    rows = await session.scalars(select(WebhookSubscription).where(WebhookSubscription.id.in_(set(ids))))
    return {row.id: row for row in rows}


async def finish_attempt(session: SerializedSession, outbox_id: uuid.UUID, values: dict[str, Any]) -> None:
    await session.execute(update(WebhookOutbox).where(WebhookOutbox.id == outbox_id).values(**values))


# --- request log figures ---------------------------------------------------------------------------------


async def usage_since(session: SerializedSession, since: datetime) -> list[Any]:
    """Per credential: requests, errors, last seen, p50 and p95 latency (nearest rank), since `since`."""
    log = ApiRequestLog
    ranked = (
        select(
            log.credential, log.principal_kind, log.at, log.status, log.latency_ms,
            func.row_number().over(partition_by=log.credential, order_by=log.latency_ms).label("rank"),
            func.count().over(partition_by=log.credential).label("n"),
        )
        .where(log.at >= since, log.credential.is_not(None))
        .subquery()
    )
    statement = select(
        ranked.c.credential,
        func.max(ranked.c.principal_kind).label("kind"),
        func.count().label("requests"),
        func.sum(case((ranked.c.status >= 400, 1), else_=0)).label("errors"),
        func.max(ranked.c.at).label("last_seen"),
        func.min(case((ranked.c.rank >= ranked.c.n * 0.5, ranked.c.latency_ms))).label("p50"),
        func.min(case((ranked.c.rank >= ranked.c.n * 0.95, ranked.c.latency_ms))).label("p95"),
    ).group_by(ranked.c.credential).order_by(func.count().desc())
    return list(await session.execute(statement))


async def credential_names(session: SerializedSession, credentials: Sequence[str]) -> dict[str, tuple[str, int | None]]:
    """credential -> (display name, daily quota configured on it)."""
    from app.domains.identity.models import ApiConsumer, ApiKey
    from app.domains.interactions.models import Hub

    keys, clients, hubs = [], [], []
    for credential in credentials:
        kind, _, ident = credential.partition(":")
        try:
            if kind == "key":
                keys.append(uuid.UUID(ident))
            elif kind == "hub":
                hubs.append(uuid.UUID(ident))
            elif kind == "client":
                clients.append(ident)
        except ValueError:
            continue
    names: dict[str, tuple[str, int | None]] = {}
    if keys:
        for key in await session.scalars(select(ApiKey).where(ApiKey.id.in_(keys))):
            names[f"key:{key.id}"] = (f"{key.name} ({key.key_prefix})", key.daily_quota)
    if clients:
        for consumer in await session.scalars(select(ApiConsumer).where(ApiConsumer.client_id.in_(clients))):
            names[f"client:{consumer.client_id}"] = (consumer.name, consumer.daily_quota)
    if hubs:
        for hub in await session.scalars(select(Hub).where(Hub.id.in_(hubs))):
            names[f"hub:{hub.id}"] = (f"hub {hub.slug}", None)
    return names
