"""Validation failures of the interaction hub that clients handle by code."""

from __future__ import annotations

from app.errors import AppError

REGISTRY_PATHS = {
    "event-type": "/api/v2/event-types",
    "widget-type": "/api/v2/widget-types",
    "annotation-category": "/api/v2/annotation-categories",
    "policy-scope": "/api/v2/policy-scopes",
}
FIELD_OF = {"event-type": "event_type", "widget-type": "widget_type", "annotation-category": "category",
            "policy-scope": "policy_scope"}
CODES = {"event-type": "unregistered_event_type", "widget-type": "unregistered_widget_type",
         "annotation-category": "unregistered_category", "policy-scope": "unregistered_policy_scope"}
HELP = {
    "event-type": "Register this event type via the Type Registry admin UI or hub capability manifest before submitting.",
    "widget-type": "Register this widget type via the Type Registry admin UI or hub capability manifest before submitting.",
    "annotation-category": "Register this annotation category via the Type Registry admin UI before submitting.",
    "policy-scope": "Use a policy scope registered in the policy scope registry.",
}


class Unregistered(AppError):
    """A value that is not an active entry of its registry."""

    status = 422

    def __init__(self, kind: str, value: str) -> None:
        super().__init__(f"{FIELD_OF[kind]} '{value}' not registered")
        self.kind = kind
        self.value = value
        self.code = CODES[kind]
        self.registry = REGISTRY_PATHS[kind]
        self.help = HELP[kind]


class UnknownWidget(AppError):
    status, code = 422, "unknown_widget"

    def __init__(self, widget_id: object) -> None:
        super().__init__(f"widget_id '{widget_id}' not found")
        self.help = "Register the widget (POST /api/v2/widgets) before submitting events for it."


class ContractViolation(AppError):
    """The active interaction reporting contract refuses the submission."""

    status, code = 422, "contract_violation"

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field
        self.help = "See the active interaction reporting contract (GET /api/v2/contract)."
