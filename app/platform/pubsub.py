"""Publish/subscribe for GraphQL subscriptions: in process by default, Redis
channels when REDIS_URL is set so an event raised on one instance reaches
subscribers on every instance."""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any, Protocol

import orjson


class Broker(Protocol):
    async def publish(self, topic: str, message: dict[str, Any]) -> None: ...

    def subscribe(self, topic: str) -> AsyncIterator[dict[str, Any]]: ...

    async def close(self) -> None: ...


class InProcessBroker:
    def __init__(self, queue_size: int = 100) -> None:
        self._subscribers: dict[str, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)
        self._queue_size = queue_size

    async def publish(self, topic: str, message: dict[str, Any]) -> None:
        for queue in list(self._subscribers.get(topic, ())):
            with contextlib.suppress(asyncio.QueueFull):  # a slow subscriber drops, never blocks
                queue.put_nowait(message)

    async def subscribe(self, topic: str) -> AsyncIterator[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(self._queue_size)
        self._subscribers[topic].add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self._subscribers[topic].discard(queue)
            if not self._subscribers[topic]:
                self._subscribers.pop(topic, None)

    async def close(self) -> None:
        self._subscribers.clear()


class RedisBroker:
    def __init__(self, url: str, prefix: str) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url)
        self._prefix = prefix

    def _channel(self, topic: str) -> str:
        return f"{self._prefix}:{topic}"

    async def publish(self, topic: str, message: dict[str, Any]) -> None:
        await self._redis.publish(self._channel(topic), orjson.dumps(message))

    async def subscribe(self, topic: str) -> AsyncIterator[dict[str, Any]]:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(self._channel(topic))
        try:
            async for raw in pubsub.listen():
                if raw.get("type") == "message":
                    yield orjson.loads(raw["data"])
        finally:
            await pubsub.unsubscribe()
            await pubsub.aclose()

    async def close(self) -> None:
        await self._redis.aclose()


def make_broker(redis_url: str | None, prefix: str) -> Broker:
    return RedisBroker(redis_url, prefix) if redis_url else InProcessBroker()
