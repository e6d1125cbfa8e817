"""The run control plane's REST family: errors are {"detail": ...}.

Request validation errors keep the list form its existing clients parse:
422 {"detail": [{"type", "loc", "msg", "input"}]}. A duplicate answers 400, as
the first server of this API did.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from app.context import RequestContext
from app.errors import AppError, Conflict, Unauthenticated
from app.rest.endpoint import Family
from app.rest.responses import json_response


class ControlPlane(Family):
    name = "control"
    title = "Run control plane"
    security_schemes = {
        "ApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        "BearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                       "description": "A user token from POST /api/auth/login"},
    }

    def status_for(self, exc: AppError) -> int:
        return 400 if isinstance(exc, Conflict) else exc.status

    def render_error(self, exc: AppError, ctx: RequestContext) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthenticated) else None
        return json_response({"detail": exc.message}, self.status_for(exc), headers=headers)

    def render_validation(self, errors: list[dict[str, Any]], ctx: RequestContext) -> Response:
        return json_response({"detail": errors}, 422)

    def render_unexpected(self, ctx: RequestContext) -> Response:
        return json_response({"detail": f"Internal server error (request {ctx.request_id})"}, 500)


control = ControlPlane()
