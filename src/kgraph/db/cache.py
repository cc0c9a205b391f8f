"""Values derived from the graph, kept until a newer load lands.

The graph's generation (db.generation's Stamp: the count of loads and the newest one's id,
the same stamp the reads compare) is looked up by a ``GenerationClock`` at most every
``ttl_s`` seconds, so a cached value costs one tiny query per interval, asked by one reader
while the others are served what they have. A value is thus served at most ``ttl_s`` plus one
lookup's time after a newer load landed (tests/api/test_cache_follows_reload.py pins it).

The caches of one application share one clock: they change generation together. With a
clock each, the resolver could still be the old load's for up to an interval after the
answers had moved on, and an answer built with it would have been kept as the new load's
until the load after.

``peek`` and ``peek_stamp`` answer from memory only, never asking Neo4j: an asyncio caller
serves a cached value on its event loop and goes to a thread (``get``, ``stamp``) only when
the value is missing or the generation is due a lookup. The first peek that finds the lookup
due claims it: it alone is sent to a thread, and the peeks after it are served from memory
while that lookup runs, as the readers of ``get`` are. (Before, every request that came in
between the interval's end and the lookup's start went to the thread pool at once, about
every 2 s: a burst queued behind the GIL that made the tail of cached answers.) A claim whose
lookup never comes (its request cancelled) lapses after ``claim_timeout_s``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

from kgraph.db import generation
from kgraph.db.graph import Graph

T = TypeVar("T")
D = TypeVar("D")

#: ``get``'s ``made_in`` when the build reads all it uses itself.
ANY_GENERATION = object()


class GenerationClock:
    """The graph's generation as the caches sharing this clock know it."""

    def __init__(self, ttl_s: float = 2.0) -> None:
        self.ttl_s = ttl_s
        self.claim_timeout_s = 5.0
        self._generation: generation.Stamp | None = None
        self._checked = float("-inf")
        self._checking = False
        #: When the running (or claimed) lookup began, and whether a peek claimed it for a
        #: caller that has not yet started it.
        self._checking_since = float("-inf")
        self._claimed = False
        self._lock = threading.Lock()

    def known(self) -> generation.Stamp | None:
        """The generation last looked up (None before the first lookup)."""
        with self._lock:
            return self._generation

    def refresh(self, graph: Graph) -> generation.Stamp | None:
        """The generation, looked up first if due (or claimed); one thread asks, the others
        are answered what is known meanwhile. May raise what the lookup raises."""
        with self._lock:
            if self._claimed:  # a peek claimed this lookup for its caller: take it on
                self._claimed = False
            elif self._due():
                self._start_lookup()
            else:
                return self._generation
        try:
            current = graph.generation()  # may raise: then the next reader asks again
            with self._lock:
                self._generation = current
                self._checked = time.monotonic()
                return current
        finally:
            with self._lock:
                self._checking = False

    def claim(self) -> bool:
        """Claim a due lookup for the caller, which must then call ``refresh`` (directly or
        through a cache's ``get`` or ``stamp``); False when none is due."""
        with self._lock:
            if not self._due():
                return False
            self._start_lookup()
            self._claimed = True
            return True

    def _due(self) -> bool:
        """Whether the next reader must look the generation up (call with the lock held)."""
        now = time.monotonic()
        if self._checking and now - self._checking_since < self.claim_timeout_s:
            return False
        return now - self._checked >= self.ttl_s

    def _start_lookup(self) -> None:
        self._checking = True
        self._checking_since = time.monotonic()


