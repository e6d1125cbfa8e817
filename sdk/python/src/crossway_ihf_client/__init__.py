"""Python client for the Crossway interaction hub API v2 (generated; version 0.1.0).

    from crossway_ihf_client import Client

    with Client("https://hub.example", client_id="...", client_secret="...") as hub:
        widget = hub.register_widget({"name": "pay-button", "widget_type": "button"})
        hub.submit_event({"widget_id": widget["id"], "event_type": "clicked",
                          "occurred_at": "2026-01-01T10:00:00Z"})
        for event in hub.iter_events(widget_id=widget["id"]):
            print(event["event_type"])

Generated from the server's OpenAPI document and its registries: the Literal types below
list the names that were active when this file was produced. Regenerate (download
/api/v2/sdk/ihf-client.py again, saved as crossway_ihf_client.py) to pick up newly registered names.

A bad network is expected: 429, 502, 503 and 504 answers and connection failures are retried with
backoff (see `Client`), every call takes `headers=` (e.g. an Idempotency-Key) and `timeout=`, and a
request that gets no answer raises `NetworkError` (`RequestTimeoutError` for a timeout).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import Any, Literal, NotRequired, TypedDict, cast
from urllib.parse import quote

import httpx

__all__ = [
    "ApiError", "AsyncClient", "AuthenticationError", "Client", "ConflictError", "FieldError",
    "ForbiddenError", "NetworkError", "NotFoundError", "RateLimitedError", "RequestTimeoutError",
    "ServerError", "ValidationError", "verify_signature", "verify_standard_webhook",
]

VERSION = '0.1.0'

# --- registries -------------------------------------------------------------------------------

EventType = Literal[
    'abandoned',
    'accepted_recommendation',
    'blocked_by_policy',
    'clicked',
    'commented',
    'escalated',
    'failed',
    'flagged_confusing',
    'flagged_helpful',
    'focused',
    'rejected_recommendation',
    'retried',
    'submitted',
    'viewed',
]
"""Active names of the event-type registry."""
EVENT_TYPES: tuple[EventType, ...] = ('abandoned', 'accepted_recommendation', 'blocked_by_policy', 'clicked', 'commented', 'escalated', 'failed', 'flagged_confusing', 'flagged_helpful', 'focused', 'rejected_recommendation', 'retried', 'submitted', 'viewed')

WidgetType = Literal[
    'button',
    'card',
    'chart',
    'form',
    'input',
    'list',
    'modal',
    'navigation',
    'recommendation',
    'search',
    'table',
]
"""Active names of the widget-type registry."""
WIDGET_TYPES: tuple[WidgetType, ...] = ('button', 'card', 'chart', 'form', 'input', 'list', 'modal', 'navigation', 'recommendation', 'search', 'table')

AnnotationCategory = Literal[
    'accessibility',
    'bug',
    'confusing',
    'content',
    'helpful',
    'performance',
    'suggestion',
]
"""Active names of the annotation-category registry."""
ANNOTATION_CATEGORIES: tuple[AnnotationCategory, ...] = ('accessibility', 'bug', 'confusing', 'content', 'helpful', 'performance', 'suggestion')

PolicyScope = Literal[
    'confidential',
    'internal',
    'public',
    'restricted',
]
"""Active names of the policy-scope registry."""
POLICY_SCOPES: tuple[PolicyScope, ...] = ('confidential', 'internal', 'public', 'restricted')

# --- schemas ----------------------------------------------------------------------------------


class AnnotationIn(TypedDict):
    """An annotation on a widget. `category` must be an active annotation category."""

    widget_id: str
    category: AnnotationCategory
    body: NotRequired[str | None]
    actor_id: NotRequired[str | None]
    actor_type: NotRequired[str | None]
    event_id: NotRequired[str | None]
    metadata: NotRequired[Mapping[str, Any] | None]


class AnnotationOut(TypedDict):
    id: str
    widget_id: str
    hub_id: str
    category: Literal['accessibility', 'bug', 'confusing', 'content', 'helpful', 'performance', 'suggestion']
    body: str | None
    actor_id: str | None
    actor_type: str | None
    event_id: str | None
    metadata: dict[str, Any] | None
    created_at: str


class AnnotationPage(TypedDict):
    data: list[AnnotationOut]
    next_cursor: str | None
    has_more: bool


class AuditEntryOut(TypedDict):
    id: int
    at: str
    actor: str
    action: str
    subject_kind: str
    subject_id: str
    tenant: str | None
    detail: dict[str, Any] | None


class AuditPage(TypedDict):
    data: list[AuditEntryOut]


class BatchItemResult(TypedDict):
    index: int
    status: Literal['created', 'duplicate', 'rejected']
    id: NotRequired[str | None]
    error: NotRequired[dict[str, Any] | None]


class BatchResult(TypedDict):
    created: int
    duplicates: int
    rejected: int
    results: list[BatchItemResult]


class ClientCreated(TypedDict):
    client_id: str
    client_secret: str
    scopes: str


class ClientIn(TypedDict):
    name: str
    hub: NotRequired[str | None]
    scopes: NotRequired[str | None]
    rate_per_minute: NotRequired[int | None]
    daily_quota: NotRequired[int | None]


class ContractOut(TypedDict):
    name: str
    contract_version: str
    status: str
    required_fields: list[str]
    actor_types: list[str]
    max_metadata_bytes: int


class CredentialChanged(TypedDict):
    credential: CredentialView
    secret: NotRequired[str | None]


class CredentialList(TypedDict):
    data: list[CredentialView]


class CredentialView(TypedDict):
    """One credential as admins see it: never its secret or hash."""

    kind: str
    id: str
    name: NotRequired[str | None]
    status: str
    tenant: NotRequired[str | None]
    scopes: NotRequired[list[str]]
    created_at: NotRequired[str | None]
    last_used_at: NotRequired[str | None]
    expires_at: NotRequired[str | None]
    overlap_ends_at: NotRequired[str | None]


class DecisionRecordOut(TypedDict):
    id: str
    requirement_candidate_id: str
    hub_id: str
    decision: str
    rationale: str | None
    decided_by: str | None
    decided_at: str


class DecisionRecordPage(TypedDict):
    data: list[DecisionRecordOut]
    next_cursor: str | None
    has_more: bool


class DeliveryList(TypedDict):
    data: list[DeliveryOut]


class DeliveryOut(TypedDict):
    id: str
    outbox_id: str
    attempt: int
    status_code: int | None
    outcome: str
    error: str | None
    duration_ms: float
    attempted_at: str


class DeploymentRecordOut(TypedDict):
    id: str
    decision_record_id: str
    hub_id: str
    widget_id: str | None
    widget_version: int | None
    environment: str
    deployed_at: str


class DeploymentRecordPage(TypedDict):
    data: list[DeploymentRecordOut]
    next_cursor: str | None
    has_more: bool


class EventBatchIn(TypedDict):
    events: list[Mapping[str, Any]]


class EventIn(TypedDict):
    """One interaction event. `event_type` must be an active entry of the event type registry."""

    widget_id: str
    event_type: EventType
    occurred_at: str
    actor_id: NotRequired[str | None]
    actor_type: NotRequired[str | None]
    view_context_ref: NotRequired[str | None]
    metadata: NotRequired[Mapping[str, Any] | None]
    client_event_id: NotRequired[str | None]


class EventOut(TypedDict):
    id: str
    widget_id: str
    hub_id: str
    event_type: Literal['abandoned', 'accepted_recommendation', 'blocked_by_policy', 'clicked', 'commented', 'escalated', 'failed', 'flagged_confusing', 'flagged_helpful', 'focused', 'rejected_recommendation', 'retried', 'submitted', 'viewed']
    occurred_at: str
    received_at: str
    actor_id: str | None
    actor_type: str | None
    view_context_ref: str | None
    metadata: dict[str, Any] | None
    client_event_id: str | None


class EventPage(TypedDict):
    data: list[EventOut]
    next_cursor: str | None
    has_more: bool


class HubCreated(TypedDict):
    hub_id: str
    slug: str
    name: str
    api_key: str


class HubIn(TypedDict):
    slug: str
    name: str
    domain: NotRequired[str | None]


class KeyCreated(TypedDict):
    key_id: str
    key_prefix: str
    api_key: str
    scopes: str


class KeyIn(TypedDict):
    name: str
    hub: NotRequired[str | None]
    scopes: NotRequired[str | None]
    rate_per_minute: NotRequired[int | None]
    daily_quota: NotRequired[int | None]


class KeyRevoked(TypedDict):
    key_id: str
    revoked_at: str


class ManifestIn(TypedDict):
    event_types: NotRequired[list[str]]
    widget_types: NotRequired[list[str]]


class ManifestOut(TypedDict):
    id: str
    hub_id: str
    version: int
    status: str
    event_types: list[str]
    widget_types: list[str]
    created_at: str


class OAuthError(TypedDict):
    error: str
    error_description: NotRequired[str | None]


class OutcomeSignalOut(TypedDict):
    id: str
    deployment_record_id: str
    hub_id: str
    metric: str
    value: float
    baseline: float | None
    recorded_at: str


class OutcomeSignalPage(TypedDict):
    data: list[OutcomeSignalOut]
    next_cursor: str | None
    has_more: bool


class RegistryEntryIn(TypedDict):
    name: str
    description: NotRequired[str | None]
    hub: NotRequired[str | None]


class RegistryEntryOut(TypedDict):
    name: str
    description: str | None
    status: str
    owner_hub_id: str | None
    created_at: str


class RegistryList(TypedDict):
    data: list[RegistryEntryOut]


class RequirementCandidateOut(TypedDict):
    id: str
    hub_id: str
    widget_id: str | None
    title: str
    description: str | None
    source_annotation_ids: list[str]
    status: str
    created_at: str


class RequirementCandidatePage(TypedDict):
    data: list[RequirementCandidateOut]
    next_cursor: str | None
    has_more: bool


class SubscriptionCreated(TypedDict):
    id: str
    topic: str
    url: str
    hub_id: str | None
    active: bool
    created_at: str
    secret: str


class SubscriptionIn(TypedDict):
    topic: str
    url: str
    hub: NotRequired[str | None]


class SubscriptionList(TypedDict):
    data: list[SubscriptionOut]


class SubscriptionOut(TypedDict):
    id: str
    topic: str
    url: str
    hub_id: str | None
    active: bool
    created_at: str


class TokenResponse(TypedDict):
    access_token: str
    token_type: Literal['Bearer']
    expires_in: int
    scope: str


class WidgetIn(TypedDict):
    """Register a widget for the caller's hub; registering the same name again makes a new version."""

    name: str
    widget_type: WidgetType
    capability_ref: NotRequired[str | None]
    view_context: NotRequired[str | None]
    policy_scope: NotRequired[PolicyScope]
    status: NotRequired[Literal['active', 'deprecated']]
    hub: NotRequired[str | None]


