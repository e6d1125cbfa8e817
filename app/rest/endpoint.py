"""How a REST handler is declared.

    @family.endpoint("POST", "/runs/start", body=RunStartRequest, responses={201: RunResponse})
    async def start_run(ctx, call): ...

The wrapper builds the request context, parses the body and query with the
declared write models, calls the handler (which calls one service function),
commits at the boundary, and renders any AppError in the family's own shape.
The same declaration feeds the exported OpenAPI document.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
import structlog
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from app.context import RequestContext
from app.errors import AppError, Conflict, RateLimited
from app.platform import quotas
from app.platform.redaction import MASK
from app.platform.request_id import request_id_of

log = structlog.get_logger("crossway.rest")


@dataclass
class Call:
    request: Request
    body: Any = None
    query: Any = None

    def path(self, name: str) -> str:
        return self.request.path_params[name]


Handler = Callable[[RequestContext, Call], Awaitable[Response]]


@dataclass
class EndpointSpec:
    method: str
    path: str
    handler: Handler
    summary: str
    body: type[BaseModel] | None = None
    body_optional: bool = False
    # raw_body: the handler gets the decoded JSON as is (the service validates it, e.g. against
    # the interaction reporting contract); `body` then only documents the shape.
    raw_body: bool = False
    # body_in_handler: the handler reads the body itself, after checks that must come first
    # (a webhook's signature); `body` then only documents the shape.
    body_in_handler: bool = False
    form: type[BaseModel] | None = None
    # single_write: the handler's only write is one statement, its last step; that statement may commit
    # by itself (RequestContext.write) instead of in a transaction the boundary commits.
    single_write: bool = False
    security: list[dict[str, list[str]]] | None = None
    query: type[BaseModel] | None = None
    responses: dict[int, type[BaseModel] | str | None] = field(default_factory=dict)
    auth: str | None = None
    deprecated: bool = False
    tags: list[str] = field(default_factory=list)
    operation_id: str | None = None  # when one handler serves several operations


class Family:
    """A REST surface with its own error shape. Subclasses render errors."""

    name = "base"
    title = "Crossway"
    # Metered families charge each authenticated request to its credential's budgets.
    metered = False
    security_schemes: dict[str, Any] = {"ApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}

    def __init__(self) -> None:
        self.specs: list[EndpointSpec] = []

    # --- rendering: override per family -----------------------------------------------

    def status_for(self, exc: AppError) -> int:
        return exc.status

    def render_error(self, exc: AppError, ctx: RequestContext) -> Response:
        raise NotImplementedError

    def render_validation(self, errors: list[dict[str, Any]], ctx: RequestContext) -> Response:
        raise NotImplementedError

    def render_unexpected(self, ctx: RequestContext) -> Response:
        raise NotImplementedError

    def error_response(self, exc: AppError, ctx: RequestContext) -> Response:
        response = self.render_error(exc, ctx)
        if isinstance(exc, RateLimited):
            response.headers["Retry-After"] = str(exc.retry_after)
            response.headers["X-RateLimit-Limit"] = str(exc.limit)
            response.headers["X-RateLimit-Remaining"] = "0"
            response.headers["X-RateLimit-Reset"] = str(exc.reset_at)
        return response

    # --- declaration ------------------------------------------------------------------------

    def endpoint(self, method: str, path: str, *, summary: str = "", **meta: Any) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            doc = (handler.__doc__ or "").strip()
            self.specs.append(EndpointSpec(method, path, handler, summary or doc.split("\n")[0], **meta))
            return handler

        return register

    def routes(self) -> list[Route]:
        # Starlette matches paths before methods, so one Route per path holds every method.
        by_path: dict[str, dict[str, EndpointSpec]] = {}
        for spec in self.specs:
            by_path.setdefault(spec.path, {})[spec.method] = spec
        return [Route(path, self._dispatcher(methods), methods=list(methods)) for path, methods in by_path.items()]

    def _dispatcher(self, methods: dict[str, EndpointSpec]) -> Callable[[Request], Awaitable[Response]]:
        async def dispatch(request: Request) -> Response:
            spec = methods.get(request.method) or methods.get("GET" if request.method == "HEAD" else "")
            return await self._handle(spec, request)  # type: ignore[arg-type]

        return dispatch

    async def _handle(self, spec: EndpointSpec, request: Request) -> Response:
        ctx = context_for(request)
        ctx.single_write = spec.single_write
        decision = None
        try:
            if self.metered:
                decision = await quotas.charge(ctx)
            call = Call(request)
            if spec.query is not None:
                call.query = parse_model(spec.query, dict(request.query_params), "query")
            if spec.body is not None and not spec.body_in_handler:
                if spec.raw_body:
                    call.body = await parse_json(request, optional=spec.body_optional)
                else:
                    call.body = await parse_body(request, spec.body, optional=spec.body_optional)
            try:
                response = await spec.handler(ctx, call)
                await ctx.finish(commit=True)
            except IntegrityError as exc:
                raise Conflict("The request conflicts with data that already exists") from exc
            if decision is not None:
                response.headers.update(quotas.headers_for(decision))
            return response
        except BadRequestBody as exc:
            await ctx.finish(commit=False)
            return self.render_validation(exc.errors, ctx)
        except AppError as exc:
            await ctx.finish(commit=False)
            return self.error_response(exc, ctx)
        except ClientDisconnect:
            await ctx.finish(commit=False)
            raise  # nobody to answer: the envelope logs it
        except Exception:
            await ctx.finish(commit=False)
            log.exception("unhandled_error", path=request.url.path, request_id=ctx.request_id)
            return self.render_unexpected(ctx)


def context_for(request: Request) -> RequestContext:
    principal = request.scope.get("user")
    client = request.client.host if request.client else "unknown"
    ctx = RequestContext(runtime=request.app.state.runtime, client_ip=client, request_id=request_id_of(request.scope))
    if principal is not None:
        ctx.principal = principal
    return ctx


# --- parsing ----------------------------------------------------------------------------------


class BadRequestBody(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("invalid request")
        self.errors = errors


_SECRET_NAME = re.compile(r"(?i)passw(?:or)?d|secret|token|api[_-]?key|private[_-]?key")


def _masked(value: Any, name: object = None) -> Any:
    """An error's `input` without secrets: a value under a secret-sounding name (password,
    client_secret, token, ...) is replaced by the mask, at any depth."""
    if isinstance(name, str) and _SECRET_NAME.search(name):
        return MASK
    if isinstance(value, dict):
        return {key: _masked(item, key) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value


def validation_errors(exc: ValidationError, location: str) -> list[dict[str, Any]]:
    """Pydantic errors as FastAPI-style items: {type, loc, msg, input}; a secret is never echoed in
    `input` (the whole body is the input of a missing field)."""
    items = []
    for error in exc.errors(include_url=False, include_context=False):
        loc = error["loc"]
        items.append({
            "type": error["type"], "loc": [location, *loc], "msg": error["msg"],
            "input": _masked(error.get("input"), loc[-1] if loc else None),
        })
    return items


def parse_model(model: type[BaseModel], data: Any, location: str) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadRequestBody(validation_errors(exc, location)) from None


async def parse_json(request: Request, *, optional: bool = False) -> Any:
    raw = await request.body()
    if not raw.strip():
        if optional:
            return None
        raise BadRequestBody([{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}])
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        message = f"JSON decode error: {exc.args[0] if exc.args else exc}"
        raise BadRequestBody([{"type": "json_invalid", "loc": ["body", exc.pos], "msg": message, "input": {}}]) from None


async def parse_body(request: Request, model: type[BaseModel], *, optional: bool = False) -> BaseModel | None:
    data = await parse_json(request, optional=optional)
    return None if data is None else parse_model(model, data, "body")


_PATH_PARAM = re.compile(r"{([^}:]+)(?::[^}]+)?}")


def path_parameters(path: str) -> list[str]:
    return _PATH_PARAM.findall(path)
