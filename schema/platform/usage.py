"""The admin API dashboard's figures over GraphQL."""

from __future__ import annotations

import strawberry

from app.domains.platform import usage
from schema.runs.types import Info


ApiUsage = strawberry.type(usage.CredentialUsage, name="ApiUsage",
                           description="One credential's use of the API over the window.")


@strawberry.type
class UsageQueries:
    @strawberry.field(description="Admins: requests, error rate, last seen, p50/p95 latency and quota use per "
                                  "API key and client over the last `hours` hours.")
    async def api_usage(self, info: Info, hours: int = 24) -> list[ApiUsage]:
        return await usage.api_usage(info.context, hours)
