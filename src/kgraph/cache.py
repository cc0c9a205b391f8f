"""Values derived from the graph, kept until a newer load lands.

The generation of the graph is the id of its newest completed LoadRun; it is looked up at
most every ``ttl_s`` seconds, so a cached value costs one tiny indexed query per interval.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from kgraph.db import Graph

T = TypeVar("T")

_GENERATION = """
MATCH (run:LoadRun) WHERE run.status = 'completed'
RETURN run.id AS id ORDER BY run.finished_at DESC LIMIT 1
"""


def generation(graph: Graph) -> str | None:
    """The id of the newest completed load, or None on a graph never loaded."""
    rows = graph.read(_GENERATION)
    return rows[0]["id"] if rows else None


class GenerationCache(Generic[T]):
    """Values by key, all dropped when the graph's generation changes."""

    def __init__(self, ttl_s: float = 2.0) -> None:
        self.ttl_s = ttl_s
        self._values: dict[Hashable, T] = {}
        self._generation: str | None = None
        self._checked = float("-inf")
        self._lock = threading.RLock()  # a build may itself read another cached value

    def get(self, graph: Graph, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            now = time.monotonic()
            if now - self._checked >= self.ttl_s:
                current = generation(graph)
                if current != self._generation:
                    self._values.clear()
                    self._generation = current
                self._checked = now
            if key not in self._values:
                self._values[key] = build()
            return self._values[key]
