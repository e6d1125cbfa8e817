"""Where generated text comes from: a small interface and two providers.

- `OfflineProvider` (the default): deterministic text built from the request, so the
  endpoint works with no configuration and tests can assert on it.
- `OpenAICompatibleProvider`: any service that speaks the OpenAI chat-completions streaming
  protocol (Groq, OpenAI, vLLM, llama.cpp ...), over httpx, configured by
  CROSSWAY_LLM_BASE_URL / CROSSWAY_LLM_MODEL / CROSSWAY_LLM_API_KEY.

A provider's `stream` is an async generator of text tokens; closing it (the client went
away) closes the upstream connection.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol

import httpx
import orjson

from app.errors import AppError
from app.settings import Settings


class UpstreamFailed(AppError):
    status, code = 502, "GENERATION_FAILED"


@dataclass(frozen=True)
class GenerationPrompt:
    prompt: str
    kind: str  # simple | viral_thread
    platform: str  # x | ig | tiktok

    def messages(self) -> list[dict[str, str]]:
        shape = ("Write a thread of 4 to 6 short posts, one per line, no numbering beyond 'n/'."
                 if self.kind == "viral_thread" else "Write one short post.")
        limit = "Each post must fit in 280 characters." if self.platform == "x" else "Keep it under 2,200 characters."
        system = f"You write social media content for {self.platform}. {shape} {limit} No profanity."
        return [{"role": "system", "content": system}, {"role": "user", "content": self.prompt}]


class ContentProvider(Protocol):
    name: str

    def stream(self, prompt: GenerationPrompt) -> AsyncIterator[str]: ...


TOKENS = re.compile(r"\S+\s*|\s+")


class OfflineProvider:
    """Deterministic text from the prompt: the same request always yields the same tokens."""

    name = "offline"

    def text(self, prompt: GenerationPrompt) -> str:
        topic = " ".join(prompt.prompt.split())[:120]
        if prompt.kind == "viral_thread":
            lines = [
                f"1/ {topic}",
                "2/ Most people skip the basics. Start with one small, honest step.",
                "3/ Write it down, share it early, and ask for feedback.",
                "4/ Keep going when it is boring: that is where the results are.",
                "5/ What would you add? Reply and pass it on.",
            ]
            return "\n".join(lines)
        return f"{topic}: start small, stay consistent, and tell us what you learn along the way."

    async def stream(self, prompt: GenerationPrompt) -> AsyncIterator[str]:
        for token in TOKENS.findall(self.text(prompt)):
            yield token


class OpenAICompatibleProvider:
    """Streams chat-completion deltas from an OpenAI-compatible endpoint."""

    name = "openai-compatible"

    def __init__(self, base_url: str, model: str, api_key: str | None, timeout: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.timeout = httpx.Timeout(timeout, connect=min(timeout, 10.0))

    async def stream(self, prompt: GenerationPrompt) -> AsyncIterator[str]:
        headers = {"Accept": "text/event-stream"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        body = {"model": self.model, "messages": prompt.messages(), "stream": True}
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            try:
                async with client.stream("POST", f"{self.base_url}/chat/completions", json=body,
                                         headers=headers) as response:
                    if response.status_code != 200:
                        raise UpstreamFailed(f"The generation service answered {response.status_code}",
                                             suggested_fix="Check CROSSWAY_LLM_* settings; retry later.")
                    async for line in response.aiter_lines():
                        token = _delta(line)
                        if token is _DONE:
                            return
                        if token:
                            yield token
            except httpx.HTTPError as exc:
                raise UpstreamFailed(f"The generation service is unreachable ({type(exc).__name__})",
                                     suggested_fix="Retry later.") from None


_DONE = object()


def _delta(line: str) -> object:
    """One SSE line of a chat-completions stream -> a token, _DONE, or None (nothing to emit)."""
    if not line.startswith("data:"):
        return None
    data = line[5:].strip()
    if data == "[DONE]":
        return _DONE
    try:
        chunk = orjson.loads(data)
        choices = chunk.get("choices") or []
        return (choices[0].get("delta") or {}).get("content") if choices else None
    except (orjson.JSONDecodeError, AttributeError, TypeError):
        return None


def provider_for(settings: Settings) -> ContentProvider:
    if settings.llm_base_url:
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return OpenAICompatibleProvider(settings.llm_base_url, settings.llm_model, key, settings.llm_timeout)
    return OfflineProvider()
