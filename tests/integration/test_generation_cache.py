"""Values derived from the graph live exactly as long as the load they were built from."""

from __future__ import annotations

import itertools
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from types import FrameType

from neo4j import ManagedTransaction

from kgraph.db import cypher, generation
from kgraph.db.cache import GenerationCache, GenerationClock
from kgraph.db.graph import Graph
from kgraph.db.status import graph_status
from kgraph.names.resolve import ResolverCache

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


def wipe_and_land_load(graph: Graph, load_id: str) -> None:
    """A new graph whose number of LoadRuns is the old one's: one."""
    graph.run_autocommit(cypher.WIPE)
    land_load(graph, load_id)


def test_a_wipe_and_a_new_load_are_a_new_generation(empty_graph: Graph) -> None:
    cache = GenerationCache[int](ttl_s=0.0)
    builds = counter()
    land_load(empty_graph, "load:1")

    first = cache.get(empty_graph, "k", lambda: next(builds))
    wipe_and_land_load(empty_graph, "load:2")
    after_wipe = cache.get(empty_graph, "k", lambda: next(builds))

    assert (first, after_wipe) == (1, 2)


def test_a_read_straddled_by_a_wipe_and_a_new_load_runs_again(empty_graph: Graph) -> None:
    land_load(empty_graph, "load:1")
    attempts: list[str | None] = []

    def work(tx: ManagedTransaction) -> int:
        attempts.append(generation.in_tx(tx).load_id)
        if len(attempts) == 1:
            wipe_and_land_load(empty_graph, "load:2")  # commits while this read runs
        return len(attempts)

    assert empty_graph.in_read_tx(work, timeout_s=10) == 2
    assert attempts == ["load:1", "load:2"]
    assert empty_graph.generation().load_id == graph_status(empty_graph)["last_load"]["id"]


def test_the_least_recently_used_value_goes_first_when_full(empty_graph: Graph) -> None:
    cache = GenerationCache[str](ttl_s=60.0, max_entries=2)
    cache.get(empty_graph, "a", lambda: "a1")
    cache.get(empty_graph, "b", lambda: "b1")
    cache.get(empty_graph, "a", lambda: "a2")  # a is now the most recent
    cache.get(empty_graph, "c", lambda: "c1")  # evicts b

    assert len(cache) == 2
    assert cache.get(empty_graph, "a", lambda: "a3") == "a1"
    assert cache.get(empty_graph, "b", lambda: "b2") == "b2"


def test_values_over_the_byte_bound_go_least_recently_used_first(empty_graph: Graph) -> None:
    # Issue 22: the cache counted entries, not bytes (4,096 answers of 550 KB: 2.3 GB).
    cache = GenerationCache[bytes](ttl_s=60.0, max_entries=100, max_bytes=1000, size_of=len)
    for key in "abcd":
        cache.get(empty_graph, key, lambda: b"x" * 300)
    assert len(cache) == 3 and cache.bytes == 900
    assert cache.get(empty_graph, "a", lambda: b"new") == b"new"  # a went first
    cache.get(empty_graph, "big", lambda: b"x" * 1001)  # larger than the bound: not kept
    assert cache.bytes <= 1000 and cache.get(empty_graph, "big", lambda: b"") == b""


def test_a_value_built_while_a_load_lands_is_not_kept_for_the_new_load(
    empty_graph: Graph,
) -> None:
    cache = GenerationCache[object](ttl_s=0.0)
    other: list[None] = []
    land_load(empty_graph, "load:1")

    def build_during_load() -> str:
        land_load(empty_graph, "load:2")
        # Another reader, meanwhile, sees the new load: the cache is now at load:2.
        reader = threading.Thread(
            target=cache.get, args=(empty_graph, "other", lambda: other.append(None))
        )
        reader.start()
        reader.join(timeout=10)
        assert other == [None], "the other reader did not build"
        return "built from load 1"

    served = cache.get(empty_graph, "k", build_during_load)
    fresh = cache.get(empty_graph, "k", lambda: "built from load 2")

    # Its own reader gets it, but it must not be kept as load 2's value.
    assert served == "built from load 1"
    assert fresh == "built from load 2"


