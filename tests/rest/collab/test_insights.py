"""Insights, alerts and recommendations at and just below every threshold; analytics; leaderboard."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.collab_helpers import add, as_user, new_draft, pass_to, write

SECOND = timedelta(seconds=1)


async def insights(client, draft_id: str, now: datetime, user: str = "alice") -> dict:
    response = await client.get(f"/api/insights/drafts/{draft_id}", params={"now": now.isoformat()},
                                headers=as_user(user))
    assert response.status_code == 200, response.text
    return response.json()


def types(body: dict) -> list[str]:
    return [i["type"] for i in body["insights"]]


def alert_types(body: dict) -> list[str]:
    return [a["alert_type"] for a in body["alerts"]]


async def test_shape_and_healthy(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    await write(client, draft_id, "alice", "a")
    await pass_to(client, draft_id, "alice", "bob")
    await write(client, draft_id, "bob", "b")
    body = await insights(client, draft_id, clock.now())
    assert set(body) == {"draft_id", "insights", "recommendations", "alerts", "computed_at"}
    assert types(body) == ["healthy"] and body["recommendations"] == [] and body["alerts"] == []
    insight = body["insights"][0]
    assert set(insight) == {"type", "severity", "title", "message", "reason", "metrics_snapshot"}
    assert insight["severity"] == "info"
    # `now` is optional: the server clock answers
    default = await client.get(f"/api/insights/drafts/{draft_id}", headers=as_user("bob"))
    assert default.status_code == 200 and default.json()["computed_at"].startswith("2026-01-01T00:00")


async def test_stalled_threshold(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    never = await insights(client, draft_id, clock.now())
    assert types(never) == ["stalled"] and never["insights"][0]["severity"] == "critical"
    assert never["recommendations"][0]["confidence"] == 0.85
    assert never["recommendations"][0]["action"] == "add_segment"

    await write(client, draft_id, "alice", "one")
    last = clock.now()
    below = await insights(client, draft_id, last + timedelta(hours=48) - SECOND)
    assert "stalled" not in types(below) and types(below) == ["low_engagement"]
    at = await insights(client, draft_id, last + timedelta(hours=48))
    assert types(at) == ["stalled"]  # the only insight, although one contributor wrote everything
    assert [r["confidence"] for r in at["recommendations"]] == [0.85]


async def test_stalled_recommends_passing_to_a_collaborator(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    await write(client, draft_id, "alice", "one")
    body = await insights(client, draft_id, clock.now() + timedelta(hours=50))
    assert body["recommendations"] == [{"action": "pass_ring", "target_user_id": "bob", "confidence": 0.85,
                                        "reason": body["recommendations"][0]["reason"]}]


async def _draft_with(client, counts: list[tuple[str, int]]) -> str:
    """A draft where each (user, n) in turn writes n segments and passes the ring on."""
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    for index, (user, n) in enumerate(counts):
        for k in range(n):
            await write(client, draft_id, user, f"{user} {k}")
        if index + 1 < len(counts):
            await pass_to(client, draft_id, user, counts[index + 1][0])
    return draft_id


async def test_dominant_user_threshold(client, clock):
    # alice 3 of 5: exactly 60 %
    at = await insights(client, await _draft_with(client, [("alice", 2), ("bob", 2), ("alice", 1)]), clock.now())
    assert types(at) == ["dominant_user"] and at["insights"][0]["severity"] == "warning"
    assert at["insights"][0]["metrics_snapshot"]["share"] == 0.6
    assert at["recommendations"] == [{"action": "pass_ring", "target_user_id": "bob", "confidence": 0.75,
                                      "reason": at["recommendations"][0]["reason"]}]
    # alice 4 of 7: 57 %, just below
    below = await insights(client, await _draft_with(client, [("alice", 4), ("bob", 3)]), clock.now())
    assert types(below) == ["healthy"]
    # one contributor is never "dominant": that is low engagement
    solo = await insights(client, await _draft_with(client, [("alice", 3)]), clock.now())
    assert types(solo) == ["low_engagement"]


async def test_low_engagement(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    await write(client, draft_id, "alice", "solo")
    body = await insights(client, draft_id, clock.now())
    assert types(body) == ["low_engagement"]
    assert body["recommendations"] == [{"action": "invite_user", "target_user_id": None, "confidence": 0.9,
                                        "reason": body["recommendations"][0]["reason"]}]
    await add(client, draft_id, "bob")
    await pass_to(client, draft_id, "alice", "bob")
    await write(client, draft_id, "bob", "duo")
    assert types(await insights(client, draft_id, clock.now())) == ["healthy"]


async def test_no_activity_alert_threshold(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    await write(client, draft_id, "alice", "one")
    last = clock.now()
    below = await insights(client, draft_id, last + timedelta(hours=72) - SECOND)
    assert "no_activity" not in alert_types(below)
    at = await insights(client, draft_id, last + timedelta(hours=72))
    alert = next(a for a in at["alerts"] if a["alert_type"] == "no_activity")
    assert alert["threshold"] == "72h+ no activity" and alert["current_value"] == 72.0
    assert set(alert) == {"alert_type", "triggered_at", "threshold", "current_value", "reason"}


async def test_no_activity_without_any_activity_counts_from_creation(client, clock):
    created = clock.now()
    draft_id = (await new_draft(client))["draft_id"]
    assert "no_activity" not in alert_types(await insights(client, draft_id, created + timedelta(hours=72) - SECOND))
    assert "no_activity" in alert_types(await insights(client, draft_id, created + timedelta(hours=72)))


async def test_long_ring_hold_threshold(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    # zero passes: the creator has held the ring since creation
    created = clock.now()
    assert "long_ring_hold" not in alert_types(await insights(client, draft_id, created + timedelta(hours=24) - SECOND))
    assert "long_ring_hold" in alert_types(await insights(client, draft_id, created + timedelta(hours=24)))

    clock.advance(hours=5)
    await pass_to(client, draft_id, "alice", "bob")
    passed = clock.now()
    below = await insights(client, draft_id, passed + timedelta(hours=24) - SECOND)
    assert "long_ring_hold" not in alert_types(below)
    at = await insights(client, draft_id, passed + timedelta(hours=24, minutes=20), user="bob")
    alert = next(a for a in at["alerts"] if a["alert_type"] == "long_ring_hold")
    assert alert["current_value"] == 24.33 and "bob" in alert["reason"]


async def test_single_contributor_threshold(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    for n in range(4):
        await write(client, draft_id, "alice", f"s{n}")
    assert "single_contributor" not in alert_types(await insights(client, draft_id, clock.now()))
    await write(client, draft_id, "alice", "s4")
    at = await insights(client, draft_id, clock.now())
    alert = next(a for a in at["alerts"] if a["alert_type"] == "single_contributor")
    assert alert["current_value"] == 5


async def test_insights_access(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    assert (await client.get(f"/api/insights/drafts/{draft_id}", headers=as_user("bob"))).status_code == 200
    outsider = await client.get(f"/api/insights/drafts/{draft_id}", headers=as_user("eve"))
    assert outsider.status_code == 403 and outsider.json()["error"]["code"] == "forbidden"
    missing = await client.get("/api/insights/drafts/ghost", headers=as_user("alice"))
    assert missing.status_code == 404 and "not found" in missing.json()["error"]["message"]
    anonymous = await client.get(f"/api/insights/drafts/{draft_id}")
    assert anonymous.status_code == 401
    bad_now = await client.get(f"/api/insights/drafts/{draft_id}", params={"now": "yesterday"},
                               headers=as_user("alice"))
    assert bad_now.status_code == 422 and bad_now.json()["error"]["details"][0]["field"] == "now"


async def test_draft_analytics(client, clock):
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    await write(client, draft_id, "alice", "one")
    await pass_to(client, draft_id, "alice", "bob")
    await client.get(f"/api/collab/drafts/{draft_id}")
    await client.get(f"/v1/collab/drafts/{draft_id}")
    now = clock.now() + timedelta(hours=2)
    response = await client.get(f"/api/collab/drafts/{draft_id}/analytics", params={"now": now.isoformat()},
                                headers=as_user("alice"))
    assert response.status_code == 200
    body = response.json()
    assert body["computed_at"].startswith(now.strftime("%Y-%m-%dT%H:%M"))
    data = body["data"]
    assert (data["views"], data["contributors"], data["ring_passes"], data["segments"]) == (2, 1, 1, 1)
    assert data["hours_since_last_activity"] == 2.0
    assert (await client.get(f"/api/collab/drafts/{draft_id}/analytics")).status_code == 401


async def test_leaderboard(client, clock):
    start = clock.now()
    draft_id = (await new_draft(client))["draft_id"]
    await add(client, draft_id, "bob")
    for _ in range(3):
        await write(client, draft_id, "alice", "a")
    await pass_to(client, draft_id, "alice", "bob")
    clock.advance(days=1)
    await write(client, draft_id, "bob", "b")

    response = await client.get("/v1/analytics/leaderboard", params={"metric": "collaboration"},
                                headers=as_user("carol"))
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True and set(body["data"]) == {"metric_type", "entries", "computed_at", "message"}
    entries = body["data"]["entries"]
    assert [(e["position"], e["user_id"], e["metric_value"]) for e in entries] == [(1, "alice", 4), (2, "bob", 1)]
    assert set(entries[0]) == {"position", "user_id", "display_name", "avatar_url", "metric_value", "metric_label",
                               "insight"}
    assert entries[0]["display_name"] == "alice" and entries[0]["metric_label"] == "4 contributions"

    consistency = (await client.get("/v1/analytics/leaderboard", params={"metric": "consistency"},
                                    headers=as_user("carol"))).json()["data"]
    assert [(e["user_id"], e["metric_value"]) for e in consistency["entries"]] == [("alice", 1), ("bob", 1)]
    # `now` before bob's segment: only alice
    early = (await client.get("/v1/analytics/leaderboard",
                              params={"metric": "momentum", "now": (start + timedelta(hours=1)).isoformat()},
                              headers=as_user("carol"))).json()["data"]
    assert [e["user_id"] for e in early["entries"]] == ["alice"]
    late = (await client.get("/v1/analytics/leaderboard",
                             params={"metric": "momentum", "now": (start + timedelta(days=9)).isoformat()},
                             headers=as_user("carol"))).json()["data"]
    assert late["entries"] == [] and late["message"] == "No momentum activity yet"
    bad = await client.get("/v1/analytics/leaderboard", params={"metric": "fame"}, headers=as_user("carol"))
    assert bad.status_code == 422
    assert (await client.get("/v1/analytics/leaderboard")).status_code == 401


async def test_leaderboard_top_ten(client, clock):
    draft_id = (await new_draft(client, "u00"))["draft_id"]
    users = [f"u{n:02d}" for n in range(12)]
    for user in users[1:]:
        await add(client, draft_id, user, by="u00")
    holder = "u00"
    for user in users[1:]:
        await write(client, draft_id, holder, "x")
        await pass_to(client, draft_id, holder, user)
        holder = user
    entries = (await client.get("/v1/analytics/leaderboard", headers=as_user("u00"))).json()["data"]["entries"]
    assert len(entries) == 10 and [e["position"] for e in entries] == list(range(1, 11))
