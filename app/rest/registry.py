"""Every REST family Crossway serves, in one place."""

from __future__ import annotations

from typing import Any

from starlette.routing import Route

from app.rest.control import family as control_family
from app.rest.endpoint import Family
from app.rest.openapi import build_openapi


def families() -> list[Family]:
    # Importing the modules registers their endpoints on the family.
    from app.rest.control import health, runs  # noqa: F401

    return [control_family.control]


def rest_routes() -> list[Route]:
    return [route for family in families() for route in family.routes()]


def openapi_document(version: str) -> dict[str, Any]:
    return build_openapi(
        families(), title="Crossway REST API", version=version,
        description="The run control plane's REST surface, as its existing clients use it.",
    )
