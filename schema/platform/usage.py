"""The admin API dashboard's figures over GraphQL."""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.domains.platform import usage
from schema.runs.types import Info


@strawberry.type(description="One credential's use of the API over the window.")
class ApiUsage:
    credential: str
    kind: str
    name: str
    requests: int
    errors: int
    error_rate: float
    last_seen: datetime
    p50_ms: float
    p95_ms: float
    daily_quota: int
    quota_used: float


@strawberry.type
class UsageQueries:
    @strawberry.field(description="Admins: requests, error rate, last seen, p50/p95 latency and quota use per "
                                  "API key and client over the last `hours` hours.")
    async def api_usage(self, info: Info, hours: int = 24) -> list[ApiUsage]:
        return [ApiUsage(**row.__dict__) for row in await usage.api_usage(info.context, hours)]
