"""/api/v2/webhook-subscriptions: create (the signing secret is shown once), list, delete,
the delivery log, and redelivery."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from app.auth import scopes as sc
from app.context import RequestContext
from app.domains.platform import webhooks
from app.domains.platform.models import WebhookDelivery, WebhookSubscription
from app.rest.endpoint import Call
from app.rest.hub.family import hub_v2, v2_security
from app.rest.responses import json_response

ERRORS = {401: "unauthorized", 403: "forbidden", 404: "not_found", 400: "invalid", 422: "invalid_request"}
SECURITY = v2_security(sc.HUB_READ)


class SubscriptionOut(BaseModel):
    id: uuid.UUID
    topic: str
    url: str
    hub_id: uuid.UUID | None
    active: bool
    created_at: datetime


class SubscriptionCreated(SubscriptionOut):
    secret: str = Field(description="Signs every delivery. Shown once; keep it.")


class DeliveryOut(BaseModel):
    id: uuid.UUID
    outbox_id: uuid.UUID
    attempt: int
    status_code: int | None
    outcome: str
    error: str | None
    duration_ms: float
    attempted_at: datetime


class SubscriptionList(BaseModel):
    data: list[SubscriptionOut]


class DeliveryList(BaseModel):
    data: list[DeliveryOut]


class LimitQuery(BaseModel):
    limit: int = Field(50, ge=1, le=500)


def subscription_view(row: WebhookSubscription) -> SubscriptionOut:
    return SubscriptionOut.model_validate(row, from_attributes=True)


def delivery_view(row: WebhookDelivery) -> DeliveryOut:
    return DeliveryOut.model_validate(row, from_attributes=True)


@hub_v2.endpoint("POST", "/api/v2/webhook-subscriptions", body=webhooks.SubscriptionIn, raw_body=True,
                 tags=["webhooks"], security=SECURITY, responses={201: SubscriptionCreated, **ERRORS})
async def create_subscription(ctx: RequestContext, call: Call):
    """Subscribe a URL to one topic; deliveries are signed with the returned secret."""
    made = await webhooks.create_subscription(ctx, call.body)
    body = SubscriptionCreated(**subscription_view(made.subscription).model_dump(), secret=made.secret)
    return json_response(body, 201)


@hub_v2.endpoint("GET", "/api/v2/webhook-subscriptions", tags=["webhooks"], security=SECURITY,
                 responses={200: SubscriptionList, **ERRORS})
async def list_subscriptions(ctx: RequestContext, call: Call):
    """The caller's (or, for admins, every) active subscription."""
    return json_response({"data": [subscription_view(s) for s in await webhooks.list_subscriptions(ctx)]})


@hub_v2.endpoint("DELETE", "/api/v2/webhook-subscriptions/{subscription_id}", tags=["webhooks"], security=SECURITY,
                 responses={200: SubscriptionOut, **ERRORS})
async def delete_subscription(ctx: RequestContext, call: Call):
    """Stop a subscription; its delivery log is kept."""
    return json_response(subscription_view(await webhooks.delete_subscription(ctx, call.path("subscription_id"))))


@hub_v2.endpoint("GET", "/api/v2/webhook-subscriptions/{subscription_id}/deliveries", query=LimitQuery,
                 tags=["webhooks"], security=SECURITY, responses={200: DeliveryList, **ERRORS})
async def delivery_log(ctx: RequestContext, call: Call):
    """Every delivery attempt, newest first."""
    rows = await webhooks.delivery_log(ctx, call.path("subscription_id"), call.query.limit)
    return json_response({"data": [delivery_view(r) for r in rows]})


@hub_v2.endpoint("POST", "/api/v2/webhook-subscriptions/{subscription_id}/deliveries/{delivery_id}/redeliver",
                 tags=["webhooks"], security=SECURITY, responses={202: "Queued again", **ERRORS})
async def redeliver(ctx: RequestContext, call: Call):
    """Queue the event of a past attempt again, with fresh retries."""
    row = await webhooks.redeliver(ctx, call.path("subscription_id"), call.path("delivery_id"))
    return json_response({"outbox_id": str(row.id), "event_id": str(row.event_id or row.id), "status": row.status}, 202)
