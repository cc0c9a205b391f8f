"""The graph's generation: the load whose result the graph is.

Every load commits its content and exactly one ``LoadRun`` in one transaction, so the newest
LoadRun names what the graph holds. Its id is the generation: reads compare it before and
after their work (db.graph), the answer cache drops its values when it changes (db.cache),
and ``/health`` reports it (db.status). A count of LoadRuns would not do: a wipe and a new
load give the same count for a different graph; ids carry the load's start time, so a new
load always has a new one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from neo4j import ManagedTransaction

from kgraph.db import cypher

if TYPE_CHECKING:
    from kgraph.db.graph import Graph


def in_tx(tx: ManagedTransaction) -> str | None:
    """The generation seen by an open transaction, or None on a graph never loaded."""
    record = tx.run(cypher.LATEST_LOAD).single()
    return None if record is None else str(record["id"])


def stamp_in_tx(tx: ManagedTransaction) -> tuple[str | None, int]:
    """What a read compares before and after its work: the generation and the count of loads.

    The id alone once let a read straddled by two reloads through (seen in
    test_readers_during_reloads_see_the_old_graph_or_the_new_one under a shuffled order); the
    count, read from the count store, is what the check compared before and had never missed.
    Both must stay the same.
    """
    record = tx.run(cypher.LOAD_STAMP).single()
    if record is None:  # the query always answers one row; kept for the type checker
        return None, 0
    newest = record["id"]
    return (None if newest is None else str(newest)), int(record["loads"])


def last_load(graph: Graph) -> dict[str, Any] | None:
    """Id and finish time of the load the graph is the result of, or None."""
    rows = graph.read(cypher.LATEST_LOAD)
    return rows[0] if rows else None


def current(graph: Graph) -> str | None:
    """The graph's generation, or None on a graph never loaded."""
    last = last_load(graph)
    return None if last is None else str(last["id"])
