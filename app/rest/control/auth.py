"""The auth router of the run control plane (/api/auth): register, login, me, and JWKS,
the public half of Crossway's signing keys."""

from __future__ import annotations

from pydantic import BaseModel

from app.context import RequestContext
from app.domains.identity import users
from app.rest.control.family import control
from app.rest.endpoint import Call, parse_json, parse_model
from app.rest.responses import json_response

BEARER = [{"BearerAuth": []}]


class JWKS(BaseModel):
    keys: list[dict]


@control.endpoint("GET", "/api/auth/.well-known/jwks.json", tags=["auth"], responses={200: JWKS})
async def jwks(ctx: RequestContext, call: Call):
    """The JSON Web Key Set (RS256) that verifies every token Crossway issues."""
    await ctx.runtime.keyring.ensure_loaded()
    response = json_response(ctx.runtime.keyring.jwks())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@control.endpoint("POST", "/api/auth/register", body=users.UserCreate, tags=["auth"], security=[],
                  responses={201: users.UserResponse, 400: "Username or email already registered"})
async def register(ctx: RequestContext, call: Call):
    """Register a user (not a superuser: `crossway users create --superuser` makes those)."""
    user = await users.register(ctx, call.body)
    return json_response(users.user_view(user), 201)


@control.endpoint("POST", "/api/auth/login", form=users.LoginForm, tags=["auth"], security=[],
                  responses={200: users.TokenResponse, 401: "Incorrect username or password",
                             422: "username or password missing", 429: "More than 5 attempts per minute"})
async def login(ctx: RequestContext, call: Call):
    """OAuth2 password form (application/x-www-form-urlencoded `username`, `password`) -> a bearer token.

    Every attempt counts against the client's budget (CROSSWAY_LOGIN_LIMIT, default 5 per minute)."""
    content_type = call.request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        fields = await parse_json(call.request)
    else:
        form = await call.request.form(max_files=0, max_fields=20)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
    form_data = parse_model(users.LoginForm, fields, "body")
    done = await users.login(ctx, form_data.username, form_data.password)
    return json_response(users.TokenResponse(access_token=done.access_token, token_type="bearer"))


@control.endpoint("GET", "/api/auth/me", tags=["auth"], security=BEARER, auth="Bearer user token",
                  responses={200: users.UserResponse, 401: "Missing, invalid or expired token"})
async def me(ctx: RequestContext, call: Call):
    """The user the bearer token names."""
    return json_response(users.user_view(await users.current_user(ctx)))
