"""Power users' Cypher, read-only: the server enforces it, the text check only adds to it.

Every query runs in a READ transaction with a time limit, so the database refuses any write
or schema change whatever the text says. Some things a read transaction still allows are
refused by reading the text (comments and string literals removed first): LOAD CSV (reads
files and URLs), USE (another database), and dbms.* procedures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Any

from neo4j import ManagedTransaction

from kgraph.db import Graph
from kgraph.errors import ReadOnlyViolation

_COMMENTS_AND_STRINGS = re.compile(
    r"//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`(?:[^`])*`", re.DOTALL
)
_REFUSED = {
    "LOAD CSV reads files and URLs": re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE),
    "USE switches to another database": re.compile(r"(^|\s)USE\s", re.IGNORECASE),
    "dbms procedures administer the server": re.compile(r"\bdbms\s*\.", re.IGNORECASE),
}
MAX_QUERY_CHARS = 20_000


@dataclass(frozen=True)
class ReadResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


def check_text(query: str) -> None:
    """Refuse what a read transaction would allow but we do not."""
    if len(query) > MAX_QUERY_CHARS:
        raise ReadOnlyViolation(f"the query is longer than {MAX_QUERY_CHARS} characters")
    code = _COMMENTS_AND_STRINGS.sub(" ", query)
    for reason, pattern in _REFUSED.items():
        if pattern.search(code):
            raise ReadOnlyViolation(f"refused: {reason}")


def run(
    graph: Graph, query: str, params: dict[str, Any], *, timeout_s: float, row_cap: int
) -> ReadResult:
    """Run a query in a read transaction; at most ``row_cap`` rows come back."""
    check_text(query)

    def work(tx: ManagedTransaction) -> ReadResult:
        result = tx.run(query, params)
        records = list(islice(result, row_cap + 1))
        columns = list(result.keys())
        result.consume()
        return ReadResult(columns, [r.data() for r in records[:row_cap]], len(records) > row_cap)

    return graph.in_read_tx(work, timeout_s=timeout_s)
