"""Access rules of the interaction hub, shared by the v1 and v2 doors and GraphQL."""

from __future__ import annotations

import uuid

from app.auth import scopes as sc
from app.auth.principal import Principal
from app.errors import Forbidden, Unauthenticated


class InsufficientScope(Forbidden):
    code = "insufficient_scope"

    def __init__(self, scope: str) -> None:
        hint = (" (hub:*:write scopes are granted only while the hub has an active capability manifest)"
                if scope in sc.HUB_WRITE_SCOPES else "")
        super().__init__(f"This requires the '{scope}' scope{hint}", required_scope=scope)


def require_scope(principal: Principal, scope: str) -> None:
    if not principal.is_authenticated:
        raise Unauthenticated(principal.rejected_credential or "Authentication required: an access token or API key")
    if principal.has(scope) or principal.has(sc.ADMIN):
        return
    raise InsufficientScope(scope)


def is_admin(principal: Principal) -> bool:
    return principal.has(sc.ADMIN)


def visible_hub(principal: Principal, requested: uuid.UUID | None) -> uuid.UUID | None:
    """The hub a listing is restricted to: a hub-bound caller only ever sees its own hub."""
    if principal.hub_id is not None and not is_admin(principal):
        if requested is not None and requested != principal.hub_id:
            raise Forbidden("Callers bound to a hub can only read that hub's data")
        return principal.hub_id
    return requested


def acting_hub(principal: Principal, owner: uuid.UUID) -> uuid.UUID:
    """A write about something `owner` holds: allowed for that hub, or for an admin."""
    if is_admin(principal) or principal.hub_id == owner:
        return owner
    raise Forbidden("That widget belongs to another hub")
