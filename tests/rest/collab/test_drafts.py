"""Drafts, segments, the ring and collaborators, in both URL forms."""

from __future__ import annotations

import pytest

from app.auth.principal import Principal
from app.errors import Forbidden
from tests.collab_helpers import add, as_user, new_draft, pass_to, write

DRAFT_FIELDS = {"draft_id", "creator_id", "title", "platform", "status", "segments", "ring_state", "collaborators",
                "pending_invites", "created_at", "updated_at", "target_publish_at", "metrics"}
SEGMENT_FIELDS = {"segment_id", "draft_id", "user_id", "content", "created_at", "segment_order", "idempotency_key",
                  "author_user_id", "author_display", "ring_holder_user_id_at_write", "ring_holder_display_at_write"}
RING_FIELDS = {"draft_id", "current_holder_id", "holders_history", "passed_at", "last_passed_at", "idempotency_key"}


async def test_documented_create_and_read(client):
    created = await client.post("/api/collab/drafts", json={"title": "Hello", "platform": "ig"}, headers=as_user("alice"))
    assert created.status_code == 201, created.text
    body = created.json()
    assert set(body) == {"id", "creator_id", "ring_state", "created_at"}
    assert body["creator_id"] == "alice" and body["ring_state"]["current_holder_id"] == "alice"
    assert set(body["ring_state"]) == RING_FIELDS

    draft = (await client.get(f"/api/collab/drafts/{body['id']}")).json()
    assert set(draft) == DRAFT_FIELDS
    assert draft["status"] == "active" and draft["platform"] == "ig" and draft["segments"] == []
    assert set(draft["metrics"]) == {"contributorsCount", "ringPassesLast24h", "avgMinutesBetweenPasses",
                                     "lastActivityAt"}
    assert draft["ring_state"]["holders_history"] == ["alice"]


async def test_v1_create_with_initial_segment_and_read_without_identity(client):
    draft = await new_draft(client, initial_segment="First words")
    assert set(draft) == DRAFT_FIELDS
    assert [s["content"] for s in draft["segments"]] == ["First words"]
    assert set(draft["segments"][0]) == SEGMENT_FIELDS
    read = await client.get(f"/v1/collab/drafts/{draft['draft_id']}")
    assert read.status_code == 200 and read.json()["data"]["draft_id"] == draft["draft_id"]


async def test_segments_both_forms_and_ring_required(client, clock):
    draft = await new_draft(client)
    draft_id = draft["draft_id"]
    documented = await client.post(f"/api/collab/drafts/{draft_id}/segments", json={"text": "one"},
                                   headers=as_user("alice"))
    assert documented.status_code == 200, documented.text
    assert [s["content"] for s in documented.json()["segments"]] == ["one"]
    v1 = await write(client, draft_id, "alice", "two", key="k-2")
    assert v1.status_code == 200
    segment = v1.json()["data"]["segments"][1]
    assert segment["segment_order"] == 2 and segment["author_user_id"] == "alice"
    assert segment["ring_holder_user_id_at_write"] == "alice" and segment["idempotency_key"] == "k-2"

    refused = await write(client, draft_id, "bob", "sneaky")
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert error["code"] == "ring_required" and error["request_id"] == refused.headers["x-request-id"]
    refused_doc = await client.post(f"/api/collab/drafts/{draft_id}/segments", json={"text": "x"},
                                    headers=as_user("bob"))
    assert refused_doc.status_code == 403 and refused_doc.json()["error"]["code"] == "ring_required"


async def test_segment_idempotency(client):
    draft_id = (await new_draft(client))["draft_id"]
    first = await write(client, draft_id, "alice", "once", key="same")
    again = await write(client, draft_id, "alice", "once", key="same")
    assert first.json() == again.json()
    assert len(again.json()["data"]["segments"]) == 1


async def test_segment_length_bounds(client):
    draft_id = (await new_draft(client))["draft_id"]
    assert (await write(client, draft_id, "alice", "x" * 500)).status_code == 200
    for content in ("", "x" * 501):
        response = await write(client, draft_id, "alice", content)
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "validation_error" and error["details"][0]["field"] == "content"


