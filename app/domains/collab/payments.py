"""Stripe: checkout sessions, and the webhook that marks a user verified and awards RING.

Both go through the official `stripe` library. The webhook verifies Stripe's signature
(`stripe.Webhook.construct_event`) and records each event id, so a replayed delivery
changes nothing.
"""

from __future__ import annotations

from typing import Any

import orjson
import stripe
import structlog

from app.context import RequestContext
from app.domains.collab import repository as repo
from app.domains.collab.identity import ensure_profile, require_user
from app.domains.collab.models import StripeEvent
from app.errors import AppError, Invalid, Unavailable

log = structlog.get_logger("crossway.payments")
STRIPE_TIMEOUT = 20.0
VERIFICATION_EVENTS = frozenset({"checkout.session.completed"})


class StripeFailed(AppError):
    status, code = 502, "STRIPE_ERROR"


class InvalidSignature(Invalid):
    code = "invalid_signature"


class InvalidPayload(Invalid):
    code = "invalid_payload"


def _secret(value: Any, name: str) -> str:
    if value is None or not value.get_secret_value():
        raise Unavailable("Payments are not configured", suggested_fix=f"Set {name}.")
    return value.get_secret_value()


def stripe_client(ctx: RequestContext) -> stripe.StripeClient:
    settings = ctx.settings
    key = _secret(settings.stripe_secret_key, "STRIPE_SECRET_KEY")
    bases = {"api": settings.stripe_api_base.rstrip("/")} if settings.stripe_api_base else None
    return stripe.StripeClient(key, base_addresses=bases, max_network_retries=0,  # type: ignore[arg-type]
                               http_client=stripe.HTTPXClient(timeout=STRIPE_TIMEOUT))


async def create_checkout(ctx: RequestContext) -> str:
    """A Checkout Session for the caller; returns its URL."""
    user_id = require_user(ctx)
    settings = ctx.settings
    client = stripe_client(ctx)
    if settings.stripe_price_id:
        line_item: dict[str, Any] = {"price": settings.stripe_price_id, "quantity": 1}
    else:
        line_item = {"quantity": 1, "price_data": {"currency": "usd", "unit_amount": 500,
                                                   "product_data": {"name": "Verified creator"}}}
    params: dict[str, Any] = {
        "mode": "payment", "line_items": [line_item], "success_url": settings.checkout_success_url,
        "cancel_url": settings.checkout_cancel_url, "client_reference_id": user_id, "metadata": {"user_id": user_id},
    }
    try:
        session = await client.v1.checkout.sessions.create_async(params)  # type: ignore[arg-type]
    except stripe.StripeError as exc:
        log.warning("stripe_checkout_failed", request_id=ctx.request_id, error=type(exc).__name__)
        raise StripeFailed("Stripe could not create a checkout session", suggested_fix="Retry later.") from None
    if not session.url:
        raise StripeFailed("Stripe returned a session without a URL")
    return session.url


async def handle_webhook(ctx: RequestContext, payload: bytes, signature: str | None) -> dict[str, Any]:
    secret = _secret(ctx.settings.stripe_webhook_secret, "STRIPE_WEBHOOK_SECRET")
    if not signature:
        raise InvalidSignature("Missing Stripe-Signature header")
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except stripe.SignatureVerificationError:
        raise InvalidSignature("Stripe signature verification failed") from None
    except ValueError:
        raise InvalidPayload("The webhook payload is not valid JSON") from None

    if await repo.stripe_event_seen(ctx.session, event.id):
        return {"received": True, "duplicate": True}
    user_id, awarded = None, 0
    if event.type in VERIFICATION_EVENTS:
        session = _event_object(payload)
        metadata = session.get("metadata") if isinstance(session.get("metadata"), dict) else {}
        user_id = session.get("client_reference_id") or metadata.get("user_id")
        if isinstance(user_id, str) and 0 < len(user_id) <= 255:
            profile = await ensure_profile(ctx, user_id, for_update=True)
            awarded = ctx.settings.verification_ring_award
            profile.verified = True
            profile.ring_balance += awarded
            profile.updated_at = ctx.clock.now()
        else:
            user_id = None
    repo.add(ctx.session, StripeEvent(event_id=event.id, event_type=event.type, user_id=user_id,
                                      ring_awarded=awarded, received_at=ctx.clock.now()))
    await repo.flush(ctx.session)
    return {"received": True, "duplicate": False}


def _event_object(payload: bytes) -> dict[str, Any]:
    """data.object of a verified event, as plain JSON."""
    document = orjson.loads(payload)
    data = document.get("data") if isinstance(document, dict) else None
    found = data.get("object") if isinstance(data, dict) else None
    return found if isinstance(found, dict) else {}
