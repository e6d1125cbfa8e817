"""Webhooks that wait for their receiver, keep their event ids, and never reach a private network."""

from __future__ import annotations

import ipaddress
import random
import uuid

import orjson
import pytest
from sqlalchemy import text

from app.platform.outbound import OutboundPolicy, is_public
from app.platform.webhook_worker import retry_delay
from app.settings import Settings
from tests.delivery.helpers import make_org
from tests.hub_helpers import bearer, make_hub, make_widget, token_for
from tests.live import free_port
from tests.webhook_receiver import receiver

SUBS = "/api/v2/webhook-subscriptions"


async def _subscribe(client, url: str):
    hub = await make_hub(client)
    token = await token_for(client, hub)
    created = await client.post(SUBS, json={"topic": "widget.registered", "url": url}, headers=bearer(token))
    assert created.status_code == 201, created.text
    return token, created.json() | {"hub": hub}


async def _outbox(client) -> list[tuple[str, int]]:
    async with client.app.state.runtime.db.engine.connect() as conn:
        rows = await conn.execute(text("SELECT status, attempts FROM webhook_outbox ORDER BY created_at"))
        return [tuple(r) for r in rows]


def test_the_default_schedule_spreads_over_hours():
    settings = Settings(database_url="sqlite+aiosqlite:///:memory:")
    low = [retry_delay(n, settings, _Fixed(0.8)) for n in range(1, settings.webhook_max_retries + 1)]
    high = [retry_delay(n, settings, _Fixed(1.2)) for n in range(1, settings.webhook_max_retries + 1)]
    assert low[0] == pytest.approx(24) and high[0] == pytest.approx(36)
    assert all(b >= a for a, b in zip(low, low[1:], strict=False))  # never shorter than the one before
    assert max(high) == pytest.approx(4 * 3600 * 1.2)  # capped
    assert sum(low) > 12 * 3600  # a receiver may be away half a day and still get everything
    jittered = {round(retry_delay(3, settings, random.Random(seed)), 3) for seed in range(20)}
    assert len(jittered) > 10 and all(96 <= d <= 144 for d in jittered)


class _Fixed(random.Random):
    def __init__(self, factor: float) -> None:
        super().__init__(0)
        self.factor = factor

    def uniform(self, a: float, b: float) -> float:  # noqa: ARG002 - the bound chosen by the test
        return self.factor


async def test_a_receiver_down_for_hours_gets_every_event_once(client, clock):
    """Down for two hours (the old schedule gave up after about a minute), then back: each event
    arrives exactly once, and the log holds every failed attempt before it."""
    port = free_port()
    token, sub = await _subscribe(client, f"http://127.0.0.1:{port}/hook")
    for i in range(5):
        await make_widget(client, token, name=f"w{i}")
    worker = client.app.state.runtime.webhook_worker
    failed_rounds = 0
    for _ in range(24):  # two hours, five minutes at a time, nobody listening
        failed_rounds += bool(await worker.run_once())
        clock.advance(seconds=300)
    assert failed_rounds >= 5
    assert all(status == "pending" for status, _ in await _outbox(client))
    async with receiver(port=port) as target:
        for _ in range(20):  # the next retry is at most 4.8 hours away
            clock.advance(seconds=1800)
            await worker.run_once()
            if len(target.received) >= 5:
                break
        assert await worker.run_once() == 0
    ids = [orjson.loads(body)["event_id"] for _, body in target.received]
    assert len(ids) == 5 and len(set(ids)) == 5
    assert all(headers["webhook-id"] == orjson.loads(body)["event_id"] for headers, body in target.received)
    outbox = await _outbox(client)
    assert [status for status, _ in outbox] == ["delivered"] * 5
    fresh = await token_for(client, sub["hub"])  # hours have passed: the first token has expired
    log = (await client.get(f"{SUBS}/{sub['id']}/deliveries?limit=500", headers=bearer(fresh))).json()["data"]
    assert len(log) == sum(attempts for _, attempts in outbox)  # every attempt is in the log
    assert {d["outcome"] for d in log} == {"network_error", "delivered"}
    async with client.app.state.runtime.db.engine.connect() as conn:
        attempts_by_event = dict((str(uuid.UUID(str(e))), a) for e, a in await conn.execute(
            text("SELECT event_id, attempts FROM webhook_outbox")))
    for _, body in target.received:  # retry_count: how many attempts came before this one
        payload = orjson.loads(body)
        assert payload["retry_count"] == attempts_by_event[payload["event_id"]] - 1 >= 5


