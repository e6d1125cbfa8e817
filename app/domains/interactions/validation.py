"""Validation of submissions against the active reporting contract and the registries.

The active contract and the active names of each registry change rarely and are read by every
submission, so they are kept on the runtime for CROSSWAY_REFERENCE_CACHE_SECONDS (5 by default) as
read-only snapshots; a change made through Crossway clears them once it commits (`forget_reference`),
other instances see it when the entry expires. A batch of 1,000 events costs the same look-ups as one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from app.context import RequestContext
from app.domains.interactions import repository as repo
from app.domains.interactions.errors import ContractViolation, Unregistered
from app.domains.interactions.models import ACTOR_TYPES
from app.errors import FieldError, Misconfigured, ValidationFailed

DEFAULT_REQUIRED = ["widget_id", "event_type", "occurred_at"]


async def active_contract(ctx: RequestContext) -> Any:
    """The active contract as a read-only snapshot of its columns."""
    return await _reference(ctx, "contract", lambda: _load_contract(ctx))


async def active_names(ctx: RequestContext, kind: str) -> frozenset[str]:
    return await _reference(ctx, f"registry:{kind}", lambda: _load_names(ctx, kind))


async def _reference(ctx: RequestContext, key: str, load: Callable[[], Awaitable[Any]]) -> Any:
    """From the request's memo, else the runtime's cache, else the database (kept in both)."""
    value = ctx.memo.get(key)
    if value is None:
        value = ctx.runtime.reference_cache.get(key)
        if value is None:
            value = ctx.runtime.reference_cache[key] = await load()
        ctx.memo[key] = value
    return value


async def _load_contract(ctx: RequestContext) -> SimpleNamespace:
    row = await repo.active_contract(ctx.session)
    if row is None:
        raise Misconfigured("No active interaction reporting contract; run `crossway migrate` and start the server once")
    return SimpleNamespace(**{c.name: getattr(row, c.name) for c in row.__table__.c})


async def _load_names(ctx: RequestContext, kind: str) -> frozenset[str]:
    return frozenset(await repo.active_names(ctx.session, kind))


def forget_reference(ctx: RequestContext) -> None:
    """A registry or the contract changed: drop the snapshots once the change commits."""
    async def clear() -> None:
        ctx.runtime.reference_cache.clear()

    ctx.after_commit(clear)


async def require_registered(ctx: RequestContext, kind: str, value: str) -> None:
    if value not in await active_names(ctx, kind):
        raise Unregistered(kind, value)


def parse(model: type[BaseModel], data: Any) -> Any:
    """Parse into a write model; schema errors become ValidationFailed listing every field."""
    if not isinstance(data, dict):
        raise ValidationFailed("Expected a JSON object", fields=[FieldError("body", "Expected a JSON object")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = [FieldError(".".join(str(p) for p in e["loc"]) or "body", e["msg"], e["type"]) for e in exc.errors()]
        summary = "; ".join(f"{f.field}: {f.message}" for f in fields)
        raise ValidationFailed(summary, fields=fields) from None


async def check_contract(ctx: RequestContext, data: dict[str, Any]) -> None:
    """What the active contract row demands beyond the schema: required fields, actor types, metadata."""
    contract = await active_contract(ctx)
    for field in contract.required_fields or DEFAULT_REQUIRED:
        if data.get(field) in (None, ""):
            raise ContractViolation(f"{field} is required", field=field)
    await check_actor_type(ctx, data.get("actor_type"))
    metadata = data.get("metadata")
    if metadata is not None:
        if not isinstance(metadata, dict):
            raise ContractViolation("metadata must be a JSON object", field="metadata")
        if len(orjson.dumps(metadata)) > contract.max_metadata_bytes:
            raise ContractViolation(f"metadata is larger than {contract.max_metadata_bytes} bytes", field="metadata")


async def check_actor_type(ctx: RequestContext, actor_type: object) -> None:
    contract = await active_contract(ctx)
    allowed = contract.actor_types or list(ACTOR_TYPES)
    if actor_type is not None and actor_type not in allowed:
        raise ContractViolation(f"actor_type '{actor_type}' is not one of {', '.join(allowed)}", field="actor_type")
