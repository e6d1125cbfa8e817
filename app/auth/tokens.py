"""Access tokens Crossway issues, all signed by the one key set (app/auth/keys.py).

Claims every token carries: iss, sub, iat, nbf, exp, jti, scope (space-separated), kind.
- kind "client": an OAuth client (app/auth/oauth.py); also client_id and hub_id.
- kind "member": a delivery pipeline member (org_token); also org (the organization's id),
  permissions (a list), email and role. The scope claim stays empty.
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


def org_token(runtime: Runtime, *, subject: str, organization_id: str, permissions: list[str],
              email: str | None = None, role: str | None = None, limits: dict[str, int] | None = None,
              ttl: int | None = None) -> str:
    """A signed delivery pipeline token for one organization. The keyring must be loaded."""
    now = int(runtime.clock.now().timestamp())
    claims: dict[str, Any] = {
        "iss": runtime.settings.issuer, "sub": subject, "iat": now, "nbf": now,
        "exp": now + (ttl or runtime.settings.access_token_ttl), "jti": uuid.uuid4().hex,
        "scope": "", "kind": "member", "org": organization_id, "permissions": sorted(set(permissions)),
        "email": email, "role": role,
    }
    if limits:
        claims["limits"] = limits
    return runtime.keyring.sign(claims)
