"""/v1/webhooks: an organization's subscriptions to the seven delivery events (secret shown once)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from app.context import RequestContext
from app.domains.delivery import hooks
from app.domains.delivery import shapes as s
from app.domains.platform.models import WebhookSubscription
from app.rest.delivery.family import ERRORS, SECURITY, delivery, envelope, listing, ok, page_envelope
from app.rest.endpoint import Call


class WebhookOut(BaseModel):
    id: uuid.UUID
    event: str
    url: str
    active: bool
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="Keys the X-Signature-256 HMAC of every delivery. Shown once.")


def _view(row: WebhookSubscription) -> WebhookOut:
    return WebhookOut(id=row.id, event=row.topic, url=row.url, active=row.active, created_at=row.created_at)


@delivery.endpoint("POST", "/v1/webhooks", body=s.WebhookIn, tags=["Webhooks"], security=SECURITY,
                   responses={201: envelope(WebhookCreated), **ERRORS}, auth=hooks.PERMISSION)
async def create_webhook(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Subscribe a URL to one delivery event of the caller's organization."""
    created = await hooks.create(ctx, call.body)
    return ok(ctx, WebhookCreated(**_view(created.subscription).model_dump(), secret=created.secret), 201)


@delivery.endpoint("GET", "/v1/webhooks", tags=["Webhooks"], security=SECURITY,
                   responses={200: page_envelope(WebhookOut), **ERRORS}, auth=hooks.PERMISSION)
async def list_webhooks(ctx: RequestContext, call: Call):  # noqa: ANN201
    """The organization's active subscriptions (one page holds them all)."""
    rows = await hooks.listed(ctx)
    return listing(ctx, [_view(r) for r in rows], page=1, page_size=max(len(rows), 1), total=len(rows))


@delivery.endpoint("DELETE", "/v1/webhooks/{webhook_id}", tags=["Webhooks"], security=SECURITY,
                   responses={200: envelope(WebhookOut), **ERRORS}, auth=hooks.PERMISSION)
async def delete_webhook(ctx: RequestContext, call: Call):  # noqa: ANN201
    """Stop a subscription (its delivery log stays)."""
    return ok(ctx, _view(await hooks.delete(ctx, call.path("webhook_id"))))