async def test_ring_pass_both_forms(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    await add(client, draft_id, "carol")
    documented = await client.post(f"/api/collab/drafts/{draft_id}/ring/pass", json={"target_user_id": "bob"},
                                   headers=as_user("alice"))
    assert documented.status_code == 200
    assert documented.json() == {"success": True, "to_user_id": "bob"}

    clock.advance(minutes=30)
    v1 = await pass_to(client, draft_id, "bob", "carol", key="p-1")
    assert v1.status_code == 200
    ring = v1.json()["data"]["ring_state"]
    assert ring["current_holder_id"] == "carol" and ring["holders_history"] == ["alice", "bob", "carol"]
    assert ring["idempotency_key"] == "p-1" and ring["passed_at"] == ring["last_passed_at"]
    metrics = v1.json()["data"]["metrics"]
    assert metrics["ringPassesLast24h"] == 2 and metrics["avgMinutesBetweenPasses"] == 30.0

    # the same pass again is a no-op that returns the same result
    clock.advance(minutes=5)
    again = await pass_to(client, draft_id, "bob", "carol", key="p-1")
    assert again.status_code == 200 and again.json()["data"]["ring_state"] == ring

    # only the holder passes; the target must be a member
    assert (await pass_to(client, draft_id, "bob", "alice")).json()["error"]["code"] == "ring_required"
    stranger = await pass_to(client, draft_id, "carol", "mallory")
    assert stranger.status_code == 400 and "not a collaborator" in stranger.json()["error"]["message"]
    assert "suggestedFix" in stranger.json()["error"]
    # the new holder can write, the old one cannot
    assert (await write(client, draft_id, "carol", "mine")).status_code == 200
    assert (await write(client, draft_id, "bob", "late")).status_code == 403


async def test_collaborators_creator_only(client):
    draft_id = (await new_draft(client))["draft_id"]
    added = await add(client, draft_id, "bob")
    assert added.status_code == 200 and added.json()["data"]["collaborators"] == ["bob"]
    refused = await add(client, draft_id, "eve", by="bob")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    documented = await client.post(f"/api/collab/drafts/{draft_id}/collaborators",
                                   params={"collaborator_id": "carol"}, headers=as_user("alice"))
    assert documented.json()["data"]["collaborators"] == ["bob", "carol"]


async def test_list_my_drafts(client, clock):
    mine = (await new_draft(client, "alice"))["draft_id"]
    clock.advance(minutes=1)
    theirs = (await new_draft(client, "bob"))["draft_id"]
    clock.advance(minutes=1)
    await new_draft(client, "carol")
    await add(client, theirs, "alice", by="bob")
    listed = await client.get("/v1/collab/drafts", headers=as_user("alice"))
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == 2 and [d["draft_id"] for d in body["data"]] == [theirs, mine]
    documented = await client.get("/api/collab/drafts", headers=as_user("alice"))
    assert documented.json()["count"] == 2


async def test_refusals_shapes(client):
    for method, path, body in (
        ("POST", "/v1/collab/drafts", {"title": "t", "platform": "x"}),
        ("POST", "/api/collab/drafts", {"title": "t", "platform": "x"}),
        ("GET", "/v1/collab/drafts", None),
        ("POST", "/v1/collab/drafts/abc/segments", {"content": "x"}),
        ("POST", "/api/collab/drafts/abc/ring/pass", {"target_user_id": "b"}),
    ):
        response = await client.request(method, path, json=body)
        assert response.status_code == 401, path
        error = response.json()["error"]
        assert error["code"] == "unauthenticated" and error["request_id"] == response.headers["x-request-id"]

    for path in ("/v1/collab/drafts/nope", "/api/collab/drafts/nope"):
        missing = await client.get(path)
        assert missing.status_code == 404
        assert "not found" in missing.json()["error"]["message"]
    missing_write = await write(client, "nope", "alice")
    assert missing_write.status_code == 404 and "not found" in missing_write.json()["error"]["message"]

    bad_platform = await client.post("/v1/collab/drafts", json={"title": "t", "platform": "myspace"},
                                     headers=as_user("alice"))
    assert bad_platform.status_code == 422 and bad_platform.json()["error"]["details"][0]["field"] == "platform"
    not_json = await client.post("/v1/collab/drafts", content=b"{", headers=as_user("alice"))
    assert not_json.status_code == 422 and not_json.json()["error"]["code"] == "validation_error"


async def test_bearer_user_token_is_an_identity(client):
    from app.auth.tokens import user_token

    runtime = client.app.state.runtime
    await runtime.keyring.ensure_loaded()
    token = user_token(runtime, user_id="u-42", username="ada")
    response = await client.post("/v1/collab/drafts", json={"title": "t", "platform": "tiktok"},
                                 headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json()["data"]["creator_id"] == "u-42"


async def test_idempotency_keys_belong_to_their_caller(client):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    assert (await write(client, draft_id, "alice", "mine", key="k")).status_code == 200
    await pass_to(client, draft_id, "alice", "bob", key="p")
    reused = await write(client, draft_id, "bob", "theirs", key="k")
    assert reused.status_code == 409 and reused.json()["error"]["code"] == "conflict"
    stolen = await pass_to(client, draft_id, "bob", "alice", key="p")
    assert stolen.status_code == 409


async def test_display_names_come_from_profiles(client):
    from app.cli_admin import SYSTEM
    from app.context import RequestContext
    from app.domains.collab.identity import set_profile

    ctx = RequestContext(runtime=client.app.state.runtime, principal=SYSTEM)
    await set_profile(ctx, "alice", display_name="Alice A.", avatar_url="https://img.example/a.png")
    await ctx.finish(commit=True)
    draft = await new_draft(client, initial_segment="hi")
    segment = draft["segments"][0]
    assert segment["author_display"] == "Alice A." and segment["ring_holder_display_at_write"] == "Alice A."
    board = (await client.get("/v1/analytics/leaderboard", headers=as_user("bob"))).json()["data"]["entries"]
    assert board[0]["display_name"] == "Alice A." and board[0]["avatar_url"] == "https://img.example/a.png"

    user_ctx = RequestContext(runtime=client.app.state.runtime, principal=Principal(kind="user", id="bob"))
    with pytest.raises(Forbidden):
        await set_profile(user_ctx, "bob", display_name="Boss", avatar_url=None)
    await user_ctx.finish(commit=False)


async def test_a_rejected_token_is_not_an_identity(client):
    response = await client.post("/v1/collab/drafts", json={"title": "t", "platform": "x"},
                                 headers={"Authorization": "Bearer not.a.jwt"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


async def test_rest_listing_statement_count_does_not_grow(client):
    from tests.helpers import statement_count

    async def listing(user: str, drafts: int) -> int:
        for n in range(drafts):
            draft_id = (await new_draft(client, user, initial_segment=f"s{n}"))["draft_id"]
            await add(client, draft_id, f"{user}-friend", by=user)
            await pass_to(client, draft_id, user, f"{user}-friend")
        response = await client.get("/v1/collab/drafts", headers=as_user(user))
        assert response.json()["count"] == drafts
        return statement_count(response)

    assert await listing("few", 2) == await listing("many", 7)
