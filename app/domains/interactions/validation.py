"""Validation of submissions against the active reporting contract and the registries.

Each request loads the contract and the registry it needs once (ctx.memo), so a
batch of 1,000 events costs the same look-ups as one.
"""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from app.context import RequestContext
from app.domains.interactions import repository as repo
from app.domains.interactions.errors import ContractViolation, Unregistered
from app.domains.interactions.models import ACTOR_TYPES, InteractionReportingContract
from app.errors import FieldError, Misconfigured, ValidationFailed

DEFAULT_REQUIRED = ["widget_id", "event_type", "occurred_at"]


async def active_contract(ctx: RequestContext) -> InteractionReportingContract:
    contract = ctx.memo.get("contract")
    if contract is None:
        contract = await repo.active_contract(ctx.session)
        if contract is None:
            raise Misconfigured("No active interaction reporting contract; run `crossway migrate` and start the server once")
        ctx.memo["contract"] = contract
    return contract  # type: ignore[return-value]


async def active_names(ctx: RequestContext, kind: str) -> set[str]:
    key = f"registry:{kind}"
    names = ctx.memo.get(key)
    if names is None:
        names = ctx.memo[key] = await repo.active_names(ctx.session, kind)
    return names  # type: ignore[return-value]


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
