"""Webhook subscriptions, the outbox, delivery logs and redelivery.

`emit` writes one outbox row per matching subscription in the same transaction
as the event it announces, so an event is announced if and only if it is stored.
The worker (app/platform/webhook_worker.py) delivers the rows.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from pydantic import BaseModel, Field

from app.auth import scopes as sc
from app.auth.hub_access import is_admin, require_scope
from app.context import RequestContext
from app.domains.interactions.hubs import hub_named
from app.domains.interactions.validation import parse
from app.domains.platform import repository as repo
from app.domains.platform.models import ALL_TOPICS, WebhookDelivery, WebhookOutbox, WebhookSubscription
from app.errors import Forbidden, Invalid, NotFound
from app.platform.outbound import DestinationRefused


class SubscriptionIn(BaseModel):
    topic: str = Field(description="One of the lifecycle topics: " + ", ".join(ALL_TOPICS))
    url: str = Field(max_length=2048)
    hub: str | None = Field(None, description="Admins: the hub whose events to receive (none: every hub)")


@dataclass
class NewSubscription:
    subscription: WebhookSubscription
    secret: str  # shown once


def new_signing_secret() -> str:
    """A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes."""
    import base64
    import secrets

    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _check_url(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or re.search(r"\s", url):
        raise Invalid("url must be an absolute http(s) URL")


async def check_destination(ctx: RequestContext, url: str) -> str | None:
    """Why `url` may not be a webhook destination (app/platform/outbound.py), or None. Checked again on
    every delivery, so a host that resolves elsewhere later is still refused then."""
    try:
        await ctx.runtime.outbound.check_url(url)
    except DestinationRefused as exc:
        return f"url must point at a public address: {exc}"
    return None


def _owner(ctx: RequestContext) -> str:
    return ctx.principal.credential_id or ctx.principal.identity


async def create_subscription(ctx: RequestContext, data: dict[str, Any]) -> NewSubscription:
    require_scope(ctx.principal, sc.HUB_READ)
    item: SubscriptionIn = parse(SubscriptionIn, data)
    if item.topic not in ALL_TOPICS:
        raise Invalid(f"Unknown topic '{item.topic}'. Topics: {', '.join(ALL_TOPICS)}")
    _check_url(item.url)
    if (refused := await check_destination(ctx, item.url)) is not None:
        raise Invalid(refused)
    hub_id = ctx.principal.hub_id
    if item.hub is not None:
        hub = await hub_named(ctx, item.hub)
        if not is_admin(ctx.principal) and hub.id != hub_id:
            raise Forbidden("Only admins subscribe to another hub's events")
        hub_id = hub.id
    if hub_id is None and not is_admin(ctx.principal):
        raise Forbidden("Only admins subscribe to every hub's events")
    secret = new_signing_secret()
    subscription = WebhookSubscription(hub_id=hub_id, owner=_owner(ctx), topic=item.topic, url=item.url,
                                       secret_encrypted=ctx.runtime.secrets.seal(secret), created_at=ctx.clock.now())
    repo.add(ctx.session, subscription)
    await repo.flush(ctx.session)
    return NewSubscription(subscription, secret)


async def list_subscriptions(ctx: RequestContext) -> list[WebhookSubscription]:
    require_scope(ctx.principal, sc.HUB_READ)
    if is_admin(ctx.principal):
        return await repo.subscriptions(ctx.session, hub_id=None, owner=None)
    if ctx.principal.hub_id is not None:
        return await repo.subscriptions(ctx.session, hub_id=ctx.principal.hub_id, owner=None)
    return await repo.subscriptions(ctx.session, hub_id=None, owner=_owner(ctx))


async def visible_subscription(ctx: RequestContext, ident: str) -> WebhookSubscription:
    require_scope(ctx.principal, sc.HUB_READ)
    try:
        subscription = await repo.subscription(ctx.session, uuid.UUID(ident))
    except ValueError:
        subscription = None
    if subscription is None or not subscription.active:
        raise NotFound(f"Webhook subscription {ident} not found")
    mine = subscription.owner == _owner(ctx) or (ctx.principal.hub_id and subscription.hub_id == ctx.principal.hub_id)
    if not (mine or is_admin(ctx.principal)):
        raise NotFound(f"Webhook subscription {ident} not found")
    return subscription


async def delete_subscription(ctx: RequestContext, ident: str) -> WebhookSubscription:
    """Deactivates: its delivery log stays (deliveries are append-only) and nothing more is sent."""
    subscription = await visible_subscription(ctx, ident)
    subscription.active = False
    await repo.flush(ctx.session)
    return subscription


async def delivery_log(ctx: RequestContext, ident: str, limit: int = 50) -> list[WebhookDelivery]:
    subscription = await visible_subscription(ctx, ident)
    if not 1 <= limit <= 500:
        raise Invalid("limit must be between 1 and 500")
    return await repo.deliveries(ctx.session, subscription.id, limit)


async def redeliver(ctx: RequestContext, subscription_ident: str, delivery_ident: str) -> WebhookOutbox:
    """Queue the event of a past attempt again, as a fresh delivery with its own retries and the
    event's original id."""
    subscription = await visible_subscription(ctx, subscription_ident)
    try:
        attempt = await repo.delivery(ctx.session, uuid.UUID(delivery_ident))
    except ValueError:
        attempt = None
    if attempt is None or attempt.subscription_id != subscription.id:
        raise NotFound(f"Delivery {delivery_ident} not found")
    original = await repo.outbox_row(ctx.session, attempt.outbox_id)
    assert original is not None
    now = ctx.clock.now()
    row = WebhookOutbox(event_id=original.event_id or original.id, subscription_id=subscription.id,
                        topic=original.topic, payload=original.payload, next_attempt_at=now, created_at=now)
    repo.add(ctx.session, row)
    await repo.flush(ctx.session)
    _wake_worker(ctx)
    return row


async def emit(ctx: RequestContext, topic: str, hub_id: uuid.UUID | None, data: dict[str, Any], *,
               organization_id: uuid.UUID | None = None) -> int:
    """Queue `topic` for every matching subscription, in the caller's transaction.
    A delivery pipeline event (organization_id set) reaches only that organization's subscriptions."""
    subscriptions = await repo.subscribers(ctx.session, topic, hub_id, organization_id=organization_id)
    now = ctx.clock.now()
    for subscription in subscriptions:
        row_id = uuid.uuid4()
        repo.add(ctx.session, WebhookOutbox(id=row_id, event_id=row_id, subscription_id=subscription.id, topic=topic,
                                            payload=data, next_attempt_at=now, created_at=now))
    if subscriptions:
        await repo.flush(ctx.session)
        _wake_worker(ctx)
    return len(subscriptions)


def _wake_worker(ctx: RequestContext) -> None:
    worker = ctx.runtime.webhook_worker

    async def wake() -> None:
        worker.wake()

    ctx.after_commit(wake)

