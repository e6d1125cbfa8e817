"""GraphQL inputs of the run lifecycle. Each converts to the same write model the REST door parses."""

from __future__ import annotations

import strawberry
from pydantic import ValidationError
from strawberry.scalars import JSON

from app.domains.runs.shapes import PhaseStatusUpdate, RunStartRequest
from app.errors import FieldError, ValidationFailed


def _validated(model, data: dict):  # noqa: ANN001, ANN202
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = [FieldError(".".join(str(p) for p in e["loc"]), e["msg"], e["type"]) for e in exc.errors()]
        raise ValidationFailed("Input is not valid: " + "; ".join(f"{f.field}: {f.message}" for f in fields),
                               fields=fields) from None


@strawberry.input
class RunSpecInput:
    run_id: str
    safety_profile: str = "normal"
    run_scope: str = "multi_tier"
    token_cap: int = 5_000_000
    max_phases: int = 25
    max_duration_minutes: int = 120


@strawberry.input
class TierSpecInput:
    tier_id: str
    tier_index: int
    name: str
    description: str | None = None


@strawberry.input
class PhaseSpecInput:
    phase_id: str
    phase_index: int
    tier_id: str
    name: str
    description: str | None = None
    task_category: str | None = None
    complexity: str | None = None
    builder_mode: str | None = None
    scope: JSON | None = None
    intention_refs: JSON | None = None


@strawberry.input
class StartRunInput:
    run: RunSpecInput
    tiers: list[TierSpecInput]
    phases: list[PhaseSpecInput]

    def to_request(self) -> RunStartRequest:
        return _validated(RunStartRequest, strawberry.asdict(self))


@strawberry.input
class PhaseStatusInput:
    state: str
    builder_attempts: int | None = None
    tokens_used: int | None = None
    minor_issues_count: int | None = None
    major_issues_count: int | None = None
    quality_level: str | None = None
    quality_blocked: bool | None = None

    def to_update(self) -> PhaseStatusUpdate:
        return _validated(PhaseStatusUpdate, strawberry.asdict(self))
