"""The interaction hub's two REST families and their error shapes.

v1 (seed 001): `{"error": ..., "help": ...}`; 401 `{"error": "Authorization: Bearer <hub-api-key> required"}`.
v2 (seed 000): `{"code": ..., "message": ...}` plus what the code needs (`registry` for an
unregistered type, `errors` for field problems, `required_scope`); 401 carries WWW-Authenticate.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from app.auth import scopes as sc
from app.context import RequestContext
from app.domains.interactions.errors import ContractViolation, Unregistered, UnknownWidget
from app.errors import AppError, RateLimited, Unauthenticated, ValidationFailed
from app.rest.endpoint import Family
from app.rest.responses import json_response

V1_AUTH_ERROR = "Authorization: Bearer <hub-api-key> required"
V1_SCHEMA_HELP = "See the interaction reporting contract: widget_id (UUID), event_type, occurred_at (ISO 8601)."


class HubV1(Family):
    name = "hub-v1"
    title = "Interaction hub v1"
    metered = True
    security_schemes = {"HubKey": {"type": "http", "scheme": "bearer", "description": "A hub's API key"}}

    def render_error(self, exc: AppError, ctx: RequestContext) -> Response:
        if isinstance(exc, Unauthenticated) or exc.status == 403:
            return json_response({"error": V1_AUTH_ERROR}, 401)
        body: dict[str, Any] = {"error": exc.message}
        help_text = getattr(exc, "help", None)
        if isinstance(exc, ValidationFailed):
            help_text = V1_SCHEMA_HELP
        if help_text:
            body["help"] = help_text
        return json_response(body, exc.status)

    def render_validation(self, errors: list[dict[str, Any]], ctx: RequestContext) -> Response:
        return json_response({"error": errors[0]["msg"], "help": V1_SCHEMA_HELP}, 422)

    def render_unexpected(self, ctx: RequestContext) -> Response:
        return json_response({"error": f"internal error (request {ctx.request_id})"}, 500)


class HubV2(Family):
    name = "hub-v2"
    title = "Interaction hub v2"
    metered = True
    security_schemes = {
        "OAuth2": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "/api/v2/token",
                                                                     "scopes": dict(sc.KNOWN_SCOPES)}}},
        "ApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        "BearerApiKey": {"type": "http", "scheme": "bearer", "description": "An API key (ihf_...) as a bearer token"},
    }

    def render_error(self, exc: AppError, ctx: RequestContext) -> Response:
        response = json_response(self.error_body(exc), exc.status)
        if isinstance(exc, Unauthenticated):
            response.headers["WWW-Authenticate"] = 'Bearer realm="crossway"'
        return response

    @staticmethod
    def error_body(exc: AppError) -> dict[str, Any]:
        code = "invalid_request" if isinstance(exc, ValidationFailed) else exc.code
        if isinstance(exc, Unauthenticated):
            code = "unauthorized"
        body: dict[str, Any] = {"code": code, "message": exc.message}
        if isinstance(exc, Unregistered):
            body["registry"] = exc.registry
        if isinstance(exc, ContractViolation):
            body["field"] = exc.field
        if isinstance(exc, UnknownWidget | ContractViolation | Unregistered):
            body["help"] = exc.help
        if exc.fields:
            body["errors"] = [{"field": f.field, "message": f.message} for f in exc.fields]
        if "required_scope" in exc.extra:
            body["required_scope"] = exc.extra["required_scope"]
        if isinstance(exc, RateLimited):
            body["retry_after"] = exc.retry_after
        return body

    def render_validation(self, errors: list[dict[str, Any]], ctx: RequestContext) -> Response:
        fields = [{"field": ".".join(str(p) for p in e["loc"][1:]) or e["loc"][0], "message": e["msg"]} for e in errors]
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
        return json_response({"code": "invalid_request", "message": summary, "errors": fields}, 422)

    def render_unexpected(self, ctx: RequestContext) -> Response:
        return json_response({"code": "internal_error", "message": f"Internal error (request {ctx.request_id})"}, 500)


hub_v1 = HubV1()
hub_v2 = HubV2()


def v2_security(scope: str | None) -> list[dict[str, list[str]]]:
    if scope is None:
        return []
    return [{"OAuth2": [scope]}, {"ApiKeyHeader": []}, {"BearerApiKey": []}]
