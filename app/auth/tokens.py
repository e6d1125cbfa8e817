"""Access tokens Crossway issues, all signed by the one key set (app/auth/keys.py).

Claims every token carries: iss, sub, iat, nbf, exp, jti, scope (space-separated), kind.
- kind "client": an OAuth client (app/auth/oauth.py); also client_id and hub_id.
- kind "user": a person who logged in at /api/auth/login; sub is the user's id, plus
  username and is_superuser.
"""

from __future__ import annotations

import uuid
from typing import Any

from app.runtime import Runtime


def user_token(runtime: Runtime, *, user_id: str, username: str, is_superuser: bool = False,
               scopes: str = "", ttl: int | None = None) -> str:
    """A signed user token. The keyring must be loaded (await runtime.keyring.ensure_loaded())."""
    now = int(runtime.clock.now().timestamp())
    claims: dict[str, Any] = {
        "iss": runtime.settings.issuer, "sub": user_id, "iat": now, "nbf": now,
        "exp": now + (ttl or runtime.settings.access_token_ttl), "jti": uuid.uuid4().hex,
        "scope": scopes, "kind": "user", "username": username, "is_superuser": is_superuser,
    }
    return runtime.keyring.sign(claims)
