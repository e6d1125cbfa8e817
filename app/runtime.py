"""The process-wide parts a request borrows: settings, database, clock, limits, broker."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.auth.keys import Keyring
from app.domains.approvals.notifier import Notifier, make_notifier
from app.clock import Clock, SystemClock
from app.db import Database
from app.platform.pubsub import Broker, make_broker
from app.platform.ratelimit import RateLimits
from app.settings import Settings


@dataclass
class Runtime:
    settings: Settings
    db: Database
    clock: Clock
    limits: RateLimits
    broker: Broker
    keyring: Keyring
    notifier: Notifier
    version: str = field(default="")

    @classmethod
    def build(cls, settings: Settings, clock: Clock | None = None) -> Runtime:
        from app import __version__

        db = Database(settings.database_url, pool_size=settings.db_pool_size, echo=settings.db_echo)
        clock = clock or SystemClock()
        return cls(
            settings=settings,
            db=db,
            clock=clock,
            limits=RateLimits(settings.redis_url, settings.rate_limit_prefix),
            broker=make_broker(settings.redis_url, settings.rate_limit_prefix),
            keyring=Keyring(db, clock, issuer=settings.issuer, max_token_ttl=settings.access_token_ttl),
            notifier=make_notifier(settings),
            version=__version__,
        )

    async def close(self) -> None:
        await self.broker.close()
        await self.db.dispose()
