"""/api/auth/oauth: health of Crossway's credentials for external providers (BUILD-189).

Every route needs a bearer user token (401 without); refresh and reset need a superuser (403)."""

from __future__ import annotations

from app.context import RequestContext
from app.domains.credentials import service
from app.domains.credentials.shapes import (
    CredentialHealth,
    EventsQuery,
    HealthReport,
    RefreshQueued,
    ResetDone,
)
from app.rest.control.family import control
from app.rest.endpoint import Call
from app.rest.responses import json_response

BEARER = [{"BearerAuth": []}]
USER = "Bearer user token"
ADMIN = "Bearer user token of a superuser (is_superuser=true)"
UNAUTHENTICATED = {401: "Missing, invalid or expired token"}
UNKNOWN = {404: "No credential stored for the provider"}


@control.endpoint("GET", "/api/auth/oauth/health", tags=["oauth"], security=BEARER, auth=USER,
                  responses={200: HealthReport, **UNAUTHENTICATED})
async def oauth_health(ctx: RequestContext, call: Call):
    """Health report of every stored provider credential, with a summary."""
    return json_response(await service.health_report(ctx))


@control.endpoint("GET", "/api/auth/oauth/health/{provider}", tags=["oauth"], security=BEARER, auth=USER,
                  responses={200: CredentialHealth, **UNAUTHENTICATED, **UNKNOWN})
async def oauth_provider_health(ctx: RequestContext, call: Call):
    """One provider's credential: status, expiry, failure counts."""
    return json_response(await service.provider_health(ctx, call.path("provider")))


@control.endpoint("POST", "/api/auth/oauth/refresh/{provider}", tags=["oauth"], security=BEARER, auth=ADMIN,
                  responses={200: RefreshQueued, **UNAUTHENTICATED, 403: "Admin access required", **UNKNOWN})
async def oauth_refresh(ctx: RequestContext, call: Call):
    """Queue a refresh of the provider's credential."""
    row = await service.request_refresh(ctx, call.path("provider"))
    return json_response(RefreshQueued(provider=row.provider, status="refresh_queued",
                                       message=f"Refresh queued for {row.provider}",
                                       requested_at=row.refresh_requested_at))


@control.endpoint("POST", "/api/auth/oauth/reset/{provider}", tags=["oauth"], security=BEARER, auth=ADMIN,
                  responses={200: ResetDone, **UNAUTHENTICATED, 403: "Admin access required", **UNKNOWN})
async def oauth_reset(ctx: RequestContext, call: Call):
    """Reset the provider's consecutive failure count."""
    row = await service.reset_failures(ctx, call.path("provider"))
    return json_response(ResetDone(provider=row.provider, status="reset",
                                   message=f"Failure count reset for {row.provider}",
                                   health=service.health_of(ctx, row)))


@control.endpoint("GET", "/api/auth/oauth/events", query=EventsQuery, tags=["oauth"], security=BEARER, auth=USER,
                  responses={200: "A JSON list of CredentialEvent, newest first", **UNAUTHENTICATED})
async def oauth_events(ctx: RequestContext, call: Call):
    """Recent credential lifecycle events (created, success, failure, refresh_requested, refreshed, reset)."""
    events = await service.list_events(ctx, call.query.provider, call.query.limit)
    return json_response([e.model_dump(mode="json") for e in events])
