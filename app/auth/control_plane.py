"""The run control plane's access rules (X-API-Key), shared by both doors."""

from __future__ import annotations

from app.auth.principal import Principal
from app.errors import Forbidden, Misconfigured
from app.settings import Settings

INVALID_KEY_MESSAGE = "Invalid or missing API key. Set X-API-Key header."
NO_KEY_IN_PRODUCTION = (
    "AUTOPACK_API_KEY is not configured; protected endpoints refuse to serve in production "
    "until AUTOPACK_API_KEY or AUTOPACK_API_KEY_FILE is set."
)


def require_api_key(settings: Settings, principal: Principal) -> None:
    """Protected writes: the configured key, or open in development when none is set."""
    if settings.control_api_key is None:
        if settings.is_production:
            raise Misconfigured(NO_KEY_IN_PRODUCTION)
        return
    if not principal.has("runs:write"):
        raise Forbidden(INVALID_KEY_MESSAGE)


def require_read_access(settings: Settings, principal: Principal) -> None:
    """Operator reads (runs inbox, progress, artifacts).

    Production always needs the key. In development AUTOPACK_PUBLIC_READ=1 opens
    them; otherwise they follow the key rule (open while no key is configured).
    """
    if not settings.is_production and settings.autopack_public_read:
        return
    if settings.control_api_key is None:
        if settings.is_production:
            raise Misconfigured(NO_KEY_IN_PRODUCTION)
        return
    if not (principal.has("runs:read") or principal.has("runs:write")):
        raise Forbidden(INVALID_KEY_MESSAGE)
