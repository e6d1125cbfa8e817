"""The one authentication backend: whatever credential a request carries becomes a Principal.
Routes then authorise against the principal's scopes (app/auth/*.py rules, called by services)."""

from __future__ import annotations

from starlette.authentication import AuthCredentials, AuthenticationBackend
from starlette.requests import HTTPConnection

from app.auth.credentials import resolve
from app.auth.principal import Principal


class CrosswayAuthBackend(AuthenticationBackend):
    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, Principal]:
        runtime = conn.app.state.runtime
        headers = conn.headers
        principal = await resolve(runtime, headers.get("x-api-key"), headers.get("authorization"), headers.get("x-user-id"))
        return AuthCredentials(sorted(principal.scopes)), principal