class GenerationCache(Generic[T]):
    """Values by key, all dropped when the graph's generation changes.

    With ``max_entries`` the least recently used value goes first, so keys taken from
    requests cannot grow the cache without bound; with ``max_bytes`` (and ``size_of``, the
    bytes one value takes) the same when the values together take more than that, as entries
    differ in size by orders of magnitude (one question's answer took 550 KB).
    Caches given the same ``clock`` change generation together; without one a cache has a
    clock of its own (``ttl_s``).
    """

    def __init__(
        self,
        ttl_s: float = 2.0,
        max_entries: int | None = None,
        clock: GenerationClock | None = None,
        *,
        max_bytes: int | None = None,
        size_of: Callable[[T], int] | None = None,
    ) -> None:
        self.clock = clock or GenerationClock(ttl_s)
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._size_of = size_of
        #: Bytes the kept values take, by ``size_of`` (0 without it).
        self.bytes = 0
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        #: The generation the kept values belong to.
        self._values_of: generation.Stamp | None = None
        self._building: dict[Hashable, Future[T]] = {}
        self._lock = threading.Lock()

    @property
    def ttl_s(self) -> float:
        """How long the generation is trusted before it is looked up again (the clock's)."""
        return self.clock.ttl_s

    @ttl_s.setter
    def ttl_s(self, value: float) -> None:
        self.clock.ttl_s = value

    def _follow(self, current: generation.Stamp | None) -> None:
        """Drop the values if they belong to another generation (call with the lock held)."""
        if current != self._values_of:
            self._values.clear()
            self.bytes = 0
            self._values_of = current

    def peek(self, key: Hashable, default: D) -> T | D:
        """The value for ``key`` if it is kept and the generation is not due a lookup, else
        ``default``; never asks Neo4j nor builds. A due lookup is claimed by the caller that
        gets ``default`` for it (it must then call ``get``)."""
        if self.clock.claim():
            return default
        current = self.clock.known()
        with self._lock:
            self._follow(current)
            if key not in self._values:
                return default
            self._values.move_to_end(key)
            return self._values[key]

    def peek_stamp(self, default: D) -> generation.Stamp | D | None:
        """What ``stamp`` answers when the generation is not due a lookup, else ``default``
        (and the caller has claimed the lookup: it must then call ``stamp``)."""
        return default if self.clock.claim() else self.clock.known()

    def stamp(self, graph: Graph) -> generation.Stamp | None:
        """The generation the cached values belong to (looked up if due; may raise)."""
        return self.clock.refresh(graph)

    def get(
        self,
        graph: Graph,
        key: Hashable,
        build: Callable[[], T],
        *,
        made_in: object = ANY_GENERATION,
    ) -> T:
        """The value for ``key``, built once even when many readers ask for it at once.

        The build runs outside the lock, so one slow build blocks only those waiting for
        the same key; if it fails, they all get its error and nothing is kept. ``made_in``:
        the generation of what the build uses that was read before (a resolver): the value
        is kept only if that is the generation it is kept for.
        """
        built_for = self.clock.refresh(graph)
        with self._lock:
            self._follow(built_for)
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            pending = self._building.get(key)
            owner = pending is None
            if pending is None:
                pending = self._building[key] = Future()
        if not owner:
            return pending.result()
        try:
            value = build()
        except BaseException as error:
            pending.set_exception(error)
            raise
        finally:
            with self._lock:
                self._building.pop(key, None)
        with self._lock:
            # Kept only if no newer load was seen meanwhile (by this cache or another
            # sharing the clock): the value was built from the generation it asked for.
            fresh = made_in is ANY_GENERATION or made_in == built_for
            if fresh and self.clock.known() == built_for and self._values_of == built_for:
                self._keep(key, value)
        pending.set_result(value)
        return value

    def _keep(self, key: Hashable, value: T) -> None:
        """Keep ``value``, then drop the least recently used ones over either bound (call
        with the lock held). A value over ``max_bytes`` by itself is not kept."""
        size = self._size_of(value) if self._size_of else 0
        if self.max_bytes is not None and size > self.max_bytes:
            return
        self._values[key] = value
        self.bytes += size
        while (self.max_entries is not None and len(self._values) > self.max_entries) or (
            self.max_bytes is not None and self.bytes > self.max_bytes
        ):
            _, dropped = self._values.popitem(last=False)
            self.bytes -= self._size_of(dropped) if self._size_of else 0

    def __len__(self) -> int:
        return len(self._values)
