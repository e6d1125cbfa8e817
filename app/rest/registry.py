"""Every REST family Crossway serves, in one place."""

from __future__ import annotations

from typing import Any

from starlette.routing import Route

from app.rest.control import family as control_family
from app.rest.endpoint import Family
from app.rest.openapi import build_openapi


def families() -> list[Family]:
    # Importing the modules registers their endpoints on their family.
    from app.rest.collab import analytics, drafts, generate, payments, posting  # noqa: F401
    from app.rest.collab.family import collab
    from app.rest.delivery import (  # noqa: F401
        organizations, releases, sunset, system, work,
    )
    from app.rest.delivery import webhooks as delivery_webhooks  # noqa: F401
    from app.rest.delivery.family import delivery
    from app.rest.control import (  # noqa: F401
        admin_page, approvals, artifacts, auth, dashboard, files, health, issues, oauth_health, research, runs,
        storage,
    )
    from app.rest.hub import admin, admin_credentials, catalogue, events, openapi_live, sdk, token, v1, webhooks  # noqa: F401
    from app.rest.hub.family import hub_v1, hub_v2

    return [control_family.control, hub_v1, hub_v2, collab, delivery]


def rest_routes() -> list[Route]:
    return [route for family in families() for route in family.routes()]


def openapi_document(version: str) -> dict[str, Any]:
    return build_openapi(
        families(), title="Crossway REST API", version=version,
        description="Every REST surface Crossway serves: the run control plane, the interaction hub "
                    "(v1 and v2) and the delivery pipeline (/v1). The live v2 document, with registry enums, is at /api/v2/openapi.json.",
    )
