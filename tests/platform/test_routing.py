"""LookupRouter answers literal paths from a table and must pick exactly the route Starlette's loop would."""

from __future__ import annotations

import httpx
import pytest
from starlette.responses import PlainTextResponse
from starlette.routing import BaseRoute, Route, Router, WebSocketRoute

from app.main import create_app
from app.platform.routing import LookupRouter


def _ok(name: str):
    async def endpoint(request):
        return PlainTextResponse(name)
    return endpoint


async def _dispatch(router: Router, path: str, method: str, monkeypatch: pytest.MonkeyPatch) -> BaseRoute | None:
    """The route `router` hands a request to, with every route's handler replaced by a recorder."""
    chosen: list[BaseRoute] = []

    async def record(self, scope, receive, send):
        chosen.append(self)

    async def not_found(scope, receive, send):
        chosen.append(None)

    monkeypatch.setattr(Route, "handle", record)
    monkeypatch.setattr(router, "default", not_found)
    router.redirect_slashes = False
    scope = {"type": "http", "path": path, "root_path": "", "method": method, "headers": [], "query_string": b""}
    await router.app(scope, None, None)
    return chosen[0]


def _client(router: Router) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=router), base_url="http://test")


def _requests(routes: list[BaseRoute]) -> list[tuple[str, str]]:
    """Every literal path with every method its routes declare, plus a method none of them takes."""
    pairs = []
    for route in routes:
        if isinstance(route, Route) and not route.param_convertors and route.methods:
            pairs += [(route.path, method) for method in sorted(route.methods)]
            pairs.append((route.path, "PATCH" if "PATCH" not in route.methods else "PUT"))
    return pairs


async def test_every_application_path_reaches_the_route_starlette_would_pick(monkeypatch):
    routes = create_app().routes
    pairs = _requests(routes)
    assert len(pairs) > 100
    for path, method in pairs:
        with monkeypatch.context() as patched:
            expected = await _dispatch(Router(routes), path, method, patched)
        with monkeypatch.context() as patched:
            actual = await _dispatch(LookupRouter(routes), path, method, patched)
        assert actual is expected, (method, path)


ROUTES = [
    Route("/runs", _ok("runs-post"), methods=["POST"]),
    Route("/runs/{run_id}", _ok("run"), methods=["GET"]),
    Route("/runs/stats", _ok("stats"), methods=["GET", "DELETE"]),  # GET is caught by /runs/{run_id} first
    Route("/runs", _ok("runs-get"), methods=["GET"]),
    Route("/items/", _ok("items"), methods=["GET"]),
    WebSocketRoute("/runs", lambda websocket: None),
]


@pytest.mark.parametrize("path, method, expected", [
    ("/runs", "GET", "runs-get"),
    ("/runs", "POST", "runs-post"),
    ("/runs/stats", "GET", "run"),
    ("/runs/stats", "DELETE", "stats"),
    ("/runs/abc", "GET", "run"),
])
async def test_an_earlier_route_keeps_the_paths_it_catches(path, method, expected, monkeypatch):
    router = LookupRouter(ROUTES)
    table = {(key, route.name) for key, route in router._literal_table().items()}
    assert (("/runs/stats", "GET"), "endpoint") not in table
    with monkeypatch.context() as patched:
        chosen = await _dispatch(router, path, method, patched)
    with monkeypatch.context() as patched:
        baseline = await _dispatch(Router(ROUTES), path, method, patched)
    assert chosen is baseline
    async with _client(LookupRouter(ROUTES)) as client:
        response = await client.request(method, path)
    assert response.status_code == 200 and response.text == expected


async def test_what_the_table_does_not_hold_behaves_as_starlette():
    async with _client(LookupRouter(ROUTES)) as client:
        assert (await client.put("/runs")).status_code == 405
        assert (await client.get("/nowhere")).status_code == 404
        redirected = await client.get("/items")
        assert redirected.status_code == 307 and redirected.headers["location"].endswith("/items/")
        assert (await client.head("/runs")).status_code == 200


async def test_a_route_added_later_is_served():
    router = LookupRouter(list(ROUTES))
    async with _client(router) as client:
        assert (await client.get("/late")).status_code == 404
        router.add_route("/late", _ok("late"), methods=["GET"])
        assert (await client.get("/late")).text == "late"