class WidgetOut(TypedDict):
    id: str
    hub_id: str
    name: str
    widget_type: Literal['button', 'card', 'chart', 'form', 'input', 'list', 'modal', 'navigation', 'recommendation', 'search', 'table']
    capability_ref: str | None
    view_context: str | None
    policy_scope: str
    status: str
    version: int
    created_at: str
    updated_at: str


class WidgetPage(TypedDict):
    data: list[WidgetOut]
    next_cursor: str | None
    has_more: bool


# --- errors -------------------------------------------------------------------------------------


class FieldError(TypedDict):
    field: str
    message: str


class ApiError(Exception):
    """A refusal from the server: `code`, `message` and, when the server says so, `registry`
    (an unregistered value), `field`, `errors` (field problems) and `required_scope`."""

    def __init__(self, status: int, body: Any, headers: Mapping[str, str]) -> None:
        data: dict[str, Any] = body if isinstance(body, dict) else {}
        self.status = status
        self.body = body
        self.headers = dict(headers)
        self.code: str = str(data.get("code") or data.get("error") or f"http_{status}")
        self.message: str = str(data.get("message") or data.get("error_description") or data.get("error")
                                or (body if isinstance(body, str) else "") or f"HTTP {status}")
        self.registry: str | None = data.get("registry")
        self.field: str | None = data.get("field")
        self.help: str | None = data.get("help")
        self.required_scope: str | None = data.get("required_scope")
        self.errors: list[FieldError] = [
            FieldError(field=str(e.get("field", "")), message=str(e.get("message", "")))
            for e in data.get("errors") or [] if isinstance(e, dict)
        ]
        self.retry_after: float | None = _retry_after(headers)
        super().__init__(f"{status} {self.code}: {self.message}")


class AuthenticationError(ApiError):
    """401: missing, wrong or expired credentials."""


class ForbiddenError(ApiError):
    """403: the credentials lack a scope (see `required_scope`)."""


class NotFoundError(ApiError):
    """404."""


class ConflictError(ApiError):
    """409."""


class ValidationError(ApiError):
    """422: `code` says why; `registry` names the registry of an unregistered value."""


