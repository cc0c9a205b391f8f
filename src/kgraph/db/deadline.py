"""A deadline on every query, kept by the client whatever Neo4j does or fails to do.

Neo4j's own time limit (the transaction timeout) is checked while a query runs; it does not
cover parsing (2,000 nested parentheses overflow the parser's stack and Neo4j never answers),
a stopped server (SIGSTOP) or a dying one. So each query runs in a worker thread, and the
caller waits at most ``limit + margin``: then it gets ``QueryTimeout`` and the worker's
connection is shut down under it, so the worker ends too and the connection leaves the pool
(the driver marks it defunct) instead of hanging until the socket's own timeout.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any, TypeVar

from kgraph.errors import QueryTimeout

T = TypeVar("T")

#: Seconds the client waits past a query's own limit: Neo4j checks that limit as the query runs
#: and answers up to a second late on a busy machine (1.8-2.5 s for a 1.5 s limit, measured);
#: its own ending is the cleaner one, so the client's deadline comes after it.
MARGIN_S = 1.5
#: ... and a share of the limit on top: the first query on a cold server (connection,
#: authentication, planning) on a busy 2-core machine took over 31.5 s against a 30 s limit.
MARGIN_SHARE = 0.1

#: Queries that may wait on Neo4j at once, over every Graph of the process. The API's own
#: thread pool (40) is smaller, so a request never waits for a worker behind hung queries.
MAX_WORKERS = 64

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _workers() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(MAX_WORKERS, thread_name_prefix="kgraph-query")
        return _pool


class Call:
    """One query on its way: the session it runs in, and whether its caller gave up."""

    def __init__(self) -> None:
        self.session: Any = None
        self._abandoned = threading.Event()

    @property
    def abandoned(self) -> bool:
        return self._abandoned.is_set()

    def check(self) -> None:
        """Refuse to start (or, in a driver's retry, to start again) a call given up on."""
        if self.abandoned:
            raise QueryTimeout("the caller stopped waiting for this query")

    def abandon(self) -> None:
        self._abandoned.set()
        sever(self.session)


def sever(session: Any) -> None:
    """Shut down the socket under a session's connection, from any thread.

    The driver offers no public way to interrupt a blocked read; ``shutdown`` makes the
    worker's ``recv`` return at once, and the driver then drops the connection as defunct.
    (It reaches into the driver's private attributes: tests/integration/test_query_deadline.py
    fails if a driver release renames them.)
    """
    connection = getattr(session, "_connection", None)
    raw = getattr(getattr(connection, "socket", None), "_socket", None)
    if isinstance(raw, socket.socket):
        with contextlib.suppress(OSError):
            raw.shutdown(socket.SHUT_RDWR)


def allowed(limit_s: float, margin_s: float = MARGIN_S) -> float:
    """Seconds the client waits for a query with Neo4j's limit ``limit_s``."""
    return limit_s * (1 + MARGIN_SHARE) + margin_s


def within(limit_s: float, margin_s: float, work: Callable[[Call], T]) -> T:
    """``work(call)`` in a worker, or QueryTimeout after ``allowed(limit_s, margin_s)``."""
    call = Call()
    future = _workers().submit(work, call)
    done, _ = wait([future], timeout=allowed(limit_s, margin_s))
    if not done:
        future.cancel()
        call.abandon()
        raise QueryTimeout(
            f"Neo4j gave no answer within the time limit ({limit_s:g} s, waited "
            f"{allowed(limit_s, margin_s):g} s); the connection was dropped"
        )
    return future.result()
