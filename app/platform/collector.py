"""Garbage collector settings for a long-running worker.

A worker holds a large, long-lived object graph after startup (the GraphQL schema, SQLAlchemy's
mappers and compiled statements, the route table): about a quarter of a million tracked objects.
CPython's full collections walk all of it, and a request that builds a few thousand objects (a nested
GraphQL page) triggers one every few requests: measured at about a third of such a request's CPU.
`gc.freeze()` after startup moves that graph out of the collector's reach (it stays alive, it is only
no longer scanned), and a larger first-generation threshold makes the young collections fewer. Cyclic
garbage made by requests is still collected; only how often changes.
"""

from __future__ import annotations

import gc

DEFAULT_THRESHOLDS = (700, 10, 10)  # CPython's own


def tune_collector(*, freeze: bool, young_threshold: int) -> None:
    """Collect once, then freeze what survives (if `freeze`), and collect the youngest generation every
    `young_threshold` allocations (0: CPython's default)."""
    if freeze:
        gc.collect()  # nothing that is already garbage gets frozen
        gc.freeze()
    if young_threshold:
        _, middle, oldest = gc.get_threshold()
        gc.set_threshold(young_threshold, middle, oldest)
