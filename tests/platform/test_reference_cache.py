"""Registry names and the contract are reused for CROSSWAY_REFERENCE_CACHE_SECONDS: a change made
through Crossway is seen by the next submission, one behind its back once the entry expires."""

from __future__ import annotations

from sqlalchemy import update

from app.domains.interactions.models import REGISTRY_KINDS
from tests.hub_helpers import as_admin, event, make_hub, make_widget, token_for


async def submit(client, key: str, widget_id: str, event_type: str) -> int:  # noqa: ANN001
    response = await client.post("/api/v2/interaction-events", headers={"X-API-Key": key},
                                 json=event(widget_id, event_type))
    return response.status_code


async def test_registering_through_the_api_is_seen_at_once(client):
    setup = await make_hub(client, "ref-add")
    widget = await make_widget(client, await token_for(client, setup))
    assert await submit(client, setup.admin_key, widget, "swiped") == 422  # not registered (and now cached)
    added = await client.post("/api/v2/admin/registry/event-types", headers={"X-API-Key": setup.admin_key},
                              json={"name": "swiped", "description": "Swiped away"})
    assert added.status_code == 201
    assert await submit(client, setup.admin_key, widget, "swiped") == 201


async def test_a_change_behind_the_servers_back_is_seen_when_the_entry_expires(client, clock):
    setup = await make_hub(client, "ref-expire")
    widget = await make_widget(client, await token_for(client, setup))
    assert await submit(client, setup.admin_key, widget, "clicked") == 201

    async def deprecate(ctx):  # noqa: ANN001, ANN202
        model = REGISTRY_KINDS["event-type"]
        await ctx.session.execute(update(model).where(model.name == "clicked").values(status="deprecated"))

    await as_admin(client, deprecate)
    assert await submit(client, setup.admin_key, widget, "clicked") == 201  # the cached names still hold it
    clock.advance(seconds=6)
    assert await submit(client, setup.admin_key, widget, "clicked") == 422
