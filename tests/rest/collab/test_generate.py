"""Content generation: SSE over a real loopback server, enforcement modes, the OpenAI-compatible
client against a fake streaming server, and a client that disconnects mid-stream."""

from __future__ import annotations

import asyncio
import json

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

from app.domains.collab.generation.enforcement import check_length
from app.domains.collab.generation.providers import GenerationPrompt, OpenAICompatibleProvider
from app.errors import AppError
from tests.collab_helpers import as_user
from tests.fake_services import serve
from tests.live import live_server


def parse_sse(text: str) -> list[tuple[str, dict]]:
    events = []
    for block in text.strip().split("\n\n"):
        event, data = "message", None
        for line in block.splitlines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = json.loads(line[6:])
        events.append((event, data))
    return events


class FakeLLM:
    """An OpenAI-compatible chat-completions endpoint: finite tokens, or an endless slow stream."""

    def __init__(self, tokens: list[str] | None = None, endless: bool = False, status: int = 200) -> None:
        self.tokens = tokens or ["Hello", " ring", " world"]
        self.endless = endless
        self.status = status
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.sent = 0
        self.closed = asyncio.Event()

    def app(self) -> Starlette:
        async def completions(request: Request):
            self.requests.append(await request.json())
            self.headers.append(dict(request.headers))
            if self.status != 200:
                return JSONResponse({"error": {"message": "nope"}}, self.status)

            async def chunks():
                try:
                    if self.endless:
                        while True:
                            self.sent += 1
                            yield f'data: {json.dumps({"choices": [{"delta": {"content": f"t{self.sent} "}}]})}\n\n'
                            await asyncio.sleep(0.02)  # pacing of the fake peer
                    yield ": keep-alive comment\n\n"
                    yield 'data: {"choices": [{"delta": {"role": "assistant"}}]}\n\n'
                    for token in self.tokens:
                        yield f'data: {json.dumps({"choices": [{"delta": {"content": token}}]})}\n\n'
                    yield "data: [DONE]\n\n"
                finally:
                    self.closed.set()

            return StreamingResponse(chunks(), media_type="text/event-stream")

        return Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])


async def test_offline_stream_over_loopback(make_settings):
    settings = make_settings(enforcement_mode="advisory")
    async with live_server(settings) as host, httpx.AsyncClient(base_url=f"http://{host}") as http:
        response = await http.post("/v1/generate/content/", json={"prompt": "Ship small", "userId": "alice"},
                                   headers=as_user("alice"))
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = parse_sse(response.text)
    tokens = [data["token"] for event, data in events if event == "message"]
    assert "".join(tokens).startswith("Ship small: start small")
    assert [e for e, _ in events[-2:]] == ["enforcement", "done"]
    enforcement = events[-2][1]
    assert {"request_id", "mode", "decisions", "qa_summary", "would_block", "required_edits",
            "audit_ok"} <= set(enforcement)
    assert enforcement["mode"] == "advisory" and enforcement["qa_summary"]["status"] == "PASS"
    assert enforcement["request_id"] == response.headers["x-request-id"] and enforcement["audit_ok"] is True
    assert enforcement["policyVersion"] == "2025-12-25" and enforcement["checks"] == ["profanity", "tos_compliance",
                                                                                     "length"]


async def test_off_mode_has_no_enforcement(client):
    streamed = await client.post("/v1/generate/content", json={"prompt": "Hi", "type": "viral_thread"},
                                 headers=as_user("alice"))
    events = parse_sse(streamed.text)
    assert [e for e, _ in events if e != "message"] == ["done"]
    plain = await client.post("/v1/generate/content", json={"prompt": "Hi", "stream": False, "user_id": "alice"},
                              headers=as_user("alice"))
    assert plain.status_code == 200
    body = plain.json()
    assert "enforcement" not in body and body["content"].startswith("Hi:")
    thread = await client.post("/v1/generate/content/", json={"prompt": "Hi", "stream": False,
                                                              "type": "viral_thread"}, headers=as_user("alice"))
    assert len(thread.json()["posts"]) == 5


async def test_advisory_reports_but_never_blocks(make_client, make_settings):
    async with make_client(make_settings(enforcement_mode="advisory")) as client:
        response = await client.post("/v1/generate/content", json={"prompt": "this shit works", "stream": False},
                                     headers=as_user("alice"))
    assert response.status_code == 200
    enforcement = response.json()["enforcement"]
    assert enforcement["would_block"] is True and enforcement["qa_summary"]["status"] == "FAIL"
    assert enforcement["required_edits"] == ["Remove profanity and re-generate. See brand safety policy."]


