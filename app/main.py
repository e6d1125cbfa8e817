"""create_app(settings) -> the Starlette application with both doors mounted."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import structlog
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute

from app import __version__
from app.auth.backend import CrosswayAuthBackend
from app.clock import Clock
from app.platform.collector import tune_collector
from app.platform.logging import configure_logging
from app.platform.middleware import RequestEnvelope
from app.platform.routing import LookupRouter
from app.rest import registry
from app.rest.responses import json_response
from app.runtime import Runtime
from app.settings import Settings
from schema import build_schema
from schema.app import CrosswayGraphQL

log = structlog.get_logger("crossway")

SWAGGER_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Crossway API</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({url: "/openapi.json", dom_id: "#ui"});</script>
</body></html>"""


def create_app(settings: Settings | None = None, *, clock: Clock | None = None, prepare: bool | None = None) -> Starlette:
    """Build the application. `prepare` (default: settings.auto_migrate) migrates and seeds at startup."""
    settings = settings or Settings()
    configure_logging(settings.log_level, settings.log_json, once=True)
    problems = settings.startup_problems()
    if problems:
        raise RuntimeError("Refusing to start: " + " ".join(problems))
    runtime = Runtime.build(settings, clock)
    prepare = settings.auto_migrate if prepare is None else prepare

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if prepare:
            from app.bootstrap import prepare_database

            await prepare_database(runtime)
        runtime.request_log.start()
        if settings.webhook_worker:
            runtime.webhook_worker.start()
        tune_collector(freeze=settings.gc_freeze, young_threshold=settings.gc_threshold)
        log.info("started", version=__version__, database=runtime.db.dialect, redis=bool(settings.redis_url))
        try:
            yield
        finally:
            await runtime.close()

    schema = build_schema(settings)
    graphql_app = CrosswayGraphQL(schema, graphql_ide="graphiql" if settings.graphiql else None)
    routes: list[BaseRoute] = [
        *registry.rest_routes(),
        Route("/graphql", graphql_app, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql_app),
        Route("/openapi.json", _openapi, methods=["GET"]),
        Route("/docs", lambda request: HTMLResponse(SWAGGER_PAGE), methods=["GET"]),
        Route("/metrics", _metrics, methods=["GET"]),
    ]
    app = Starlette(
        middleware=[
            Middleware(RequestEnvelope, max_body_bytes=settings.max_body_bytes,
                       server_timing=settings.server_timing_enabled, runtime=runtime),
            Middleware(AuthenticationMiddleware, backend=CrosswayAuthBackend()),
        ],
        exception_handlers={HTTPException: _http_error},
    )
    app.router = LookupRouter(routes, lifespan=lifespan)
    app.state.runtime = runtime
    app.state.settings = settings
    app.state.schema = schema
    return app


async def _openapi(request: Request) -> Response:
    return json_response(registry.openapi_document(request.app.state.runtime.version))


async def _metrics(request: Request) -> Response:
    body = request.app.state.runtime.metrics.render()
    return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return json_response({"detail": exc.detail}, exc.status_code, headers=exc.headers)


def configure_process_logging(settings: Settings) -> None:
    configure_logging(settings.log_level, settings.log_json, once=True)
