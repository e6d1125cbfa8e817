"""Delivering the webhook outbox.

A worker claims due rows (on PostgreSQL with FOR UPDATE SKIP LOCKED, so several
workers never take the same row) by setting a lease, POSTs each with a timeout,
records the attempt in webhook_deliveries, and either marks the row delivered or
schedules the next attempt (`retry_delay`: exponential, capped, with jitter, spread
over hours with the defaults); after the last retry the row is marked failed. A row
whose worker died is claimed again when its lease runs out, and the cut-short
attempt is written to the log as `interrupted` before the next one, so the log has
every attempt. In-process by default (CROSSWAY_WEBHOOK_WORKER), or standalone with
`crossway worker`.

Every request goes through app/platform/outbound.py: the destination is resolved
and refused (outcome `blocked`, no retry) when it is not a public address or an
allowed host, on every attempt.

Signatures: `X-Signature-256: sha256=<hex HMAC-SHA256 of the body, keyed with the
secret string>` and the Standard Webhooks headers (webhook-id, webhook-timestamp,
webhook-signature), made by the `standardwebhooks` package. The event id (the body's
`event_id` and `webhook-id`) is the same on every retry and on a redelivery.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
import structlog
from standardwebhooks.webhooks import Webhook

from app.db import SerializedSession
from app.domains.platform import repository as repo
from app.domains.platform.models import WebhookDelivery, WebhookOutbox, WebhookSubscription
from app.platform.background import BackgroundLoop
from app.platform.outbound import DestinationRefused, GuardedTransport

log = structlog.get_logger("crossway.webhooks")
# How long past its timeout an attempt may take before another worker treats it as cut short.
LEASE_MARGIN = timedelta(seconds=30)


def lease_for(settings: Any) -> timedelta:
    return timedelta(seconds=settings.webhook_timeout_seconds) + LEASE_MARGIN


def retry_delay(retry: int, settings: Any, rng: random.Random | None = None) -> float:
    """Seconds before retry number `retry` (1 for the first retry)."""
    base = min(settings.webhook_backoff_seconds * 2 ** (retry - 1), settings.webhook_backoff_max_seconds)
    return base * (rng or random).uniform(0.8, 1.2)  # noqa: S311 - jitter, not security


def signature_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    standard = Webhook(secret).sign(message_id, datetime.fromtimestamp(timestamp, UTC), body.decode())
    return {
        "X-Signature-256": f"sha256={digest}",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": standard,
    }


class WebhookWorker:
    def __init__(self, runtime: Any, *, batch_size: int = 50) -> None:
        self.runtime = runtime
        self.batch_size = batch_size
        self._client: httpx.AsyncClient | None = None
        self._loop = BackgroundLoop("webhook-worker", self._step, lambda: runtime.settings.webhook_poll_seconds)

    def wake(self) -> None:
        self._loop.wake()

    def start(self) -> None:
        self._loop.start()

    async def stop(self) -> None:
        await self._loop.stop()
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def run_forever(self) -> None:
        await self._loop.run_forever()

    async def _step(self) -> bool:
        return await self.run_once() >= self.batch_size

    async def run_once(self) -> int:
        """Claim and deliver one batch of due rows; returns how many were attempted."""
        claimed = await self.claim()
        if not claimed:
            return 0
        rows, subscriptions = claimed
        await asyncio.gather(*(self._deliver(row, subscriptions.get(row.subscription_id)) for row in rows))
        return len(rows)

    async def claim(self) -> tuple[list[WebhookOutbox], dict[uuid.UUID, WebhookSubscription]] | None:
        settings = self.runtime.settings
        now = self.runtime.clock.now()
        session = SerializedSession(self.runtime.db.sessionmaker())
        try:
            rows, cut_short = await repo.claim_due(session, now=now, lease_until=now + lease_for(settings),
                                                   limit=self.batch_size,
                                                   skip_locked=self.runtime.db.dialect == "postgresql")
            due = []
            for row in rows:
                if row.id in cut_short:
                    # The worker that held this row stopped before recording its attempt.
                    row.attempts += 1
                    repo.add(session, WebhookDelivery(
                        outbox_id=row.id, subscription_id=row.subscription_id, attempt=row.attempts,
                        outcome="interrupted", error="the worker making this attempt stopped before it finished",
                        duration_ms=0.0, attempted_at=now))
                    values: dict[str, Any] = {"attempts": row.attempts}
                    if row.attempts > settings.webhook_max_retries:
                        values |= {"status": "failed", "locked_until": None}
                    await repo.finish_attempt(session, row.id, values)
                    self.runtime.metrics.webhooks.labels("interrupted").inc()
                    if row.attempts > settings.webhook_max_retries:
                        continue
                due.append(row)
            subscriptions = await repo.subscriptions_by_ids(session, [r.subscription_id for r in due]) if due else {}
            await session.commit()
        finally:
            await session.close()
        return (due, subscriptions) if due else None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(transport=GuardedTransport(self.runtime.outbound),
                                             timeout=self.runtime.settings.webhook_timeout_seconds,
                                             follow_redirects=False)
        return self._client

    async def _deliver(self, row: WebhookOutbox, subscription: WebhookSubscription | None) -> None:
        settings, clock = self.runtime.settings, self.runtime.clock
        attempt = row.attempts + 1
        started = time.perf_counter()
        status_code: int | None = None
        error: str | None = None
        if subscription is None or not subscription.active:
            outcome, error = "cancelled", "subscription deleted"
        else:
            event_id = str(row.event_id or row.id)
            body = orjson.dumps({"event": row.topic, "timestamp": clock.now().isoformat().replace("+00:00", "Z"),
                                 "event_id": event_id, "retry_count": row.attempts, "data": row.payload})
            secret = self.runtime.secrets.open(subscription.secret_encrypted)
            headers = {"Content-Type": "application/json", "User-Agent": "Crossway-Webhooks/1",
                       **signature_headers(secret, event_id, int(clock.now().timestamp()), body)}
            try:
                # httpx's timeout bounds each phase; this bounds the whole attempt, inside the lease.
                async with asyncio.timeout(settings.webhook_timeout_seconds + LEASE_MARGIN.total_seconds() / 2):
                    response = await self._http().post(subscription.url, content=body, headers=headers)
                status_code = response.status_code
                outcome = "delivered" if 200 <= status_code < 300 else "http_error"
                if outcome != "delivered":
                    error = f"HTTP {status_code}"
            except DestinationRefused as exc:
                outcome, error = "blocked", str(exc)
            except (httpx.TimeoutException, TimeoutError):
                outcome, error = "timeout", f"no answer within {settings.webhook_timeout_seconds} s"
            except httpx.HTTPError as exc:
                outcome, error = "network_error", f"{type(exc).__name__}: {exc}"[:500]
        duration = (time.perf_counter() - started) * 1000
        now = clock.now()
        if outcome == "delivered":
            values: dict[str, Any] = {"status": "delivered", "attempts": attempt, "delivered_at": now, "locked_until": None}
        elif outcome in ("cancelled", "blocked") or attempt > settings.webhook_max_retries:
            values = {"status": "failed", "attempts": attempt, "locked_until": None}
        else:
            delay = retry_delay(attempt, settings)
            values = {"attempts": attempt, "next_attempt_at": now + timedelta(seconds=delay), "locked_until": None}
        session = SerializedSession(self.runtime.db.sessionmaker())
        try:
            repo.add(session, WebhookDelivery(outbox_id=row.id, subscription_id=row.subscription_id, attempt=attempt,
                                              status_code=status_code, outcome=outcome, error=error,
                                              duration_ms=round(duration, 2), attempted_at=now))
            await repo.finish_attempt(session, row.id, values)
            await session.commit()
        finally:
            await session.close()
        self.runtime.metrics.webhooks.labels(outcome).inc()
        log.info("webhook_attempt", topic=row.topic, outbox_id=str(row.id), attempt=attempt, outcome=outcome,
                 status_code=status_code)
