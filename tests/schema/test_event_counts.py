"""eventCounts: buckets per widget and event type, the window's bounds, filters and hub visibility."""

from __future__ import annotations

from tests.helpers import graphql, statement_count
from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for

QUERY = """query($since: DateTime!, $until: DateTime!, $bucket: Bucket!, $widget: UUID, $type: String) {
  eventCounts(since: $since, until: $until, bucket: $bucket, widgetId: $widget, eventType: $type) {
    bucketStart widgetId eventType count } }"""


async def _counts(client, token, **variables):
    values = {"since": "2026-01-01T00:00:00Z", "until": "2026-01-02T00:00:00Z", "bucket": "HOUR"} | variables
    body = await graphql(client, QUERY, values, **bearer(token))
    assert "errors" not in body, body
    return [(c["bucketStart"], c["widgetId"], c["eventType"], c["count"]) for c in body["data"]["eventCounts"]]


async def test_counts_per_hour_widget_and_type(client):
    hub = await make_hub(client)
    token = await token_for(client, hub)
    pay = await make_widget(client, token)
    search = await make_widget(client, token, name="search", widget_type="search")
    first, second = sorted([pay, search])
    items = [
        event(first, "clicked", "2026-01-01T10:00:00Z"), event(first, "clicked", "2026-01-01T10:59:59Z"),
        event(first, "viewed", "2026-01-01T10:30:00Z"), event(second, "clicked", "2026-01-01T10:15:00Z"),
        event(second, "clicked", "2026-01-01T12:00:00+01:00"),  # 11:00 UTC
        event(first, "clicked", "2025-12-31T23:59:59Z"),      # before the window
        event(first, "clicked", "2026-01-02T00:00:00Z"),      # at `until`: outside
    ]
    await client.post("/api/v2/interaction-events/batch", json={"events": items}, headers=bearer(token))
    # another hub's events are not counted for this hub's token
    blog = await make_hub(client, "blog")
    blog_token = await token_for(client, blog)
    blog_widget = await make_widget(client, blog_token)
    await client.post("/api/v2/interaction-events", json=event(blog_widget, "clicked", "2026-01-01T10:00:00Z"),
                      headers=bearer(blog_token))

    ten, eleven = "2026-01-01T10:00:00+00:00", "2026-01-01T11:00:00+00:00"
    assert await _counts(client, token) == [
        (ten, first, "clicked", 2), (ten, first, "viewed", 1), (ten, second, "clicked", 1), (eleven, second, "clicked", 1)]
    assert await _counts(client, token, widget=second) == [(ten, second, "clicked", 1), (eleven, second, "clicked", 1)]
    assert await _counts(client, token, type="viewed") == [(ten, first, "viewed", 1)]
    assert await _counts(client, token, bucket="DAY", since="2025-12-31T00:00:00Z", until="2026-01-03T00:00:00Z") == [
        ("2025-12-31T00:00:00+00:00", first, "clicked", 1), ("2026-01-01T00:00:00+00:00", first, "clicked", 2),
        ("2026-01-01T00:00:00+00:00", first, "viewed", 1), ("2026-01-01T00:00:00+00:00", second, "clicked", 2),
        ("2026-01-02T00:00:00+00:00", first, "clicked", 1)]
    assert await _counts(client, blog_token) == [(ten, blog_widget, "clicked", 1)]


async def test_statement_count_does_not_grow_with_rows(client):
    hub = await make_hub(client)
    token = await token_for(client, hub)
    widget = await make_widget(client, token)
    counts = []
    for hours in (1, 20):
        items = [event(widget, kind, f"2026-01-01T{h:02d}:00:00Z") for h in range(hours) for kind in ("clicked", "viewed")]
        await client.post("/api/v2/interaction-events/batch", json={"events": items}, headers=bearer(token))
        response = await client.post("/graphql", json={"query": QUERY, "variables": {
            "since": "2026-01-01T00:00:00Z", "until": "2026-01-02T00:00:00Z", "bucket": "HOUR"}}, headers=bearer(token))
        assert len(response.json()["data"]["eventCounts"]) == 2 * hours
        counts.append(statement_count(response))
    assert counts[0] == counts[1]
