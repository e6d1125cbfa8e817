"""The delivery pipeline's REST family (seed 004), served under /v1.

Success: `{success: true, status, data, meta: {timestamp, request_id, version}}`; lists add
`pagination: {page, page_size, total, pages, has_next, has_prev}`. Errors:
`{success: false, status, error: {code, message, details: [{field, message}]}, meta}` with the
document's codes; 429 adds `meta.retry_after` and `meta.limit_resets_at`.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field, create_model
from starlette.responses import Response

from app.context import RequestContext
from app.errors import (
    AppError, Conflict, Forbidden, Invalid, NotFound, RateLimited, Unauthenticated, Unavailable, ValidationFailed,
)
from app.rest.endpoint import Family
from app.rest.responses import json_response

API_VERSION = "1.0"

CODES: list[tuple[type[AppError], str, int]] = [
    (ValidationFailed, "VALIDATION_ERROR", 400),
    (Invalid, "VALIDATION_ERROR", 400),
    (Unauthenticated, "AUTHENTICATION_FAILED", 401),
    (Forbidden, "AUTHORIZATION_DENIED", 403),
    (NotFound, "RESOURCE_NOT_FOUND", 404),
    (Conflict, "DUPLICATE_RESOURCE", 409),
    (RateLimited, "RATE_LIMIT_EXCEEDED", 429),
    (Unavailable, "SERVICE_UNAVAILABLE", 503),
]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def meta(ctx: RequestContext) -> dict[str, Any]:
    return {"timestamp": _iso(ctx.clock.now()), "request_id": ctx.request_id, "version": API_VERSION}


def code_for(exc: AppError) -> tuple[str, int]:
    if exc.code.isupper():  # a code set by the domain (DUPLICATE_SLUG, API_VERSION_SUNSET)
        return exc.code, exc.status
    for kind, code, status in CODES:
        if isinstance(exc, kind):
            return code, status
    return ("VALIDATION_ERROR", 400) if exc.status < 500 else ("INTERNAL_ERROR", 500)


class Delivery(Family):
    name = "delivery"
    title = "Delivery pipeline"
    metered = True
    security_schemes = {
        "BearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                       "description": "An organization token (claims org and permissions)"},
        "ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key",
                       "description": "An organization API key (dpk_...)"},
    }

    def error_body(self, ctx: RequestContext, status: int, code: str, message: str,
                   details: list[dict[str, str]]) -> dict[str, Any]:
        return {"success": False, "status": status, "error": {"code": code, "message": message, "details": details},
                "meta": meta(ctx)}

    def render_error(self, exc: AppError, ctx: RequestContext) -> Response:
        code, status = code_for(exc)
        details = [{"field": f.field, "message": f.message} for f in exc.fields]
        message = exc.message
        if isinstance(exc, RateLimited):
            message = f"You have exceeded the rate limit. Please retry after {exc.retry_after} seconds."
        body = self.error_body(ctx, status, code, message, details)
        if isinstance(exc, RateLimited):
            body["meta"]["retry_after"] = exc.retry_after
            body["meta"]["limit_resets_at"] = _iso(datetime.fromtimestamp(exc.reset_at, UTC))
        response = json_response(body, status)
        if isinstance(exc, Unauthenticated):
            response.headers["WWW-Authenticate"] = 'Bearer realm="crossway"'
        return response

    def render_validation(self, errors: list[dict[str, Any]], ctx: RequestContext) -> Response:
        details = []
        for error in errors:
            location = [str(part) for part in error["loc"][1:]]
            message = error["msg"].removeprefix("Value error, ")
            details.append({"field": ".".join(location) or error["loc"][0], "message": message})
        message = "Invalid request parameters" if errors and errors[0]["loc"][0] == "query" else "Invalid request data"
        return json_response(self.error_body(ctx, 400, "VALIDATION_ERROR", message, details), 400)

    def render_unexpected(self, ctx: RequestContext) -> Response:
        return json_response(self.error_body(ctx, 500, "INTERNAL_ERROR",
                                             f"Internal server error (request {ctx.request_id})", []), 500)


delivery = Delivery()


# --- success envelopes --------------------------------------------------------------------------


def ok(ctx: RequestContext, data: Any, status: int = 200) -> Response:
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    return json_response({"success": True, "status": status, "data": data, "meta": meta(ctx)}, status)


def listing(ctx: RequestContext, items: list[BaseModel], *, page: int, page_size: int, total: int) -> Response:
    pages = math.ceil(total / page_size) if total else 0
    return json_response({
        "success": True, "status": 200, "data": [item.model_dump(mode="json") for item in items],
        "pagination": {"page": page, "page_size": page_size, "total": total, "pages": pages,
                       "has_next": page < pages, "has_prev": page > 1},
        "meta": meta(ctx),
    })


# --- documented shapes (OpenAPI) -----------------------------------------------------------------


class Meta(BaseModel):
    timestamp: datetime
    request_id: str
    version: str


class Pagination(BaseModel):
    page: int
    page_size: int
    total: int
    pages: int
    has_next: bool
    has_prev: bool


class ErrorDetail(BaseModel):
    field: str
    message: str


class ErrorInfo(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorEnvelope(BaseModel):
    success: bool = False
    status: int
    error: ErrorInfo
    meta: Meta


def envelope(model: type[BaseModel]) -> type[BaseModel]:
    return create_model(f"{model.__name__}Envelope", success=(bool, True), status=(int, ...), data=(model, ...),
                        meta=(Meta, ...))


def page_envelope(model: type[BaseModel]) -> type[BaseModel]:
    return create_model(f"{model.__name__}Page", success=(bool, True), status=(int, ...), data=(list[model], ...),
                        pagination=(Pagination, ...), meta=(Meta, ...))


ERRORS = {400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 404: ErrorEnvelope, 429: ErrorEnvelope}
SECURITY = [{"BearerAuth": []}, {"ApiKeyAuth": []}]
