"""A single event is stored by one statement that also checks its widget and its client event id
(`ingest._append_alone`, committed by itself). Whatever that statement does not store takes the general
path, so every answer, and every stored row, is the one the general path gives."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select

from app.domains.interactions import ingest
from app.domains.interactions.models import InteractionEvent
from tests.helpers import graphql, statement_count
from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for

V1 = "/api/v1/interaction-events"
V2 = "/api/v2/interaction-events"


async def _hubs(client):
    shop, blog = await make_hub(client, "shop"), await make_hub(client, "blog")
    shop_token, blog_token = await token_for(client, shop), await token_for(client, blog)
    shop_widget = await make_widget(client, shop_token)
    blog_widget = await make_widget(client, blog_token, name="search-box", widget_type="search")
    retired = await make_widget(client, shop_token, name="old-button")
    response = await client.post("/api/v2/widgets", json={"name": "old-button", "widget_type": "button",
                                                          "status": "deprecated"}, headers=bearer(shop_token))
    assert response.json()["status"] == "deprecated"
    return {"shop": shop, "blog": blog, "shop_token": shop_token, "blog_token": blog_token,
            "shop_widget": shop_widget, "blog_widget": blog_widget, "retired": retired}


def _submissions(s: dict[str, Any], tag: str) -> list[tuple[str, dict[str, Any], dict[str, str]]]:
    """(path, body, headers) for every kind of single submission; client ids carry `tag`."""
    shop = bearer(s["shop_token"])
    actor = "7d1f8f3e-1f7c-4c3a-9a53-0c6f4a0e2b11"
    return [
        (V2, event(s["shop_widget"]), shop),
        (V2, event(s["shop_widget"], "viewed", "2026-01-01T10:00:00+02:00", actor_id=actor, actor_type="agent",
                   view_context_ref="/checkout", metadata={"step": 2, "tags": ["a", "b"]}), shop),
        (V2, event(s["shop_widget"], metadata=None, actor_type=None), shop),
        (V2, event(s["shop_widget"], client_event_id=f"{tag}-1"), shop),
        (V2, event(s["shop_widget"], client_event_id=f"{tag}-1"), shop),              # a retry: 200, the same event
        (V2, event(s["shop_widget"]), {**shop, "Idempotency-Key": f"{tag}-k"}),
        (V2, event(s["shop_widget"]), {**shop, "Idempotency-Key": f"{tag}-k"}),
        (V2, event(s["blog_widget"], client_event_id=f"{tag}-1"), bearer(s["blog_token"])),  # same id, other hub
        (V2, event(str(uuid.UUID(int=7))), shop),                                   # no such widget
        (V2, event(s["retired"]), shop),                                            # a deprecated widget
        (V2, event(s["blog_widget"]), shop),                                        # another hub's widget
        (V2, event(s["blog_widget"]), {"X-API-Key": s["shop"].admin_key}),          # an admin: the widget's hub
        (V2, event(s["shop_widget"]), {"X-API-Key": s["shop"].reader_key}),         # no write scope
        (V2, event(s["shop_widget"], "teleported"), shop),
        (V2, {"widget_id": s["shop_widget"]}, shop),
        (V2, event(s["shop_widget"], actor_type="robot"), shop),
        (V1, event(s["shop_widget"]), bearer(s["shop"].hub_key)),
        (V1, event(s["blog_widget"], client_event_id=f"{tag}-2"), bearer(s["shop"].hub_key)),  # another hub's widget
        (V1, event(s["blog_widget"], client_event_id=f"{tag}-2"), bearer(s["shop"].hub_key)),  # refused again
        (V1, event(s["retired"]), bearer(s["shop"].hub_key)),
        (V1, event(s["shop_widget"]), bearer(s["blog"].hub_key)),
    ]


def _normal(value: Any, tag: str, ids: dict[str, str]) -> Any:
    """The answer with this run's own values (event ids, receipt times, the client id tag) made neutral."""
    if isinstance(value, dict):
        return {k: (ids.setdefault(v, f"event-{len(ids)}") if k == "id" and isinstance(v, str)
                    else "received" if k == "received_at" else _normal(v, tag, ids)) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v, tag, ids) for v in value]
    return value.replace(tag, "tag") if isinstance(value, str) else value


