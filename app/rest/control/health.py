"""GET /health and GET /."""

from __future__ import annotations

import hashlib

from pydantic import BaseModel
from sqlalchemy.engine import make_url

from app.context import RequestContext
from app.rest.control.family import control
from app.rest.endpoint import Call
from app.rest.responses import json_response


class HealthResponse(BaseModel):
    status: str
    timestamp: str
    service: str
    version: str
    database: str
    database_identity: str
    redis: str
    qdrant: str
    kill_switches: dict[str, bool]


class ServiceInfo(BaseModel):
    service: str
    version: str
    graphql: str
    docs: str
    health: str


def database_identity(url: str) -> str:
    """A stable hash of the database URL (password left out), for drift detection."""
    rendered = make_url(url).render_as_string(hide_password=True)
    return hashlib.sha256(rendered.encode()).hexdigest()[:16]


@control.endpoint("GET", "/health", tags=["health"], responses={200: HealthResponse, 503: HealthResponse})
async def health(ctx: RequestContext, call: Call):
    """Database connectivity, kill switch states and version; 503 when the database is down."""
    runtime, settings = ctx.runtime, ctx.settings
    database_ok = await runtime.db.ping()
    redis_state = "disabled"
    if settings.redis_url:
        redis_state = "connected" if await runtime.limits.storage.check() else "disconnected"
    if not database_ok:
        status = "unhealthy"
    elif redis_state == "disconnected":
        status = "degraded"
    else:
        status = "healthy"
    body = HealthResponse(
        status=status, timestamp=ctx.clock.now().isoformat(), service="crossway", version=runtime.version,
        database="connected" if database_ok else "disconnected",
        database_identity=database_identity(runtime.db.url), redis=redis_state, qdrant="disabled",
        kill_switches={
            "AUTOPACK_ENABLE_PHASE6_METRICS": settings.enable_phase6_metrics,
            "AUTOPACK_ENABLE_CONSOLIDATED_METRICS": settings.enable_consolidated_metrics,
            "AUTO_APPROVE_BUILD113": settings.auto_approve_build113,
        },
    )
    return json_response(body, 200 if database_ok else 503)


@control.endpoint("GET", "/", tags=["health"], responses={200: ServiceInfo})
async def root(ctx: RequestContext, call: Call):
    """Service name and version."""
    return json_response(ServiceInfo(service="crossway", version=ctx.runtime.version, graphql="/graphql",
                                     docs="/docs", health="/health"))
