"""Opaque keyset cursors: (timestamp, id) of the last row of a page, newest-first listings."""

from __future__ import annotations

import base64
from datetime import datetime

from app.errors import Invalid


def encode_cursor(at: datetime, ident: object) -> str:
    raw = f"{at.isoformat()}|{ident}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        at, ident = base64.urlsafe_b64decode(padded).decode().split("|", 1)
        return datetime.fromisoformat(at), ident
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid("Invalid cursor") from exc
