"""A runs page read in columns.

When an operation selects nothing on runs, their tiers and their phases but plain columns (and the
nested tier and phase lists), the page needs neither ORM objects nor Strawberry objects: it reads just
those columns (one statement per level, as the loaders would run) into named tuples whose attribute names
are the fields' Python names, and the executor reads the fields off them as it would off the objects.
The values are the ones the objects would hold (`from_row` copies these columns as they are; an integer
`id` is coerced to its string by the ID type either way), but for states: read outside a session (below)
they are the stored strings, which equal and hash as their StrEnum members, so they serialise alike.

The statements go through RequestContext.read: when the operation has opened no session, each runs by
itself on the driver, without a transaction, an ORM session or SQLAlchemy's result processing (a fifth
of the page's CPU). Each statement sees its own snapshot, as it would inside a READ COMMITTED transaction. Selecting anything else (a field with a
resolver such as `progress` or `issues`) keeps the object path (`prefetch_run_children`).
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from functools import lru_cache
from typing import Any

from app.domains.runs import models, reads
from schema.lookahead import selected_paths

_TABLE_COLUMNS = {
    "Run": frozenset(models.Run.__table__.c.keys()),
    "Tier": frozenset(models.Tier.__table__.c.keys()),
    "Phase": frozenset(models.Phase.__table__.c.keys()),
}
# Nested lists a projected row carries, by GraphQL field name: the attribute their resolvers return.
_LISTS = {"Run": {"tiers": "prefetched_tiers", "phases": "prefetched_phases"},
          "Tier": {"phases": "prefetched_phases"}, "Phase": {}}
_column_fields_of: dict[tuple[int, str], dict[str, str]] = {}


def _column_fields(info: Any, type_name: str) -> dict[str, str]:
    """GraphQL name -> Python name of the type's fields that read a column as it is (no resolver)."""
    schema = info.schema
    key = (id(schema), type_name)
    known = _column_fields_of.get(key)
    if known is None:
        definition = schema.get_type_by_name(type_name)
        known = {
            schema.config.name_converter.get_graphql_name(field): field.python_name
            for field in definition.fields
            if field.is_basic_field and field.python_name in _TABLE_COLUMNS[type_name]
        }
        _column_fields_of[key] = known
    return known


def _columns(info: Any, paths: set[tuple[str, ...]], node: tuple[str, ...], type_name: str) -> tuple[str, ...] | None:
    """The columns the selection at `node` reads, or None when it selects a field that is not one."""
    fields = _column_fields(info, type_name)
    columns = []
    depth = len(node)
    for path in paths:
        if len(path) != depth + 1 or path[:depth] != node:
            continue
        name = path[-1]
        if name == "__typename" or name in _LISTS[type_name]:
            continue
        column = fields.get(name)
        if column is None:
            return None
        columns.append(column)
    return tuple(sorted(columns))


def _fields(*names: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


@lru_cache(maxsize=256)
def _row_type(type_name: str, fields: tuple[str, ...]) -> Any:
    return namedtuple(f"{type_name}Columns", fields)  # type: ignore[misc]


class _Shape:
    """Which columns each level of the page reads, or why it cannot be read in columns."""

    def __init__(self, info: Any, node: tuple[str, ...]) -> None:
        paths = selected_paths(info)
        self.ok = True
        self.run = self._level(info, paths, node, "Run")
        self.tiers = self._level(info, paths, (*node, "tiers"), "Tier", optional=True)
        self.tier_phases = self._level(info, paths, (*node, "tiers", "phases"), "Phase", optional=True)
        self.run_phases = self._level(info, paths, (*node, "phases"), "Phase", optional=True)

    def _level(self, info: Any, paths: set[tuple[str, ...]], node: tuple[str, ...], type_name: str, *,
               optional: bool = False) -> tuple[str, ...] | None:
        if optional and node not in paths:
            return None
        columns = _columns(info, paths, node, type_name)
        if columns is None:
            self.ok = False
        return columns


async def projected_runs(info: Any, first: int, after: str | None, states: Any,
                         node: tuple[str, ...]) -> tuple[list[Any], bool] | None:
    """The page's runs as named tuples with their tiers and phases filled in, and whether more follow;
    None when the selection at `node` needs the objects."""
    shape = _Shape(info, node)
    if not shape.ok or shape.run is None:
        return None
    ctx = info.context
    run_fields = _fields("id", "created_at", *shape.run)
    rows, has_next = await reads.projected_runs_slice(ctx, run_fields, first, after, states)
    run_ids = [row[0] for row in rows]

    tiers_of: dict[str, list[Any]] = defaultdict(list)
    if shape.tiers is not None:
        tier_fields = _fields("id", "run_id", *shape.tiers)
        tier_rows = await reads.projected_children(ctx, "tiers", "run_id", run_ids, tier_fields)
        phases_of_tier: dict[int, list[Any]] | None = None
        if shape.tier_phases is not None:
            phases_of_tier = await _phases(ctx, "tier_id", [row[0] for row in tier_rows], shape.tier_phases)
        make_tier = _row_type("Tier", (*tier_fields, "prefetched_phases"))
        for row in tier_rows:
            phases = None if phases_of_tier is None else phases_of_tier.get(row[0], [])
            tiers_of[row[1]].append(make_tier(*row, phases))

    phases_of_run = None
    if shape.run_phases is not None:
        phases_of_run = await _phases(ctx, "run_id", run_ids, shape.run_phases)

    make_run = _row_type("Run", (*run_fields, "prefetched_tiers", "prefetched_phases"))
    runs = [
        make_run(*row, tiers_of.get(row[0], []) if shape.tiers is not None else None,
                 phases_of_run.get(row[0], []) if phases_of_run is not None else None)
        for row in rows
    ]
    return runs, has_next


async def _phases(ctx: Any, key: str, keys: list[Any], columns: tuple[str, ...]) -> dict[Any, list[Any]]:
    fields = _fields(key, *columns)
    make = _row_type("Phase", fields)._make
    grouped: dict[Any, list[Any]] = defaultdict(list)
    for row in await reads.projected_children(ctx, "phases", key, keys, fields):
        grouped[row[0]].append(make(row))
    return grouped