class RateLimitedError(ApiError):
    """429 after the retries ran out (or when Retry-After is longer than `max_retry_wait`)."""


class ServerError(ApiError):
    """5xx (502, 503 and 504 after the retries ran out, for calls that may be retried)."""


class NetworkError(Exception):
    """No answer came back: the connection could not be made, broke, or timed out. `method` and `url`
    say which call; `__cause__` is httpx's exception."""

    def __init__(self, message: str, *, method: str, url: str) -> None:
        super().__init__(f"{method} {url}: {message}")
        self.method = method
        self.url = url


class RequestTimeoutError(NetworkError):
    """No complete answer within the timeout."""


# Answers worth another try: too many requests, and a gateway or server that is away for a moment.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
# Methods that may be sent twice without doing twice what they do; any other method is retried only
# when its call carries an Idempotency-Key header (or never reached the server).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

_ERRORS: dict[int, type[ApiError]] = {
    401: AuthenticationError, 403: ForbiddenError, 404: NotFoundError, 409: ConflictError,
    422: ValidationError, 429: RateLimitedError,
}


def _error(response: httpx.Response) -> ApiError:
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    kind = _ERRORS.get(response.status_code, ServerError if response.status_code >= 500 else ApiError)
    return kind(response.status_code, body, response.headers)


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = headers.get("retry-after") or headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _quote(value: str) -> str:
    return quote(str(value), safe="")


# --- webhooks -----------------------------------------------------------------------------------


