"""The request id every response carries as X-Request-Id."""

from __future__ import annotations

import re
import uuid
from typing import Any

_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
SCOPE_KEY = "crossway.request_id"


def choose_request_id(incoming: str | None) -> str:
    """Keep a caller's id when it is sane (so traces join up), else make one."""
    if incoming and _ACCEPTABLE.match(incoming):
        return incoming
    return uuid.uuid4().hex


def request_id_of(scope: dict[str, Any]) -> str:
    return scope.get(SCOPE_KEY) or "-"
