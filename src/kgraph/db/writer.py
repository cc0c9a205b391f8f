"""Write graph input to Neo4j as a sync: one transaction, only what changed, a load record.

The input is the complete desired state of everything kgraph manages (entities, documents,
passages, oddities and the relationships between them), as two streams of rows: nodes, then
relationships. The writer reads what the database holds (key and content hash of each managed
node and relationship), then streams the input through in batches -- each batch one UNWIND
query with parameters -- writing only rows that are new or changed, and finally deletes what
the input no longer holds and records a ``LoadRun``. All of it is one write transaction, so a
failed or killed load leaves the previous graph as it was.

Memory stays bounded by the database's size, not the input's: the input is never held whole,
only one batch of it, the current keys and hashes, and the ids of nodes added.

The row types and their keys and hashes are in ``db.rows``; the batched UNWIND writes in
``db.batches``. This module holds the sync itself: the diff, its report and the load record.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import ManagedTransaction

from kgraph.db import cypher
from kgraph.db.batches import (
    BATCH_SIZE,
    batched,
    create_rels,
    delete_nodes,
    delete_rels,
    update_rels,
    upsert_nodes,
)
from kgraph.db.graph import Graph
from kgraph.db.rows import (
    MANAGED_LABELS,
    GraphInput,
    NodeRow,
    RelRow,
    content_hash,
    node_key,
    with_hash,
)
from kgraph.errors import LoadInterrupted

# The row types and the batching live in db.rows and db.batches; callers import them from here.
__all__ = [
    "BATCH_SIZE",
    "LOAD_HISTORY",
    "MANAGED_LABELS",
    "Changes",
    "GraphInput",
    "NodeRow",
    "ProgressFn",
    "RelRow",
    "Scope",
    "SyncReport",
    "Writing",
    "batched",
    "content_hash",
    "record_run",
    "sync",
    "with_hash",
]

MAX_LISTED_CHANGES = 500
#: Loads whose LoadRun is kept (``KGRAPH_LOAD_HISTORY``): change tracking needs the newest,
#: ``/loads`` lists the rest; older ones are pruned by each load (cypher.PRUNE_LOADS).
LOAD_HISTORY = 50

T = TypeVar("T")

#: Called after each batch with the kind of row ("nodes", "relationships", "deleted") and
#: how many rows of the input it covered.
ProgressFn = Callable[[str, int], None]


@dataclass(frozen=True)
class Writing:
    """How a load's sync writes, carried from the caller's options to ``sync`` by every
    loader on the way: the write transaction's limit, the batch size, the progress hook and
    the loads whose LoadRun is kept."""

    timeout_s: float = 300.0
    batch_size: int = BATCH_SIZE
    progress: ProgressFn | None = None
    history: int = LOAD_HISTORY

    def sync_options(self) -> dict[str, Any]:
        """``sync``'s keyword arguments for these settings."""
        return {
            "timeout_s": self.timeout_s,
            "batch_size": self.batch_size,
            "progress": self.progress,
            "history": self.history,
        }


