"""A power user's Cypher, end to end: bounds, text screen, Neo4j's plan, a capped read.

``admit`` refuses what must not run (``bounds``, then ``readonly.check_text``, then the plan
Neo4j makes of the query in a READ transaction, ``readonly.check_plan``). ``run`` then reads
in a READ transaction with a time limit and serialises row by row as it reads, so the answer
stops at the row cap or at the byte cap, whichever comes first, and says which.

Every transaction of one request carries a tag (``new_tag``). When the request ends without
an answer from Neo4j, ``settle`` terminates what Neo4j still runs under that tag and returns
only once Neo4j lists none: the caller keeps the request's place until then, so queries the
bounds did not catch cannot pile up in Neo4j faster than they end.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from kgraph.db.graph import Explained, Graph
from kgraph.db.values import Full, GraphValues
from kgraph.errors import KGraphError
from kgraph.query import bounds, builds, readonly

#: A leading PROFILE or EXPLAIN: the query after it is what gets explained.
_PREFIX = re.compile(r"^\s*(PROFILE|EXPLAIN)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Caps:
    """How much one answer may take: rows, bytes of JSON, items of any one list, seconds."""

    rows: int
    bytes: int
    list_items: int
    timeout_s: float


@dataclass
class Answer:
    """Rows already encoded as JSON, and why the answer was cut short, if it was."""

    columns: list[str]
    rows: list[bytes]
    warnings: list[dict[str, Any]]
    cuts: list[str] = field(default_factory=list)

    def head(self) -> dict[str, Any]:
        return {
            "columns": self.columns,
            "row_count": len(self.rows),
            "truncated": bool(self.cuts),
            "truncated_reason": "; ".join(self.cuts) or None,
            "warnings": self.warnings,
        }

    def json(self) -> bytes:
        """The whole answer as one JSON object (``rows`` last)."""
        head = json.dumps(self.head(), ensure_ascii=False).encode()
        return head[:-1] + b', "rows": [' + b", ".join(self.rows) + b"]}"


def explainable(query: str) -> str:
    """The query with a leading PROFILE or EXPLAIN blanked out, offsets unchanged."""
    found = _PREFIX.match(query)
    if not found:
        return query
    return query[: found.start(1)] + " " * len(found[1]) + query[found.end(1) :]


def new_tag() -> str:
    """A tag for the transactions of one request, unique to it."""
    return uuid.uuid4().hex


def admit(
    graph: Graph,
    query: str,
    params: Mapping[str, Any],
    timeout_s: float,
    tag: str | None = None,
) -> Explained:
    """Neo4j's plan of the query, once every guard has admitted it; ReadOnlyViolation or
    InputOutOfBounds otherwise."""
    bounds.check_query(query)
    bounds.check_params(params)
    builds.check_builds(query, params)
    readonly.check_text(query)
    explained = graph.explain(explainable(query), params, timeout_s=timeout_s, tag=tag)
    readonly.check_plan(explained.query_type, explained.plan)
    return explained


def run(
    graph: Graph, query: str, params: Mapping[str, Any], caps: Caps, tag: str | None = None
) -> Answer:
    """Admit the query, then read its rows within the caps; its transactions carry ``tag``."""
    explained = admit(graph, query, params, caps.timeout_s, tag)
    # The envelope's size counts: the rows get what is left of the byte cap.
    envelope = len(Answer([], [], explained.warnings, ["x" * 200]).json())

    def work(tx: ManagedTransaction) -> Answer:
        result = tx.run(query, dict(params))
        answer = Answer(list(result.keys()), [], explained.warnings)
        values = GraphValues(caps.bytes - envelope, max_list_items=caps.list_items)
        for record in result:
            if len(answer.rows) == caps.rows:
                answer.cuts.append(f"more rows than the row cap of {caps.rows}")
                break
            try:
                answer.rows.append(values.row(answer.columns, list(record.values())))
            except Full:
                answer.cuts.append(f"the answer reached the byte cap of {caps.bytes} bytes")
                break
        result.consume()
        answer.cuts[:0] = sorted(values.cuts)
        return answer

    return graph.in_read_tx(work, timeout_s=caps.timeout_s, tag=tag)


#: Seconds between looks at Neo4j's transactions while a tagged one is still listed: often
#: at first (most end at once when terminated), then seldom (a loop may run for minutes).
SETTLE_POLLS_S = (0.1, 0.2, 0.3, 0.5, 1.0, 2.0)


def settle(graph: Graph, tag: str, keep_going: Callable[[], bool] = lambda: True) -> bool:
    """Terminate what Neo4j still runs under ``tag``; return once it lists none (True), or
    when ``keep_going`` says to stop looking (False). Neo4j unreachable: look again later."""
    polls = 0
    while keep_going():
        try:
            ids = graph.running(tag)
            if not ids:
                return True
            graph.terminate(ids)
        except KGraphError:
            pass  # unreachable, or busy: a restarted server lists none, and the next look says so
        time.sleep(SETTLE_POLLS_S[min(polls, len(SETTLE_POLLS_S) - 1)])
        polls += 1
    return False