PRIVATE = ["http://127.0.0.1:9/h", "http://10.1.2.3/h", "http://172.16.0.1/h", "http://192.168.1.1/h",
           "http://169.254.169.254/latest/meta-data/", "http://[::1]/h", "http://[fd00::1]/h", "http://0.0.0.0/h",
           "http://[::ffff:127.0.0.1]/h", "http://100.64.0.1/h", "http://[fe80::1]/h", "http://224.0.0.1/h"]


async def test_private_destinations_are_refused_at_subscription(make_client, make_settings):
    async with make_client(make_settings(outbound_allow_hosts="")) as client:
        hub = await make_hub(client)
        token = await token_for(client, hub)
        for url in PRIVATE:
            answer = await client.post(SUBS, json={"topic": "widget.registered", "url": url}, headers=bearer(token))
            assert answer.status_code == 400, url
            assert "public address" in answer.json()["message"]
        _, headers = await make_org(client, "acme")
        answer = await client.post("/v1/webhooks", json={"event": "feature.created", "url": PRIVATE[4]},
                                   headers=headers)
        body = answer.json()
        assert answer.status_code in (400, 422) and body["success"] is False
        assert "public address" in orjson.dumps(body).decode()
        assert await _outbox(client) == []
        async with client.app.state.runtime.db.engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM webhook_subscriptions"))).scalar() == 0


async def test_a_host_that_resolves_elsewhere_later_is_refused_on_delivery(make_client, make_settings):
    answers = {"hooks.example.com": ["93.184.216.34"]}

    async def resolve(host: str, port: int) -> list[str]:
        return answers[host]

    async with make_client(make_settings(outbound_allow_hosts="")) as client, receiver() as target:
        client.app.state.runtime.outbound = OutboundPolicy.from_entries([], resolver=resolve)
        port = target.url.rsplit(":", 1)[1].split("/")[0]
        token, sub = await _subscribe(client, f"http://hooks.example.com:{port}/hook")
        answers["hooks.example.com"] = ["127.0.0.1"]  # the tenant points its name at loopback
        await make_widget(client, token)
        assert await client.app.state.runtime.webhook_worker.run_once() == 1
        log = (await client.get(f"{SUBS}/{sub['id']}/deliveries", headers=bearer(token))).json()["data"]
        outbox = await _outbox(client)
    assert target.received == []
    assert [(d["outcome"], d["status_code"]) for d in log] == [("blocked", None)]
    assert "127.0.0.1" in log[0]["error"]
    assert outbox == [("failed", 1)]  # not retried: the owner can redeliver once the URL is fixed


async def test_connections_go_to_the_checked_address(make_client, make_settings):
    """The name is resolved once, by the check, and the connection uses that answer; the request still
    names the host (Host header, and SNI over TLS)."""
    calls: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    async with make_client(make_settings(outbound_allow_hosts="")) as client, receiver() as target:
        client.app.state.runtime.outbound = OutboundPolicy.from_entries(["127.0.0.0/8"], resolver=resolve)
        port = target.url.rsplit(":", 1)[1].split("/")[0]
        token, _ = await _subscribe(client, f"http://receiver.internal.test:{port}/hook")
        calls.clear()
        await make_widget(client, token)
        assert await client.app.state.runtime.webhook_worker.run_once() == 1
    [(headers, _)] = target.received
    assert headers["host"] == f"receiver.internal.test:{port}"
    assert calls == ["receiver.internal.test"]


def test_address_rules():
    for text_ in ("8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"):
        assert is_public(ipaddress.ip_address(text_)), text_
    for text_ in ("127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "fd00:ec2::254", "::ffff:10.0.0.1",
                  "100.64.0.1", "0.0.0.0", "192.0.2.1", "ff02::1"):
        assert not is_public(ipaddress.ip_address(text_)), text_
    policy = OutboundPolicy.from_entries(["LocalHost", "10.0.0.0/8", " "])
    assert policy.host_allowed("localhost") and not policy.host_allowed("example.com")
    assert policy.address_allowed(ipaddress.ip_address("10.9.9.9"))
    assert not policy.address_allowed(ipaddress.ip_address("192.168.0.1"))
