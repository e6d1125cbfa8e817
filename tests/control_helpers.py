"""Shared steps of the control plane tests: users, tokens, a fake Telegram server."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.context import RequestContext, in_transaction
from app.domains.identity import users
from tests.live import free_port


async def make_user(client: httpx.AsyncClient, username: str = "ada", *, superuser: bool = False,
                    password: str = "correct horse battery") -> dict[str, Any]:
    """A user, created through the service (superusers) or the register endpoint."""
    if superuser:
        ctx = RequestContext(runtime=client.app.state.runtime)
        try:
            user = await users.register(ctx, users.UserCreate(username=username, email=f"{username}@example.com",
                                                              password=password), superuser=True)
            await ctx.finish(commit=True)
        except BaseException:
            await ctx.finish(commit=False)
            raise
        return users.user_view(user).model_dump(mode="json")
    response = await client.post("/api/auth/register", json={"username": username, "email": f"{username}@example.com",
                                                              "password": password})
    assert response.status_code == 201, response.text
    return response.json()


async def login(client: httpx.AsyncClient, username: str = "ada", password: str = "correct horse battery") -> str:
    response = await client.post("/api/auth/login", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


async def user_headers(client: httpx.AsyncClient, username: str = "ada", *, superuser: bool = False) -> dict[str, str]:
    await make_user(client, username, superuser=superuser)
    return {"Authorization": f"Bearer {await login(client, username)}"}


async def in_context(client: httpx.AsyncClient, action) -> Any:  # noqa: ANN001 - async callable(ctx)
    """Run a service call in its own committed context (the way an integration would)."""
    return await in_transaction(client.app.state.runtime, action)


@dataclass
class FakeTelegram:
    """A Telegram Bot API stand-in on loopback: records calls, answers like Telegram."""

    token: str = "123456:TEST-token-for-the-fake-server-0000"
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    fail_with: int | None = None
    base_url: str = ""
    next_message_id: int = 100

    def methods(self, name: str) -> list[dict[str, Any]]:
        return [payload for method, payload in self.calls if method == name]

    async def handle(self, request: Request) -> JSONResponse:
        if request.path_params["token"] != self.token:
            return JSONResponse({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)
        payload = await request.json()
        method = request.path_params["method"]
        self.calls.append((method, payload))
        if self.fail_with:
            return JSONResponse({"ok": False, "error_code": self.fail_with, "description": "Bad Request: chat not found"},
                                self.fail_with)
        if method == "sendMessage":
            self.next_message_id += 1
            return JSONResponse({"ok": True, "result": {"message_id": self.next_message_id,
                                                        "chat": {"id": payload["chat_id"]}, "text": payload["text"]}})
        return JSONResponse({"ok": True, "result": True})


@contextlib.asynccontextmanager
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    app = Starlette(routes=[Route("/bot{token}/{method}", fake.handle, methods=["POST"])])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off"))
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(10):
            while not server.started:
                await asyncio.sleep(0.02)
        fake.base_url = f"http://127.0.0.1:{port}"
        yield fake
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)