def waiting_on_a_future(thread: threading.Thread) -> bool:
    """Whether the thread is blocked in ``Future.result``, i.e. waiting for another's build."""
    assert thread.ident is not None
    frame: FrameType | None = sys._current_frames().get(thread.ident)
    while frame is not None:
        if frame.f_code is Future.result.__code__:
            return True
        frame = frame.f_back
    return False


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


WAITERS = 6


def readers_sharing_one_build(
    cache: GenerationCache[object], graph: Graph, build: Callable[[], object]
) -> list[object]:
    """One reader builds; ``WAITERS`` more ask for the same key and block on that build
    before it finishes; what each got (value or error), owner first."""
    building, finish = threading.Event(), threading.Event()
    got: dict[int, object] = {}

    def held_build() -> object:
        building.set()
        assert finish.wait(10)
        return build()

    def late_build() -> object:  # runs only if a reader came after the build was over
        raise AssertionError("a waiter built again")

    def read(i: int, own_build: Callable[[], object]) -> None:
        try:
            got[i] = cache.get(graph, "k", own_build)
        except Exception as error:  # kept: the error is what is checked
            got[i] = error

    # Daemon threads: if a waiter is never woken, the test fails instead of hanging.
    owner = threading.Thread(target=read, args=(0, held_build), daemon=True)
    owner.start()
    assert building.wait(10)
    waiters = [
        threading.Thread(target=read, args=(i, late_build), daemon=True)
        for i in range(1, WAITERS + 1)
    ]
    for thread in waiters:
        thread.start()
    wait_until(lambda: all(waiting_on_a_future(t) for t in waiters))
    finish.set()
    deadline = time.monotonic() + 10
    for thread in [owner, *waiters]:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    assert sorted(got) == list(range(WAITERS + 1)), "some readers were never answered"
    return [got[i] for i in range(WAITERS + 1)]


def test_readers_asking_at_once_share_one_build(empty_graph: Graph) -> None:
    cache = GenerationCache[object](ttl_s=60.0)
    builds = counter()

    def build() -> object:
        next(builds)
        return object()

    values = readers_sharing_one_build(cache, empty_graph, build)

    assert all(value is values[0] for value in values)  # the very same value, built once
    assert next(builds) == 2
    assert cache.get(empty_graph, "k", build) is values[0]


def test_a_failed_build_reaches_every_waiter_and_is_not_kept(empty_graph: Graph) -> None:
    cache = GenerationCache[object](ttl_s=60.0)

    def broken() -> object:
        raise RuntimeError("build failed")

    errors = readers_sharing_one_build(cache, empty_graph, broken)

    assert isinstance(errors[0], RuntimeError) and str(errors[0]) == "build failed"
    assert all(error is errors[0] for error in errors)  # the one build's error, to each
    assert cache.get(empty_graph, "k", lambda: 7) == 7


def test_peek_answers_from_memory_and_only_while_the_generation_is_not_due(
    empty_graph: Graph,
) -> None:
    cache = GenerationCache[str](ttl_s=60.0)
    land_load(empty_graph, "load:1")
    assert cache.peek("k", "missing") == "missing"  # never looked up: due, and claimed
    assert cache.peek_stamp("due") is None  # the claimed lookup pending: no generation yet

    assert cache.get(empty_graph, "k", lambda: "from load 1") == "from load 1"
    land_load(empty_graph, "load:2")
    # Within the interval: what it has, without asking Neo4j (which has load 2 by now).
    assert cache.peek("k", "missing") == "from load 1"
    stamp = cache.peek_stamp("due")
    assert isinstance(stamp, generation.Stamp) and stamp.load_id == "load:1"
    assert cache.peek("other", "missing") == "missing"

    cache.ttl_s = 0.0  # the interval is over: a peek must not answer for the new load
    assert cache.peek("k", "missing") == "missing"  # ... and this caller claims the lookup
    # Until the claimer has looked up, the others are served what the cache has, as the
    # readers of `get` are while one of them asks: one lookup, not one per request.
    assert cache.peek("k", "missing") == "from load 1"
    assert cache.peek_stamp("due").load_id == "load:1"  # type: ignore[union-attr]
    assert cache.get(empty_graph, "k", lambda: "from load 2") == "from load 2"
    assert cache.peek_stamp("due") == "due"  # ttl 0: the next one claims the next lookup
    assert cache.stamp(empty_graph).load_id == "load:2"  # type: ignore[union-attr]


