"""Posting to X against a fake X API on loopback: chaining, the posting limit, credentials, enforcement."""

from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.domains.collab.generation.enforcement import evaluate
from tests.collab_helpers import as_user
from tests.fake_services import serve


class FakeX:
    def __init__(self, fail_with: int | None = None, fail_after: int = 0) -> None:
        self.posts: list[dict] = []
        self.auth: list[str | None] = []
        self.fail_with = fail_with
        self.fail_after = fail_after

    def app(self) -> Starlette:
        async def tweets(request: Request):
            self.auth.append(request.headers.get("authorization"))
            if self.fail_with and len(self.posts) >= self.fail_after:
                return JSONResponse({"title": "Forbidden"}, self.fail_with)
            body = await request.json()
            self.posts.append(body)
            return JSONResponse({"data": {"id": str(1000 + len(self.posts)), "text": body["text"]}}, 201)

        return Starlette(routes=[Route("/2/tweets", tweets, methods=["POST"])])


@contextlib.asynccontextmanager
async def x_client(make_client, make_settings, fake: FakeX, **settings):
    async with serve(fake.app()) as base:
        values = {"x_api_base": base, "x_bearer_token": "x-token", **settings}
        async with make_client(make_settings(**values)) as client:
            yield client


async def test_thread_is_split_and_chained(make_client, make_settings):
    fake = FakeX()
    async with x_client(make_client, make_settings, fake) as client:
        response = await client.post("/api/post-to-x", json={"content": "first\n\n second \nthird"},
                                     headers=as_user("alice"))
    assert response.status_code == 200, response.text
    assert response.json() == {"urls": [f"https://x.com/i/web/status/{n}" for n in (1001, 1002, 1003)]}
    assert [p["text"] for p in fake.posts] == ["first", "second", "third"]
    assert "reply" not in fake.posts[0]
    assert fake.posts[1]["reply"] == {"in_reply_to_tweet_id": "1001"}
    assert fake.posts[2]["reply"] == {"in_reply_to_tweet_id": "1002"}
    assert fake.auth == ["Bearer x-token"] * 3


async def test_posting_limit_five_per_fifteen_minutes(make_client, make_settings):
    fake = FakeX()
    async with x_client(make_client, make_settings, fake) as client:
        for n in range(5):
            ok = await client.post("/api/post-to-x", json={"content": f"post {n}"}, headers=as_user("alice"))
            assert ok.status_code == 200
        limited = await client.post("/api/post-to-x", json={"content": "one too many"}, headers=as_user("alice"))
        other_user = await client.post("/api/post-to-x", json={"content": "mine"}, headers=as_user("bob"))
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited" and "retry-after" in limited.headers
    assert other_user.status_code == 200
    assert len(fake.posts) == 6


async def test_credentials_missing_and_refused(make_client, make_settings):
    async with x_client(make_client, make_settings, FakeX(), x_bearer_token=None) as client:
        missing = await client.post("/api/post-to-x", json={"content": "hi"}, headers=as_user("alice"))
    assert missing.status_code == 403 and "suggestedFix" in missing.json()["error"]

    fake = FakeX(fail_with=403, fail_after=1)
    async with x_client(make_client, make_settings, fake) as client:
        reports: list[tuple] = []

        class Recording:
            async def bearer_token(self, user_id: str) -> str | None:
                return f"token-of-{user_id}"

            async def report(self, user_id: str, ok: bool, detail: str | None = None) -> None:
                reports.append((user_id, ok))

        client.app.state.runtime.x_credentials = Recording()
        refused = await client.post("/api/post-to-x", json={"content": "a\nb"}, headers=as_user("alice"))
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert error["code"] == "X_FORBIDDEN" and error["details"] == {"posted_urls": ["https://x.com/i/web/status/1001"]}
    assert fake.auth[0] == "Bearer token-of-alice" and reports == [("alice", False)]


