"""The lifecycle from feedback to measured outcome: requirement candidate -> decision ->
deployment -> outcome signal. Each record belongs to the hub of the record before it."""

from __future__ import annotations

import uuid
from typing import Any

from app.auth import scopes as sc
from app.auth.hub_access import acting_hub, require_scope
from app.context import RequestContext
from app.domains.interactions import repository as repo
from app.domains.interactions.hubs import hub_named
from app.domains.interactions.models import (
    Annotation,
    DecisionRecord,
    DeploymentRecord,
    OutcomeSignal,
    RequirementCandidate,
    Widget,
)
from app.domains.interactions.shapes import DecisionIn, DeploymentIn, OutcomeSignalIn, RequirementCandidateIn
from app.domains.interactions.validation import parse
from app.domains.interactions.views import VIEWS
from app.domains.platform.webhooks import emit
from app.errors import Conflict, Invalid, NotFound


async def _one(ctx: RequestContext, model: Any, ident: uuid.UUID, label: str) -> Any:
    row = (await repo.rows_by_ids(ctx.session, model, [ident])).get(ident)
    if row is None:
        raise NotFound(f"{label} {ident} not found")
    return row


async def create_requirement_candidate(ctx: RequestContext, data: dict[str, Any]) -> RequirementCandidate:
    require_scope(ctx.principal, sc.HUB_LIFECYCLE_WRITE)
    item: RequirementCandidateIn = parse(RequirementCandidateIn, data)
    if item.widget_id is not None:
        hub_id = acting_hub(ctx.principal, (await _one(ctx, Widget, item.widget_id, "Widget")).hub_id)
    elif item.hub:
        hub_id = acting_hub(ctx.principal, (await hub_named(ctx, item.hub)).id)
    elif ctx.principal.hub_id is not None:
        hub_id = ctx.principal.hub_id
    else:
        raise Invalid("hub or widget_id is required: this caller is not bound to a hub")
    found = await repo.rows_by_ids(ctx.session, Annotation, item.source_annotation_ids)
    missing = [str(i) for i in item.source_annotation_ids if i not in found]
    if missing:
        raise NotFound(f"Annotations not found: {', '.join(missing)}")
    candidate = RequirementCandidate(
        hub_id=hub_id, widget_id=item.widget_id, title=item.title, description=item.description,
        source_annotation_ids=[str(i) for i in item.source_annotation_ids], created_at=ctx.clock.now(),
    )
    repo.add(ctx.session, candidate)
    await repo.flush(ctx.session)
    await _announce(ctx, "requirement_candidate.created", "requirement-candidates", candidate)
    return candidate


async def record_decision(ctx: RequestContext, data: dict[str, Any]) -> DecisionRecord:
    require_scope(ctx.principal, sc.HUB_LIFECYCLE_WRITE)
    item: DecisionIn = parse(DecisionIn, data)
    candidate = await _one(ctx, RequirementCandidate, item.requirement_candidate_id, "Requirement candidate")
    hub_id = acting_hub(ctx.principal, candidate.hub_id)
    if candidate.status == "decided":
        raise Conflict(f"Requirement candidate {candidate.id} is already decided")
    candidate.status = "decided"
    record = DecisionRecord(requirement_candidate_id=candidate.id, hub_id=hub_id, decision=item.decision,
                            rationale=item.rationale, decided_by=item.decided_by or ctx.principal.display_name,
                            decided_at=ctx.clock.now())
    repo.add(ctx.session, record)
    await repo.flush(ctx.session)
    await _announce(ctx, "decision_record.created", "decision-records", record)
    return record


async def record_deployment(ctx: RequestContext, data: dict[str, Any]) -> DeploymentRecord:
    require_scope(ctx.principal, sc.HUB_LIFECYCLE_WRITE)
    item: DeploymentIn = parse(DeploymentIn, data)
    decision = await _one(ctx, DecisionRecord, item.decision_record_id, "Decision record")
    hub_id = acting_hub(ctx.principal, decision.hub_id)
    if decision.decision != "accepted":
        raise Invalid(f"Decision {decision.id} was {decision.decision}; only accepted decisions are deployed")
    record = DeploymentRecord(decision_record_id=decision.id, hub_id=hub_id, widget_id=item.widget_id,
                              widget_version=item.widget_version, environment=item.environment,
                              deployed_at=item.deployed_at or ctx.clock.now())
    repo.add(ctx.session, record)
    await repo.flush(ctx.session)
    await _announce(ctx, "deployment_record.created", "deployment-records", record)
    return record


async def record_outcome_signal(ctx: RequestContext, data: dict[str, Any]) -> OutcomeSignal:
    require_scope(ctx.principal, sc.HUB_LIFECYCLE_WRITE)
    item: OutcomeSignalIn = parse(OutcomeSignalIn, data)
    deployment = await _one(ctx, DeploymentRecord, item.deployment_record_id, "Deployment record")
    hub_id = acting_hub(ctx.principal, deployment.hub_id)
    signal = OutcomeSignal(deployment_record_id=deployment.id, hub_id=hub_id, metric=item.metric, value=item.value,
                           baseline=item.baseline, recorded_at=ctx.clock.now())
    repo.add(ctx.session, signal)
    await repo.flush(ctx.session)
    await _announce(ctx, "outcome_signal.recorded", "outcome-signals", signal)
    return signal


async def _announce(ctx: RequestContext, topic: str, kind: str, row: Any) -> None:
    key = kind.rstrip("s").replace("-", "_")
    await emit(ctx, topic, row.hub_id, {key: VIEWS[kind](row).model_dump(mode="json")})
