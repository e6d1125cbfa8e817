"""Webhook subscriptions and their delivery logs over GraphQL."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from app.domains.platform import webhooks
from schema.runs.types import Info


@strawberry.type
class WebhookDelivery:
    id: uuid.UUID
    outbox_id: uuid.UUID
    attempt: int
    status_code: int | None
    outcome: str
    error: str | None
    duration_ms: float
    attempted_at: datetime


@strawberry.type
class WebhookSubscription:
    id: uuid.UUID
    topic: str
    url: str
    hub_id: uuid.UUID | None
    active: bool
    created_at: datetime

    @strawberry.field(description="Delivery attempts, newest first.")
    async def deliveries(self, info: Info, limit: int = 50) -> list[WebhookDelivery]:
        rows = await webhooks.delivery_log(info.context, str(self.id), limit)
        return [_delivery(r) for r in rows]


@strawberry.type
class WebhookSubscriptionCreated:
    subscription: WebhookSubscription
    secret: str = strawberry.field(description="Shown once.")


def _subscription(row) -> WebhookSubscription:  # noqa: ANN001
    return WebhookSubscription(id=row.id, topic=row.topic, url=row.url, hub_id=row.hub_id, active=row.active,
                               created_at=row.created_at)


def _delivery(row) -> WebhookDelivery:  # noqa: ANN001
    return WebhookDelivery(id=row.id, outbox_id=row.outbox_id, attempt=row.attempt, status_code=row.status_code,
                           outcome=row.outcome, error=row.error, duration_ms=row.duration_ms,
                           attempted_at=row.attempted_at)


@strawberry.type
class WebhookQueries:
    @strawberry.field
    async def webhook_subscriptions(self, info: Info) -> list[WebhookSubscription]:
        return [_subscription(r) for r in await webhooks.list_subscriptions(info.context)]


@strawberry.type
class WebhookMutations:
    @strawberry.mutation
    async def create_webhook_subscription(self, info: Info, topic: str, url: str,
                                          hub: str | None = None) -> WebhookSubscriptionCreated:
        made = await webhooks.create_subscription(info.context, {"topic": topic, "url": url, "hub": hub})
        return WebhookSubscriptionCreated(subscription=_subscription(made.subscription), secret=made.secret)

    @strawberry.mutation
    async def delete_webhook_subscription(self, info: Info, id: uuid.UUID) -> WebhookSubscription:  # noqa: A002
        return _subscription(await webhooks.delete_subscription(info.context, str(id)))

    @strawberry.mutation(description="Queue the event of a past delivery attempt again.")
    async def redeliver_webhook(self, info: Info, subscription_id: uuid.UUID, delivery_id: uuid.UUID) -> bool:
        await webhooks.redeliver(info.context, str(subscription_id), str(delivery_id))
        return True
