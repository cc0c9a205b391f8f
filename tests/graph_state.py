"""What the whole graph holds, as counts and one content hash, to prove a graph unchanged.

The hash covers every node (labels and properties) and every relationship (type, properties
and its two ends, named by their labels and ``id``), sorted, so it is the same for the same
content whatever the internal element ids or the order Neo4j returns things in.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from kgraph.db.graph import Graph

_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
_RELS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, properties(r) AS props,
       labels(a) AS a_labels, coalesce(a.id, elementId(a)) AS a,
       labels(b) AS b_labels, coalesce(b.id, elementId(b)) AS b
"""


@dataclass(frozen=True)
class GraphState:
    nodes: int
    relationships: int
    digest: str


def _line(item: dict[str, Any]) -> str:
    return json.dumps(item, sort_keys=True, default=str, ensure_ascii=False)


def _visible(labels: list[str], skip: frozenset[str]) -> bool:
    return not skip.intersection(labels)


def _without(props: dict[str, Any], ignore: frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in ignore} if ignore else props


def graph_state(
    graph: Graph,
    *,
    skip_labels: frozenset[str] = frozenset(),
    ignore_props: frozenset[str] = frozenset(),
    timeout_s: float | None = None,
) -> GraphState:
    """Counts and a SHA-256 of the graph's content; nodes with a label in ``skip_labels`` and
    their relationships are left out (e.g. ``LoadRun``, which records when a load ran), and so
    are the properties named in ``ignore_props`` (with them, the ``_hash`` that covers them)."""
    nodes = [
        {**row, "labels": sorted(row["labels"]), "props": _without(row["props"], ignore_props)}
        for row in graph.read(_NODES, timeout_s=timeout_s)
        if _visible(row["labels"], skip_labels)
    ]
    rels = [
        {
            **row,
            "a_labels": sorted(row["a_labels"]),
            "b_labels": sorted(row["b_labels"]),
            "props": _without(row["props"], ignore_props),
        }
        for row in graph.read(_RELS, timeout_s=timeout_s)
        if _visible(row["a_labels"], skip_labels) and _visible(row["b_labels"], skip_labels)
    ]
    digest = hashlib.sha256()
    for line in sorted(_line(n) for n in nodes) + sorted(_line(r) for r in rels):
        digest.update(line.encode())
        digest.update(b"\n")
    return GraphState(len(nodes), len(rels), digest.hexdigest())


#: What a load changes besides content: its own record.
WITHOUT_LOAD_RUNS = frozenset({"LoadRun"})