@dataclass
class Changes:
    """How many keys were added, changed and removed, and the first few of each, sorted."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"added": 0, "changed": 0, "removed": 0})

    def note(self, kind: str, key: str) -> None:
        self.counts[kind] += 1
        listed: list[str] = getattr(self, kind)
        if len(listed) < MAX_LISTED_CHANGES:
            listed.append(key)

    def finish(self) -> None:
        for kind in ("added", "changed", "removed"):
            getattr(self, kind).sort()

    def summary(self) -> dict[str, int]:
        return dict(self.counts)


@dataclass(frozen=True)
class Scope:
    """The part of the graph a sync compares with its input and deletes from: two reads (of
    key and hash, as CURRENT_NODES and CURRENT_RELS) and their parameters. The input must
    hold exactly the desired rows of that part; what lies outside it is neither read nor
    written."""

    nodes: str
    relationships: str
    params: dict[str, Any]
    #: The newest LoadRun when the scope was planned: the part outside the scope is taken to
    #: be as that load left it, so a sync finding another load newer writes nothing.
    after_load: str | None = None


@dataclass
class SyncReport:
    load_id: str
    nodes: Changes
    relationships: Changes
    counts: dict[str, int]

    @property
    def unchanged(self) -> bool:
        return not any([*self.nodes.summary().values(), *self.relationships.summary().values()])


class _Stream:
    """One pass over an input stream: classify each row against the current hashes."""

    def __init__(self, current: dict[str, str | None], changes: Changes) -> None:
        self.current = current
        self.changes = changes
        self.rows = 0

    def due(self, key: str, digest: str) -> str | None:
        """Why the row must be written ("added" or "changed"), or None; forgets the key."""
        self.rows += 1
        if key not in self.current:
            self.changes.note("added", key)
            return "added"
        before = self.current.pop(key)
        if before != digest:
            self.changes.note("changed", key)
            return "changed"
        return None


def _in_batches(
    rows: Iterable[T],
    size: int,
    write: Callable[[list[T]], None],
    stream: _Stream,
    advanced: Callable[[int], None],
) -> None:
    """Write ``rows`` batch by batch, telling after each how many input rows it covered
    (unchanged rows are read but not written, so that count runs ahead of the batches)."""
    seen = 0
    for batch in batched(rows, size):
        write(batch)
        advanced(stream.rows - seen)
        seen = stream.rows
    advanced(stream.rows - seen)


def sync(
    graph: Graph,
    nodes: Iterable[NodeRow],
    relationships: Iterable[RelRow],
    run_props: dict[str, Any],
    *,
    timeout_s: float = 300.0,
    batch_size: int = BATCH_SIZE,
    progress: ProgressFn | None = None,
    scope: Scope | None = None,
    history: int = LOAD_HISTORY,
) -> SyncReport:
    """Make the managed part of the graph (or its ``scope``) equal to the input, in one
    transaction.

    ``nodes`` must come complete before ``relationships`` (a relationship's ends must
    exist); either may be a generator, read once. ``history``: the loads whose LoadRun is
    kept (cypher.PRUNE_LOADS), pruned in the same transaction.
    """
    read_nodes, read_rels, params = (
        (cypher.CURRENT_NODES, cypher.CURRENT_RELS, {})
        if scope is None
        else (scope.nodes, scope.relationships, scope.params)
    )
    started = dt.datetime.now(dt.UTC)
    load_id = f"load:{started.strftime('%Y%m%dT%H%M%S.%fZ')}"
    tell = progress or (lambda _kind, _n: None)
    attempts = 0
    one_pass = iter(nodes) is nodes or iter(relationships) is relationships

    def work(tx: ManagedTransaction) -> SyncReport:
        nonlocal attempts
        attempts += 1
        if attempts > 1 and one_pass:
            # A retried transaction would read exhausted streams and delete everything.
            raise LoadInterrupted(
                "the write transaction was retried and the streamed input cannot be read "
                "twice; nothing was written, run the load again"
            )
        if scope is not None and scope.after_load is not None:
            _check_newest(tx, scope.after_load)
        node_changes, rel_changes = Changes(), Changes()
        node_stream = _Stream(
            {node_key(r.data()): r["hash"] for r in tx.run(read_nodes, params)}, node_changes
        )
        # A scoped read gives each relationship's element id too (its deletion is then a seek).
        element_ids: dict[str, str] = {}
        current_rels: dict[str, str | None] = {}
        for r in tx.run(read_rels, params):
            current_rels[r["key"]] = r["hash"]
            if r.get("eid") is not None:
                element_ids[r["key"]] = r["eid"]
        rel_stream = _Stream(current_rels, rel_changes)
        kept: dict[str, list[str]] = {}  # label/id -> extra labels, of every node written

        def node_rows() -> Iterator[NodeRow]:
            for row in nodes:
                props = with_hash(row.props)
                if node_stream.due(row.key, props["_hash"]):
                    kept[f"{row.label}/{row.id}"] = list(row.extra_labels)
                    yield NodeRow(row.label, row.id, props, row.extra_labels)

        def rel_rows() -> Iterator[tuple[str, RelRow]]:
            for row in relationships:
                props = with_hash(row.props, {"_key": row.key})
                why = rel_stream.due(row.key, props["_hash"])
                if why:
                    yield why, RelRow(row.key, row.type, row.start_label, row.start,
                                      row.end_label, row.end, props)  # fmt: skip

        def write_rels(batch: list[tuple[str, RelRow]]) -> None:
            create_rels(tx, [row for why, row in batch if why == "added"])
            update_rels(tx, [row for why, row in batch if why == "changed"])

        _in_batches(node_rows(), batch_size, lambda batch: upsert_nodes(tx, batch),
                    node_stream, lambda n: tell("nodes", n))  # fmt: skip
        _in_batches(rel_rows(), batch_size, write_rels,
                    rel_stream, lambda n: tell("relationships", n))  # fmt: skip

        for key in rel_stream.current:
            rel_changes.note("removed", key)
        delete_rels(tx, list(rel_stream.current), element_ids)
        for key in node_stream.current:
            node_changes.note("removed", key)
        delete_nodes(tx, node_stream.current, kept)
        tell("deleted", len(rel_stream.current) + len(node_stream.current))
        node_changes.finish()
        rel_changes.finish()

        report = SyncReport(
            load_id,
            node_changes,
            rel_changes,
            counts={"nodes": node_stream.rows, "relationships": rel_stream.rows},
        )
        record_run(tx, report, run_props, started, history)
        return report

    return graph.in_write_tx(work, timeout_s=timeout_s)


def _check_newest(tx: ManagedTransaction, load_id: str) -> None:
    newest = tx.run(cypher.LATEST_LOAD_ID).single()
    if newest is None or newest["id"] != load_id:
        raise LoadInterrupted(
            f"another load ({None if newest is None else newest['id']}) landed after this one "
            f"was planned against {load_id}; nothing was written, run the load again"
        )


def record_run(
    tx: ManagedTransaction,
    report: SyncReport,
    run_props: dict[str, Any],
    started: dt.datetime,
    history: int = LOAD_HISTORY,
) -> None:
    """Record the load as the newest LoadRun and prune the history to ``history`` loads."""
    if history < 1:
        raise ValueError(f"a load keeps at least its own LoadRun (history {history})")

    def listed(changes: Changes) -> str:
        return json.dumps(
            {name: getattr(changes, name) for name in ("added", "changed", "removed")}
        )

    props = {
        **run_props,
        "id": report.load_id,
        "status": "completed",
        "started_at": started,
        "finished_at": dt.datetime.now(dt.UTC),
        "node_count": report.counts["nodes"],
        "relationship_count": report.counts["relationships"],
        "nodes_added": report.nodes.counts["added"],
        "nodes_changed": report.nodes.counts["changed"],
        "nodes_removed": report.nodes.counts["removed"],
        "relationships_added": report.relationships.counts["added"],
        "relationships_changed": report.relationships.counts["changed"],
        "relationships_removed": report.relationships.counts["removed"],
        "node_changes": listed(report.nodes),
        "relationship_changes": listed(report.relationships),
    }
    tx.run(cypher.RECORD_LOAD, props=props).consume()
    tx.run(cypher.PRUNE_LOADS, keep=history).consume()
