"""Making, hashing and comparing the random secrets Crossway hands out."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def matches(secret: str, expected_digest: str) -> bool:
    return hmac.compare_digest(digest(secret), expected_digest)


def new_api_key() -> tuple[str, str]:
    """(full key, display prefix). Keys look like `ihf_<8 chars>_<secret>`."""
    prefix = "ihf_" + secrets.token_hex(4)
    return f"{prefix}_{new_secret()}", prefix


def new_hub_key() -> tuple[str, str]:
    prefix = "hub_" + secrets.token_hex(4)
    return f"{prefix}_{new_secret()}", prefix
