"""Prometheus metrics (prometheus-client), one registry per application.

Each worker process keeps its own figures; scrape every worker (or run one per
container). Route labels are route templates, never raw paths, so cardinality
stays bounded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from app.db import Database

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class PoolCollector(Collector):
    def __init__(self, db: Database) -> None:
        self.db = db

    def collect(self) -> Iterator[GaugeMetricFamily]:
        pool = self.db.engine.pool
        in_use = GaugeMetricFamily("crossway_db_pool_connections_in_use", "Database connections checked out")
        in_use.add_metric([], float(getattr(pool, "checkedout", lambda: 0)()))
        yield in_use
        size = GaugeMetricFamily("crossway_db_pool_size", "Database pool size")
        size.add_metric([], float(getattr(pool, "size", lambda: 0)()))
        yield size


class Metrics:
    def __init__(self, db: Database) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("crossway_http_requests_total", "HTTP requests", ["method", "route", "status"],
                                registry=self.registry)
        self.latency = Histogram("crossway_http_request_duration_seconds", "HTTP request latency",
                                 ["method", "route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.graphql = Counter("crossway_graphql_operations_total", "GraphQL operations",
                               ["operation_type", "outcome"], registry=self.registry)
        self.webhooks = Counter("crossway_webhook_deliveries_total", "Webhook delivery attempts", ["outcome"],
                                registry=self.registry)
        self.rate_limited = Counter("crossway_rate_limit_refusals_total", "Requests refused by a rate limit or quota",
                                    ["limit"], registry=self.registry)
        self.registry.register(PoolCollector(db))
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        # The labelled children, kept per (method, route template, status): a bounded set, and labels()
        # would check and look them up again on every request.
        children = self._children.get((method, route, status))
        if children is None:
            children = self._children[(method, route, status)] = (
                self.requests.labels(method, route, str(status)), self.latency.labels(method, route))
        children[0].inc()
        children[1].observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
