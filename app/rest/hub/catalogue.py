"""v2 widgets, lifecycle listings, the public registries and the active contract."""

from __future__ import annotations

from pydantic import BaseModel, create_model

from app.auth import scopes as sc
from app.context import RequestContext
from app.domains.interactions import hubs, listings, views, widgets
from app.domains.interactions import shapes as s
from app.domains.interactions.validation import active_contract
from app.rest.endpoint import Call
from app.rest.hub.events import ERRORS, page_body
from app.rest.hub.family import hub_v2, v2_security
from app.rest.responses import json_response


def _page_model(name: str, item: type[BaseModel]) -> type[BaseModel]:
    return create_model(name, data=(list[item], ...), next_cursor=(str | None, ...), has_more=(bool, ...))


WidgetPage = _page_model("WidgetPage", s.WidgetOut)


@hub_v2.endpoint("GET", "/api/v2/widgets", query=s.WidgetQuery, tags=["widgets"],
                 security=v2_security(sc.HUB_READ), responses={200: WidgetPage, **ERRORS})
async def list_widgets(ctx: RequestContext, call: Call):
    """Widgets, newest first; filter by widget type and status."""
    return json_response(page_body(await listings.listing(ctx, "widgets", call.query), "widgets"))


@hub_v2.endpoint("POST", "/api/v2/widgets", body=s.WidgetIn, raw_body=True, tags=["widgets"],
                 security=v2_security(sc.HUB_WIDGETS_WRITE),
                 responses={201: s.WidgetOut, 200: "An existing widget: a new version, or unchanged", **ERRORS})
async def register_widget(ctx: RequestContext, call: Call):
    """Register a widget for the caller's hub; the same name again records a new version."""
    registered = await widgets.register_widget(ctx, call.body)
    return json_response(views.VIEWS["widgets"](registered.widget), 201 if registered.created else 200)


LIFECYCLE = [
    ("requirement-candidates", s.RequirementCandidateOut, "Requirement candidates raised from feedback."),
    ("decision-records", s.DecisionRecordOut, "Decisions taken on requirement candidates."),
    ("deployment-records", s.DeploymentRecordOut, "Deployments of accepted decisions."),
    ("outcome-signals", s.OutcomeSignalOut, "Measured outcomes of deployments."),
]


def _lifecycle_endpoint(kind: str, item: type[BaseModel], summary: str) -> None:
    page_model = _page_model(item.__name__.removesuffix("Out") + "Page", item)

    async def handler(ctx: RequestContext, call: Call):
        return json_response(page_body(await listings.listing(ctx, kind, call.query), kind))

    handler.__name__ = "list_" + kind.replace("-", "_")
    hub_v2.endpoint("GET", f"/api/v2/{kind}", summary=summary + " Newest first.", query=s.LifecycleQuery,
                    tags=["lifecycle"], security=v2_security(sc.HUB_READ),
                    responses={200: page_model, **ERRORS})(handler)


for _kind, _item, _summary in LIFECYCLE:
    _lifecycle_endpoint(_kind, _item, _summary)


class RegistryList(BaseModel):
    data: list[s.RegistryEntryOut]


REGISTRY_PATHS = {
    "event-types": "event-type", "widget-types": "widget-type",
    "annotation-categories": "annotation-category", "policy-scopes": "policy-scope",
}


def _registry_endpoint(path: str, kind: str) -> None:
    async def handler(ctx: RequestContext, call: Call):
        return json_response({"data": [views.registry_view(r) for r in await hubs.list_registry(ctx, kind)]})

    handler.__name__ = "list_" + path.replace("-", "_")
    hub_v2.endpoint("GET", f"/api/v2/{path}", summary=f"Public: every entry of the {kind} registry.",
                    tags=["registries"], security=[], responses={200: RegistryList})(handler)


for _path, _kind in REGISTRY_PATHS.items():
    _registry_endpoint(_path, _kind)


class ContractOut(BaseModel):
    name: str
    contract_version: str
    status: str
    required_fields: list[str]
    actor_types: list[str]
    max_metadata_bytes: int


@hub_v2.endpoint("GET", "/api/v2/contract", tags=["registries"], security=[], responses={200: ContractOut})
async def get_contract(ctx: RequestContext, call: Call):
    """Public: the active interaction reporting contract, which governs validation."""
    contract = await active_contract(ctx)
    return json_response(ContractOut.model_validate(contract, from_attributes=True))
