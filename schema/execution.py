"""The executor, with a short cut for plain leaf fields.

graphql-core completes every field the same way: resolve info, the resolver, awaitable checks, then
value completion. A nested page (100 runs, their tiers and phases) has thousands of fields, and most are
scalars or enums read straight off an attribute of the parent object; the full path costs several times
what the value itself does. For such a field (Strawberry's own attribute resolver, no arguments, no
resolve middleware) this context reads the attribute and coerces it itself, and an object whose selected
fields are all such leaves is completed in one loop, as is a list of such objects. Anything else, and any value that would be an
error (a null in a non-null field, a value the type refuses), takes the full path, so results and
errors are the same either way (tests/schema/test_execution.py compares both).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLField, GraphQLLeafType, GraphQLNonNull, GraphQLObjectType, is_leaf_type
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import CustomGraphQLEnumType

Plan = tuple[str, Callable[[Any], Any], bool]  # attribute, coerce, nullable
_MISS = object()
_UNPLANNED = object()
# Each field definition carries its plan (None where the short cut does not apply), so a plan lives and
# dies with its schema.
_PLAN_ATTRIBUTE = "_crossway_leaf_plan"


def _plan(field_def: GraphQLField) -> Plan | None:
    known = getattr(field_def, _PLAN_ATTRIBUTE, _UNPLANNED)
    if known is not _UNPLANNED:
        return known  # type: ignore[return-value]
    plan = None
    strawberry_field = (field_def.extensions or {}).get("strawberry-definition")
    return_type = field_def.type
    nullable = not isinstance(return_type, GraphQLNonNull)
    leaf = return_type if nullable else return_type.of_type
    if (getattr(field_def.resolve, "_is_default", False) and strawberry_field is not None and not field_def.args
            and is_leaf_type(leaf)):
        plan = (strawberry_field.python_name, _coercer(leaf), nullable)
    setattr(field_def, _PLAN_ATTRIBUTE, plan)
    return plan


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

    return coerce


class CrosswayExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def _leaf(self, parent_type: GraphQLObjectType, source: Any, field_details_list: Any) -> Any:
        """The completed value of a plain leaf field, or _MISS where the full path must decide."""
        node = field_details_list[0].node
        if node.arguments or (self.middleware_manager is not None and self.middleware_manager.middlewares):
            return _MISS
        field_def = self.schema.get_field(parent_type, node.name.value)
        plan = _plan(field_def) if field_def is not None else None
        if plan is None:
            return _MISS
        attribute, coerce, nullable = plan
        value = getattr(source, attribute, _MISS)
        if value is None:
            return None if nullable else _MISS
        if value is _MISS:
            return _MISS
        try:
            coerced = coerce(value)
        except Exception:  # the full path reports it as a field error
            return _MISS
        return _MISS if coerced is None or coerced is Undefined else coerced

    def execute_field(self, parent_type: GraphQLObjectType, source: Any, field_details_list: Any, path: Any,
                      position_context: Any) -> Any:
        value = self._leaf(parent_type, source, field_details_list)
        if value is not _MISS:
            return value
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Any, grouped_field_set: Any,
                       position_context: Any) -> Any:
        results: dict[str, Any] = {}
        for response_name, field_details_list in grouped_field_set.items():
            value = self._leaf(parent_type, source_value, field_details_list)
            if value is _MISS:  # not all plain leaves: the general loop (reading leaves again is harmless)
                return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
            results[response_name] = value
        return results

    def complete_iterable_value(self, item_type: Any, field_details_list: Any, info: Any, path: Any, items: Any,
                                position_context: Any) -> Any:
        completed = self._leaf_objects(item_type, field_details_list, info, items)
        if completed is not _MISS:
            return completed
        return super().complete_iterable_value(item_type, field_details_list, info, path, items, position_context)

    def _leaf_objects(self, item_type: Any, field_details_list: Any, info: Any, items: Any) -> Any:
        """A list of objects whose selected fields are all plain leaves, completed in one pass (an event
        count answer is tens of thousands of them), or _MISS."""
        if not isinstance(items, list | tuple):
            return _MISS  # an iterator could not be read twice, should the general path be needed
        nullable = not isinstance(item_type, GraphQLNonNull)
        object_type = item_type if nullable else item_type.of_type
        if not isinstance(object_type, GraphQLObjectType) or any(
            directive.name.value == "stream" for details in field_details_list for directive in details.node.directives or ()
        ):
            return _MISS
        grouped_field_set, new_defer_usages, _ = self.collect_subfields(object_type, field_details_list)
        if new_defer_usages:
            return _MISS
        is_type_of = object_type.is_type_of
        fields = list(grouped_field_set.items())
        completed = []
        for item in items:
            if item is None:
                if not nullable:
                    return _MISS
                completed.append(None)
                continue
            if is_type_of is not None and is_type_of(item, info) is not True:
                return _MISS
            values = {}
            for response_name, details in fields:
                value = self._leaf(object_type, item, details)
                if value is _MISS:
                    return _MISS
                values[response_name] = value
            completed.append(values)
        return completed

