"""A real uvicorn server on a loopback port, for tests where the network matters."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator

import uvicorn
from starlette.applications import Starlette

from app.clock import Clock
from app.main import create_app
from app.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def live_server(settings: Settings, clock: Clock | None = None) -> AsyncIterator[str]:
    async with live_app(settings, clock) as (_, host):
        yield host


@contextlib.asynccontextmanager
async def live_app(settings: Settings, clock: Clock | None = None) -> AsyncIterator[tuple[Starlette, str]]:
    """The application served on a loopback port: (app, "127.0.0.1:PORT")."""
    port = free_port()
    app = create_app(settings, clock=clock, prepare=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on"))
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(10):
            while not server.started:
                await asyncio.sleep(0.02)
        yield app, f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)
