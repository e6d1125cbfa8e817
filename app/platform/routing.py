"""Routing with a direct table for literal paths.

Starlette's router tries its routes in order, a regular expression each, so a request for a path near the
end of a long list pays for every route before it (about sixty here). `LookupRouter` answers a request
for a literal path (no parameters) from a dictionary keyed by path and method, and leaves everything else
(parameters, 405s, slash redirects, websockets, lifespan) to Starlette's own loop.

The table holds a route for a (path, method) only where Starlette's loop would pick that same route: it
is built by asking every route, in order, whether it matches, so a parameterised route listed earlier
that would catch the path keeps it. The table is rebuilt when the route list changes.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Match, Route, Router, get_route_path
from starlette.types import Receive, Scope, Send


def literal_routes(routes: list[BaseRoute]) -> dict[tuple[str, str], Route]:
    """(path, method) -> the route Starlette's loop would run for it, for every literal path and method
    some Route declares."""
    table: dict[tuple[str, str], Route] = {}
    for route in routes:
        if not isinstance(route, Route) or route.param_convertors or not route.methods:
            continue
        for method in route.methods:
            key = (route.path, method)
            if key not in table:
                first = first_full_match(routes, route.path, method)
                if first is route:
                    table[key] = route
    return table


def first_full_match(routes: list[BaseRoute], path: str, method: str) -> BaseRoute | None:
    scope = {"type": "http", "path": path, "root_path": "", "method": method}
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return route
    return None


class LookupRouter(Router):
    _table: dict[tuple[str, str], Route] | None = None
    _built_for: tuple[int, int] = (0, 0)

    def _literal_table(self) -> dict[tuple[str, str], Route]:
        # Rebuilt when routes are added after construction (app.add_route) or the list is replaced.
        shape = (id(self.routes), len(self.routes))
        if self._table is None or shape != self._built_for:
            self._table = literal_routes(self.routes)
            self._built_for = shape
        return self._table

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            route = self._literal_table().get((get_route_path(scope), scope["method"]))
            if route is not None:
                if "router" not in scope:
                    scope["router"] = self
                scope["route"] = route
                _, child_scope = route.matches(scope)
                scope.update(child_scope)
                await route.handle(scope, receive, send)
                return
        await super().app(scope, receive, send)
