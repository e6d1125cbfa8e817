"""Event ids made in bulk are random version 4 UUIDs, like uuid.uuid4()'s."""

from __future__ import annotations

import uuid

from app.domains.interactions.ingest import random_uuids


def test_random_uuids_are_distinct_version_4():
    ids = random_uuids(2000)
    assert len(set(ids)) == 2000
    assert all(isinstance(i, uuid.UUID) and i.version == 4 and i.variant == uuid.RFC_4122 for i in ids)
    assert all(uuid.UUID(str(i)) == i for i in ids[:10])
    assert random_uuids(0) == []
