"""The envelope around every request: request id, body size limit, statement
counting with the Server-Timing header, and one JSON access-log line."""

from __future__ import annotations

import logging
import time
from typing import Any

import orjson
import structlog
from starlette.datastructures import MutableHeaders
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.db import begin_query_stats
from app.errors import PayloadTooLarge
from app.platform.request_id import SCOPE_KEY, choose_request_id

access_log = structlog.get_logger("crossway.access")
_access_logger = logging.getLogger("crossway.access")  # its level decides; asked first, the call is skipped
# Probes and scrapes are not API traffic.
UNRECORDED_ROUTES = frozenset({"/health", "/metrics"})
CLIENT_CLOSED_REQUEST = 499  # logged (the client is gone, so never sent): the status proxies use for it


class RequestEnvelope:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, server_timing: bool, runtime: Any = None) -> None:
        self.app = app
        self.runtime = runtime
        self.max_body_bytes = max_body_bytes
        self.server_timing = server_timing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = choose_request_id((headers.get(b"x-request-id") or b"").decode("latin-1") or None)
        scope[SCOPE_KEY] = request_id
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return

        stats = begin_query_stats()
        started = time.perf_counter()
        status = 500

        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._too_large(send, request_id)
            self._log(scope, 413, started, stats.count, request_id)
            return

        received = 0
        limit = self.max_body_bytes
        started_response: list[bool] = []

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise PayloadTooLarge(f"Request body too large (limit {limit} bytes)")
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                started_response.append(True)
                status = message["status"]
                out = MutableHeaders(scope=message)
                out["X-Request-Id"] = request_id
                if self.server_timing:
                    elapsed = (time.perf_counter() - started) * 1000
                    out.append(
                        "Server-Timing",
                        f'db;dur={stats.seconds * 1000:.1f};desc="{stats.count} queries", app;dur={elapsed:.1f}',
                    )
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except PayloadTooLarge:
            # A streamed body went over the limit outside a REST family (which renders it itself).
            if started_response:
                raise
            status = 413
            await self._too_large(send, request_id)
        except ClientDisconnect:
            # The client went away before its body arrived: nobody to answer, nothing went wrong here.
            if started_response:
                raise
            status = CLIENT_CLOSED_REQUEST
        finally:
            self._log(scope, status, started, stats.count, request_id)

    async def _too_large(self, send: Send, request_id: str) -> None:
        body = orjson.dumps({"detail": f"Request body too large (limit {self.max_body_bytes} bytes)"})
        await send({
            "type": "http.response.start", "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                        (b"x-request-id", request_id.encode())],
        })
        await send({"type": "http.response.body", "body": body})

    def _log(self, scope: Scope, status: int, started: float, queries: int, request_id: str) -> None:
        seconds = time.perf_counter() - started
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        method = scope.get("method") or "-"
        if _access_logger.isEnabledFor(logging.INFO):
            access_log.info(
                "request", method=method, path=scope.get("path"), route=route, status=status,
                duration_ms=round(seconds * 1000, 2), queries=queries, request_id=request_id,
            )
        if self.runtime is None or route in UNRECORDED_ROUTES:
            return
        self.runtime.metrics.observe_request(method, route, status, seconds)
        principal = scope.get("user")
        self.runtime.request_log.record({
            "at": self.runtime.clock.now(), "credential": getattr(principal, "credential_id", None),
            "principal_kind": getattr(principal, "kind", "anonymous"), "hub_id": getattr(principal, "hub_id", None),
            "method": method[:8], "route": route[:255], "status": status, "latency_ms": round(seconds * 1000, 3),
            "request_id": request_id,
        })
