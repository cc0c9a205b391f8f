"""A fixed number of places for one kind of slow request, so that it cannot take them all.

Sync routes run on one pool of worker threads (anyio's, 40 by default). Forty ad-hoc queries
that each run to the time limit would hold every thread, and ``/health`` and ``/resolve``
would wait behind them. Ad-hoc queries therefore get a few places of their own; one more is
answered 503 with ``Retry-After`` at once instead of queueing for a thread.

A place can outlive its request: ``keep_until`` hands it to a thread that frees it only when
the work it stands for has ended elsewhere (a query Neo4j runs on after the API gave up).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kgraph.errors import Overloaded


class Slots:
    """At most ``size`` holders at once; a request beyond that is refused, never queued."""

    def __init__(self, size: int, what: str) -> None:
        self.size = size
        self._what = what
        self._free = threading.BoundedSemaphore(size)
        self._closed = threading.Event()

    @contextmanager
    def taken(self) -> Iterator[Slot]:
        """A place for the block, freed when it ends unless ``Slot.keep_until`` took it on."""
        if not self._free.acquire(blocking=False):
            raise Overloaded(
                f"{self.size} {self._what} are running, as many as this API runs at once; "
                "retry in a few seconds"
            )
        slot = Slot(self._free, self._closed)
        try:
            yield slot
        finally:
            if not slot.handed_on:
                self._free.release()

    def close(self) -> None:
        """Stop every ``keep_until`` waiting (the app is shutting down)."""
        self._closed.set()


class Slot:
    """One place, held by a request or handed on to a thread."""

    def __init__(self, free: threading.BoundedSemaphore, closed: threading.Event) -> None:
        self._free = free
        self._closed = closed
        self.handed_on = False

    def keep_until(self, ended: Callable[[Callable[[], bool]], object]) -> None:
        """Keep the place after the request, until ``ended(keep_going)`` returns, in a thread
        of its own; ``keep_going()`` turns False when the app shuts down."""
        self.handed_on = True

        def wait() -> None:
            try:
                ended(lambda: not self._closed.is_set())
            finally:
                self._free.release()

        threading.Thread(target=wait, name="kgraph-slot", daemon=True).start()
