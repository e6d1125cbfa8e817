"""GET /api/v2/sdk/ihf-client.ts and /api/v2/sdk/ihf-client.py: client libraries generated per
request from the live v2 document and registries (app/sdk/), so a type registered a moment ago
is a typed constant in the next download."""

from __future__ import annotations

from starlette.responses import Response

from app.context import RequestContext
from app.rest.endpoint import Call
from app.rest.hub.family import hub_v2
from app.sdk.build import render_live


def _download(text: str, filename: str, media_type: str) -> Response:
    return Response(text, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store",
    })


@hub_v2.endpoint("GET", "/api/v2/sdk/ihf-client.ts", tags=["sdk"], security=[],
                 responses={200: "TypeScript client module (fetch, no dependencies)"})
async def typescript_client(ctx: RequestContext, call: Call):
    """A TypeScript client for this API, with the registries' current names as union types."""
    return _download(await render_live(ctx, "typescript"), "ihf-client.ts", "text/plain; charset=utf-8")


@hub_v2.endpoint("GET", "/api/v2/sdk/ihf-client.py", tags=["sdk"], security=[],
                 responses={200: "Python client module (httpx; sync and async)"})
async def python_client(ctx: RequestContext, call: Call):
    """A Python client for this API, with the registries' current names as Literal types."""
    # Saved under this name it imports as the docstring shows (`ihf-client` is not a module name).
    return _download(await render_live(ctx, "python"), "crossway_ihf_client.py", "text/x-python; charset=utf-8")
