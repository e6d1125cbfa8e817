"""Stripe checkout against a fake Stripe API on loopback; webhook signatures good, bad and replayed."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.db import SerializedSession
from app.domains.collab import repository as repo
from tests.collab_helpers import as_user
from tests.fake_services import serve

SECRET = "whsec_test_secret"


def signed(payload: bytes, secret: str = SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def event(event_id: str = "evt_1", user_id: str = "alice", kind: str = "checkout.session.completed") -> bytes:
    return json.dumps({
        "id": event_id, "object": "event", "type": kind, "api_version": "2024-06-20",
        "data": {"object": {"id": "cs_1", "object": "checkout.session", "client_reference_id": user_id,
                            "metadata": {"user_id": user_id}}},
    }).encode()


async def profile(client, user_id: str):
    session = SerializedSession(client.app.state.runtime.db.sessionmaker())
    try:
        return await repo.get_profile(session, user_id)
    finally:
        await session.close()


async def test_checkout_through_stripe_library(make_client, make_settings):
    seen: list[dict] = []

    async def sessions(request: Request):
        form = await request.form()
        seen.append({"form": dict(form), "auth": request.headers.get("authorization")})
        return JSONResponse({"id": "cs_test_1", "object": "checkout.session",
                             "url": "https://checkout.stripe.com/c/pay/cs_test_1"})

    async with serve(Starlette(routes=[Route("/v1/checkout/sessions", sessions, methods=["POST"])])) as base:
        settings = make_settings(stripe_secret_key="sk_test_123", stripe_api_base=base, stripe_price_id="price_1")
        async with make_client(settings) as client:
            response = await client.post("/api/stripe/checkout", headers=as_user("alice"))
            anonymous = await client.post("/api/stripe/checkout")
    assert response.status_code == 200, response.text
    assert response.json() == {"sessionUrl": "https://checkout.stripe.com/c/pay/cs_test_1"}
    form = seen[0]["form"]
    assert form["client_reference_id"] == "alice" and form["line_items[0][price]"] == "price_1"
    assert seen[0]["auth"] == "Bearer sk_test_123"
    assert anonymous.status_code == 401


async def test_checkout_failures(make_client, make_settings):
    async with make_client(make_settings()) as client:
        unconfigured = await client.post("/api/stripe/checkout", headers=as_user("alice"))
    assert unconfigured.status_code == 503 and unconfigured.json()["error"]["suggestedFix"] == "Set STRIPE_SECRET_KEY."

    async def broken(request: Request):
        return JSONResponse({"error": {"message": "Invalid API key", "type": "invalid_request_error"}}, 401)

    async with serve(Starlette(routes=[Route("/v1/checkout/sessions", broken, methods=["POST"])])) as base:
        async with make_client(make_settings(stripe_secret_key="sk_bad", stripe_api_base=base)) as client:
            failed = await client.post("/api/stripe/checkout", headers=as_user("alice"))
    assert failed.status_code == 502 and failed.json()["error"]["code"] == "STRIPE_ERROR"


async def test_webhook_good_bad_and_replayed(make_client, make_settings):
    async with make_client(make_settings(stripe_webhook_secret=SECRET, verification_ring_award=100)) as client:
        payload = event()
        good = await client.post("/api/stripe/webhook", content=payload, headers={"Stripe-Signature": signed(payload)})
        assert good.status_code == 200 and good.json() == {"received": True, "duplicate": False}
        alice = await profile(client, "alice")
        assert alice.verified is True and alice.ring_balance == 100

        # the same event delivered again: acknowledged, nothing changes
        replay = await client.post("/api/stripe/webhook", content=payload,
                                   headers={"Stripe-Signature": signed(payload)})
        assert replay.json() == {"received": True, "duplicate": True}
        assert (await profile(client, "alice")).ring_balance == 100

        # a captured signature replayed after the tolerance window is refused
        old = event("evt_2")
        stale = await client.post("/api/stripe/webhook", content=old,
                                  headers={"Stripe-Signature": signed(old, timestamp=int(time.time()) - 3600)})
        assert stale.status_code == 400 and stale.json()["error"]["code"] == "invalid_signature"

        forged = await client.post("/api/stripe/webhook", content=event("evt_3"),
                                   headers={"Stripe-Signature": signed(event("evt_3"), secret="whsec_other")})
        assert forged.status_code == 400 and forged.json()["error"]["code"] == "invalid_signature"
        tampered = await client.post("/api/stripe/webhook", content=event("evt_4", user_id="mallory"),
                                     headers={"Stripe-Signature": signed(event("evt_4"))})
        assert tampered.status_code == 400
        unsigned = await client.post("/api/stripe/webhook", content=event("evt_5"))
        assert unsigned.status_code == 400 and "request_id" in unsigned.json()["error"]
        assert await profile(client, "mallory") is None

        other = event("evt_6", kind="payment_intent.created")
        ignored = await client.post("/api/stripe/webhook", content=other, headers={"Stripe-Signature": signed(other)})
        assert ignored.json() == {"received": True, "duplicate": False}
        assert (await profile(client, "alice")).ring_balance == 100


async def test_webhook_unconfigured(client):
    payload = event()
    response = await client.post("/api/stripe/webhook", content=payload, headers={"Stripe-Signature": signed(payload)})
    assert response.status_code == 503
