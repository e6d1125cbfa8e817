"""POST /api/v2/token: OAuth 2.0 client credentials."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.auth.oauth import token_response
from app.context import RequestContext
from app.rest.endpoint import Call
from app.rest.hub.family import hub_v2
from app.rest.responses import json_response


class TokenForm(BaseModel):
    grant_type: Literal["client_credentials"]
    scope: str | None = Field(None, description="Space-separated; default: every scope the client may have")
    client_id: str | None = Field(None, description="client_secret_post; or send HTTP Basic (client_secret_basic)")
    client_secret: str | None = None


class TokenResponse(BaseModel):
    access_token: str = Field(description="A JWT signed with a key published at /api/auth/.well-known/jwks.json")
    token_type: Literal["Bearer"]
    expires_in: int
    scope: str


class OAuthError(BaseModel):
    error: str = Field(description="RFC 6749: invalid_client, invalid_scope, invalid_request, unsupported_grant_type")
    error_description: str | None = None


@hub_v2.endpoint("POST", "/api/v2/token", form=TokenForm, tags=["auth"], security=[],
                 responses={200: TokenResponse, 400: OAuthError, 401: OAuthError})
async def issue_token(ctx: RequestContext, call: Call):
    """Exchange client credentials for an access token (RFC 6749 section 4.4). Requests are counted per
    client id and per address (CROSSWAY_TOKEN_LIMIT each); past either, 429 with Retry-After."""
    form = await call.request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    status, body, headers = await token_response(ctx.runtime, str(call.request.url), call.request.headers, fields,
                                                 client_ip=ctx.client_ip or "unknown")
    return json_response(body, status, headers=dict(headers))
