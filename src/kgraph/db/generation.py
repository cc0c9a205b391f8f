"""The graph's generation: the load whose result the graph is, as one stamp.

Every load commits its content and exactly one ``LoadRun`` in one transaction, so the loads
the graph records name what it holds. The ``Stamp`` is that generation: how many loads there
are and the newest one's id, asked in one query. Reads compare it before and after their
work (db.graph, whose ``Graph.generation`` asks it on its own), the answer cache drops its
values when it changes (db.cache), ``/health`` reports its load (db.status), and the API's
ETags are made from it.

Both parts are compared. The id alone once let a read straddled by two reloads through (seen
in test_readers_during_reloads_see_the_old_graph_or_the_new_one under a shuffled order); the
count alone misses a wipe and a new load, which give the same count for a different graph.
Ids carry the load's start time, so a new load always has a new one. The history is bounded
(``KGRAPH_LOAD_HISTORY``), and pruned two loads at a time so that the count still changes with
every load (cypher.PRUNE_LOADS).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from neo4j import ManagedTransaction

from kgraph.db import cypher


@dataclass(frozen=True)
class Stamp:
    """One generation of the graph: the newest load's id (None if never loaded), the count
    of loads, and when the newest finished (reported, not compared)."""

    load_id: str | None
    loads: int
    finished_at: Any = field(default=None, compare=False)

    def last_load(self) -> dict[str, Any] | None:
        """The load the graph is the result of, as ``/health`` reports it, or None."""
        if self.load_id is None:
            return None
        return {"id": self.load_id, "finished_at": self.finished_at}

    def tag(self) -> str:
        """A short opaque text that changes exactly when the generation does (for ETags)."""
        digest = hashlib.sha1(f"{self.loads}|{self.load_id}".encode()).hexdigest()
        return digest[:16]


def _stamp(record: Any) -> Stamp:
    if record is None:  # the query always answers one row; kept for the type checker
        return Stamp(None, 0)
    newest = record["id"]
    return Stamp(
        None if newest is None else str(newest), int(record["loads"]), record["finished_at"]
    )


def in_tx(tx: ManagedTransaction) -> Stamp:
    """The generation seen by an open transaction."""
    return _stamp(tx.run(cypher.LOAD_STAMP).single())
