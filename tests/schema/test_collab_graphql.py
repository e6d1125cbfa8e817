"""Collaborative drafting over GraphQL: reads, mutations, errors, statement counts, draftChanged."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import httpx
import websockets

from tests.collab_helpers import add, as_user, new_draft, pass_to, write
from tests.helpers import graphql, statement_count
from tests.live import live_server

DRAFT = """query($id: String!, $now: DateTime) {
  collabDraft(id: $id) {
    id creatorId title platform status
    ringState { currentHolderId holdersHistory passedAt lastPassedAt }
    segments { segmentId segmentOrder content authorDisplay ringHolderUserIdAtWrite }
    collaborators
    metrics { contributorsCount ringPassesLast24h avgMinutesBetweenPasses lastActivityAt }
    insights(now: $now) { type severity reason metricsSnapshot }
    alerts(now: $now) { alertType threshold currentValue }
    recommendations(now: $now) { action targetUserId confidence }
  }
}"""


async def test_draft_with_insights(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    for n in range(5):
        await write(client, draft_id, "alice", f"line {n}")
    now = (clock.now() + timedelta(hours=30)).isoformat()
    body = await graphql(client, DRAFT, {"id": draft_id, "now": now}, **as_user("bob"))
    assert "errors" not in body, body
    draft = body["data"]["collabDraft"]
    assert draft["ringState"]["currentHolderId"] == "alice" and len(draft["segments"]) == 5
    assert draft["collaborators"] == ["bob"] and draft["metrics"]["contributorsCount"] == 1
    assert [i["type"] for i in draft["insights"]] == ["low_engagement"]
    assert {a["alertType"] for a in draft["alerts"]} == {"long_ring_hold", "single_contributor"}
    assert draft["recommendations"] == [{"action": "invite_user", "targetUserId": None, "confidence": 0.9}]


async def test_insights_refused_to_outsiders_and_unknown_draft_is_null(client):
    draft_id = (await new_draft(client))["draft_id"]
    body = await graphql(client, "query($id: String!) { collabDraft(id: $id) { title insights { type } } }",
                         {"id": draft_id}, **as_user("eve"))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    missing = await graphql(client, '{ collabDraft(id: "ghost") { id } }')
    assert missing["data"]["collabDraft"] is None


async def test_mutations(client):
    create = """mutation { createCollabDraft(title: "G", platform: "x", initialSegment: "hello") {
        id segments { content } ringState { currentHolderId } } }"""
    created = await graphql(client, create, **as_user("alice"))
    draft_id = created["data"]["createCollabDraft"]["id"]
    assert created["data"]["createCollabDraft"]["segments"] == [{"content": "hello"}]

    added = await graphql(client, f'mutation {{ addCollabCollaborator(draftId: "{draft_id}", collaboratorId: "bob") '
                                  '{ collaborators } }', **as_user("alice"))
    assert added["data"]["addCollabCollaborator"]["collaborators"] == ["bob"]
    append = ('mutation($id: String!, $c: String!, $k: String) { appendCollabSegment(draftId: $id, content: $c, '
              'idempotencyKey: $k) { segments { content } } }')
    appended = await graphql(client, append, {"id": draft_id, "c": "more", "k": "k1"}, **as_user("alice"))
    assert [s["content"] for s in appended["data"]["appendCollabSegment"]["segments"]] == ["hello", "more"]
    again = await graphql(client, append, {"id": draft_id, "c": "more", "k": "k1"}, **as_user("alice"))
    assert len(again["data"]["appendCollabSegment"]["segments"]) == 2

    passed = await graphql(client, f'mutation {{ passCollabRing(draftId: "{draft_id}", toUserId: "bob") '
                                   '{ ringState { currentHolderId holdersHistory } } }', **as_user("alice"))
    assert passed["data"]["passCollabRing"]["ringState"] == {"currentHolderId": "bob", "holdersHistory": ["alice", "bob"]}

    refused = await graphql(client, append, {"id": draft_id, "c": "mine"}, **as_user("alice"))
    assert refused["errors"][0]["extensions"]["code"] == "RING_REQUIRED"
    too_long = await graphql(client, append, {"id": draft_id, "c": "x" * 501}, **as_user("bob"))
    assert too_long["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
    anonymous = await graphql(client, create)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    missing = await graphql(client, append, {"id": "ghost", "c": "x"}, **as_user("bob"))
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_user_drafts_and_leaderboard_position(client):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    await write(client, draft_id, "alice", "a")
    await pass_to(client, draft_id, "alice", "bob")
    query = """query($id: String) { collabUser(id: $id) { userId displayName verified ringBalance
        drafts { id } leaderboardPosition(metric: COLLABORATION) { position value } } }"""
    body = await graphql(client, query, {"id": None}, **as_user("bob"))
    user = body["data"]["collabUser"]
    assert user["drafts"] == [{"id": draft_id}]
    assert user["leaderboardPosition"] == {"position": None, "value": 0}  # no contributions yet
    other = await graphql(client, query, {"id": "alice"}, **as_user("bob"))
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    position = await graphql(client, 'query { collabUser(id: "alice") { leaderboardPosition { position value } } }',
                             **as_user("bob"))
    assert position["data"]["collabUser"]["leaderboardPosition"] == {"position": 1, "value": 2}
    board = await graphql(client, "{ collabLeaderboard(metric: MOMENTUM) { metricType entries { userId position } } }",
                          **as_user("bob"))
    assert board["data"]["collabLeaderboard"]["entries"] == [{"userId": "alice", "position": 1}]


LISTING = """{ collabUser { drafts { id ringState { currentHolderId } segments { content authorDisplay }
    collaborators metrics { contributorsCount } insights { type } alerts { alertType } } } }"""


async def _listing_statements(client, drafts: int, user: str) -> int:
    for n in range(drafts):
        draft_id = (await new_draft(client, user))["draft_id"]
        await add(client, draft_id, f"{user}-friend", by=user)
        await write(client, draft_id, user, f"segment {n}")
        await pass_to(client, draft_id, user, f"{user}-friend")
        await write(client, draft_id, f"{user}-friend", "reply")
    response = await client.post("/graphql", json={"query": LISTING}, headers=as_user(user))
    body = response.json()
    assert "errors" not in body and len(body["data"]["collabUser"]["drafts"]) == drafts
    return statement_count(response)


async def test_listing_statement_count_does_not_grow(client):
    small = await _listing_statements(client, 2, "small")
    large = await _listing_statements(client, 8, "large")
    assert small == large


async def _next(ws, timeout: float = 5.0) -> dict:
    async with asyncio.timeout(timeout):
        while True:
            message = json.loads(await ws.recv())
            if message["type"] in ("next", "error"):
                return message


async def test_draft_changed_subscription(settings):
    query = "subscription($id: String!) { draftChanged(draftId: $id) { id segments { content } ringState { currentHolderId } } }"
    async with live_server(settings) as host, httpx.AsyncClient(base_url=f"http://{host}") as http:
        draft_id = (await new_draft(http))["draft_id"]
        await add(http, draft_id, "bob")
        async with websockets.connect(f"ws://{host}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            await ws.send(json.dumps({"id": "1", "type": "subscribe",
                                      "payload": {"query": query, "variables": {"id": draft_id}}}))
            # Live once the server has subscribed; changes before that are not replayed, so write until one arrives.
            first = None
            for attempt in range(50):
                await write(http, draft_id, "alice", f"warm-up {attempt}")
                try:
                    first = await _next(ws, timeout=0.2)
                    break
                except TimeoutError:
                    continue
            assert first is not None, "no change arrived"
            assert first["payload"]["data"]["draftChanged"]["id"] == draft_id

            await pass_to(http, draft_id, "alice", "bob")
            message = await _next(ws)
            while message["payload"]["data"]["draftChanged"]["ringState"]["currentHolderId"] != "bob":
                message = await _next(ws)
            await write(http, draft_id, "bob", "bob's line")
            message = await _next(ws)
            assert message["payload"]["data"]["draftChanged"]["segments"][-1]["content"] == "bob's line"


async def test_subscription_to_unknown_draft_is_an_error(settings):
    async with live_server(settings) as host:
        async with websockets.connect(f"ws://{host}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            await ws.recv()
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
                "query": 'subscription { draftChanged(draftId: "ghost") { id } }'}}))
            message = await _next(ws)
    errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


async def test_users_need_an_identity(client):
    body = await graphql(client, '{ collabUser(id: "alice") { ringBalance } }')
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
