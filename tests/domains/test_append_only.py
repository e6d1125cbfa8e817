"""interaction_events refuses UPDATE and DELETE in the database itself."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for


@pytest.mark.parametrize("statement", [
    "UPDATE interaction_events SET event_type = 'viewed'",
    "DELETE FROM interaction_events",
])
async def test_events_are_append_only(client, statement):
    hub = await make_hub(client)
    token = await token_for(client, hub)
    widget = await make_widget(client, token)
    await client.post("/api/v2/interaction-events", json=event(widget, "clicked"), headers=bearer(token))
    engine = client.app.state.runtime.db.engine
    with pytest.raises(DBAPIError, match="append-only"):
        async with engine.begin() as conn:
            await conn.execute(text(statement))
    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT event_type FROM interaction_events"))).all()
    assert [r[0] for r in rows] == ["clicked"]
