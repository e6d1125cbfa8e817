"""Webhook subscriptions and delivery against a real receiver: signatures, retries, give-up, restarts."""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import UTC, datetime

import orjson
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from standardwebhooks.webhooks import Webhook

from tests.hub_helpers import bearer, make_hub, make_widget, token_for
from tests.webhook_receiver import receiver

SUBS = "/api/v2/webhook-subscriptions"


def standard_signature_ok(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The Standard Webhooks check, at the delivery's own timestamp (the tests' clock is fixed in the past,
    so the library's freshness window would refuse every test delivery)."""
    at = datetime.fromtimestamp(int(headers["webhook-timestamp"]), UTC)
    expected = Webhook(secret).sign(headers["webhook-id"], at, body.decode())
    return hmac.compare_digest(expected, headers["webhook-signature"])


async def _subscribe(client, url: str, topic: str = "widget.registered"):
    hub = await make_hub(client)
    token = await token_for(client, hub)
    created = await client.post(SUBS, json={"topic": topic, "url": url}, headers=bearer(token))
    assert created.status_code == 201, created.text
    return hub, token, created.json()


async def test_delivery_is_signed_both_ways(client):
    async with receiver() as target:
        hub, token, sub = await _subscribe(client, target.url)
        await make_widget(client, token, name="w1")
        worker = client.app.state.runtime.webhook_worker
        assert await worker.run_once() == 1
        assert await worker.run_once() == 0  # nothing twice
    [(headers, body)] = target.received
    expected = "sha256=" + hmac.new(sub["secret"].encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-signature-256"], expected)
    assert standard_signature_ok(sub["secret"], headers, body)
    payload = orjson.loads(body)
    assert payload["event"] == "widget.registered" and payload["retry_count"] == 0
    assert payload["data"]["widget"]["name"] == "w1" and payload["event_id"] == headers["webhook-id"]
    log = (await client.get(f"{SUBS}/{sub['id']}/deliveries", headers=bearer(token))).json()["data"]
    assert [(d["attempt"], d["outcome"], d["status_code"]) for d in log] == [(1, "delivered", 200)]


async def test_tampered_body_fails_verification(client):
    async with receiver() as target:
        _, token, sub = await _subscribe(client, target.url)
        await make_widget(client, token)
        await client.app.state.runtime.webhook_worker.run_once()
    headers, body = target.received[0]
    tampered = body.replace(b"pay-button", b"pay-buttoN")
    forged = "sha256=" + hmac.new(sub["secret"].encode(), tampered, hashlib.sha256).hexdigest()
    assert not hmac.compare_digest(headers["x-signature-256"], forged)
    assert standard_signature_ok(sub["secret"], headers, body)
    assert not standard_signature_ok(sub["secret"], headers, tampered)


async def test_server_errors_are_retried_with_backoff(make_client, make_settings, clock):
    async with make_client(make_settings(webhook_backoff_seconds=5)) as client, \
            receiver(statuses=[500, 503]) as target:
        _, token, sub = await _subscribe(client, target.url)
        await make_widget(client, token)
        worker = client.app.state.runtime.webhook_worker
        assert await worker.run_once() == 1
        clock.advance(seconds=5 * 0.8 - 0.5)  # the shortest first wait: 5 s x 2^0, jitter down to 0.8
        assert await worker.run_once() == 0  # the retry is not due yet
        clock.advance(seconds=5 * 1.2)  # past the longest
        assert await worker.run_once() == 1
        clock.advance(seconds=10 * 1.2 + 1)
        assert await worker.run_once() == 1
        log = (await client.get(f"{SUBS}/{sub['id']}/deliveries", headers=bearer(token))).json()["data"]
    assert [(d["attempt"], d["outcome"]) for d in reversed(log)] == [(1, "http_error"), (2, "http_error"), (3, "delivered")]
    assert [orjson.loads(body)["retry_count"] for _, body in target.received] == [0, 1, 2]
    assert len({headers["webhook-id"] for headers, _ in target.received}) == 1  # one event, three attempts


async def test_timeouts_are_retried(make_client, make_settings, clock):
    async with make_client(make_settings(webhook_timeout_seconds=0.2)) as c, receiver(delay=1.0) as target:
        _, token, sub = await _subscribe(c, target.url)
        await make_widget(c, token)
        await c.app.state.runtime.webhook_worker.run_once()
        log = (await c.get(f"{SUBS}/{sub['id']}/deliveries", headers=bearer(token))).json()["data"]
    assert log[0]["outcome"] == "timeout" and log[0]["status_code"] is None


async def test_gives_up_after_the_last_retry(make_client, make_settings, clock):
    settings = make_settings(webhook_max_retries=3, webhook_backoff_seconds=5)
    async with make_client(settings) as client, receiver(statuses=[500] * 10) as target:
        _, token, sub = await _subscribe(client, target.url)
        await make_widget(client, token)
        worker = client.app.state.runtime.webhook_worker
        for _ in range(6):
            await worker.run_once()
            clock.advance(seconds=120)
        engine = client.app.state.runtime.db.engine
        async with engine.connect() as conn:
            status = (await conn.execute(text("SELECT status, attempts FROM webhook_outbox"))).one()
    assert len(target.received) == 4  # the first attempt and three retries
    assert tuple(status) == ("failed", 4)


async def test_restart_mid_delivery_resumes(make_client, settings, clock):
    async with receiver() as target:
        async with make_client(settings) as first:
            _, token, sub = await _subscribe(first, target.url)
            await make_widget(first, token)
            claimed = await first.app.state.runtime.webhook_worker.claim()  # the worker dies after claiming
            assert claimed is not None and len(claimed[0]) == 1
        async with make_client(settings) as second:  # a new process on the same database
            worker = second.app.state.runtime.webhook_worker
            assert await worker.run_once() == 0  # the dead worker's lease still holds
            clock.advance(seconds=settings.webhook_timeout_seconds + 31)  # past the lease
            assert await worker.run_once() == 1
            assert await worker.run_once() == 0
            log = (await second.get(f"{SUBS}/{sub['id']}/deliveries", headers=bearer(token))).json()["data"]
    assert len(target.received) == 1
    # The cut-short attempt is in the log, and the retry says it is one.
    assert [(d["attempt"], d["outcome"]) for d in reversed(log)] == [(1, "interrupted"), (2, "delivered")]
    assert orjson.loads(target.received[0][1])["retry_count"] == 1


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="SKIP LOCKED needs PostgreSQL; CI runs it")
async def test_two_workers_deliver_each_event_once(make_client, settings):
    import asyncio

    async with receiver() as target:
        async with make_client(settings) as first, make_client(settings) as second:
            _, token, _ = await _subscribe(first, target.url)
            for i in range(40):
                await make_widget(first, token, name=f"w{i}")
            workers = [first.app.state.runtime.webhook_worker, second.app.state.runtime.webhook_worker]
            for worker in workers:
                worker.batch_size = 5

            async def drain(worker) -> int:
                total = 0
                while (done := await worker.run_once()):
                    total += done
                return total

            counts = await asyncio.gather(*(drain(w) for w in workers))
    ids = [orjson.loads(body)["event_id"] for _, body in target.received]
    assert len(ids) == 40 and len(set(ids)) == 40
    assert sum(counts) == 40 and all(counts)  # both took part, neither sent a row twice


async def test_deliveries_are_append_only(client):
    async with receiver() as target:
        _, token, _ = await _subscribe(client, target.url)
        await make_widget(client, token)
        await client.app.state.runtime.webhook_worker.run_once()
    with pytest.raises(DBAPIError, match="append-only"):
        async with client.app.state.runtime.db.engine.begin() as conn:
            await conn.execute(text("UPDATE webhook_deliveries SET outcome = 'delivered'"))


async def test_redeliver(client):
    async with receiver() as target:
        _, token, sub = await _subscribe(client, target.url)
        await make_widget(client, token)
        worker = client.app.state.runtime.webhook_worker
        await worker.run_once()
        [delivery] = (await client.get(f"{SUBS}/{sub['id']}/deliveries", headers=bearer(token))).json()["data"]
        again = await client.post(f"{SUBS}/{sub['id']}/deliveries/{delivery['id']}/redeliver", headers=bearer(token))
        assert again.status_code == 202
        await worker.run_once()
    assert len(target.received) == 2
    first, second = (orjson.loads(body) for _, body in target.received)
    assert first["data"] == second["data"]
    # The same event: its id is kept (body and webhook-id), in a new outbox row.
    assert first["event_id"] == second["event_id"] == again.json()["event_id"] != again.json()["outbox_id"]
    assert target.received[0][0]["webhook-id"] == target.received[1][0]["webhook-id"] == first["event_id"]


async def test_subscription_management(client):
    hub, token, sub = await _subscribe(client, "http://127.0.0.1:9/hook", topic="annotation.created")
    listed = (await client.get(SUBS, headers=bearer(token))).json()["data"]
    assert [s["id"] for s in listed] == [sub["id"]] and "secret" not in listed[0]
    bad_topic = await client.post(SUBS, json={"topic": "user.deleted", "url": "http://x/h"}, headers=bearer(token))
    assert bad_topic.status_code == 400 and "Unknown topic" in bad_topic.json()["message"]
    bad_url = await client.post(SUBS, json={"topic": "widget.registered", "url": "ftp://x"}, headers=bearer(token))
    assert bad_url.status_code == 400
    assert (await client.get(SUBS)).status_code == 401
    other = await make_hub(client, "blog")
    other_token = await token_for(client, other)
    assert (await client.delete(f"{SUBS}/{sub['id']}", headers=bearer(other_token))).status_code == 404
    assert (await client.delete(f"{SUBS}/{sub['id']}", headers=bearer(token))).status_code == 200
    assert (await client.get(SUBS, headers=bearer(token))).json()["data"] == []
    stored = await client.app.state.runtime.db.engine.connect()
    try:
        secrets_column = (await stored.execute(text("SELECT secret_encrypted FROM webhook_subscriptions"))).scalar()
    finally:
        await stored.close()
    assert sub["secret"] not in secrets_column


async def test_lifecycle_topics_reach_subscribers(client):
    async with receiver() as target:
        hub, token, _ = await _subscribe(client, target.url, topic="annotation.created")
        widget = await make_widget(client, token)
        await client.post("/api/v2/annotations", json={"widget_id": widget, "category": "helpful"}, headers=bearer(token))
        await client.app.state.runtime.webhook_worker.run_once()
    [(_, body)] = target.received
    assert orjson.loads(body)["event"] == "annotation.created"


async def test_graphql_subscriptions_and_log(client):
    async with receiver() as target:
        hub = await make_hub(client)
        token = await token_for(client, hub)
        made = await client.post("/graphql", headers=bearer(token), json={"query": """mutation($url: String!) {
            createWebhookSubscription(topic: "widget.registered", url: $url) { secret subscription { id } } }""",
            "variables": {"url": target.url}})
        assert made.json()["data"]["createWebhookSubscription"]["secret"].startswith("whsec_")
        await make_widget(client, token)
        await client.app.state.runtime.webhook_worker.run_once()
        listed = await client.post("/graphql", headers=bearer(token), json={
            "query": "{ webhookSubscriptions { topic deliveries { attempt outcome } } }"})
    assert listed.json()["data"]["webhookSubscriptions"] == [
        {"topic": "widget.registered", "deliveries": [{"attempt": 1, "outcome": "delivered"}]}]


async def test_sdk_verifiers_accept_a_real_delivery_and_refuse_tampering(client):
    from tests.sdk.sdk_helpers import PYTHON_SDK, load_module

    sdk = load_module(PYTHON_SDK)
    async with receiver() as target:
        _, token, sub = await _subscribe(client, target.url)
        await make_widget(client, token)
        await client.app.state.runtime.webhook_worker.run_once()
    headers, body = target.received[0]
    sent_at = int(headers["webhook-timestamp"])
    assert sdk.verify_signature(sub["secret"], body, headers["x-signature-256"]) is True
    assert sdk.verify_standard_webhook(sub["secret"], headers, body, now=sent_at) is True
    tampered = body.replace(b"pay-button", b"pay-buttoN")
    assert sdk.verify_signature(sub["secret"], tampered, headers["x-signature-256"]) is False
    assert sdk.verify_standard_webhook(sub["secret"], headers, tampered, now=sent_at) is False
