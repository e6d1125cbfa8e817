"""A webhook receiver on a loopback port that records deliveries and answers as told."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.live import free_port


@dataclass
class Receiver:
    url: str = ""
    statuses: list[int] = field(default_factory=list)  # answers in order; then 200
    delay: float = 0.0
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        self.received.append((dict(request.headers), body))
        if self.delay:
            await asyncio.sleep(self.delay)
        status = self.statuses.pop(0) if self.statuses else 200
        return Response(status_code=status)


@contextlib.asynccontextmanager
async def receiver(port: int | None = None, **options: object) -> AsyncIterator[Receiver]:
    """A receiver on `port` (default: a free one), so a test can start it where deliveries already go."""
    target = Receiver(**options)  # type: ignore[arg-type]
    port = port or free_port()
    app = Starlette(routes=[Route("/hook", target.handle, methods=["POST"])])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off"))
    task = asyncio.create_task(server.serve())
    async with asyncio.timeout(10):
        while not server.started:
            await asyncio.sleep(0.01)
    target.url = f"http://127.0.0.1:{port}/hook"
    try:
        yield target
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)
