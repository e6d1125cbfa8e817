"""collab_ring_passes refuses UPDATE and DELETE in the database itself."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.collab_helpers import add, new_draft, pass_to


@pytest.mark.parametrize("statement", [
    "UPDATE collab_ring_passes SET to_user_id = 'mallory'",
    "DELETE FROM collab_ring_passes",
])
async def test_ring_passes_are_append_only(client, statement):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    assert (await pass_to(client, draft_id, "alice", "bob")).status_code == 200
    engine = client.app.state.runtime.db.engine
    with pytest.raises(DBAPIError, match="append-only"):
        async with engine.begin() as conn:
            await conn.execute(text(statement))
    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT to_user_id FROM collab_ring_passes"))).all()
    assert [r[0] for r in rows] == ["bob"]
