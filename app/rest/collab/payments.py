"""Stripe checkout and webhook."""

from __future__ import annotations

from pydantic import BaseModel

from app.context import RequestContext
from app.domains.collab import payments
from app.domains.collab import shapes as s
from app.rest.collab.drafts import USER, USER_SECURITY
from app.rest.collab.family import collab
from app.rest.endpoint import Call
from app.rest.responses import json_response


class CheckoutSession(BaseModel):
    """Where to send the user to pay."""

    sessionUrl: str  # noqa: N815


class WebhookReceived(BaseModel):
    """The event was verified; `duplicate` when it had been handled before."""

    received: bool
    duplicate: bool


@collab.endpoint("POST", "/api/stripe/checkout", auth=USER, security=USER_SECURITY, tags=["payments"],
                 responses={200: CheckoutSession, 401: s.ErrorResponse, 502: s.ErrorResponse, 503: s.ErrorResponse})
async def checkout(ctx: RequestContext, call: Call):
    """Create a Stripe Checkout Session for the caller."""
    return json_response(CheckoutSession(sessionUrl=await payments.create_checkout(ctx)))


@collab.endpoint("POST", "/api/stripe/webhook", security=[], tags=["payments"],
                 auth="Public; the Stripe-Signature header is verified",
                 responses={200: WebhookReceived, 400: s.ErrorResponse, 503: s.ErrorResponse})
async def webhook(ctx: RequestContext, call: Call):
    """Stripe events: checkout.session.completed marks the user verified and awards RING, once per event."""
    payload = await call.request.body()
    result = await payments.handle_webhook(ctx, payload, call.request.headers.get("stripe-signature"))
    return json_response(result)
