"""GET /api/v2/openapi.json and /api/v2/docs.

The document is generated from the v2 endpoint declarations and their models
(app/rest/openapi.py); at request time the registries' active names are added
as `enum` arrays to every `event_type`, `widget_type` and `category` field, so a
type registered a moment ago appears in the next document fetched.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from starlette.responses import HTMLResponse

from app import __version__
from app.context import RequestContext
from app.domains.interactions.validation import active_names
from app.rest.endpoint import Call
from app.rest.hub.family import hub_v2
from app.rest.openapi import build_openapi
from app.rest.responses import json_response

LIVE_ENUMS = {"event_type": "event-type", "widget_type": "widget-type", "category": "annotation-category"}

SWAGGER_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Interaction hub API v2</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({url: "/api/v2/openapi.json", dom_id: "#ui"});</script>
</body></html>"""


@lru_cache(maxsize=1)
def static_document() -> dict[str, Any]:
    document = build_openapi(
        [hub_v2], title="Interaction hub API", version=__version__,
        description="Interaction events, annotations, widgets, registries and the feedback lifecycle. "
                    "Authenticate with an OAuth 2.0 client credentials token (POST /api/v2/token) or an API key.",
    )
    document["servers"] = [{"url": "/"}]
    return document


def with_enums(document: dict[str, Any], names: dict[str, list[str]]) -> dict[str, Any]:
    live = copy.deepcopy(document)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                for field, kind in LIVE_ENUMS.items():
                    if field in properties:
                        _set_enum(properties[field], names[kind])
            if node.get("in") == "query" and node.get("name") in LIVE_ENUMS:
                _set_enum(node["schema"], names[LIVE_ENUMS[node["name"]]])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(live)
    return live


def _set_enum(schema: dict[str, Any], values: list[str]) -> None:
    # Optional fields are `anyOf: [{type: string}, {type: null}]`; the enum goes on the string branch.
    for branch in schema.get("anyOf", []):
        if branch.get("type") == "string":
            branch["enum"] = values
            return
    schema["enum"] = values


async def live_document(ctx: RequestContext) -> dict[str, Any]:
    names = {kind: sorted(await active_names(ctx, kind)) for kind in set(LIVE_ENUMS.values())}
    return with_enums(static_document(), names)


@hub_v2.endpoint("GET", "/api/v2/openapi.json", tags=["docs"], security=[], responses={200: "OpenAPI 3.1 document"})
async def openapi_document(ctx: RequestContext, call: Call):
    """This document, with the registries' current names as enums."""
    return json_response(await live_document(ctx))


@hub_v2.endpoint("GET", "/api/v2/docs", tags=["docs"], security=[], responses={200: "Swagger UI"})
async def swagger_ui(ctx: RequestContext, call: Call):
    """Swagger UI over /api/v2/openapi.json."""
    return HTMLResponse(SWAGGER_PAGE)