async def _answers(client, s: dict[str, Any], tag: str) -> list[tuple[int, Any]]:
    ids: dict[str, str] = {}
    answers = []
    for path, body, headers in _submissions(s, tag):
        response = await client.post(path, json=body, headers=headers)
        answers.append((response.status_code, _normal(response.json(), tag, ids)))
    return answers


async def _stored(client) -> dict[Any, list[tuple[Any, ...]]]:
    """The stored events by receipt time (each run has its own), as their columns apart from the id."""
    async with client.app.state.runtime.db.sessionmaker() as session:
        rows = (await session.execute(select(InteractionEvent))).scalars()
        by_time: dict[Any, list[tuple[Any, ...]]] = {}
        for e in rows:
            client_id = None if e.client_event_id is None else e.client_event_id.split("-", 1)[1]
            by_time.setdefault(e.received_at, []).append(
                (str(e.widget_id), str(e.hub_id), e.event_type, e.occurred_at, e.actor_id, e.actor_type,
                 e.view_context_ref, repr(e.event_metadata), client_id, e.api_version))
        return {at: sorted(rows, key=repr) for at, rows in by_time.items()}


async def test_answers_and_rows_are_the_general_paths(client, clock, monkeypatch: pytest.MonkeyPatch):
    s = await _hubs(client)
    first_at = clock.now()
    one_statement = await _answers(client, s, "first")
    second_at = clock.advance(seconds=60)

    async def general_only(*_args: object) -> None:
        return None

    monkeypatch.setattr(ingest, "_append_alone", general_only)
    general = await _answers(client, s, "second")
    assert one_statement == general
    assert [status for status, _ in general] == [201, 201, 201, 201, 200, 201, 200, 201, 422, 403, 403, 201, 403,
                                                 422, 422, 422, 201, 401, 401, 401, 401]  # v1: 201 and 401 only
    stored = await _stored(client)
    assert len(stored[first_at]) == 8 and stored[first_at] == stored[second_at]


async def test_a_warm_single_event_costs_one_statement(client):
    s = await _hubs(client)
    headers = bearer(s["shop_token"])
    await client.post(V2, json=event(s["shop_widget"]), headers=headers)  # loads the contract and registry
    response = await client.post(V2, json=event(s["shop_widget"]), headers=headers)
    assert response.status_code == 201 and statement_count(response) == 1


async def test_the_stored_event_reads_back_as_answered(client):
    s = await _hubs(client)
    created = await client.post(V2, json=event(s["shop_widget"], metadata={"k": [1, 2]}, actor_type="user"),
                                headers=bearer(s["shop_token"]))
    listed = (await client.get(V2, headers=bearer(s["shop_token"]))).json()["data"]
    assert listed == [created.json()]


async def test_graphql_submissions_stay_in_the_operations_transaction(client):
    """Only a door that commits nothing else lets the statement commit by itself: a GraphQL mutation
    that fails later in the same operation still takes the event back with it."""
    s = await _hubs(client)
    mutation = """mutation($w: UUID!, $x: UUID!) {
      ok: submitInteractionEvent(input: {widgetId: $w, eventType: "clicked", occurredAt: "2026-01-01T10:00:00Z"}) { id }
      bad: submitInteractionEvent(input: {widgetId: $x, eventType: "clicked", occurredAt: "2026-01-01T10:00:00Z"}) { id }
    }"""
    result = await graphql(client, mutation, {"w": s["shop_widget"], "x": str(uuid.UUID(int=7))},
                           Authorization=f"Bearer {s['shop_token']}")
    assert result["errors"]
    assert (await client.get(V2, headers=bearer(s["shop_token"]))).json()["data"] == []
