"""Values derived from the graph live exactly as long as the load they were built from."""

from __future__ import annotations

import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from kgraph.db.cache import GenerationCache
from kgraph.db.graph import Graph

_LAND = """
CREATE (:LoadRun {id: $id, status: 'completed', finished_at: datetime()})
"""


def land_load(graph: Graph, load_id: str) -> None:
    graph.write(_LAND, {"id": load_id})


def counter() -> itertools.count[int]:
    return itertools.count(1)


def test_a_value_is_built_once_per_load(empty_graph: Graph) -> None:
    cache = GenerationCache[int](ttl_s=0.0)
    builds = counter()
    land_load(empty_graph, "load:1")

    first = cache.get(empty_graph, "k", lambda: next(builds))
    again = cache.get(empty_graph, "k", lambda: next(builds))
    land_load(empty_graph, "load:2")
    after_load = cache.get(empty_graph, "k", lambda: next(builds))

    assert (first, again, after_load) == (1, 1, 2)


def test_the_least_recently_used_value_goes_first_when_full(empty_graph: Graph) -> None:
    cache = GenerationCache[str](ttl_s=60.0, max_entries=2)
    cache.get(empty_graph, "a", lambda: "a1")
    cache.get(empty_graph, "b", lambda: "b1")
    cache.get(empty_graph, "a", lambda: "a2")  # a is now the most recent
    cache.get(empty_graph, "c", lambda: "c1")  # evicts b

    assert len(cache) == 2
    assert cache.get(empty_graph, "a", lambda: "a3") == "a1"
    assert cache.get(empty_graph, "b", lambda: "b2") == "b2"


def test_a_value_built_while_a_load_lands_is_rebuilt_on_the_next_read(empty_graph: Graph) -> None:
    cache = GenerationCache[str](ttl_s=0.0)
    land_load(empty_graph, "load:1")

    def build_during_load() -> str:
        land_load(empty_graph, "load:2")
        return "built from load 1"

    served = cache.get(empty_graph, "k", build_during_load)
    fresh = cache.get(empty_graph, "k", lambda: "built from load 2")

    assert served == "built from load 1"
    assert fresh == "built from load 2"


def test_readers_asking_at_once_share_one_build(empty_graph: Graph) -> None:
    cache = GenerationCache[int](ttl_s=60.0)
    builds = counter()
    started = threading.Barrier(8)

    def slow_build() -> int:
        time.sleep(0.3)
        return next(builds)

    def read() -> int:
        started.wait()
        return cache.get(empty_graph, "k", slow_build)

    with ThreadPoolExecutor(max_workers=8) as pool:
        values = list(pool.map(lambda _: read(), range(8)))

    assert values == [1] * 8


def test_a_failed_build_reaches_every_waiter_and_is_not_kept(empty_graph: Graph) -> None:
    cache = GenerationCache[int](ttl_s=60.0)

    def broken() -> int:
        raise RuntimeError("build failed")

    with pytest.raises(RuntimeError, match="build failed"):
        cache.get(empty_graph, "k", broken)
    assert cache.get(empty_graph, "k", lambda: 7) == 7
