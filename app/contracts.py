"""The committed contract files, rendered the same way every time."""

from __future__ import annotations

import json

from app import __version__


def render_contract(what: str) -> str:
    if what == "openapi":
        from app.rest.registry import openapi_document

        return json.dumps(openapi_document(__version__), indent=2, sort_keys=False) + "\n"
    if what == "schema":
        from schema import build_schema

        return build_schema().as_str() + "\n"
    raise ValueError(f"unknown contract {what!r}")
