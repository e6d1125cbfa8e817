"""Posting a thread to X: split on newlines, chain replies, 5 posts per 15 minutes per user.

Credentials come through `XCredentials`, a deliberately narrow interface: a function that
returns the bearer token for a user, and a way to report whether it worked. The default
reads CROSSWAY_X_BEARER_TOKEN; a runtime may carry another provider as `x_credentials`.
"""

from __future__ import annotations

from typing import Any, Protocol

import httpx
import structlog
from pydantic import AliasChoices, BaseModel, Field

from app.context import RequestContext, in_transaction
from app.domains.collab.generation import enforcement
from app.domains.collab.identity import require_user
from app.errors import AppError, Forbidden, NotFound, ValidationFailed
from app.settings import Settings

log = structlog.get_logger("crossway.posting")
MAX_POSTS = 25
POST_LIMIT = 280
X_TIMEOUT = 15.0
CREDENTIAL_FIX = ("Connect an X account with Read and Write permission (or set CROSSWAY_X_BEARER_TOKEN), "
                  "then retry.")


class PostToX(BaseModel):
    """A thread: one post per non-empty line. `enforcement` is the payload generation returned."""

    content: str = Field(min_length=1, max_length=MAX_POSTS * (POST_LIMIT + 1),
                         validation_alias=AliasChoices("content", "text", "thread"))
    enforcement: dict[str, Any] | None = None


class PostedThread(BaseModel):
    """The posts' URLs, in thread order."""

    urls: list[str]


class XCredentials(Protocol):
    async def bearer_token(self, user_id: str) -> str | None: ...

    async def report(self, user_id: str, ok: bool, detail: str | None = None) -> None: ...


class SettingsXCredentials:
    """One token for every user, from the settings."""

    def __init__(self, settings: Settings) -> None:
        self._token = settings.x_bearer_token.get_secret_value() if settings.x_bearer_token else None

    async def bearer_token(self, user_id: str) -> str | None:
        return self._token or None

    async def report(self, user_id: str, ok: bool, detail: str | None = None) -> None:
        if not ok:
            log.warning("x_credential_failed", user_id=user_id, detail=detail)


class XRefused(AppError):
    status, code = 403, "X_FORBIDDEN"


class XRateLimited(AppError):
    status, code = 429, "X_RATE_LIMITED"


class XFailed(AppError):
    status, code = 502, "X_API_ERROR"


class XClient:
    """The two calls Crossway makes to the X API v2: create a post, optionally as a reply."""

    def __init__(self, base_url: str, token: str, timeout: float = X_TIMEOUT) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"}
        self.timeout = timeout

    async def create_post(self, client: httpx.AsyncClient, text: str, reply_to: str | None) -> str:
        body: dict[str, Any] = {"text": text}
        if reply_to:
            body["reply"] = {"in_reply_to_tweet_id": reply_to}
        response = await client.post(f"{self.base_url}/2/tweets", json=body, headers=self._headers)
        if response.status_code in (401, 403):
            raise XRefused("X refused the credentials", suggested_fix=CREDENTIAL_FIX)
        if response.status_code == 429:
            raise XRateLimited("X is rate limiting this account", suggested_fix="Wait and retry later.")
        if response.status_code >= 300:
            raise XFailed(f"X answered {response.status_code}", suggested_fix="Retry later.")
        try:
            return str(response.json()["data"]["id"])
        except (ValueError, KeyError, TypeError):
            raise XFailed("X answered without a post id") from None

    async def post_thread(self, posts: list[str]) -> list[str]:
        ids: list[str] = []
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            for text in posts:
                try:
                    ids.append(await self.create_post(client, text, ids[-1] if ids else None))
                except httpx.HTTPError as exc:
                    raise XFailed(f"X is unreachable ({type(exc).__name__})", suggested_fix="Retry later.",
                                  details={"posted_urls": [post_url(i) for i in ids]}) from None
                except AppError as exc:
                    exc.extra["details"] = {"posted_urls": [post_url(i) for i in ids]}
                    raise
        return ids