def _raw(body: bytes | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else body


def verify_signature(secret: str, body: bytes | str, header: str | None) -> bool:
    """Check `X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`, keyed with the
    subscription's secret string. Pass the body exactly as received."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode("utf-8"), _raw(body), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


def verify_standard_webhook(secret: str, headers: Mapping[str, str], body: bytes | str, *,
                            tolerance_seconds: float | None = 300, now: float | None = None) -> bool:
    """Check the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and
    `webhook-signature` (`v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed with the
    base64-decoded part of a `whsec_...` secret). Timestamps further than `tolerance_seconds`
    from `now` are refused (None turns the check off)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    message_id, timestamp, signatures = (lowered.get(h) for h in ("webhook-id", "webhook-timestamp", "webhook-signature"))
    if not message_id or not timestamp or not signatures:
        return False
    try:
        sent_at = int(timestamp)
        key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except ValueError:
        return False
    if tolerance_seconds is not None and abs((time.time() if now is None else now) - sent_at) > tolerance_seconds:
        return False
    signed = message_id.encode("utf-8") + b"." + timestamp.encode("utf-8") + b"." + _raw(body)
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")
    valid = False
    for candidate in signatures.split():
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(expected, value):
            valid = True
    return valid


# --- the clients --------------------------------------------------------------------------------


class _Base:
    def __init__(self, base_url: str, *, client_id: str | None, client_secret: str | None, scope: str | None,
                 api_key: str | None, access_token: str | None, max_retries: int, max_retry_wait: float,
                 renew_before: float, retry_backoff: float) -> None:
        if (client_id is None) != (client_secret is None):
            raise ValueError("client_id and client_secret go together")
        self.base_url = base_url.rstrip("/")
        self.client_id, self.client_secret, self.scope = client_id, client_secret, scope
        self.api_key = api_key
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.retry_backoff = retry_backoff
        self.renew_before = renew_before
        self._token: str | None = access_token
        self._token_expires: float | None = None

    def _token_fresh(self) -> bool:
        if self._token is None:
            return False
        return self._token_expires is None or time.monotonic() < self._token_expires - self.renew_before

    def _uses_client_credentials(self) -> bool:
        return self.client_id is not None

    def _store_token(self, issued: TokenResponse) -> None:
        self._token = issued["access_token"]
        self._token_expires = time.monotonic() + float(issued["expires_in"])

    def _token_request(self, scope: str | None) -> tuple[dict[str, str], tuple[str, str]]:
        if self.client_id is None or self.client_secret is None:
            raise ValueError("client_id and client_secret are needed for a token")
        form = {"grant_type": "client_credentials"}
        if scope:
            form["scope"] = scope
        return form, (self.client_id, self.client_secret)

    def _auth_headers(self) -> dict[str, str]:
        if self._token is not None:
            return {"Authorization": f"Bearer {self._token}"}
        if self.api_key is not None:
            return {"X-API-Key": self.api_key}
        return {}

    def _backoff(self, attempt: int) -> float:
        """Exponential, capped at max_retry_wait, with jitter so that clients do not come back together."""
        return min(self.max_retry_wait, self.retry_backoff * 2.0 ** attempt) * random.uniform(0.5, 1.0)  # noqa: S311

    @staticmethod
    def _replayable(method: str, headers: Mapping[str, str]) -> bool:
        return method in IDEMPOTENT_METHODS or any(k.lower() == "idempotency-key" for k in headers)

    def _wait_for(self, response: httpx.Response, attempt: int, replayable: bool) -> float | None:
        """Seconds to wait before sending again, or None to give up. A 429 was refused before any work,
        so it is retried for every method; 502-504 only for calls that may be sent twice."""
        if attempt >= self.max_retries or response.status_code not in RETRY_STATUSES:
            return None
        if response.status_code != 429 and not replayable:
            return None
        wait = _retry_after(response.headers)
        wait = self._backoff(attempt) if wait is None else wait
        return wait if wait <= self.max_retry_wait else None

    def _wait_after(self, error: httpx.TransportError, attempt: int, replayable: bool) -> float | None:
        """Seconds to wait after a failed connection, or None to give up: a connection that was never made
        is always safe to try again; one that broke later only for calls that may be sent twice."""
        if attempt >= self.max_retries:
            return None
        if isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout)) or replayable:
            return self._backoff(attempt)
        return None

    @staticmethod
    def _network_error(error: httpx.TransportError, method: str, url: str) -> NetworkError:
        kind = RequestTimeoutError if isinstance(error, httpx.TimeoutException) else NetworkError
        return kind(str(error) or type(error).__name__, method=method, url=url)

    @staticmethod
    def _decode(response: httpx.Response, json_body: bool) -> Any:
        if not json_body:
            return response.text
        return response.json() if response.content else None

    @staticmethod
    def _params(values: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in values.items() if v is not None}


class Client(_Base):
    """Synchronous client. Authenticate with `client_id`/`client_secret` (a token is fetched and
    renewed `renew_before` seconds before it expires), with `api_key` (sent as X-API-Key), or
    with a ready `access_token`.

    Retries: a 429 is retried up to `max_retries` times after the server's Retry-After (unless that is
    longer than `max_retry_wait` seconds); 502, 503, 504 and broken connections are retried the same
    way (Retry-After if given, else `retry_backoff` x 2^n seconds with jitter) for GET, PUT, DELETE and
    calls whose `headers` carry an Idempotency-Key; a connection that could not be made is retried for
    every call. `timeout` (seconds) applies to each phase of a request; every call can set its own."""

    def __init__(self, base_url: str, *, client_id: str | None = None, client_secret: str | None = None,
                 scope: str | None = None, api_key: str | None = None, access_token: str | None = None,
                 max_retries: int = 3, max_retry_wait: float = 120.0, renew_before: float = 30.0,
                 timeout: float = 30.0, retry_backoff: float = 0.5, http: httpx.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        super().__init__(base_url, client_id=client_id, client_secret=client_secret, scope=scope, api_key=api_key,
                         access_token=access_token, max_retries=max_retries, max_retry_wait=max_retry_wait,
                         renew_before=renew_before, retry_backoff=retry_backoff)
        self._http = http or httpx.Client(timeout=timeout)
        self._owns_http = http is None
        self._sleep = sleep

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def issue_token(self, scope: str | None = None) -> TokenResponse:
        """Exchange the client credentials for an access token (client_secret_basic) and keep it."""
        form, auth = self._token_request(scope or self.scope)
        issued = cast(TokenResponse, self._send("POST", '/api/v2/token', data=form, basic=auth,
                                                replayable=True))
        self._store_token(issued)
        return issued

    def _authenticate(self) -> None:
        if self._uses_client_credentials() and not self._token_fresh():
            self.issue_token()

    def _send(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None,
              data: Mapping[str, str] | None = None, authenticated: bool = False,
              basic: tuple[str, str] | None = None, json_body: bool = True,
              headers: Mapping[str, str] | None = None, timeout: float | None = None,
              replayable: bool | None = None) -> Any:
        attempt, renewed = 0, False
        extra = dict(headers or {})
        replay = self._replayable(method, extra) if replayable is None else replayable
        url = self.base_url + path
        while True:
            sent: dict[str, str] = {}
            if authenticated:
                self._authenticate()
                sent = self._auth_headers()
            sent.update(extra)
            try:
                response = self._http.request(method, url, params=self._params(params or {}), json=json, data=data,
                                              headers=sent, auth=basic,
                                              timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout)
            except httpx.TransportError as error:
                pause = self._wait_after(error, attempt, replay)
                if pause is None:
                    raise self._network_error(error, method, url) from error
                attempt += 1
                self._sleep(pause)
                continue
            if (response.status_code == 401 and authenticated and self._uses_client_credentials()
                    and not renewed):
                renewed, self._token = True, None
                continue
            wait = self._wait_for(response, attempt, replay)
            if wait is not None:
                attempt += 1
                self._sleep(wait)
                continue
            if response.status_code >= 400:
                raise _error(response)
            return self._decode(response, json_body)

    def admin_add_registry_entry(self, registry: str, body: RegistryEntryIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryEntryOut:
        """Register an event type, widget type, annotation category or policy scope (POST /api/v2/admin/registry/{registry})"""
        return cast('RegistryEntryOut', self._send(
            'POST', f'/api/v2/admin/registry/{_quote(registry)}',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_create_client(self, body: ClientIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> ClientCreated:
        """Create an OAuth client (client credentials); the secret is shown once. (POST /api/v2/admin/clients)"""
        return cast('ClientCreated', self._send(
            'POST', '/api/v2/admin/clients',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_create_hub(self, body: HubIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> HubCreated:
        """Create a hub and its v1 key. (POST /api/v2/admin/hubs)"""
        return cast('HubCreated', self._send(
            'POST', '/api/v2/admin/hubs',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_create_key(self, body: KeyIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> KeyCreated:
        """Create an API key; the key is shown once. (POST /api/v2/admin/keys)"""
        return cast('KeyCreated', self._send(
            'POST', '/api/v2/admin/keys',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_credentials_change_credential(self, kind: str, ident: str, action: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> CredentialChanged:
        """`action`: disable, enable, revoke or rotate. A rotation answers the new secret once; the previous (POST /api/v2/admin/credentials/{kind}/{ident}/{action})"""
        return cast('CredentialChanged', self._send(
            'POST', f'/api/v2/admin/credentials/{_quote(kind)}/{_quote(ident)}/{_quote(action)}',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_credentials_list_credentials(self, kind: str, *, tenant: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> CredentialList:
        """Every credential of a kind (secrets and hashes never appear). (GET /api/v2/admin/credentials/{kind})"""
        return cast('CredentialList', self._send(
            'GET', f'/api/v2/admin/credentials/{_quote(kind)}',
            params={ 'tenant': tenant, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_credentials_read_audit_log(self, *, kind: str | None = None, subject: str | None = None, tenant: str | None = None, before: int | None = None, limit: int | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> AuditPage:
        """Changes to credentials, registry entries and manifests, newest first. (GET /api/v2/admin/audit-log)"""
        return cast('AuditPage', self._send(
            'GET', '/api/v2/admin/audit-log',
            params={ 'kind': kind, 'subject': subject, 'tenant': tenant, 'before': before, 'limit': limit, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_credentials_retire_registry_entry(self, registry: str, name: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryEntryOut:
        """Retire a registry entry: submissions naming it are refused from now on. (DELETE /api/v2/admin/registry/{registry}/{name})"""
        return cast('RegistryEntryOut', self._send(
            'DELETE', f'/api/v2/admin/registry/{_quote(registry)}/{_quote(name)}',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_credentials_show_credential(self, kind: str, ident: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> CredentialView:
        """One credential: its status, tenant, scopes and any rotation overlap. (GET /api/v2/admin/credentials/{kind}/{ident})"""
        return cast('CredentialView', self._send(
            'GET', f'/api/v2/admin/credentials/{_quote(kind)}/{_quote(ident)}',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_publish_manifest(self, slug: str, body: ManifestIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> ManifestOut:
        """Publish a new active capability manifest (the previous one retires). (POST /api/v2/admin/hubs/{slug}/manifests)"""
        return cast('ManifestOut', self._send(
            'POST', f'/api/v2/admin/hubs/{_quote(slug)}/manifests',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def admin_retire_manifest(self, slug: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """Retire the hub's active manifest: its clients and keys lose their hub:*:write scopes. (DELETE /api/v2/admin/hubs/{slug}/manifests/active)"""
        return cast('str', self._send(
            'DELETE', f'/api/v2/admin/hubs/{_quote(slug)}/manifests/active',
            authenticated=True, json_body=False, headers=headers, timeout=timeout))

    def admin_revoke_key(self, key_id: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> KeyRevoked:
        """Revoke an API key; it stops working at once. (POST /api/v2/admin/keys/{key_id}/revoke)"""
        return cast('KeyRevoked', self._send(
            'POST', f'/api/v2/admin/keys/{_quote(key_id)}/revoke',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def create_subscription(self, body: SubscriptionIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> SubscriptionCreated:
        """Subscribe a URL to one topic; deliveries are signed with the returned secret. (POST /api/v2/webhook-subscriptions)"""
        return cast('SubscriptionCreated', self._send(
            'POST', '/api/v2/webhook-subscriptions',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def delete_subscription(self, subscription_id: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> SubscriptionOut:
        """Stop a subscription; its delivery log is kept. (DELETE /api/v2/webhook-subscriptions/{subscription_id})"""
        return cast('SubscriptionOut', self._send(
            'DELETE', f'/api/v2/webhook-subscriptions/{_quote(subscription_id)}',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def delivery_log(self, subscription_id: str, *, limit: int | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> DeliveryList:
        """Every delivery attempt, newest first. (GET /api/v2/webhook-subscriptions/{subscription_id}/deliveries)"""
        return cast('DeliveryList', self._send(
            'GET', f'/api/v2/webhook-subscriptions/{_quote(subscription_id)}/deliveries',
            params={ 'limit': limit, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def get_contract(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> ContractOut:
        """Public: the active interaction reporting contract, which governs validation. (GET /api/v2/contract)"""
        return cast('ContractOut', self._send(
            'GET', '/api/v2/contract',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    def list_annotation_categories(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryList:
        """Public: every entry of the annotation-category registry. (GET /api/v2/annotation-categories)"""
        return cast('RegistryList', self._send(
            'GET', '/api/v2/annotation-categories',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    def list_annotations(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, category: AnnotationCategory | None = None, actor_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> AnnotationPage:
        """Annotations, newest first; filter by widget, category, actor and time range. (GET /api/v2/annotations)"""
        return cast('AnnotationPage', self._send(
            'GET', '/api/v2/annotations',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, 'category': category, 'actor_id': actor_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def iter_annotations(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, category: AnnotationCategory | None = None, actor_id: str | None = None) -> Iterator[AnnotationOut]:
        """Every item of GET /api/v2/annotations, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = self.list_annotations(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, category=category, actor_id=actor_id, )
            yield from page["data"]
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    def list_decision_records(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> DecisionRecordPage:
        """Decisions taken on requirement candidates. Newest first. (GET /api/v2/decision-records)"""
        return cast('DecisionRecordPage', self._send(
            'GET', '/api/v2/decision-records',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def iter_decision_records(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None) -> Iterator[DecisionRecordOut]:
        """Every item of GET /api/v2/decision-records, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = self.list_decision_records(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, )
            yield from page["data"]
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    def list_deployment_records(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> DeploymentRecordPage:
        """Deployments of accepted decisions. Newest first. (GET /api/v2/deployment-records)"""
        return cast('DeploymentRecordPage', self._send(
            'GET', '/api/v2/deployment-records',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def iter_deployment_records(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None) -> Iterator[DeploymentRecordOut]:
        """Every item of GET /api/v2/deployment-records, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = self.list_deployment_records(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, )
            yield from page["data"]
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    def list_event_types(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryList:
        """Public: every entry of the event-type registry. (GET /api/v2/event-types)"""
        return cast('RegistryList', self._send(
            'GET', '/api/v2/event-types',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    def list_events(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, event_type: EventType | None = None, actor_id: str | None = None, actor_type: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> EventPage:
        """Interaction events, newest first; filter by widget, event type, actor and time range. (GET /api/v2/interaction-events)"""
        return cast('EventPage', self._send(
            'GET', '/api/v2/interaction-events',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, 'event_type': event_type, 'actor_id': actor_id, 'actor_type': actor_type, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def iter_events(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, event_type: EventType | None = None, actor_id: str | None = None, actor_type: str | None = None) -> Iterator[EventOut]:
        """Every item of GET /api/v2/interaction-events, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = self.list_events(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, event_type=event_type, actor_id=actor_id, actor_type=actor_type, )
            yield from page["data"]
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    def list_outcome_signals(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> OutcomeSignalPage:
        """Measured outcomes of deployments. Newest first. (GET /api/v2/outcome-signals)"""
        return cast('OutcomeSignalPage', self._send(
            'GET', '/api/v2/outcome-signals',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def iter_outcome_signals(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None) -> Iterator[OutcomeSignalOut]:
        """Every item of GET /api/v2/outcome-signals, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = self.list_outcome_signals(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, )
            yield from page["data"]
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    def list_policy_scopes(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryList:
        """Public: every entry of the policy-scope registry. (GET /api/v2/policy-scopes)"""
        return cast('RegistryList', self._send(
            'GET', '/api/v2/policy-scopes',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    def list_requirement_candidates(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RequirementCandidatePage:
        """Requirement candidates raised from feedback. Newest first. (GET /api/v2/requirement-candidates)"""
        return cast('RequirementCandidatePage', self._send(
            'GET', '/api/v2/requirement-candidates',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def iter_requirement_candidates(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None) -> Iterator[RequirementCandidateOut]:
        """Every item of GET /api/v2/requirement-candidates, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = self.list_requirement_candidates(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, )
            yield from page["data"]
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    def list_subscriptions(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> SubscriptionList:
        """The caller's (or, for admins, every) active subscription. (GET /api/v2/webhook-subscriptions)"""
        return cast('SubscriptionList', self._send(
            'GET', '/api/v2/webhook-subscriptions',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def list_widget_types(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryList:
        """Public: every entry of the widget-type registry. (GET /api/v2/widget-types)"""
        return cast('RegistryList', self._send(
            'GET', '/api/v2/widget-types',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    def list_widgets(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, widget_type: WidgetType | None = None, status: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> WidgetPage:
        """Widgets, newest first; filter by widget type and status. (GET /api/v2/widgets)"""
        return cast('WidgetPage', self._send(
            'GET', '/api/v2/widgets',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'widget_type': widget_type, 'status': status, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def iter_widgets(self, *, limit: int | None = None, hub: str | None = None, widget_type: WidgetType | None = None, status: str | None = None) -> Iterator[WidgetOut]:
        """Every item of GET /api/v2/widgets, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = self.list_widgets(limit=limit, cursor=cursor, hub=hub, widget_type=widget_type, status=status, )
            yield from page["data"]
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    def openapi_document(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> dict[str, Any]:
        """This document, with the registries' current names as enums. (GET /api/v2/openapi.json)"""
        return cast('dict[str, Any]', self._send(
            'GET', '/api/v2/openapi.json',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    def python_client(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """A Python client for this API, with the registries' current names as Literal types. (GET /api/v2/sdk/ihf-client.py)"""
        return cast('str', self._send(
            'GET', '/api/v2/sdk/ihf-client.py',
            authenticated=False, json_body=False, headers=headers, timeout=timeout))

    def redeliver(self, subscription_id: str, delivery_id: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """Queue the event of a past attempt again, with fresh retries. (POST /api/v2/webhook-subscriptions/{subscription_id}/deliveries/{delivery_id}/redeliver)"""
        return cast('str', self._send(
            'POST', f'/api/v2/webhook-subscriptions/{_quote(subscription_id)}/deliveries/{_quote(delivery_id)}/redeliver',
            authenticated=True, json_body=False, headers=headers, timeout=timeout))

    def register_widget(self, body: WidgetIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> WidgetOut:
        """Register a widget for the caller's hub; the same name again records a new version. (POST /api/v2/widgets)"""
        return cast('WidgetOut', self._send(
            'POST', '/api/v2/widgets',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def submit_annotation(self, body: AnnotationIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> AnnotationOut:
        """Submit an annotation; its category must be registered. (POST /api/v2/annotations)"""
        return cast('AnnotationOut', self._send(
            'POST', '/api/v2/annotations',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def submit_batch(self, body: EventBatchIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> BatchResult:
        """Submit up to 1,000 events; each is validated on its own and gets a result of its own. (POST /api/v2/interaction-events/batch)"""
        return cast('BatchResult', self._send(
            'POST', '/api/v2/interaction-events/batch',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def submit_event(self, body: EventIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> EventOut:
        """Submit one event. `client_event_id` (or an Idempotency-Key header) makes a retry a no-op. (POST /api/v2/interaction-events)"""
        return cast('EventOut', self._send(
            'POST', '/api/v2/interaction-events',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    def swagger_ui(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """Swagger UI over /api/v2/openapi.json. (GET /api/v2/docs)"""
        return cast('str', self._send(
            'GET', '/api/v2/docs',
            authenticated=False, json_body=False, headers=headers, timeout=timeout))

    def typescript_client(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """A TypeScript client for this API, with the registries' current names as union types. (GET /api/v2/sdk/ihf-client.ts)"""
        return cast('str', self._send(
            'GET', '/api/v2/sdk/ihf-client.ts',
            authenticated=False, json_body=False, headers=headers, timeout=timeout))


class AsyncClient(_Base):
    """The asyncio twin of `Client`, on httpx.AsyncClient (a cancelled task cancels its request)."""

    def __init__(self, base_url: str, *, client_id: str | None = None, client_secret: str | None = None,
                 scope: str | None = None, api_key: str | None = None, access_token: str | None = None,
                 max_retries: int = 3, max_retry_wait: float = 120.0, renew_before: float = 30.0,
                 timeout: float = 30.0, retry_backoff: float = 0.5, http: httpx.AsyncClient | None = None,
                 sleep: Callable[[float], Awaitable[None]] | None = None) -> None:
        super().__init__(base_url, client_id=client_id, client_secret=client_secret, scope=scope, api_key=api_key,
                         access_token=access_token, max_retries=max_retries, max_retry_wait=max_retry_wait,
                         renew_before=renew_before, retry_backoff=retry_backoff)
        self._http = http or httpx.AsyncClient(timeout=timeout)
        self._owns_http = http is None
        self._sleep = sleep or _asyncio_sleep

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def issue_token(self, scope: str | None = None) -> TokenResponse:
        """Exchange the client credentials for an access token (client_secret_basic) and keep it."""
        form, auth = self._token_request(scope or self.scope)
        issued = cast(TokenResponse, await self._send("POST", '/api/v2/token', data=form, basic=auth,
                                                      replayable=True))
        self._store_token(issued)
        return issued

    async def _authenticate(self) -> None:
        if self._uses_client_credentials() and not self._token_fresh():
            await self.issue_token()

    async def _send(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, json: Any = None,
                    data: Mapping[str, str] | None = None, authenticated: bool = False,
                    basic: tuple[str, str] | None = None, json_body: bool = True,
                    headers: Mapping[str, str] | None = None, timeout: float | None = None,
                    replayable: bool | None = None) -> Any:
        attempt, renewed = 0, False
        extra = dict(headers or {})
        replay = self._replayable(method, extra) if replayable is None else replayable
        url = self.base_url + path
        while True:
            sent: dict[str, str] = {}
            if authenticated:
                await self._authenticate()
                sent = self._auth_headers()
            sent.update(extra)
            try:
                response = await self._http.request(method, url, params=self._params(params or {}), json=json, data=data,
                                                    headers=sent, auth=basic,
                                                    timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout)
            except httpx.TransportError as error:
                pause = self._wait_after(error, attempt, replay)
                if pause is None:
                    raise self._network_error(error, method, url) from error
                attempt += 1
                await self._sleep(pause)
                continue
            if (response.status_code == 401 and authenticated and self._uses_client_credentials()
                    and not renewed):
                renewed, self._token = True, None
                continue
            wait = self._wait_for(response, attempt, replay)
            if wait is not None:
                attempt += 1
                await self._sleep(wait)
                continue
            if response.status_code >= 400:
                raise _error(response)
            return self._decode(response, json_body)

    async def admin_add_registry_entry(self, registry: str, body: RegistryEntryIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryEntryOut:
        """Register an event type, widget type, annotation category or policy scope (POST /api/v2/admin/registry/{registry})"""
        return cast('RegistryEntryOut', await self._send(
            'POST', f'/api/v2/admin/registry/{_quote(registry)}',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_create_client(self, body: ClientIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> ClientCreated:
        """Create an OAuth client (client credentials); the secret is shown once. (POST /api/v2/admin/clients)"""
        return cast('ClientCreated', await self._send(
            'POST', '/api/v2/admin/clients',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_create_hub(self, body: HubIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> HubCreated:
        """Create a hub and its v1 key. (POST /api/v2/admin/hubs)"""
        return cast('HubCreated', await self._send(
            'POST', '/api/v2/admin/hubs',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_create_key(self, body: KeyIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> KeyCreated:
        """Create an API key; the key is shown once. (POST /api/v2/admin/keys)"""
        return cast('KeyCreated', await self._send(
            'POST', '/api/v2/admin/keys',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_credentials_change_credential(self, kind: str, ident: str, action: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> CredentialChanged:
        """`action`: disable, enable, revoke or rotate. A rotation answers the new secret once; the previous (POST /api/v2/admin/credentials/{kind}/{ident}/{action})"""
        return cast('CredentialChanged', await self._send(
            'POST', f'/api/v2/admin/credentials/{_quote(kind)}/{_quote(ident)}/{_quote(action)}',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_credentials_list_credentials(self, kind: str, *, tenant: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> CredentialList:
        """Every credential of a kind (secrets and hashes never appear). (GET /api/v2/admin/credentials/{kind})"""
        return cast('CredentialList', await self._send(
            'GET', f'/api/v2/admin/credentials/{_quote(kind)}',
            params={ 'tenant': tenant, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_credentials_read_audit_log(self, *, kind: str | None = None, subject: str | None = None, tenant: str | None = None, before: int | None = None, limit: int | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> AuditPage:
        """Changes to credentials, registry entries and manifests, newest first. (GET /api/v2/admin/audit-log)"""
        return cast('AuditPage', await self._send(
            'GET', '/api/v2/admin/audit-log',
            params={ 'kind': kind, 'subject': subject, 'tenant': tenant, 'before': before, 'limit': limit, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_credentials_retire_registry_entry(self, registry: str, name: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryEntryOut:
        """Retire a registry entry: submissions naming it are refused from now on. (DELETE /api/v2/admin/registry/{registry}/{name})"""
        return cast('RegistryEntryOut', await self._send(
            'DELETE', f'/api/v2/admin/registry/{_quote(registry)}/{_quote(name)}',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_credentials_show_credential(self, kind: str, ident: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> CredentialView:
        """One credential: its status, tenant, scopes and any rotation overlap. (GET /api/v2/admin/credentials/{kind}/{ident})"""
        return cast('CredentialView', await self._send(
            'GET', f'/api/v2/admin/credentials/{_quote(kind)}/{_quote(ident)}',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_publish_manifest(self, slug: str, body: ManifestIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> ManifestOut:
        """Publish a new active capability manifest (the previous one retires). (POST /api/v2/admin/hubs/{slug}/manifests)"""
        return cast('ManifestOut', await self._send(
            'POST', f'/api/v2/admin/hubs/{_quote(slug)}/manifests',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def admin_retire_manifest(self, slug: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """Retire the hub's active manifest: its clients and keys lose their hub:*:write scopes. (DELETE /api/v2/admin/hubs/{slug}/manifests/active)"""
        return cast('str', await self._send(
            'DELETE', f'/api/v2/admin/hubs/{_quote(slug)}/manifests/active',
            authenticated=True, json_body=False, headers=headers, timeout=timeout))

    async def admin_revoke_key(self, key_id: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> KeyRevoked:
        """Revoke an API key; it stops working at once. (POST /api/v2/admin/keys/{key_id}/revoke)"""
        return cast('KeyRevoked', await self._send(
            'POST', f'/api/v2/admin/keys/{_quote(key_id)}/revoke',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def create_subscription(self, body: SubscriptionIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> SubscriptionCreated:
        """Subscribe a URL to one topic; deliveries are signed with the returned secret. (POST /api/v2/webhook-subscriptions)"""
        return cast('SubscriptionCreated', await self._send(
            'POST', '/api/v2/webhook-subscriptions',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def delete_subscription(self, subscription_id: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> SubscriptionOut:
        """Stop a subscription; its delivery log is kept. (DELETE /api/v2/webhook-subscriptions/{subscription_id})"""
        return cast('SubscriptionOut', await self._send(
            'DELETE', f'/api/v2/webhook-subscriptions/{_quote(subscription_id)}',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def delivery_log(self, subscription_id: str, *, limit: int | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> DeliveryList:
        """Every delivery attempt, newest first. (GET /api/v2/webhook-subscriptions/{subscription_id}/deliveries)"""
        return cast('DeliveryList', await self._send(
            'GET', f'/api/v2/webhook-subscriptions/{_quote(subscription_id)}/deliveries',
            params={ 'limit': limit, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def get_contract(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> ContractOut:
        """Public: the active interaction reporting contract, which governs validation. (GET /api/v2/contract)"""
        return cast('ContractOut', await self._send(
            'GET', '/api/v2/contract',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    async def list_annotation_categories(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryList:
        """Public: every entry of the annotation-category registry. (GET /api/v2/annotation-categories)"""
        return cast('RegistryList', await self._send(
            'GET', '/api/v2/annotation-categories',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    async def list_annotations(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, category: AnnotationCategory | None = None, actor_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> AnnotationPage:
        """Annotations, newest first; filter by widget, category, actor and time range. (GET /api/v2/annotations)"""
        return cast('AnnotationPage', await self._send(
            'GET', '/api/v2/annotations',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, 'category': category, 'actor_id': actor_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def iter_annotations(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, category: AnnotationCategory | None = None, actor_id: str | None = None) -> AsyncIterator[AnnotationOut]:
        """Every item of GET /api/v2/annotations, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = await self.list_annotations(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, category=category, actor_id=actor_id, )
            for item in page["data"]:
                yield item
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    async def list_decision_records(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> DecisionRecordPage:
        """Decisions taken on requirement candidates. Newest first. (GET /api/v2/decision-records)"""
        return cast('DecisionRecordPage', await self._send(
            'GET', '/api/v2/decision-records',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def iter_decision_records(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None) -> AsyncIterator[DecisionRecordOut]:
        """Every item of GET /api/v2/decision-records, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = await self.list_decision_records(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, )
            for item in page["data"]:
                yield item
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    async def list_deployment_records(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> DeploymentRecordPage:
        """Deployments of accepted decisions. Newest first. (GET /api/v2/deployment-records)"""
        return cast('DeploymentRecordPage', await self._send(
            'GET', '/api/v2/deployment-records',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def iter_deployment_records(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None) -> AsyncIterator[DeploymentRecordOut]:
        """Every item of GET /api/v2/deployment-records, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = await self.list_deployment_records(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, )
            for item in page["data"]:
                yield item
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    async def list_event_types(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryList:
        """Public: every entry of the event-type registry. (GET /api/v2/event-types)"""
        return cast('RegistryList', await self._send(
            'GET', '/api/v2/event-types',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    async def list_events(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, event_type: EventType | None = None, actor_id: str | None = None, actor_type: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> EventPage:
        """Interaction events, newest first; filter by widget, event type, actor and time range. (GET /api/v2/interaction-events)"""
        return cast('EventPage', await self._send(
            'GET', '/api/v2/interaction-events',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, 'event_type': event_type, 'actor_id': actor_id, 'actor_type': actor_type, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def iter_events(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, event_type: EventType | None = None, actor_id: str | None = None, actor_type: str | None = None) -> AsyncIterator[EventOut]:
        """Every item of GET /api/v2/interaction-events, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = await self.list_events(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, event_type=event_type, actor_id=actor_id, actor_type=actor_type, )
            for item in page["data"]:
                yield item
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    async def list_outcome_signals(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> OutcomeSignalPage:
        """Measured outcomes of deployments. Newest first. (GET /api/v2/outcome-signals)"""
        return cast('OutcomeSignalPage', await self._send(
            'GET', '/api/v2/outcome-signals',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def iter_outcome_signals(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None) -> AsyncIterator[OutcomeSignalOut]:
        """Every item of GET /api/v2/outcome-signals, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = await self.list_outcome_signals(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, )
            for item in page["data"]:
                yield item
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    async def list_policy_scopes(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryList:
        """Public: every entry of the policy-scope registry. (GET /api/v2/policy-scopes)"""
        return cast('RegistryList', await self._send(
            'GET', '/api/v2/policy-scopes',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    async def list_requirement_candidates(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RequirementCandidatePage:
        """Requirement candidates raised from feedback. Newest first. (GET /api/v2/requirement-candidates)"""
        return cast('RequirementCandidatePage', await self._send(
            'GET', '/api/v2/requirement-candidates',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'since': since, 'until': until, 'widget_id': widget_id, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def iter_requirement_candidates(self, *, limit: int | None = None, hub: str | None = None, since: str | None = None, until: str | None = None, widget_id: str | None = None) -> AsyncIterator[RequirementCandidateOut]:
        """Every item of GET /api/v2/requirement-candidates, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = await self.list_requirement_candidates(limit=limit, cursor=cursor, hub=hub, since=since, until=until, widget_id=widget_id, )
            for item in page["data"]:
                yield item
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    async def list_subscriptions(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> SubscriptionList:
        """The caller's (or, for admins, every) active subscription. (GET /api/v2/webhook-subscriptions)"""
        return cast('SubscriptionList', await self._send(
            'GET', '/api/v2/webhook-subscriptions',
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def list_widget_types(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> RegistryList:
        """Public: every entry of the widget-type registry. (GET /api/v2/widget-types)"""
        return cast('RegistryList', await self._send(
            'GET', '/api/v2/widget-types',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    async def list_widgets(self, *, limit: int | None = None, cursor: str | None = None, hub: str | None = None, widget_type: WidgetType | None = None, status: str | None = None, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> WidgetPage:
        """Widgets, newest first; filter by widget type and status. (GET /api/v2/widgets)"""
        return cast('WidgetPage', await self._send(
            'GET', '/api/v2/widgets',
            params={ 'limit': limit, 'cursor': cursor, 'hub': hub, 'widget_type': widget_type, 'status': status, },
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def iter_widgets(self, *, limit: int | None = None, hub: str | None = None, widget_type: WidgetType | None = None, status: str | None = None) -> AsyncIterator[WidgetOut]:
        """Every item of GET /api/v2/widgets, following `next_cursor` page by page."""
        cursor: str | None = None
        while True:
            page = await self.list_widgets(limit=limit, cursor=cursor, hub=hub, widget_type=widget_type, status=status, )
            for item in page["data"]:
                yield item
            cursor = page["next_cursor"]
            if not page["has_more"] or not cursor:
                return

    async def openapi_document(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> dict[str, Any]:
        """This document, with the registries' current names as enums. (GET /api/v2/openapi.json)"""
        return cast('dict[str, Any]', await self._send(
            'GET', '/api/v2/openapi.json',
            authenticated=False, json_body=True, headers=headers, timeout=timeout))

    async def python_client(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """A Python client for this API, with the registries' current names as Literal types. (GET /api/v2/sdk/ihf-client.py)"""
        return cast('str', await self._send(
            'GET', '/api/v2/sdk/ihf-client.py',
            authenticated=False, json_body=False, headers=headers, timeout=timeout))

    async def redeliver(self, subscription_id: str, delivery_id: str, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """Queue the event of a past attempt again, with fresh retries. (POST /api/v2/webhook-subscriptions/{subscription_id}/deliveries/{delivery_id}/redeliver)"""
        return cast('str', await self._send(
            'POST', f'/api/v2/webhook-subscriptions/{_quote(subscription_id)}/deliveries/{_quote(delivery_id)}/redeliver',
            authenticated=True, json_body=False, headers=headers, timeout=timeout))

    async def register_widget(self, body: WidgetIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> WidgetOut:
        """Register a widget for the caller's hub; the same name again records a new version. (POST /api/v2/widgets)"""
        return cast('WidgetOut', await self._send(
            'POST', '/api/v2/widgets',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def submit_annotation(self, body: AnnotationIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> AnnotationOut:
        """Submit an annotation; its category must be registered. (POST /api/v2/annotations)"""
        return cast('AnnotationOut', await self._send(
            'POST', '/api/v2/annotations',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def submit_batch(self, body: EventBatchIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> BatchResult:
        """Submit up to 1,000 events; each is validated on its own and gets a result of its own. (POST /api/v2/interaction-events/batch)"""
        return cast('BatchResult', await self._send(
            'POST', '/api/v2/interaction-events/batch',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def submit_event(self, body: EventIn, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> EventOut:
        """Submit one event. `client_event_id` (or an Idempotency-Key header) makes a retry a no-op. (POST /api/v2/interaction-events)"""
        return cast('EventOut', await self._send(
            'POST', '/api/v2/interaction-events',
            json=body,
            authenticated=True, json_body=True, headers=headers, timeout=timeout))

    async def swagger_ui(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """Swagger UI over /api/v2/openapi.json. (GET /api/v2/docs)"""
        return cast('str', await self._send(
            'GET', '/api/v2/docs',
            authenticated=False, json_body=False, headers=headers, timeout=timeout))

    async def typescript_client(self, *, headers: Mapping[str, str] | None = None, timeout: float | None = None) -> str:
        """A TypeScript client for this API, with the registries' current names as union types. (GET /api/v2/sdk/ihf-client.ts)"""
        return cast('str', await self._send(
            'GET', '/api/v2/sdk/ihf-client.ts',
            authenticated=False, json_body=False, headers=headers, timeout=timeout))


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)
