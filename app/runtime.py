"""The process-wide parts a request borrows: settings, database, clock, limits, broker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.auth.keys import Keyring
from app.domains.approvals.notifier import Notifier, make_notifier
from app.clock import Clock, SystemClock
from app.db import Database
from app.platform.metrics import Metrics
from app.platform.outbound import OutboundPolicy
from app.platform.pubsub import Broker, make_broker
from app.platform.ratelimit import RateLimits
from app.platform.request_log import RequestLog
from app.platform.secretbox import SecretBox
from app.platform.timed_cache import TimedCache
from app.settings import Settings


@dataclass
class Runtime:
    settings: Settings
    db: Database
    clock: Clock
    limits: RateLimits
    broker: Broker
    keyring: Keyring
    metrics: Metrics
    request_log: RequestLog
    secrets: SecretBox
    notifier: Notifier
    version: str = field(default="")
    webhook_worker: Any = field(default=None)
    # Verified credentials (Principal by key digest) and snapshots of rarely changing reference data
    # (the active contract, registry names).
    credentials: TimedCache[Any] = field(init=False)
    reference_cache: TimedCache[Any] = field(init=False)
    # Where tenant-chosen URLs (webhooks) may point: app/platform/outbound.py.
    outbound: OutboundPolicy = field(init=False)

    def __post_init__(self) -> None:
        from app.platform.webhook_worker import WebhookWorker

        self.webhook_worker = WebhookWorker(self)
        # More distinct live keys than this within the time-to-live just means more look-ups.
        self.credentials = TimedCache(self.settings.credential_cache_seconds, self.clock, max_entries=10_000)
        self.reference_cache = TimedCache(self.settings.reference_cache_seconds, self.clock, max_entries=64)
        self.outbound = OutboundPolicy.from_entries(self.settings.outbound_allow_list)

    @classmethod
    def build(cls, settings: Settings, clock: Clock | None = None) -> Runtime:
        from app import __version__

        db = Database(settings.database_url, pool_size=settings.db_pool_size, echo=settings.db_echo)
        clock = clock or SystemClock()
        metrics = Metrics(db)
        return cls(
            settings=settings,
            db=db,
            clock=clock,
            limits=RateLimits(settings.redis_url, settings.rate_limit_prefix,
                              on_refusal=lambda name: metrics.rate_limited.labels(name).inc()),
            broker=make_broker(settings.redis_url, settings.rate_limit_prefix),
            keyring=Keyring(db, clock, issuer=settings.issuer, max_token_ttl=settings.access_token_ttl),
            metrics=metrics,
            request_log=RequestLog(db, clock, retention_days=settings.request_log_retention_days,
                                   interval=settings.request_log_interval),
            secrets=SecretBox(settings),
            notifier=make_notifier(settings),
            version=__version__,
        )

    async def close(self) -> None:
        await self.webhook_worker.stop()
        await self.request_log.stop()
        await self.broker.close()
        await self.db.dispose()
