"""The interaction hub over GraphQL: connections, the lifecycle, insights, admin mutations."""

from __future__ import annotations

from tests.helpers import graphql, statement_count
from tests.hub_helpers import bearer, event, make_hub, make_widget, token_for

LIFECYCLE = """
mutation($widget: UUID!, $annotation: UUID!) {
  c: createRequirementCandidate(input: {title: "Clarify total", widgetId: $widget, sourceAnnotationIds: [$annotation]}) { id status }
}"""


async def _hub(client):
    hub = await make_hub(client)
    token = await token_for(client, hub)
    widget = await make_widget(client, token)
    return hub, token, widget


async def test_events_connection_with_nested_widget_and_hub(client):
    hub, token, widget = await _hub(client)
    other = await make_widget(client, token, name="search", widget_type="search")
    items = [event(widget if i % 2 else other, "clicked", f"2026-01-01T10:{i:02d}:00Z") for i in range(30)]
    await client.post("/api/v2/interaction-events/batch", json={"events": items}, headers=bearer(token))
    query = """query($first: Int!) { interactionEvents(first: $first) { totalCount
        pageInfo { hasNextPage endCursor } edges { node { eventType occurredAt widget { name hub { slug } } } } } }"""
    counts = {}
    for size in (3, 30):
        response = await client.post("/graphql", json={"query": query, "variables": {"first": size}}, headers=bearer(token))
        body = response.json()
        assert "errors" not in body, body
        data = body["data"]["interactionEvents"]
        assert data["totalCount"] == 30 and len(data["edges"]) == size
        assert data["edges"][0]["node"]["widget"]["hub"]["slug"] == "shop"
        counts[size] = statement_count(response)
    assert counts[3] == counts[30]  # widgets and hubs come through loaders


async def test_lifecycle_mutations_and_funnel(client):
    hub, token, widget = await _hub(client)
    note = (await client.post("/api/v2/annotations", json={"widget_id": widget, "category": "confusing"},
                              headers=bearer(token))).json()
    candidate = await graphql(client, LIFECYCLE, {"widget": widget, "annotation": note["id"]}, **bearer(token))
    candidate_id = candidate["data"]["c"]["id"]
    decided = await graphql(client, """mutation($id: UUID!) { recordDecision(input: {requirementCandidateId: $id,
        decision: "accepted", rationale: "yes"}) { id decision decidedBy } }""", {"id": candidate_id}, **bearer(token))
    decision_id = decided["data"]["recordDecision"]["id"]
    deployed = await graphql(client, """mutation($id: UUID!, $w: UUID!) { recordDeployment(input: {decisionRecordId: $id,
        widgetId: $w, widgetVersion: 1}) { id environment } }""", {"id": decision_id, "w": widget}, **bearer(token))
    deployment_id = deployed["data"]["recordDeployment"]["id"]
    signal = await graphql(client, """mutation($id: UUID!) { recordOutcomeSignal(input: {deploymentRecordId: $id,
        metric: "confusion_rate", value: 0.1, baseline: 0.3}) { metric value } }""", {"id": deployment_id}, **bearer(token))
    assert signal["data"]["recordOutcomeSignal"] == {"metric": "confusion_rate", "value": 0.1}

    again = await graphql(client, """mutation($id: UUID!) { recordDecision(input: {requirementCandidateId: $id,
        decision: "rejected"}) { id } }""", {"id": candidate_id}, **bearer(token))
    assert again["errors"][0]["extensions"]["code"] == "CONFLICT"

    tree = await graphql(client, """{ requirementCandidates { edges { node { title status widget { name }
        decisions { decision deployments { environment outcomeSignals { metric } } } } } }
        lifecycleFunnel { requirementCandidates decisions accepted deployments outcomeSignals } }""", **bearer(token))
    node = tree["data"]["requirementCandidates"]["edges"][0]["node"]
    assert node["status"] == "decided" and node["widget"]["name"] == "pay-button"
    assert node["decisions"][0]["deployments"][0]["outcomeSignals"] == [{"metric": "confusion_rate"}]
    assert tree["data"]["lifecycleFunnel"] == {"requirementCandidates": 1, "decisions": 1, "accepted": 1,
                                               "deployments": 1, "outcomeSignals": 1}
    # the same records over REST
    for path in ("requirement-candidates", "decision-records", "deployment-records", "outcome-signals"):
        listed = (await client.get(f"/api/v2/{path}", headers={"X-API-Key": hub.reader_key})).json()
        assert len(listed["data"]) == 1, path


