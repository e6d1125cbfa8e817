"""The Strawberry ASGI app: one RequestContext per operation, metered like the REST surfaces."""

from __future__ import annotations

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from app.context import RequestContext
from app.errors import RateLimited
from app.platform import quotas
from app.platform.request_id import request_id_of


def context_for_connection(request: Request | WebSocket) -> RequestContext:
    ctx = RequestContext(
        runtime=request.app.state.runtime,
        client_ip=request.client.host if request.client else "unknown",
        request_id=request_id_of(request.scope),
    )
    principal = request.scope.get("user")
    if principal is not None:
        ctx.principal = principal
    return ctx


class CrosswayGraphQL(GraphQL):
    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)

    async def get_context(self, request: Request | WebSocket, response: Response | None = None) -> RequestContext:
        return context_for_connection(request)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST":
            await super().__call__(scope, receive, send)
            return
        try:
            decision = await quotas.charge(context_for_connection(Request(scope)))
        except RateLimited as exc:
            await _refuse(send, exc)
            return
        if decision is None:
            await super().__call__(scope, receive, send)
            return
        extra = [(k.lower().encode(), v.encode()) for k, v in quotas.headers_for(decision).items()]

        async def send_with_budget(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await super().__call__(scope, receive, send_with_budget)


async def _refuse(send: Send, exc: RateLimited) -> None:
    body = orjson.dumps({"data": None, "errors": [{"message": exc.message, "extensions": {
        "code": "RATE_LIMITED", "status": 429, "retry_after": exc.retry_after}}]})
    headers = [(b"content-type", b"application/json"), (b"retry-after", str(exc.retry_after).encode()),
               (b"x-ratelimit-limit", str(exc.limit).encode()), (b"x-ratelimit-remaining", b"0"),
               (b"x-ratelimit-reset", str(exc.reset_at).encode())]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})