async def test_upstream_errors(make_client, make_settings):
    async with x_client(make_client, make_settings, FakeX(fail_with=500)) as client:
        failed = await client.post("/api/post-to-x", json={"content": "a"}, headers=as_user("alice"))
    assert failed.status_code == 502 and failed.json()["error"]["code"] == "X_API_ERROR"
    async with make_client(make_settings(x_api_base="http://127.0.0.1:9", x_bearer_token="t")) as client:
        down = await client.post("/api/post-to-x", json={"content": "a"}, headers=as_user("alice"))
    assert down.status_code == 502


async def test_refusals(make_client, make_settings):
    async with x_client(make_client, make_settings, FakeX()) as client:
        assert (await client.post("/api/post-to-x", json={"content": "a"})).status_code == 401
        blank = await client.post("/api/post-to-x", json={"content": "\n \n"}, headers=as_user("alice"))
        assert blank.status_code == 422 and blank.json()["error"]["code"] == "validation_failed"
        long = await client.post("/api/post-to-x", json={"content": "x" * 281}, headers=as_user("alice"))
        assert long.status_code == 422 and "suggestedFix" in long.json()["error"]


async def test_enforced_mode_requires_a_passing_payload(make_client, make_settings):
    fake = FakeX()
    async with x_client(make_client, make_settings, fake, enforcement_mode="enforced") as client:
        bare = await client.post("/api/post-to-x", json={"content": "hello"}, headers=as_user("alice"))
        failing = evaluate("hello shit", platform="x", kind="simple", mode="enforced", request_id="r")
        failed = await client.post("/api/post-to-x", json={"content": "hello", "enforcement": failing},
                                   headers=as_user("alice"))
        passing = evaluate("hello", platform="x", kind="simple", mode="enforced", request_id="r")
        dirty = await client.post("/api/post-to-x", json={"content": "hello shit", "enforcement": passing},
                                  headers=as_user("alice"))
        ok = await client.post("/api/post-to-x", json={"content": "hello", "enforcement": passing},
                               headers=as_user("alice"))
    for refused in (bare, failed):
        assert refused.status_code == 422 and refused.json()["error"]["code"] == "QA_REJECTED"
        assert refused.json()["error"]["suggestedFix"]
    assert dirty.status_code == 422 and dirty.json()["error"]["details"]["check"] == "profanity"
    assert ok.status_code == 200 and [p["text"] for p in fake.posts] == ["hello"]


async def test_advisory_mode_posts_without_a_payload(make_client, make_settings):
    fake = FakeX()
    async with x_client(make_client, make_settings, fake, enforcement_mode="advisory") as client:
        response = await client.post("/api/post-to-x", json={"text": "hello"}, headers=as_user("alice"))
    assert response.status_code == 200


async def test_credential_store_supplies_the_token_and_records_health(make_client, make_settings):
    from app.auth.principal import Principal
    from app.context import RequestContext
    from app.domains.credentials import service as store

    async def stored_x(client, secret: str) -> None:
        ctx = RequestContext(runtime=client.app.state.runtime, principal=Principal(kind="system"))
        await store.store_credential(ctx, "x", secret=secret, credential_type="oauth2")
        await ctx.finish(commit=True)

    async def health(client):
        ctx = RequestContext(runtime=client.app.state.runtime, principal=Principal(kind="system"))
        row = await store.get_credential(ctx, "x")
        await ctx.finish(commit=True)  # (a rollback would expire the row)
        return row

    fake = FakeX(fail_with=401, fail_after=1)
    async with x_client(make_client, make_settings, fake) as client:
        await stored_x(client, "stored-x-token")
        ok = await client.post("/api/post-to-x", json={"content": "one"}, headers=as_user("alice"))
        refused = await client.post("/api/post-to-x", json={"content": "two"}, headers=as_user("alice"))
        row = await health(client)
        engine = client.app.state.runtime.db.engine
        async with engine.connect() as conn:
            from sqlalchemy import text

            raw = (await conn.execute(text("SELECT secret FROM provider_credentials"))).scalar()
    assert ok.status_code == 200 and fake.auth[0] == "Bearer stored-x-token"  # the store wins over the setting
    assert refused.status_code == 403
    assert (row.total_successes, row.consecutive_failures) == (1, 1)  # both outcomes kept, the failure too
    assert "stored-x-token" not in raw  # encrypted at rest
