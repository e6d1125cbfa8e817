"""POST /api/v2/token: OAuth 2.0 client credentials (RFC 6749 section 4.4) through authlib.

authlib's grant flow is synchronous and our persistence is async, so the client
is loaded first (async) and handed to a per-request authorization server whose
`query_client` only ever returns that preloaded client. Access tokens are JWTs
signed by Crossway's key set; authlib produces the RFC 6749 error bodies.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from authlib.oauth2.rfc6749 import AuthorizationServer, ClientMixin, OAuth2Request
from authlib.oauth2.rfc6749.errors import InvalidScopeError
from authlib.oauth2.rfc6749.grants import ClientCredentialsGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6749.util import extract_basic_authorization
from starlette.datastructures import Headers

from app.auth import scopes as sc
from app.auth.secrets import matches
from app.db import SerializedSession
from app.domains.identity import repository as repo
from app.domains.identity.models import ApiConsumer
from app.runtime import Runtime

AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


class ClientRecord(ClientMixin):
    def __init__(self, consumer: ApiConsumer, allowed: frozenset[str], now: datetime) -> None:
        self.consumer = consumer
        self.allowed = allowed
        self.now = now

    def get_client_id(self) -> str:
        return self.consumer.client_id

    def check_client_secret(self, client_secret: str) -> bool:
        """The current secret, or the previous one during a rotation's overlap (both compared, constant time)."""
        consumer = self.consumer
        current = matches(client_secret, consumer.client_secret_hash)
        in_overlap = (consumer.previous_secret_hash is not None and consumer.previous_secret_expires_at is not None
                      and consumer.previous_secret_expires_at > self.now)
        previous = matches(client_secret, consumer.previous_secret_hash or "") and in_overlap
        return current or previous

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in AUTH_METHODS

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "client_credentials"

    def get_allowed_scope(self, scope: str | None) -> str:
        requested = sc.parse_scopes(scope) if scope else self.allowed
        return " ".join(sorted(requested & self.allowed))


class ClientCredentials(ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS

    def validate_requested_scope(self) -> None:
        requested = sc.parse_scopes(self.request.payload.scope)
        client: ClientRecord = self.request.client
        refused = requested - client.allowed
        if refused:
            gated = refused & sc.HUB_WRITE_SCOPES
            why = (" (hub:*:write scopes need an active hub capability manifest)"
                   if gated and client.consumer.hub_id else "")
            raise InvalidScopeError(f"The client may not request: {' '.join(sorted(refused))}{why}")


class _Request(OAuth2Request):
    def __init__(self, uri: str, headers: Headers, form: dict[str, str]) -> None:
        super().__init__("POST", uri, headers=headers)
        self._form = form
        self.payload = BasicOAuth2Payload(form)

    @property
    def args(self) -> dict[str, str]:
        return {}

    @property
    def form(self) -> dict[str, str]:
        return self._form


class _Server(AuthorizationServer):
    def __init__(self, client: ClientRecord | None, runtime: Runtime) -> None:
        super().__init__()
        self._client = client
        self._runtime = runtime
        self.register_grant(ClientCredentials)
        self.register_token_generator("client_credentials", self._token)

    def query_client(self, client_id: str) -> ClientRecord | None:
        return self._client if self._client and self._client.get_client_id() == client_id else None

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        return None  # self-contained JWTs: nothing to store

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> tuple[int, Any, list[tuple[str, str]]]:
        return status, body, list(headers)

    def _token(self, grant_type: str, client: ClientRecord, user: Any = None, scope: str | None = None,
               expires_in: int | None = None, include_refresh_token: bool = False) -> dict[str, Any]:
        settings, now = self._runtime.settings, int(self._runtime.clock.now().timestamp())
        ttl = expires_in or settings.access_token_ttl
        granted = client.get_allowed_scope(scope)
        consumer = client.consumer
        claims = {
            "iss": settings.issuer, "sub": consumer.client_id, "iat": now, "nbf": now, "exp": now + ttl,
            "jti": uuid.uuid4().hex, "scope": granted, "kind": "client", "client_id": consumer.client_id,
            "hub_id": str(consumer.hub_id) if consumer.hub_id else None,
            # The client's budgets travel with the token: a changed budget applies to tokens issued after it.
            "limits": {"per_minute": consumer.rate_per_minute, "per_day": consumer.daily_quota},
        }
        return {"access_token": self._runtime.keyring.sign(claims), "token_type": "Bearer", "expires_in": ttl,
                "scope": granted}


async def token_response(runtime: Runtime, url: str, headers: Headers, form: dict[str, str], *,
                         client_ip: str = "unknown") -> tuple[int, Any, list[tuple[str, str]]]:
    """Run the client credentials grant; returns (status, body, headers) for the door to send. Requests
    are counted per address and per named client id (CROSSWAY_TOKEN_LIMIT each): RateLimited past either."""
    client_id, _ = extract_basic_authorization(headers)
    client_id = client_id or form.get("client_id")
    spec = runtime.settings.token_limit
    await runtime.limits.enforce(spec, "token-address", client_ip)
    if client_id:
        await runtime.limits.enforce(spec, "token-client", client_id[:128])
    record = await _load_client(runtime, client_id) if client_id else None
    await runtime.keyring.ensure_loaded()
    # TLS ends at the proxy in front of Crossway; authlib's transport check would see plain http.
    https_url = "https://" + url.split("://", 1)[-1]
    return _Server(record, runtime).create_token_response(_Request(https_url, headers, form))


async def _load_client(runtime: Runtime, client_id: str) -> ClientRecord | None:
    session = SerializedSession(runtime.db.sessionmaker())
    try:
        consumer = await repo.consumer_by_client_id(session, client_id)
        if consumer is None or consumer.status != "active":
            return None
        manifest_active = consumer.hub_id is not None and await repo.hub_has_active_manifest(session, consumer.hub_id)
    finally:
        await session.close()
    allowed = sc.effective_scopes(sc.parse_scopes(consumer.scopes), hub_manifest_active=manifest_active)
    return ClientRecord(consumer, allowed, runtime.clock.now())
