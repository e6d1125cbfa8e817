"""JSON rendering for every REST family (orjson; pydantic models serialised in Rust)."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from pydantic import BaseModel
from starlette.responses import Response


def _default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, uuid.UUID):  # a subclass, such as asyncpg's, which orjson does not take as a UUID
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(data: Any) -> bytes:
    if isinstance(data, BaseModel):
        return data.__pydantic_serializer__.to_json(data)
    return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSON:
    return JSON(data, status_code=status, headers=headers)
