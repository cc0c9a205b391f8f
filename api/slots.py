"""A fixed number of places for one kind of slow request, so that it cannot take them all.

Sync routes run on one pool of worker threads (anyio's, 40 by default). Forty ad-hoc queries
that each run to the time limit would hold every thread, and ``/health`` and ``/resolve``
would wait behind them. Ad-hoc queries therefore get a few places of their own; one more is
answered 503 with ``Retry-After`` at once instead of queueing for a thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from kgraph.errors import Overloaded


class Slots:
    """At most ``size`` holders at once; a request beyond that is refused, never queued."""

    def __init__(self, size: int, what: str) -> None:
        self.size = size
        self._what = what
        self._free = threading.BoundedSemaphore(size)

    @contextmanager
    def taken(self) -> Iterator[None]:
        if not self._free.acquire(blocking=False):
            raise Overloaded(
                f"{self.size} {self._what} are running, as many as this API runs at once; "
                "retry in a few seconds"
            )
        try:
            yield
        finally:
            self._free.release()
