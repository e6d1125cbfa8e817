"""Queries and mutations of the interaction hub."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import strawberry

from app import pagination
from app.domains.identity import service as identity
from app.domains.interactions import (
    hubs,
    ingest,
    insights,
    lifecycle,
    listings,
    widgets,
)
from app.domains.interactions import shapes as s
from app.domains.interactions.listings import TIME_FIELD
from schema.interactions import types as t
from schema.interactions.inputs import (
    AnnotationInput,
    DecisionInput,
    DeploymentInput,
    InteractionEventInput,
    OutcomeSignalInput,
    RequirementCandidateInput,
    WidgetInput,
    as_dict,
)
from schema.pagination import Connection, connection
from schema.runs.types import Info


async def _connection(info: Info, kind: str, node: Any, query: s.ListQuery) -> Connection[Any]:
    ctx = info.context
    page = await listings.listing(ctx, kind, query)
    cursors = [pagination.encode_cursor(getattr(r, TIME_FIELD[kind]), r.id) for r in page.rows]
    return connection([node.from_row(r) for r in page.rows], cursors, has_next=page.has_more,
                      has_previous=query.cursor is not None, count=lambda: listings.count(ctx, kind, query))


def _query(model: type[s.ListQuery], first: int, after: str | None, hub: str | None, **filters: Any) -> s.ListQuery:
    from app.domains.interactions.validation import parse

    return parse(model, {"limit": first, "cursor": after, "hub": hub, **{k: v for k, v in filters.items() if v is not None}})


@strawberry.type
class InteractionQueries:
    @strawberry.field(description="Widgets, newest first.")
    async def widgets(self, info: Info, first: int = 50, after: str | None = None, hub: str | None = None,
                      widget_type: str | None = None, status: str | None = None) -> Connection[t.Widget]:
        return await _connection(info, "widgets", t.Widget,
                                 _query(s.WidgetQuery, first, after, hub, widget_type=widget_type, status=status))

    @strawberry.field(description="Interaction events, newest first.")
    async def interaction_events(
        self, info: Info, first: int = 50, after: str | None = None, hub: str | None = None,
        widget_id: uuid.UUID | None = None, event_type: str | None = None, actor_id: uuid.UUID | None = None,
        actor_type: str | None = None, since: datetime | None = None, until: datetime | None = None,
    ) -> Connection[t.InteractionEvent]:
        query = _query(s.EventQuery, first, after, hub, widget_id=widget_id, event_type=event_type,
                       actor_id=actor_id, actor_type=actor_type, since=since, until=until)
        return await _connection(info, "events", t.InteractionEvent, query)

    @strawberry.field(description="Annotations, newest first.")
    async def annotations(
        self, info: Info, first: int = 50, after: str | None = None, hub: str | None = None,
        widget_id: uuid.UUID | None = None, category: str | None = None, since: datetime | None = None,
        until: datetime | None = None,
    ) -> Connection[t.Annotation]:
        query = _query(s.AnnotationQuery, first, after, hub, widget_id=widget_id, category=category,
                       since=since, until=until)
        return await _connection(info, "annotations", t.Annotation, query)

    @strawberry.field(description="Requirement candidates, newest first, with their decisions.")
    async def requirement_candidates(self, info: Info, first: int = 50, after: str | None = None,
                                     hub: str | None = None) -> Connection[t.RequirementCandidate]:
        return await _connection(info, "requirement-candidates", t.RequirementCandidate,
                                 _query(s.LifecycleQuery, first, after, hub))

    @strawberry.field
    async def decision_records(self, info: Info, first: int = 50, after: str | None = None,
                               hub: str | None = None) -> Connection[t.DecisionRecord]:
        return await _connection(info, "decision-records", t.DecisionRecord, _query(s.LifecycleQuery, first, after, hub))

    @strawberry.field
    async def deployment_records(self, info: Info, first: int = 50, after: str | None = None,
                                 hub: str | None = None) -> Connection[t.DeploymentRecord]:
        return await _connection(info, "deployment-records", t.DeploymentRecord,
                                 _query(s.LifecycleQuery, first, after, hub))

    @strawberry.field
    async def outcome_signals(self, info: Info, first: int = 50, after: str | None = None,
                              hub: str | None = None) -> Connection[t.OutcomeSignal]:
        return await _connection(info, "outcome-signals", t.OutcomeSignal, _query(s.LifecycleQuery, first, after, hub))

    @strawberry.field(description="Public: the entries of a type registry.")
    async def registry(self, info: Info, registry: t.Registry) -> list[t.RegistryEntry]:
        rows = await hubs.list_registry(info.context, registry.value)
        return [t.RegistryEntry(name=r.name, description=r.description, status=r.status, owner_hub_id=r.owner_hub_id,
                                created_at=r.created_at) for r in rows]

    @strawberry.field(description="Event counts per widget and event type in hour or day buckets over [since, until).")
    async def event_counts(self, info: Info, since: datetime, until: datetime, bucket: t.Bucket = t.Bucket.HOUR,
                           widget_id: uuid.UUID | None = None,
                           event_type: str | None = None) -> list[t.EventCountBucket]:
        # A day of hourly counts is tens of thousands of rows. EventCount rows carry exactly the fields of
        # EventCountBucket, whose fields are read by attribute, so they are served as they are.
        return await insights.event_counts(info.context, since=since, until=until,  # type: ignore[return-value]
                                           bucket=bucket.value, widget_id=widget_id, event_type=event_type)

    @strawberry.field(description="Widgets with the most flagged_confusing events.")
    async def most_confusing_widgets(self, info: Info, limit: int = 10, since: datetime | None = None,
                                     until: datetime | None = None) -> list[t.WidgetFlagCount]:
        rows = await insights.most_flagged_confusing(info.context, since=since, until=until, limit=limit)
        return [t.WidgetFlagCount(widget_id=r.widget_id, count=r.count) for r in rows]

    @strawberry.field
    async def lifecycle_funnel(self, info: Info, since: datetime | None = None,
                               until: datetime | None = None) -> t.LifecycleFunnel:
        return t.LifecycleFunnel.from_funnel(await insights.lifecycle_funnel(info.context, since=since, until=until))


def _hub(row: Any) -> t.Hub:
    return t.Hub(id=row.id, slug=row.slug, name=row.name, domain=row.domain, status=row.status,
                 created_at=row.created_at)


@strawberry.type
class InteractionMutations:
    @strawberry.mutation(description="Submit an interaction event (validated against the registries).")
    async def submit_interaction_event(self, info: Info, input: InteractionEventInput) -> t.InteractionEvent:  # noqa: A002
        submitted = await ingest.submit_event(info.context, as_dict(input))
        return t.InteractionEvent.from_row(submitted.event)

    @strawberry.mutation
    async def submit_annotation(self, info: Info, input: AnnotationInput) -> t.Annotation:  # noqa: A002
        return t.Annotation.from_row(await ingest.submit_annotation(info.context, as_dict(input)))

    @strawberry.mutation
    async def register_widget(self, info: Info, input: WidgetInput) -> t.Widget:  # noqa: A002
        return t.Widget.from_row((await widgets.register_widget(info.context, as_dict(input))).widget)

    @strawberry.mutation
    async def create_requirement_candidate(self, info: Info, input: RequirementCandidateInput) -> t.RequirementCandidate:  # noqa: A002
        return t.RequirementCandidate.from_row(await lifecycle.create_requirement_candidate(info.context, as_dict(input)))

    @strawberry.mutation
    async def record_decision(self, info: Info, input: DecisionInput) -> t.DecisionRecord:  # noqa: A002
        return t.DecisionRecord.from_row(await lifecycle.record_decision(info.context, as_dict(input)))

    @strawberry.mutation
    async def record_deployment(self, info: Info, input: DeploymentInput) -> t.DeploymentRecord:  # noqa: A002
        return t.DeploymentRecord.from_row(await lifecycle.record_deployment(info.context, as_dict(input)))

    @strawberry.mutation
    async def record_outcome_signal(self, info: Info, input: OutcomeSignalInput) -> t.OutcomeSignal:  # noqa: A002
        return t.OutcomeSignal.from_row(await lifecycle.record_outcome_signal(info.context, as_dict(input)))

    # --- admin ----------------------------------------------------------------------------------

    @strawberry.mutation(description="Admin: create a hub and its v1 key (shown once).")
    async def create_hub(self, info: Info, slug: str, name: str, domain: str | None = None) -> t.HubCreated:
        made = await hubs.create_hub(info.context, {"slug": slug, "name": name, "domain": domain})
        return t.HubCreated(hub=_hub(made.hub), api_key=made.api_key)

    @strawberry.mutation(description="Admin: publish a new active capability manifest for a hub.")
    async def publish_hub_manifest(self, info: Info, hub: str, event_types: list[str] | None = None,
                                   widget_types: list[str] | None = None) -> t.HubManifest:
        manifest = await hubs.publish_manifest(info.context, hub, {"event_types": event_types or [],
                                                                   "widget_types": widget_types or []})
        return t.HubManifest(version=manifest.version, status=manifest.status, event_types=manifest.event_types,
                             widget_types=manifest.widget_types, created_at=manifest.created_at)

    @strawberry.mutation(description="Admin: create an OAuth client; the secret is shown once.")
    async def create_api_client(self, info: Info, name: str, hub: str | None = None, scopes: str | None = None,
                                rate_per_minute: int | None = None, daily_quota: int | None = None) -> t.ClientCreated:
        made = await identity.create_client(info.context, name=name, hub=hub, scopes=scopes,
                                            rate_per_minute=rate_per_minute, daily_quota=daily_quota)
        return t.ClientCreated(client_id=made.consumer.client_id, client_secret=made.client_secret,
                               scopes=made.consumer.scopes)

    @strawberry.mutation(description="Admin: create an API key; the key is shown once.")
    async def create_api_key(self, info: Info, name: str, scopes: str, hub: str | None = None,
                             rate_per_minute: int | None = None, daily_quota: int | None = None) -> t.ApiKeyCreated:
        made = await identity.create_key(info.context, name=name, scopes=scopes, hub=hub,
                                         rate_per_minute=rate_per_minute, daily_quota=daily_quota)
        return t.ApiKeyCreated(key_id=made.key.id, key_prefix=made.key.key_prefix, api_key=made.api_key,
                               scopes=made.key.scopes)

    @strawberry.mutation(description="Admin: revoke an API key.")
    async def revoke_api_key(self, info: Info, key_id: str) -> t.ApiKeyRevoked:
        key = await identity.revoke_key(info.context, key_id)
        return t.ApiKeyRevoked(key_id=key.id, revoked_at=key.revoked_at)

    @strawberry.mutation(description="Admin: register a name in a type registry.")
    async def add_registry_entry(self, info: Info, registry: t.Registry, name: str, description: str | None = None,
                                 hub: str | None = None) -> t.RegistryEntry:
        row = await hubs.add_registry_entry(info.context, registry.value,
                                            {"name": name, "description": description, "hub": hub})
        return t.RegistryEntry(name=row.name, description=row.description, status=row.status,
                               owner_hub_id=row.owner_hub_id, created_at=row.created_at)
