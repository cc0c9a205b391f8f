"""What is in the graph and how the server is: the facts behind ``/health``."""

from __future__ import annotations

from typing import Any

from kgraph.db import cypher, generation
from kgraph.db.graph import Graph
from kgraph.db.values import plain


def graph_status(graph: Graph) -> dict[str, Any]:
    """Server version, database, node and relationship counts, and the graph's last load."""
    server = graph.ping()
    counts = graph.read(cypher.COUNTS)[0]
    labels = {row["label"]: row["count"] for row in graph.read(cypher.LABEL_COUNTS)}
    last = generation.current(graph).last_load()
    return {
        "version": server.get("version"),
        "edition": server.get("edition"),
        "database": graph.database,
        "nodes": counts["nodes"],
        "relationships": counts["relationships"],
        "labels": labels,
        "last_load": plain(last) if last else None,
    }
