"""What is in the graph and how the server is: the facts behind ``/health``."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from kgraph.db import cypher, generation
from kgraph.db.graph import Graph
from kgraph.db.values import plain


def graph_status(graph: Graph) -> dict[str, Any]:
    """Server version, database, node and relationship counts, and the graph's last load.

    The counts, labels and last load come from one read transaction that no load committed
    in the middle of: three separate reads paired one load's counts with the next one's
    labels under back-to-back loads (5 answers of 1,500)."""
    server = graph.ping()

    def snapshot(tx: ManagedTransaction) -> tuple[Any, dict[str, int], Any]:
        counts = tx.run(cypher.COUNTS).single()
        labels = {row["label"]: row["count"] for row in tx.run(cypher.LABEL_COUNTS)}
        return counts, labels, generation.in_tx(tx).last_load()

    counts, labels, last = graph.in_read_tx(snapshot, timeout_s=graph.timeout_s)
    return {
        "version": server.get("version"),
        "edition": server.get("edition"),
        "database": graph.database,
        "nodes": counts["nodes"],
        "relationships": counts["relationships"],
        "labels": labels,
        "last_load": plain(last) if last else None,
    }