def test_a_claimed_lookup_that_never_comes_lapses(empty_graph: Graph) -> None:
    cache = GenerationCache[str](ttl_s=60.0)
    land_load(empty_graph, "load:1")
    assert cache.get(empty_graph, "k", lambda: "from load 1") == "from load 1"
    land_load(empty_graph, "load:2")
    cache.ttl_s = 0.0
    assert cache.peek("k", "missing") == "missing"  # claimed; its request then goes away
    assert cache.peek("k", "missing") == "from load 1"  # served while the claim holds
    cache.clock.claim_timeout_s = 0.0  # the claim's time is up: the next caller claims anew
    assert cache.peek("k", "missing") == "missing"
    assert cache.get(empty_graph, "k", lambda: "from load 2") == "from load 2"


def test_caches_sharing_a_clock_change_generation_together(empty_graph: Graph) -> None:
    clock = GenerationClock(ttl_s=0.0)
    resolvers, answers = GenerationCache[str](clock=clock), GenerationCache[str](clock=clock)
    land_load(empty_graph, "load:1")
    assert resolvers.get(empty_graph, "r", lambda: "resolver of load 1") == "resolver of load 1"
    assert answers.get(empty_graph, "a", lambda: "answer of load 1") == "answer of load 1"
    clock.ttl_s = 60.0  # from here only a lookup through one of them moves the clock

    land_load(empty_graph, "load:2")
    clock.ttl_s = 0.0
    assert answers.stamp(empty_graph).load_id == "load:2"  # type: ignore[union-attr]
    clock.ttl_s = 60.0
    # The resolvers' cache never asked Neo4j, yet no longer serves load 1's resolver.
    assert resolvers.peek("r", "dropped") == "dropped"
    assert resolvers.get(empty_graph, "r", lambda: "resolver of load 2") == "resolver of load 2"


def test_a_value_built_while_the_shared_clock_moved_on_is_not_kept(empty_graph: Graph) -> None:
    clock = GenerationClock(ttl_s=0.0)
    resolvers, answers = GenerationCache[str](clock=clock), GenerationCache[str](clock=clock)
    land_load(empty_graph, "load:1")

    def built_from_load_1() -> str:
        # Another cache looks the generation up while this build runs: load 2 has landed.
        land_load(empty_graph, "load:2")
        assert resolvers.stamp(empty_graph).load_id == "load:2"  # type: ignore[union-attr]
        return "answer of load 1"

    assert answers.get(empty_graph, "a", built_from_load_1) == "answer of load 1"
    assert answers.get(empty_graph, "a", lambda: "answer of load 2") == "answer of load 2"


def test_a_value_made_with_an_older_generations_input_is_served_but_not_kept(
    empty_graph: Graph,
) -> None:
    clock = GenerationClock(ttl_s=0.0)
    resolvers, answers = ResolverCache(clock=clock), GenerationCache[str](clock=clock)
    land_load(empty_graph, "load:1")
    resolver = resolvers.get(empty_graph)  # what a request resolved its names with
    assert resolver.generation is not None and resolver.generation.load_id == "load:1"

    land_load(empty_graph, "load:2")  # ... and then the answer is built, in load 2
    made = answers.get(empty_graph, "a", lambda: "from load 1's names", made_in=resolver.generation)
    assert made == "from load 1's names"  # served to the request that asked
    kept = answers.get(
        empty_graph, "a", lambda: "built again", made_in=resolvers.get(empty_graph).generation
    )
    assert kept == "built again"  # not kept as load 2's answer
    assert answers.get(empty_graph, "a", lambda: "a third build") == "built again"
