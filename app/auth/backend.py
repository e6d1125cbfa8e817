"""The one authentication backend: turns whatever credential a request carries
into a Principal. Routes then authorise against the principal's scopes."""

from __future__ import annotations

import hmac

from starlette.authentication import AuthCredentials, AuthenticationBackend
from starlette.requests import HTTPConnection

from app.auth.principal import ANONYMOUS, Principal
from app.settings import Settings

OPERATOR_SCOPES = frozenset({"runs:read", "runs:write"})


class CrosswayAuthBackend(AuthenticationBackend):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, Principal]:
        principal = self.principal_for(conn.headers.get("x-api-key"))
        return AuthCredentials(sorted(principal.scopes)), principal

    def principal_for(self, api_key: str | None) -> Principal:
        if not api_key:
            return ANONYMOUS
        expected = self.settings.control_api_key
        if expected and hmac.compare_digest(api_key.encode(), expected.encode()):
            return Principal(kind="operator", id="autopack-key", scopes=OPERATOR_SCOPES)
        return Principal(rejected_credential="x-api-key")
