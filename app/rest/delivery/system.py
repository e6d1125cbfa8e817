"""GET /v1/health (public) and GET /v1/metrics (metrics:read)."""

from __future__ import annotations

import os

from pydantic import BaseModel

from app.context import RequestContext
from app.domains.delivery import dashboard
from app.domains.delivery import shapes as s
from app.rest.delivery.family import ERRORS, SECURITY, _iso, delivery, envelope, ok
from app.rest.endpoint import Call
from app.rest.responses import json_response



class HealthOut(BaseModel):
    status: str
    timestamp: str
    services: dict[str, str]
    version: str
    errors: list[str] | None = None


class MetricsOut(BaseModel):
    timestamp: str
    time_range: str
    aggregation: str
    metrics: dict[str, float | int | None]


@delivery.endpoint("GET", "/v1/health", tags=["Monitoring"], responses={200: HealthOut, 503: HealthOut})
async def health(ctx: RequestContext, call: Call):  # noqa: ANN201
    """System health check (public endpoint)."""
    runtime, settings = ctx.runtime, ctx.settings
    errors: list[str] = []
    services = {"database": "healthy", "cache": "healthy", "message_queue": "healthy", "storage": "healthy"}
    if not await runtime.db.ping():
        services["database"] = "unhealthy"
        errors.append("Database connection failed")
    if settings.redis_url and not await runtime.limits.storage.check():
        # Redis carries both the shared counters and the pub/sub channel.
        services["cache"] = services["message_queue"] = "unhealthy"
        errors.append("Redis connection failed")
    runs_dir = settings.runs_dir
    if runs_dir.exists() and not os.access(runs_dir, os.W_OK):
        services["storage"] = "unhealthy"
        errors.append("Artifact storage is not writable")
    body = HealthOut(status="unhealthy" if errors else "healthy", timestamp=_iso(ctx.clock.now()), services=services,
                     version=runtime.version, errors=errors or None)
    return json_response(body.model_dump(exclude_none=True), 503 if errors else 200)


@delivery.endpoint("GET", "/v1/metrics", query=s.MetricsQuery, tags=["Monitoring"], security=SECURITY,
                   responses={200: envelope(MetricsOut), **ERRORS}, auth="metrics:read")
async def metrics(ctx: RequestContext, call: Call):  # noqa: ANN201
    """The caller organization's API figures over the time range, from the request log.
    Figures the server does not measure (database, cache, host) are null."""
    query: s.MetricsQuery = call.query
    now = ctx.clock.now()
    traffic = await dashboard.api_traffic(ctx, query.time_range)
    error_rate = round(100 * traffic.server_errors / traffic.requests, 2) if traffic.requests else 0.0
    return ok(ctx, MetricsOut(timestamp=_iso(now), time_range=query.time_range, aggregation=query.aggregation, metrics={
        "api_requests_total": traffic.requests, "api_latency_p50_ms": traffic.p50, "api_latency_p95_ms": traffic.p95,
        "api_latency_p99_ms": traffic.p99, "error_rate_percent": error_rate, "database_query_count": None,
        "database_slow_queries": None, "cache_hit_rate": None, "cpu_percent": None, "memory_percent": None,
    }))