async def test_event_counts_by_hour_and_day(client):
    _, token, widget = await _hub(client)
    times = ["2026-01-01T10:05:00Z", "2026-01-01T10:55:00Z", "2026-01-01T11:00:00Z", "2026-01-02T09:00:00Z"]
    await client.post("/api/v2/interaction-events/batch", json={"events": [event(widget, "clicked", t) for t in times]},
                      headers=bearer(token))
    query = """query($bucket: Bucket!) { eventCounts(since: "2026-01-01T00:00:00Z", until: "2026-01-03T00:00:00Z",
        bucket: $bucket) { bucketStart eventType count widget { name } } }"""
    hours = (await graphql(client, query, {"bucket": "HOUR"}, **bearer(token)))["data"]["eventCounts"]
    assert [(h["bucketStart"], h["count"]) for h in hours] == [
        ("2026-01-01T10:00:00+00:00", 2), ("2026-01-01T11:00:00+00:00", 1), ("2026-01-02T09:00:00+00:00", 1)]
    days = (await graphql(client, query, {"bucket": "DAY"}, **bearer(token)))["data"]["eventCounts"]
    assert [(d["bucketStart"], d["count"]) for d in days] == [
        ("2026-01-01T00:00:00+00:00", 3), ("2026-01-02T00:00:00+00:00", 1)]
    bad = await graphql(client, """{ eventCounts(since: "2026-01-02T00:00:00Z", until: "2026-01-01T00:00:00Z") { count } }""",
                        **bearer(token))
    assert bad["errors"][0]["extensions"]["code"] == "INVALID"


async def test_most_confusing_widgets(client):
    _, token, widget = await _hub(client)
    other = await make_widget(client, token, name="search", widget_type="search")
    items = [event(widget, "flagged_confusing")] * 3 + [event(other, "flagged_confusing")] + [event(other, "clicked")] * 5
    await client.post("/api/v2/interaction-events/batch", json={"events": items}, headers=bearer(token))
    data = await graphql(client, "{ mostConfusingWidgets(limit: 5) { count widget { name } } }", **bearer(token))
    assert data["data"]["mostConfusingWidgets"] == [{"count": 3, "widget": {"name": "pay-button"}},
                                                    {"count": 1, "widget": {"name": "search"}}]


async def test_submit_mutations_validate_like_rest(client):
    _, token, widget = await _hub(client)
    ok = await graphql(client, """mutation($w: UUID!) { submitInteractionEvent(input: {widgetId: $w, eventType: "clicked",
        occurredAt: "2026-01-01T10:00:00Z"}) { id eventType widget { name } } }""", {"w": widget}, **bearer(token))
    assert ok["data"]["submitInteractionEvent"]["widget"]["name"] == "pay-button"
    bad = await graphql(client, """mutation($w: UUID!) { submitInteractionEvent(input: {widgetId: $w, eventType: "warp",
        occurredAt: "2026-01-01T10:00:00Z"}) { id } }""", {"w": widget}, **bearer(token))
    assert bad["errors"][0]["extensions"]["code"] == "UNREGISTERED_EVENT_TYPE"
    anonymous = await graphql(client, "{ widgets { totalCount } }")
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_admin_mutations(client):
    hub = await make_hub(client)
    admin = {"X-API-Key": hub.admin_key}
    made = await graphql(client, """mutation { createHub(slug: "docs", name: "Docs") { apiKey hub { slug } }
        publishHubManifest(hub: "docs", eventTypes: ["page_read"]) { version }
        createApiClient(name: "d", hub: "docs") { clientId scopes }
        createApiKey(name: "k", scopes: "hub:read") { keyId apiKey }
        addRegistryEntry(registry: WIDGET_TYPE, name: "carousel") { name status } }""", **admin)
    assert "errors" not in made, made
    assert made["data"]["createHub"]["hub"]["slug"] == "docs"
    assert made["data"]["addRegistryEntry"] == {"name": "carousel", "status": "active"}
    revoked = await graphql(client, "mutation($k: String!) { revokeApiKey(keyId: $k) { revokedAt } }",
                            {"k": made["data"]["createApiKey"]["keyId"]}, **admin)
    assert revoked["data"]["revokeApiKey"]["revokedAt"]
    refused = await graphql(client, 'mutation { createHub(slug: "nope", name: "N") { apiKey } }',
                            **{"X-API-Key": hub.reader_key})
    assert refused["errors"][0]["extensions"]["code"] == "INSUFFICIENT_SCOPE"
    registry = await graphql(client, "{ registry(registry: EVENT_TYPE) { name } }")
    assert "page_read" in {r["name"] for r in registry["data"]["registry"]}
