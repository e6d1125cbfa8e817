"""/v0: the document's previous version, deprecated with a sunset of 2024-12-31. The date has
passed, so every /v0 path answers 410 in the error envelope, with the Deprecation, Sunset and
Link (successor-version) headers pointing at the same path under /v1."""

from __future__ import annotations

from app.context import RequestContext
from app.errors import AppError
from app.rest.delivery.family import ERRORS, delivery
from app.rest.endpoint import Call

SUNSET = "2024-12-31T00:00:00Z"


class VersionSunset(AppError):
    status, code = 410, "API_VERSION_SUNSET"


async def _gone(ctx: RequestContext, call: Call):  # noqa: ANN202
    rest = call.path("path")
    response = delivery.error_response(
        VersionSunset(f"API v0 was sunset on {SUNSET}. This endpoint is deprecated. Please migrate to /v1 API."), ctx)
    response.headers["Deprecation"] = "true"
    response.headers["Sunset"] = SUNSET
    response.headers["Link"] = f'</v1/{rest}>; rel="successor-version"'
    return response


def _declare(method: str) -> None:
    async def handler(ctx: RequestContext, call: Call):  # noqa: ANN202
        return await _gone(ctx, call)

    handler.__name__ = f"v0_{method.lower()}"
    handler.__doc__ = "API v0 (sunset 2024-12-31): 410 with Deprecation, Sunset and a successor-version Link."
    delivery.endpoint(method, "/v0/{path:path}", tags=["Versioning"], deprecated=True,
                      responses={410: ERRORS[404]})(handler)


for _method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
    _declare(_method)
