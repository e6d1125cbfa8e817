"""The Strawberry ASGI app: one RequestContext per operation."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from app.context import RequestContext
from app.platform.request_id import request_id_of


class CrosswayGraphQL(GraphQL):
    async def get_context(self, request: Request | WebSocket, response: Response | None = None) -> RequestContext:
        ctx = RequestContext(
            runtime=request.app.state.runtime,
            client_ip=request.client.host if request.client else "unknown",
            request_id=request_id_of(request.scope),
        )
        principal = request.scope.get("user")
        if principal is not None:
            ctx.principal = principal
        return ctx
