"""Registering widgets. The same name again for a hub makes a new version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.auth import scopes as sc
from app.auth.hub_access import is_admin, require_scope
from app.context import RequestContext
from app.domains.interactions import repository as repo
from app.domains.interactions.hubs import hub_named
from app.domains.interactions.models import Widget
from app.domains.interactions.shapes import WidgetIn
from app.domains.interactions.validation import parse, require_registered
from app.domains.interactions.views import VIEWS
from app.domains.platform.webhooks import emit
from app.errors import Forbidden, Invalid

VERSIONED_FIELDS = ("widget_type", "capability_ref", "view_context", "policy_scope", "status")


@dataclass
class Registered:
    widget: Widget
    created: bool


async def register_widget(ctx: RequestContext, data: dict[str, Any]) -> Registered:
    require_scope(ctx.principal, sc.HUB_WIDGETS_WRITE)
    widget_in: WidgetIn = parse(WidgetIn, data)
    hub_id = await _target_hub(ctx, widget_in.hub)
    await require_registered(ctx, "widget-type", widget_in.widget_type)
    await require_registered(ctx, "policy-scope", widget_in.policy_scope)
    now = ctx.clock.now()
    snapshot = widget_in.model_dump(mode="json", exclude={"hub"})
    widget = await repo.widget_by_name(ctx.session, hub_id, widget_in.name)
    if widget is None:
        widget = Widget(hub_id=hub_id, name=widget_in.name, created_at=now, updated_at=now,
                        **{f: getattr(widget_in, f) for f in VERSIONED_FIELDS})
        repo.add(ctx.session, widget)
        await repo.flush(ctx.session)
        repo.add_widget_version(ctx.session, widget, snapshot, now)
        await repo.flush(ctx.session)
        await _announce(ctx, widget)
        return Registered(widget, True)
    if all(getattr(widget, f) == getattr(widget_in, f) for f in VERSIONED_FIELDS):
        return Registered(widget, False)  # the same registration again changes nothing
    for field in VERSIONED_FIELDS:
        setattr(widget, field, getattr(widget_in, field))
    widget.version += 1
    widget.updated_at = now
    repo.add_widget_version(ctx.session, widget, snapshot, now)
    await repo.flush(ctx.session)
    await _announce(ctx, widget)
    return Registered(widget, False)


async def _announce(ctx: RequestContext, widget: Widget) -> None:
    await emit(ctx, "widget.registered", widget.hub_id, {"widget": VIEWS["widgets"](widget).model_dump(mode="json")})


async def _target_hub(ctx: RequestContext, slug: str | None):  # noqa: ANN202 - uuid.UUID
    principal = ctx.principal
    if slug is not None:
        hub = await hub_named(ctx, slug)
        if not is_admin(principal) and principal.hub_id != hub.id:
            raise Forbidden("Only admins register widgets for another hub")
        return hub.id
    if principal.hub_id is None:
        raise Invalid("hub is required: this caller is not bound to a hub")
    return principal.hub_id
