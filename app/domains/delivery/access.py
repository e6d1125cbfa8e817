"""Who may do what in the delivery pipeline: an org token or org key, holding the permission."""

from __future__ import annotations

import uuid

from app.context import RequestContext
from app.errors import Forbidden, NotFound, Unauthenticated


def require(ctx: RequestContext, *permissions: str) -> uuid.UUID:
    """The caller's organization, once it is known to hold every permission named."""
    principal = ctx.principal
    if not principal.is_authenticated:
        raise Unauthenticated(principal.rejected_credential and f"Authentication failed: {principal.rejected_credential}"
                              or "Authentication required: send a bearer token or an X-API-Key")
    if principal.organization_id is None:
        raise Forbidden("This credential is not bound to an organization")
    missing = [p for p in permissions if not principal.has(p)]
    if missing:
        raise Forbidden(f"Missing permission: {', '.join(missing)}", required_permission=missing[0])
    return principal.organization_id


def parse_id(value: str, what: str) -> uuid.UUID:
    """A path id; anything that is not a UUID names nothing."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound(f"{what} not found") from None


def found(row, what: str):  # noqa: ANN001, ANN201 - any row type
    if row is None:
        raise NotFound(f"{what} not found")
    return row
