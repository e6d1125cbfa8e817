"""The executor, with a short cut for fields that need no resolver call.

graphql-core completes every field the same way: resolve info, the resolver, awaitable checks, then
value completion, one object at a time. A nested page (100 runs, their tiers and their phases) has
thousands of objects and fields, and nearly all of them are scalars, enums or nested objects read
straight off an attribute of the parent; the general path costs many times what the value itself does.

This context plans such fields once per operation and completes them in plain loops:

- a *leaf*: Strawberry's attribute read (a basic field: no resolver, no extensions, the default
  resolver) of a scalar or enum, without arguments; the value is read and coerced here;
- an *object* or a *list of objects* read the same way, or from the attribute a field's resolver would
  return when the field declares it (`prefetched(...)`: the resolver returns that attribute when it is
  filled, so reading it is what the resolver would do); the objects' own selections are planned too.

An object whose selected fields are all planned is completed in one pass, subtree included. Anything
else (a resolver to call, arguments, middleware, @defer or @stream, abstract types, `is_type_of` checks)
takes the general path, and so does any value that would be an error or needs the resolver (a null in a
non-null position, a value the type refuses, a prefetched attribute left empty): the plan gives up on
that object and graphql-core completes it, so data and errors are the same either way
(tests/schema/test_execution.py compares both).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from graphql import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLString,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    is_leaf_type,
)
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import CustomGraphQLEnumType

PREFETCHED = "crossway.prefetched"  # field metadata key: the attribute holding the resolver's answer


def prefetched(attribute: str) -> dict[str, str]:
    """Metadata for a field whose resolver returns `attribute` when it is not None (filled ahead for a
    whole page), so the executor may read it without calling the resolver."""
    return {PREFETCHED: attribute}


LEAF, OBJECT, LIST = 0, 1, 2


class FieldPlan(NamedTuple):
    """How to read one field without its resolver: nothing of the operation, only of the schema."""

    attribute: str
    kind: int  # LEAF, OBJECT or LIST
    coerce: Callable[[Any], Any] | None  # leaves
    nullable: bool  # may the field be null
    item_nullable: bool  # lists: may an item be null
    object_type: GraphQLObjectType | None  # objects and lists
    filled_ahead: bool  # read from a prefetched attribute: None means "not fetched", not null
    exact: Any = None  # leaves: values of exactly this class pass unchanged (see _compile)


class Entry(NamedTuple):
    response_name: str
    attribute: str
    kind: int
    coerce: Callable[[Any], Any] | None
    nullable: bool
    item_nullable: bool
    filled_ahead: bool
    child: ObjectPlan | None
    exact: Any = None


class ObjectPlan(NamedTuple):
    entries: tuple[Entry, ...]
    complete: Callable[[Any], Any]  # source -> completed dict, or _MISS


_MISS = object()
_UNPLANNED = object()
# Each field definition carries its plan (None where the short cut does not apply), so a plan lives and
# dies with its schema.
_PLAN_ATTRIBUTE = "_crossway_field_plan"


def field_plan(field_def: GraphQLField) -> FieldPlan | None:
    known = getattr(field_def, _PLAN_ATTRIBUTE, _UNPLANNED)
    if known is _UNPLANNED:
        known = _make_field_plan(field_def)
        setattr(field_def, _PLAN_ATTRIBUTE, known)
    return known  # type: ignore[return-value]


def _make_field_plan(field_def: GraphQLField) -> FieldPlan | None:
    strawberry_field = (field_def.extensions or {}).get("strawberry-definition")
    if strawberry_field is None or field_def.args:
        return None
    attribute = (strawberry_field.metadata or {}).get(PREFETCHED)
    if attribute is not None:
        if strawberry_field.extensions or strawberry_field.permission_classes:
            return None
        filled_ahead = True
    elif strawberry_field.is_basic_field and strawberry_field.default_resolver is getattr:
        attribute, filled_ahead = strawberry_field.python_name, False
    else:
        return None
    nullable = not isinstance(field_def.type, GraphQLNonNull)
    inner = field_def.type if nullable else field_def.type.of_type
    if is_leaf_type(inner) and not filled_ahead:
        return FieldPlan(attribute, LEAF, _coercer(inner), nullable, False, None, False, _EXACT.get(inner))
    if isinstance(inner, GraphQLObjectType):
        return FieldPlan(attribute, OBJECT, None, nullable, False, inner, filled_ahead)
    if isinstance(inner, GraphQLList):
        item_nullable = not isinstance(inner.of_type, GraphQLNonNull)
        item = inner.of_type if item_nullable else inner.of_type.of_type
        if isinstance(item, GraphQLObjectType):
            return FieldPlan(attribute, LIST, None, nullable, item_nullable, item, filled_ahead)
    return None


# Built-in scalars whose output coercion returns a value of exactly this class unchanged (a 32-bit check
# stays for Int); any other value goes through the type's own coercion.
_EXACT = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool, GraphQLInt: int}


def _coercer(leaf: GraphQLLeafType) -> Callable[[Any], Any]:
    if not isinstance(leaf, CustomGraphQLEnumType):
        return leaf.coerce_output_value
    # Strawberry's enum coercion searches the values one by one; members map to names by hash instead.
    names: dict[Any, str] = {}
    for name, value in leaf.values.items():
        try:
            names[leaf.wrapped_cls(value.value)] = name
        except ValueError:
            continue
    general = leaf.coerce_output_value

    def coerce(value: Any) -> Any:
        name = names.get(value)
        return name if name is not None else general(value)

    coerce.names = names  # type: ignore[attr-defined]  # the compiled completers look members up directly
    return coerce


class CrosswayExecutionContext(StrawberryGraphQLCoreExecutionContext):
    # --- planning (once per operation and selection) ------------------------------------------------

    def _plans(self) -> dict[tuple[Any, int], tuple[Any, ObjectPlan | None]]:
        plans = self.__dict__.get("_crossway_object_plans")
        if plans is None:
            plans = self.__dict__["_crossway_object_plans"] = {}
        return plans

    def _object_plan(self, object_type: GraphQLObjectType, grouped_field_set: Any) -> ObjectPlan | None:
        """The plan of one selection on `object_type`, or None when some field needs the general path.
        Memoized on the identity of the grouped field set, which collect_subfields memoizes in turn (the
        set is kept alive beside its plan, so its id cannot be reused)."""
        plans = self._plans()
        key = (object_type, id(grouped_field_set))
        known = plans.get(key)
        if known is not None:
            return known[1]
        plans[key] = (grouped_field_set, None)  # a selection that (somehow) nests itself is not planned
        plan = self._make_object_plan(object_type, grouped_field_set)
        plans[key] = (grouped_field_set, plan)
        return plan

    def _make_object_plan(self, object_type: GraphQLObjectType, grouped_field_set: Any) -> ObjectPlan | None:
        if object_type.is_type_of is not None or (self.middleware_manager is not None
                                                   and self.middleware_manager.middlewares):
            return None
        entries = []
        for response_name, field_details_list in grouped_field_set.items():
            entry = self._entry(object_type, response_name, field_details_list)
            if entry is None:
                return None
            entries.append(entry)
        return ObjectPlan(tuple(entries), _compiled(tuple(entries)))

    def _entry(self, parent_type: GraphQLObjectType, response_name: str, field_details_list: Any) -> Entry | None:
        node = field_details_list[0].node
        if node.arguments:
            return None
        field_def = self.schema.get_field(parent_type, node.name.value)
        plan = field_plan(field_def) if field_def is not None else None
        if plan is None:
            return None
        child = None
        if plan.kind != LEAF:
            if any(d.name.value == "stream" for details in field_details_list for d in details.node.directives or ()):
                return None
            assert plan.object_type is not None
            if plan.object_type.is_type_of is not None:
                return None
            grouped, new_defer_usages, _ = self.collect_subfields(plan.object_type, field_details_list)
            if new_defer_usages:
                return None
            child = self._object_plan(plan.object_type, grouped)
            if child is None:
                return None
        return Entry(response_name, plan.attribute, plan.kind, plan.coerce, plan.nullable, plan.item_nullable,
                     plan.filled_ahead, child, plan.exact)

    # --- where graphql-core hands over --------------------------------------------------------------

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Any, grouped_field_set: Any,
                       position_context: Any) -> Any:
        plan = self._object_plan(parent_type, grouped_field_set)
        if plan is not None:
            completed = plan.complete(source_value)
            if completed is not _MISS:
                return completed
        return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)

    def execute_field(self, parent_type: GraphQLObjectType, source: Any, field_details_list: Any, path: Any,
                      position_context: Any) -> Any:
        entry = self._entry(parent_type, "", field_details_list)
        if entry is not None:
            value = _settle(entry, getattr(source, entry.attribute, _MISS))
            if value is not _MISS:
                return value
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def complete_iterable_value(self, item_type: Any, field_details_list: Any, info: Any, path: Any, items: Any,
                                position_context: Any) -> Any:
        completed = self._planned_items(item_type, field_details_list, items)
        if completed is not _MISS:
            return completed
        return super().complete_iterable_value(item_type, field_details_list, info, path, items, position_context)

    def _planned_items(self, item_type: Any, field_details_list: Any, items: Any) -> Any:
        """A list of objects whose selections are planned, completed in one pass (an event count answer
        is tens of thousands of them), or _MISS."""
        if not isinstance(items, list | tuple):
            return _MISS
        item_nullable = not isinstance(item_type, GraphQLNonNull)
        object_type = item_type if item_nullable else item_type.of_type
        if not isinstance(object_type, GraphQLObjectType) or object_type.is_type_of is not None or any(
            d.name.value == "stream" for details in field_details_list for d in details.node.directives or ()
        ):
            return _MISS
        grouped, new_defer_usages, _ = self.collect_subfields(object_type, field_details_list)
        if new_defer_usages:
            return _MISS
        plan = self._object_plan(object_type, grouped)
        if plan is None:
            return _MISS
        return _items(plan, item_nullable, items)


# --- completing planned values ----------------------------------------------------------------------


def _settle(entry: Entry, value: Any) -> Any:
    """The completed value of a field read off its parent, or _MISS where the general path must decide."""
    if value is None:
        return None if entry.nullable and not entry.filled_ahead else _MISS
    if value is _MISS:
        return _MISS
    kind = entry.kind
    if kind == LEAF:
        try:
            coerced = entry.coerce(value)  # type: ignore[misc]
        except Exception:  # the general path reports it as a field error
            return _MISS
        return _MISS if coerced is None or coerced is Undefined else coerced
    child = entry.child
    assert child is not None
    if kind == OBJECT:
        return child.complete(value)
    return _items(child, entry.item_nullable, value)


def _items(plan: ObjectPlan, item_nullable: bool, items: Any) -> Any:
    if not isinstance(items, list | tuple):
        return _MISS  # an iterator could not be read twice, should the general path be needed
    complete = plan.complete
    completed = [None if item is None and item_nullable else _MISS if item is None else complete(item)
                 for item in items]
    return _MISS if _MISS in completed else completed


_compiled_cache: dict[tuple[Any, ...], Callable[[Any], Any]] = {}


def _compiled(entries: tuple[Entry, ...]) -> Callable[[Any], Any]:
    """A function completing one selection, generated for it: one straight run of attribute reads with
    the common cases inline (a str for a String or ID, an int in range for an Int, a bool, an enum
    member, a list of objects), and _settle for everything else. Shared by every operation with the
    same selection shape (a bounded cache: shapes come from client documents)."""
    key = tuple((e.response_name, e.attribute, e.kind, e.coerce, e.nullable, e.item_nullable, e.filled_ahead,
                 e.child.complete if e.child else None, e.exact) for e in entries)
    known = _compiled_cache.get(key)
    if known is not None:
        return known
    namespace: dict[str, Any] = {"MISS": _MISS, "getattr": getattr, "list": list}
    lines = ["def complete(source):"]
    for i, entry in enumerate(entries):
        v = f"v{i}"
        namespace[f"entry{i}"], namespace[f"settle{i}"] = entry, _settle
        lines.append(f"    {v} = getattr(source, {entry.attribute!r}, MISS)")
        slow = [f"{v} = settle{i}(entry{i}, {v})", f"if {v} is MISS: return MISS"]
        if entry.kind == LEAF:
            names = getattr(entry.coerce, "names", None)
            if entry.exact is int:
                test = f"{v}.__class__ is not int or not -2147483648 <= {v} <= 2147483647"
            elif entry.exact is not None:
                namespace[f"exact{i}"] = entry.exact
                test = f"{v}.__class__ is not exact{i}"
            elif names is not None:  # an enum: a member (and only a member) maps to its name
                namespace[f"names{i}"], namespace[f"members{i}"] = names, frozenset(map(type, names))
                lines.append(f"    n{i} = names{i}.get({v}) if {v}.__class__ in members{i} else None")
                lines.append(f"    if n{i} is not None: {v} = n{i}")
                test = f"n{i} is None"
            else:  # any other scalar: its own coercion, inline; a null or a refusal goes the slow way
                namespace[f"coerce{i}"], namespace["Undefined"] = entry.coerce, Undefined
                lines.append(f"    if {v} is None or {v} is MISS:")
                lines.extend(f"        {line}" for line in slow)
                lines.append("    else:")
                lines.append("        try:")
                lines.append(f"            {v} = coerce{i}({v})")
                lines.append("        except Exception:")
                lines.append("            return MISS")
                lines.append(f"        if {v} is None or {v} is Undefined: return MISS")
                continue
            lines.append(f"    if {test}:")
            lines.extend(f"        {line}" for line in slow)
        elif entry.kind == OBJECT:
            assert entry.child is not None
            namespace[f"child{i}"] = entry.child.complete
            lines.append(f"    if {v} is None or {v} is MISS:")
            lines.extend(f"        {line}" for line in slow)
            lines.append("    else:")
            lines.append(f"        {v} = child{i}({v})")
            lines.append(f"        if {v} is MISS: return MISS")
        else:
            assert entry.child is not None
            namespace[f"child{i}"] = entry.child.complete
            item = "None if x is None else" if entry.item_nullable else "MISS if x is None else"
            lines.append(f"    if {v}.__class__ is list:")
            lines.append(f"        {v} = [{item} child{i}(x) for x in {v}]")
            lines.append(f"        if MISS in {v}: return MISS")
            lines.append("    else:")
            lines.extend(f"        {line}" for line in slow)
    fields = ", ".join(f"{entry.response_name!r}: v{i}" for i, entry in enumerate(entries))
    lines.append(f"    return {{{fields}}}")
    exec(compile("\n".join(lines), "<selection>", "exec"), namespace)  # noqa: S102 - generated from the schema
    function = namespace["complete"]
    if len(_compiled_cache) < 2048:
        _compiled_cache[key] = function
    return function
