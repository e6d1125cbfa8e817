"""Validation of submissions against the active reporting contract and the registries.

The active contract and the active names of each registry change rarely and are read by every
submission, so they are kept on the runtime for CROSSWAY_REFERENCE_CACHE_SECONDS (5 by default) as
read-only snapshots; a change made through Crossway clears them once it commits (`forget_reference`),
other instances see it when the entry expires. A batch of 1,000 events costs the same look-ups as one.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cache
from types import SimpleNamespace
from typing import Annotated, Any

import orjson
from pydantic import BaseModel, TypeAdapter, ValidationError
from typing_extensions import NotRequired, Required, TypedDict

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
        value = ctx.memo[key] = await ctx.runtime.reference_cache.get_or_load(key, load)
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
    ctx.after_commit(ctx.runtime.reference_cache.forget_all)


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


@cache
def _dicts_adapter(model: type[BaseModel]) -> TypeAdapter[list[dict[str, Any]]]:
    """A list of `model`, validated into plain dicts of its fields: a TypedDict made of the model's own fields
    (their types, constraints, defaults and validators) under the model's config, so the same rules apply.
    Making a model instance costs more than validating its fields; a batch makes a thousand."""
    decorators = model.__pydantic_decorators__
    if decorators.field_validators or decorators.model_validators or decorators.validators or decorators.root_validators:
        raise TypeError(f"{model.__name__} has validators of its own: put them on its fields' types")
    fields = {name: (Required if info.is_required() else NotRequired)[Annotated[info.annotation, info]]
              for name, info in model.model_fields.items()}
    shape: Any = TypedDict(f"{model.__name__}Fields", fields)  # type: ignore[misc]  # built from the model
    shape.__pydantic_config__ = model.model_config
    return TypeAdapter(list[shape])


def parse_each(model: type[BaseModel], items: list[dict[str, Any]]) -> list[Any]:
    """Parse many objects with a write model: each result is a dict of the model's fields (what
    `parse(...).model_dump()` gives), or the ValidationFailed that `parse` raises for that object.
    All valid (the usual case) costs one validation pass over the list."""
    try:
        return _dicts_adapter(model).validate_python(items)
    except ValidationError:
        pass
    results: list[Any] = []
    for item in items:
        try:
            results.append(parse(model, item).model_dump())
        except ValidationFailed as exc:
            results.append(exc)
    return results


class ContractRules:
    """What the active contract row demands beyond the schema: required fields, actor types, metadata.
    Resolved once per request, then applied to each submission without further look-ups."""

    def __init__(self, contract: Any) -> None:  # the active contract's snapshot
        self.required_fields = tuple(contract.required_fields or DEFAULT_REQUIRED)
        self.actor_types = list(contract.actor_types or ACTOR_TYPES)
        self.max_metadata_bytes = contract.max_metadata_bytes

    def check(self, data: dict[str, Any]) -> None:
        for field in self.required_fields:
            if data.get(field) in (None, ""):
                raise ContractViolation(f"{field} is required", field=field)
        self.check_actor_type(data.get("actor_type"))
        metadata = data.get("metadata")
        if metadata is not None:
            if not isinstance(metadata, dict):
                raise ContractViolation("metadata must be a JSON object", field="metadata")
            if len(orjson.dumps(metadata)) > self.max_metadata_bytes:
                raise ContractViolation(f"metadata is larger than {self.max_metadata_bytes} bytes", field="metadata")

    def check_actor_type(self, actor_type: object) -> None:
        if actor_type is not None and actor_type not in self.actor_types:
            raise ContractViolation(f"actor_type '{actor_type}' is not one of {', '.join(self.actor_types)}",
                                    field="actor_type")


async def contract_rules(ctx: RequestContext) -> ContractRules:
    rules = ctx.memo.get("contract-rules")
    if rules is None:
        rules = ctx.memo["contract-rules"] = ContractRules(await active_contract(ctx))
    return rules  # type: ignore[return-value]


async def check_contract(ctx: RequestContext, data: dict[str, Any]) -> None:
    (await contract_rules(ctx)).check(data)


async def check_actor_type(ctx: RequestContext, actor_type: object) -> None:
    (await contract_rules(ctx)).check_actor_type(actor_type)
