"""Table rows to the hub's read models."""

from __future__ import annotations

from typing import Any

from app.domains.interactions import models as m
from app.domains.interactions import shapes as s


def event_view(e: m.InteractionEvent) -> s.EventOut:
    return s.EventOut(id=e.id, widget_id=e.widget_id, hub_id=e.hub_id, event_type=e.event_type,
                      occurred_at=e.occurred_at, received_at=e.received_at, actor_id=e.actor_id,
                      actor_type=e.actor_type, view_context_ref=e.view_context_ref, metadata=e.event_metadata,
                      client_event_id=e.client_event_id)


def annotation_view(a: m.Annotation) -> s.AnnotationOut:
    return s.AnnotationOut(id=a.id, widget_id=a.widget_id, hub_id=a.hub_id, category=a.category, body=a.body,
                           actor_id=a.actor_id, actor_type=a.actor_type, event_id=a.event_id,
                           metadata=a.annotation_metadata, created_at=a.created_at)


def _copy(model: type, row: Any) -> Any:
    return model.model_validate({name: getattr(row, name) for name in model.model_fields})


VIEWS: dict[str, Any] = {
    "events": event_view,
    "annotations": annotation_view,
    "widgets": lambda row: _copy(s.WidgetOut, row),
    "requirement-candidates": lambda row: _copy(s.RequirementCandidateOut, row),
    "decision-records": lambda row: _copy(s.DecisionRecordOut, row),
    "deployment-records": lambda row: _copy(s.DeploymentRecordOut, row),
    "outcome-signals": lambda row: _copy(s.OutcomeSignalOut, row),
}


def registry_view(row: Any) -> s.RegistryEntryOut:
    return _copy(s.RegistryEntryOut, row)
