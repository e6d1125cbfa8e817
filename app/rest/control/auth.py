"""The auth router of the run control plane (/api/auth). JWKS: the public half of Crossway's signing keys."""

from __future__ import annotations

from pydantic import BaseModel

from app.context import RequestContext
from app.rest.control.family import control
from app.rest.endpoint import Call
from app.rest.responses import json_response


class JWKS(BaseModel):
    keys: list[dict]


@control.endpoint("GET", "/api/auth/.well-known/jwks.json", tags=["auth"], responses={200: JWKS})
async def jwks(ctx: RequestContext, call: Call):
    """The JSON Web Key Set (RS256) that verifies every token Crossway issues."""
    await ctx.runtime.keyring.ensure_loaded()
    response = json_response(ctx.runtime.keyring.jwks())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
