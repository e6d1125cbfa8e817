"""Reference data every Crossway database holds: the interaction reporting contract and the
framework vocabulary of the four registries. Seeding is idempotent and runs at every start."""

from __future__ import annotations

from sqlalchemy import select

from app.db import Database
from app.domains.interactions.models import REGISTRY_KINDS, InteractionReportingContract

EVENT_TYPES = {
    "viewed": "The widget was shown to the actor.",
    "focused": "The actor focused the widget.",
    "clicked": "The actor clicked or tapped the widget.",
    "submitted": "The actor submitted the widget's form or action.",
    "abandoned": "The actor left without finishing.",
    "retried": "The actor tried again after a failure.",
    "failed": "The widget's action failed.",
    "commented": "The actor left a comment.",
    "flagged_confusing": "The actor marked the widget as confusing.",
    "flagged_helpful": "The actor marked the widget as helpful.",
    "blocked_by_policy": "A policy stopped the action.",
    "escalated": "The actor escalated to a person.",
    "accepted_recommendation": "The actor took a recommendation.",
    "rejected_recommendation": "The actor declined a recommendation.",
}
WIDGET_TYPES = {
    "button": "A single action.", "form": "A set of inputs submitted together.", "table": "Rows and columns.",
    "chart": "A visualisation.", "card": "A summary tile.", "navigation": "Menus and links.",
    "modal": "A dialog over the page.", "search": "A search box with results.", "list": "A list of items.",
    "input": "A single field.", "recommendation": "A suggested next step.",
}
ANNOTATION_CATEGORIES = {
    "confusing": "The widget confused someone.", "helpful": "The widget helped.", "bug": "Something is broken.",
    "suggestion": "An idea for improvement.", "accessibility": "An accessibility problem.",
    "performance": "Too slow.", "content": "Wording or content.",
}
POLICY_SCOPES = {
    "internal": "Visible inside the organisation.", "public": "Visible to anyone.",
    "restricted": "Visible to named groups.", "confidential": "Visible to its owners only.",
}
VOCABULARY = {
    "event-type": EVENT_TYPES, "widget-type": WIDGET_TYPES, "annotation-category": ANNOTATION_CATEGORIES,
    "policy-scope": POLICY_SCOPES,
}
CONTRACT_V1 = {
    "contract_version": "1.0",
    "required_fields": ["widget_id", "event_type", "occurred_at"],
    "actor_types": ["user", "agent", "automation", "external_adapter"],
    "max_metadata_bytes": 16384,
}


async def seed_reference(db: Database, now) -> int:  # noqa: ANN001 - datetime
    """Insert whatever reference rows are missing; returns how many were added."""
    added = 0
    async with db.sessionmaker() as session:
        if (await session.execute(select(InteractionReportingContract.id))).first() is None:
            session.add(InteractionReportingContract(**CONTRACT_V1, status="active", created_at=now))
            added += 1
        for kind, names in VOCABULARY.items():
            model = REGISTRY_KINDS[kind]
            present = set((await session.execute(select(model.name))).scalars())
            for name, description in names.items():
                if name not in present:
                    session.add(model(name=name, description=description, created_at=now))
                    added += 1
        await session.commit()
    return added
