"""The collaborative drafting REST family (seed 003).

Every error is {"error": {"code", "message", "request_id", "suggestedFix"?, "details"?}}; the
request id is also the X-Request-Id header. Services put the optional parts in the error's
extras: `suggested_fix` and `details`.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from app.context import RequestContext
from app.errors import AppError, RateLimited
from app.rest.endpoint import Family
from app.rest.responses import json_response

USER_SECURITY = [{"UserBearer": []}, {"UserIdHeader": []}]


def error_body(code: str, message: str, request_id: str, *, suggested_fix: str | None = None,
               details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message, "request_id": request_id}
    if suggested_fix:
        error["suggestedFix"] = suggested_fix
    if details is not None:
        error["details"] = details
    return {"error": error}


class Collab(Family):
    name = "collab"
    title = "Collaborative drafting"
    security_schemes = {
        "UserBearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": "A user token"},
        "UserIdHeader": {"type": "apiKey", "in": "header", "name": "X-User-Id",
                         "description": "Trusted front ends and tests name the user directly (not in production)"},
    }

    def render_error(self, exc: AppError, ctx: RequestContext) -> Response:
        details = exc.extra.get("details")
        if details is None and exc.fields:
            details = [{"field": f.field, "message": f.message} for f in exc.fields]
        if isinstance(exc, RateLimited):
            details = {"retry_after": exc.retry_after, "limit": exc.limit}
        suggested = exc.extra.get("suggested_fix")
        body = error_body(exc.code, exc.message, ctx.request_id, suggested_fix=suggested if isinstance(suggested, str) else None,
                          details=details)
        return json_response(body, exc.status)

    def render_validation(self, errors: list[dict[str, Any]], ctx: RequestContext) -> Response:
        fields = [{"field": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]), "message": e["msg"]}
                  for e in errors]
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
        return json_response(error_body("validation_error", summary, ctx.request_id, details=fields), 422)

    def render_unexpected(self, ctx: RequestContext) -> Response:
        return json_response(error_body("internal_error", "Internal server error", ctx.request_id), 500)


collab = Collab()