def post_url(post_id: str) -> str:
    return f"https://x.com/i/web/status/{post_id}"


def split_thread(content: str) -> list[str]:
    posts = [line.strip() for line in content.splitlines() if line.strip()]
    if not posts:
        raise ValidationFailed("The thread has no text", details=[{"field": "content", "message": "empty"}])
    if len(posts) > MAX_POSTS:
        raise ValidationFailed(f"A thread has at most {MAX_POSTS} posts")
    too_long = [i + 1 for i, post in enumerate(posts) if len(post) > POST_LIMIT]
    if too_long:
        raise ValidationFailed(f"Posts longer than {POST_LIMIT} characters: {too_long}",
                               suggested_fix=f"Shorten each line to {POST_LIMIT} characters or fewer.")
    return posts


class StoreXCredentials:
    """The X credential kept in Crossway's credential store (`crossway credentials set x ...`), with its
    health recorded there; the settings' token when the store holds none."""

    PROVIDER = "x"

    def __init__(self, ctx: RequestContext) -> None:
        self.ctx = ctx
        self.fallback = SettingsXCredentials(ctx.settings)
        self.stored = False

    async def bearer_token(self, user_id: str) -> str | None:
        from app.domains.credentials import service as store

        try:
            row = await store.get_credential(self.ctx, self.PROVIDER)
        except NotFound:
            return await self.fallback.bearer_token(user_id)
        self.stored = True
        return store.secret_of(self.ctx, row)

    async def report(self, user_id: str, ok: bool, detail: str | None = None) -> None:
        if not self.stored:
            await self.fallback.report(user_id, ok, detail)
            return
        from app.domains.credentials import service as store

        async def record(ctx: RequestContext) -> None:
            if ok:
                await store.record_success(ctx, self.PROVIDER, actor=f"user:{user_id}")
            else:
                await store.record_failure(ctx, self.PROVIDER, detail or "X refused the request", actor=f"user:{user_id}")

        # Its own transaction: a failed post rolls the request back, but the failure must be kept.
        await in_transaction(self.ctx.runtime, record, principal=self.ctx.principal, request_id=self.ctx.request_id)


def credentials_for(ctx: RequestContext) -> XCredentials:
    return getattr(ctx.runtime, "x_credentials", None) or StoreXCredentials(ctx)


def _require_passed_enforcement(ctx: RequestContext, request: PostToX) -> None:
    summary = (request.enforcement or {}).get("qa_summary")
    status = summary.get("status") if isinstance(summary, dict) else None
    fix = "Generate the content with enforcement on and send its `enforcement` payload with the thread."
    if status != "PASS":
        raise enforcement.QARejected("Publishing requires enforcement.qa_summary.status PASS", suggested_fix=fix,
                                     details={"qa_status": status})
    # The payload comes from the caller: check the text itself too.
    payload = enforcement.evaluate(request.content, platform="x", kind="viral_thread", mode="enforced",
                                   request_id=ctx.request_id)
    if payload["would_block"]:
        raise enforcement.rejection(payload)


async def post_to_x(ctx: RequestContext, request: PostToX) -> list[str]:
    user_id = require_user(ctx)
    posts = split_thread(request.content)
    if ctx.settings.enforcement_mode == "enforced":
        _require_passed_enforcement(ctx, request)
    await ctx.runtime.limits.enforce(ctx.settings.x_post_limit, "post_to_x", user_id)
    credentials = credentials_for(ctx)
    token = await credentials.bearer_token(user_id)
    if not token:
        raise Forbidden("No X credentials for this user", suggested_fix=CREDENTIAL_FIX)
    try:
        ids = await XClient(ctx.settings.x_api_base, token).post_thread(posts)
    except XRefused as exc:
        await credentials.report(user_id, False, exc.message)
        raise
    await credentials.report(user_id, True)
    return [post_url(i) for i in ids]
