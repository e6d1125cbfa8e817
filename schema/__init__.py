"""The one GraphQL schema over every domain."""

from __future__ import annotations

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from app.settings import Settings
from schema.collab.operations import CollabMutations, CollabQueries, CollabSubscriptions
from schema.control.operations import ControlMutations, ControlQueries
from schema.delivery.operations import DeliveryMutations, DeliveryQueries
from schema.execution import CrosswayExecutionContext
from schema.extensions import DatabaseBoundary, ErrorPolicy, OperationMetrics
from schema.interactions.operations import InteractionMutations, InteractionQueries
from schema.platform.usage import UsageQueries
from schema.platform.webhooks import WebhookMutations, WebhookQueries
from schema.runs.operations import RunMutations, RunQueries, RunSubscriptions


@strawberry.type
class Query(RunQueries, InteractionQueries, WebhookQueries, UsageQueries, ControlQueries, CollabQueries,
            DeliveryQueries):
    pass


@strawberry.type
class Mutation(RunMutations, InteractionMutations, WebhookMutations, ControlMutations, CollabMutations,
               DeliveryMutations):
    pass


@strawberry.type
class Subscription(RunSubscriptions, CollabSubscriptions):
    pass


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    settings = settings or Settings()
    # The depth and alias rules are built once: the validation cache is keyed by the rule classes, and
    # the limiters make new ones for every instance.
    limits = [*QueryDepthLimiter(max_depth=settings.graphql_max_depth).validation_rules,
              *MaxAliasesLimiter(max_alias_count=settings.graphql_max_aliases).validation_rules]
    return CrosswaySchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            lambda: MaxTokensLimiter(max_token_count=settings.graphql_max_tokens),
            lambda: AddValidationRules(limits),
            # Parsed documents and validation results, reused for the same query text (bounded LRU).
            lambda: ParserCache(maxsize=settings.graphql_document_cache),
            lambda: ValidationCache(maxsize=settings.graphql_document_cache),
            ErrorPolicy,
            DatabaseBoundary,
            OperationMetrics,
        ],
        execution_context_class=CrosswayExecutionContext,
    )


class CrosswaySchema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:  # noqa: ANN001
        # Expected failures are answers, not incidents: log only the unexpected ones
        # (ErrorPolicy logs those with their stack trace).
        return None
