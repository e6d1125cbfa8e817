"""Content generation: a provider's tokens, checked by enforcement, as SSE events or one JSON answer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Literal

import orjson
import structlog
from pydantic import AliasChoices, BaseModel, Field

from app.context import RequestContext
from app.domains.collab.generation import enforcement
from app.domains.collab.generation.providers import TOKENS, ContentProvider, GenerationPrompt, provider_for
from app.domains.collab.identity import require_user
from app.errors import AppError, Forbidden

log = structlog.get_logger("crossway.generation")


class GenerateRequest(BaseModel):
    """What to write: `userId` is accepted for `user_id`."""

    prompt: str = Field(min_length=1, max_length=4000)
    type: Literal["simple", "viral_thread"] = "simple"
    platform: Literal["x", "ig", "tiktok"] = "x"
    user_id: str | None = Field(None, max_length=255, validation_alias=AliasChoices("user_id", "userId"))
    stream: bool = True


class GeneratedContent(BaseModel):
    """The non-streaming answer; `enforcement` appears when enforcement is on."""

    content: str
    posts: list[str]
    type: str
    platform: str
    request_id: str
    enforcement: dict[str, Any] | None = None


def sse(data: Any, event: str | None = None) -> bytes:
    head = f"event: {event}\n".encode() if event else b""
    return head + b"data: " + orjson.dumps(data) + b"\n\n"


class Generation:
    """One generation request, validated and ready to run."""

    def __init__(self, ctx: RequestContext, request: GenerateRequest, provider: ContentProvider) -> None:
        self.request = request
        self.provider = provider
        self.mode = ctx.settings.enforcement_mode
        self.request_id = ctx.request_id
        self.prompt = GenerationPrompt(request.prompt, request.type, request.platform)

    def _enforce(self, text: str) -> dict[str, Any] | None:
        if self.mode == "off":
            return None
        return enforcement.evaluate(text, platform=self.request.platform, kind=self.request.type,
                                    mode=self.mode, request_id=self.request_id)

    async def collect(self) -> list[str]:
        return [token async for token in self.provider.stream(self.prompt)]

    async def complete(self) -> GeneratedContent:
        """Generate everything; in enforced mode a failed check refuses the content."""
        text = "".join(await self.collect())
        payload = self._enforce(text)
        if payload is not None and self.mode == "enforced" and payload["would_block"]:
            raise enforcement.rejection(payload)
        return GeneratedContent(content=text, posts=enforcement.posts_of(text, self.request.platform, self.request.type),
                                type=self.request.type, platform=self.request.platform, request_id=self.request_id,
                                enforcement=payload)

    async def prepared_events(self) -> AsyncIterator[bytes]:
        """Enforced mode: the whole text is checked before the first byte, then streamed."""
        result = await self.complete()
        tokens = TOKENS.findall(result.content)

        async def events() -> AsyncIterator[bytes]:
            for token in tokens:
                yield sse({"token": token})
            yield sse(result.enforcement, "enforcement")
            yield sse({"request_id": self.request_id}, "done")

        return events()

    async def live_events(self) -> AsyncIterator[bytes]:
        """Off and advisory modes: tokens go out as they arrive; the summary follows them."""
        parts: list[str] = []
        try:
            async for token in self.provider.stream(self.prompt):
                parts.append(token)
                yield sse({"token": token})
        except AppError as exc:
            body: dict[str, Any] = {"code": exc.code, "message": exc.message, "request_id": self.request_id}
            if exc.extra.get("suggested_fix"):
                body["suggestedFix"] = exc.extra["suggested_fix"]
            yield sse({"error": body}, "error")
            return
        finally:
            log.info("generation_stream_closed", request_id=self.request_id, tokens=len(parts))
        payload = self._enforce("".join(parts))
        if payload is not None:
            yield sse(payload, "enforcement")
        yield sse({"request_id": self.request_id}, "done")


def start(ctx: RequestContext, request: GenerateRequest, provider: ContentProvider | None = None) -> Generation:
    """Check who asks; a body `user_id` must name the caller."""
    user_id = require_user(ctx)
    if request.user_id is not None and request.user_id != user_id:
        raise Forbidden("user_id does not match the authenticated user")
    return Generation(ctx, request, provider or provider_for(ctx.settings))
