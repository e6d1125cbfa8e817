"""Schema extensions: the commit boundary, and the error policy.

Expected failures (app.errors) reach clients with `extensions.code` and
`extensions.status`; anything else is logged and masked.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import structlog
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.types.graphql import OperationType

from app.context import RequestContext
from app.errors import AppError

log = structlog.get_logger("crossway.graphql")


def _app_error(error: GraphQLError) -> AppError | None:
    original = error.original_error
    return original if isinstance(original, AppError) else None


class ErrorPolicy(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=self._should_mask, error_message="Unexpected error.")

    @staticmethod
    def _should_mask(error: GraphQLError) -> bool:
        # No original error: a syntax or validation error about the document itself.
        return error.original_error is not None and _app_error(error) is None

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = []
        for error in errors:
            app_error = _app_error(error)
            if app_error is not None:
                extensions = {"code": app_error.code.upper(), "status": app_error.status}
                if app_error.fields:
                    extensions["fields"] = [{"field": f.field, "message": f.message} for f in app_error.fields]
                processed.append(GraphQLError(app_error.message, nodes=error.nodes, source=error.source,
                                              positions=error.positions, path=error.path, extensions=extensions))
            elif self.should_mask_error(error):
                log.error("graphql_unexpected_error", path=error.path, exc_info=error.original_error)
                masked = self.anonymise_error(error)
                masked.extensions = {"code": "INTERNAL_SERVER_ERROR"}
                processed.append(masked)
            else:
                processed.append(error)
        return processed


class DatabaseBoundary(SchemaExtension):
    """Commit a mutation that finished without errors; roll back everything else."""

    async def on_operation(self) -> AsyncIterator[None]:  # type: ignore[override]
        yield
        ctx = self.execution_context.context
        if not isinstance(ctx, RequestContext):
            return
        result = self.execution_context.result
        is_mutation = self.execution_context.operation_type == OperationType.MUTATION
        ok = result is not None and not getattr(result, "errors", None)
        await ctx.finish(commit=is_mutation and ok)


class OperationMetrics(SchemaExtension):
    """Counts GraphQL operations by type and outcome."""

    async def on_operation(self) -> AsyncIterator[None]:  # type: ignore[override]
        yield
        ctx = self.execution_context.context
        if not isinstance(ctx, RequestContext):
            return
        operation = self.execution_context.operation_type
        result = self.execution_context.result
        outcome = "error" if result is None or getattr(result, "errors", None) else "ok"
        ctx.runtime.metrics.graphql.labels(operation.value if operation else "unknown", outcome).inc()
