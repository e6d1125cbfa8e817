"""What every response carries: X-Request-Id, Server-Timing, the body limit, JSON errors."""

from __future__ import annotations

import json
import logging

from tests.helpers import start_payload, start_run


async def test_request_id_is_made_or_kept(client):
    made = await client.get("/")
    assert len(made.headers["x-request-id"]) == 32
    kept = await client.get("/", headers={"X-Request-Id": "trace-abc.1"})
    assert kept.headers["x-request-id"] == "trace-abc.1"
    replaced = await client.get("/", headers={"X-Request-Id": "bad id with spaces"})
    assert replaced.headers["x-request-id"] != "bad id with spaces"


async def test_server_timing_counts_statements(client):
    await start_run(client, "timed")
    response = await client.get("/runs")
    assert 'db;dur=' in response.headers["server-timing"]
    assert 'desc="1 queries"' in response.headers["server-timing"]  # the inbox is one statement


async def test_server_timing_can_be_switched_off(make_client, make_settings):
    async with make_client(make_settings(server_timing=False)) as c:
        assert "server-timing" not in (await c.get("/runs")).headers
    async with make_client(make_settings(autopack_env="production", autopack_api_key="k")) as c:
        assert "server-timing" not in (await c.get("/")).headers  # off by default in production


async def test_body_size_limit(make_client, make_settings):
    async with make_client(make_settings(max_body_bytes=2048)) as c:
        payload = start_payload("big")
        payload["run"]["padding"] = "x" * 4096
        response = await c.post("/runs/start", json=payload)
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert response.headers["x-request-id"]


async def test_unknown_path_is_json_404(client):
    response = await client.get("/no/such/path")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


async def test_wrong_method_is_405(client):
    response = await client.delete("/runs/start")
    assert response.status_code == 405


async def test_access_log_is_a_json_line(client, capsys):
    from app.platform.logging import configure_logging

    root = logging.getLogger()
    saved = root.handlers[:]
    configure_logging("INFO", json_lines=True)
    try:
        await start_run(client, "logged")
        capsys.readouterr()
        response = await client.get("/runs", headers={"X-Request-Id": "log-me"})
        lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    finally:
        root.handlers[:] = saved
    [line] = [x for x in lines if x.get("logger") == "crossway.access"]
    assert line["request_id"] == "log-me" and line["status"] == response.status_code
    assert line["route"] == "/runs" and line["queries"] == 1


async def test_streamed_body_over_the_limit_is_413_everywhere(make_client, make_settings):
    async def chunks():
        for _ in range(8):
            yield b"x" * 1024

    async with make_client(make_settings(max_body_bytes=2048)) as c:
        graphql = await c.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
        rest = await c.post("/runs/start", content=chunks(), headers={"content-type": "application/json"})
    assert graphql.status_code == 413 and "too large" in graphql.json()["detail"]
    assert rest.status_code == 413 and "too large" in rest.json()["detail"]


async def test_a_client_that_leaves_mid_body_is_logged_not_raised(client):
    """An ASGI call whose body never arrives ends quietly, logged with status 499, for REST and GraphQL."""
    app = client.app

    async def receive() -> dict:
        return {"type": "http.disconnect"}

    for path in ("/api/v2/interaction-events", "/graphql"):
        sent: list[dict] = []
        scope = {"type": "http", "method": "POST", "path": path, "raw_path": path.encode(), "query_string": b"",
                 "headers": [(b"content-type", b"application/json"), (b"content-length", b"100")],
                 "client": ("127.0.0.1", 5000), "server": ("testserver", 80), "scheme": "http",
                 "http_version": "1.1", "root_path": "", "app": app}
        await app(scope, receive, sent_to(sent))
        assert not any(m["type"] == "http.response.start" and m["status"] >= 500 for m in sent), (path, sent)
    metrics = (await client.get("/metrics")).text
    assert 'route="/api/v2/interaction-events",status="499"' in metrics
    assert 'route="/graphql",status="499"' in metrics


def sent_to(messages: list[dict]):  # noqa: ANN201
    async def send(message: dict) -> None:
        messages.append(message)

    return send