async def test_enforced_mode_rejects(make_client, make_settings):
    async with make_client(make_settings(enforcement_mode="enforced")) as client:
        for stream in (False, True):
            response = await client.post("/v1/generate/content", json={"prompt": "fuck this shit", "stream": stream},
                                         headers=as_user("alice"))
            assert response.status_code == 422
            assert response.json() == {"error": {
                "code": "QA_REJECTED", "message": "Content contains banned terms",
                "request_id": response.headers["x-request-id"],
                "suggestedFix": "Remove profanity and re-generate. See brand safety policy.",
                "details": {"banned": ["fuck", "shit"], "check": "profanity"}}}
        harmful = await client.post("/v1/generate/content", json={"prompt": "I want to end my life", "stream": False},
                                    headers=as_user("alice"))
        assert harmful.json()["error"]["code"] == "HARMFUL_CONTENT"
        assert harmful.json()["error"]["suggestedFix"].startswith("Refocus on growth")
        clean = await client.post("/v1/generate/content", json={"prompt": "Grow steadily"}, headers=as_user("alice"))
        events = parse_sse(clean.text)
        assert clean.status_code == 200 and events[-2][0] == "enforcement"
        assert events[-2][1]["mode"] == "enforced" and events[-2][1]["would_block"] is False


def test_length_check_thresholds():
    assert check_length("x" * 259, "x", "simple").status == "PASS"
    near = check_length("x" * 260, "x", "simple")
    assert near.status == "WARN" and near.message == "tweet length near 280 chars"
    assert check_length("x" * 280, "x", "simple").status == "WARN"
    over = check_length("ok\n" + "x" * 281, "x", "viral_thread")
    assert over.status == "FAIL" and over.details["too_long"] == [2]
    assert check_length("x" * 2200, "ig", "simple").status == "WARN"
    assert check_length("x" * 2201, "ig", "simple").status == "FAIL"


async def test_generation_refusals(client):
    anonymous = await client.post("/v1/generate/content", json={"prompt": "Hi"})
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "unauthenticated"
    other = await client.post("/v1/generate/content", json={"prompt": "Hi", "userId": "bob"}, headers=as_user("alice"))
    assert other.status_code == 403
    bad = await client.post("/v1/generate/content", json={"prompt": "", "type": "essay"}, headers=as_user("alice"))
    assert bad.status_code == 422
    assert {d["field"] for d in bad.json()["error"]["details"]} == {"prompt", "type"}


async def test_openai_compatible_client_against_fake_server():
    fake = FakeLLM(tokens=["One", " two", " three"])
    async with serve(fake.app()) as base:
        provider = OpenAICompatibleProvider(f"{base}/v1", "test-model", "sk-test", timeout=5)
        tokens = [t async for t in provider.stream(GenerationPrompt("Write", "simple", "x"))]
    assert tokens == ["One", " two", " three"]
    assert fake.requests[0]["model"] == "test-model" and fake.requests[0]["stream"] is True
    assert fake.requests[0]["messages"][-1] == {"role": "user", "content": "Write"}
    assert fake.headers[0]["authorization"] == "Bearer sk-test"


async def test_openai_compatible_client_upstream_errors():
    async with serve(FakeLLM(status=500).app()) as base:
        provider = OpenAICompatibleProvider(f"{base}/v1", "m", None, timeout=5)
        try:
            [t async for t in provider.stream(GenerationPrompt("x", "simple", "x"))]
        except AppError as exc:
            assert exc.status == 502 and "500" in exc.message
        else:
            raise AssertionError("no error")
    unreachable = OpenAICompatibleProvider("http://127.0.0.1:9/v1", "m", None, timeout=2)
    try:
        [t async for t in unreachable.stream(GenerationPrompt("x", "simple", "x"))]
    except AppError as exc:
        assert exc.code == "GENERATION_FAILED"


async def test_configured_provider_streams_through_the_endpoint(make_settings):
    fake = FakeLLM(tokens=["Ring", " bearer"])
    async with serve(fake.app()) as base:
        settings = make_settings(llm_base_url=f"{base}/v1", llm_api_key="k", enforcement_mode="advisory")
        async with live_server(settings) as host, httpx.AsyncClient(base_url=f"http://{host}") as http:
            response = await http.post("/v1/generate/content", json={"prompt": "p"}, headers=as_user("alice"))
    events = parse_sse(response.text)
    assert [d["token"] for e, d in events if e == "message"] == ["Ring", " bearer"]
    assert events[-2][0] == "enforcement"


async def test_failing_provider_ends_the_stream_with_an_error_event(make_settings):
    async with serve(FakeLLM(status=401).app()) as base:
        settings = make_settings(llm_base_url=f"{base}/v1")
        async with live_server(settings) as host, httpx.AsyncClient(base_url=f"http://{host}") as http:
            response = await http.post("/v1/generate/content", json={"prompt": "p"}, headers=as_user("alice"))
    events = parse_sse(response.text)
    assert events[-1][0] == "error" and events[-1][1]["error"]["code"] == "GENERATION_FAILED"


async def test_client_disconnect_stops_the_upstream_stream(make_settings):
    fake = FakeLLM(endless=True)
    async with serve(fake.app()) as base:
        settings = make_settings(llm_base_url=f"{base}/v1")
        async with live_server(settings) as host:
            async with httpx.AsyncClient(base_url=f"http://{host}") as http:
                async with http.stream("POST", "/v1/generate/content", json={"prompt": "p"},
                                       headers=as_user("alice")) as response:
                    received = 0
                    async for line in response.aiter_lines():
                        if line.startswith("data: "):
                            received += 1
                        if received == 3:
                            break
            # the client is gone: the server must close the endless upstream stream promptly
            async with asyncio.timeout(5):
                await fake.closed.wait()
