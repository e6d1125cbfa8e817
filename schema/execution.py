"""The executor, with a short cut for plain leaf fields.

graphql-core completes every field the same way: resolve info, the resolver, awaitable checks, then
value completion. A nested page (100 runs, their tiers and phases) has thousands of fields, and most are
scalars or enums read straight off an attribute of the parent object; the full path costs several times
what the value itself does. For such a field (Strawberry's own attribute resolver, no arguments, no
resolve middleware) this context reads the attribute and coerces it itself. Anything else, and any
value that would be an error (a null in a non-null field, a value the type refuses), takes the full path,
so results and errors are the same either way (tests/schema/test_execution.py compares both).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLField, GraphQLLeafType, GraphQLNonNull, GraphQLObjectType, is_leaf_type
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

# One plan per field definition of the (process-wide) schema: (attribute, coerce, nullable) or None.
_plans: dict[int, tuple[str, Any, bool] | None] = {}


def _plan(field_def: GraphQLField) -> tuple[str, Any, bool] | None:
    key = id(field_def)
    if key in _plans:
        return _plans[key]
    plan = None
    resolver = field_def.resolve
    strawberry_field = (field_def.extensions or {}).get("strawberry-definition")
    return_type = field_def.type
    nullable = not isinstance(return_type, GraphQLNonNull)
    leaf = return_type if nullable else return_type.of_type
    if (getattr(resolver, "_is_default", False) and strawberry_field is not None and not field_def.args
            and is_leaf_type(leaf)):
        plan = (strawberry_field.python_name, _coercer(leaf), nullable)
    _plans[key] = plan
    return plan


def _coercer(leaf: GraphQLLeafType) -> Any:
    return leaf.coerce_output_value


class CrosswayExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_field(self, parent_type: GraphQLObjectType, source: Any, field_details_list: Any, path: Any,
                      position_context: Any) -> Any:
        node = field_details_list[0].node
        if not node.arguments and (self.middleware_manager is None or not self.middleware_manager.middlewares):
            field_def = self.schema.get_field(parent_type, node.name.value)
            plan = _plan(field_def) if field_def is not None else None
            if plan is not None:
                attribute, coerce, nullable = plan
                value = getattr(source, attribute, Undefined)
                if value is None and nullable:
                    return None
                if value is not None and value is not Undefined:
                    try:
                        coerced = coerce(value)
                    except Exception:  # the full path reports it as a field error
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        return coerced
        return super().execute_field(parent_type, source, field_details_list, path, position_context)
