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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import orjson
from neo4j import ManagedTransaction

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.errors import LoadInterrupted

#: Node labels the writer manages, each with a uniqueness constraint on ``id``.
MANAGED_LABELS = cypher.MANAGED_LABELS
#: Rows per UNWIND query; measured in docs/benchmarks.md ("Loading at scale").
BATCH_SIZE = 5000
MAX_LISTED_CHANGES = 500

T = TypeVar("T")

#: Called after each batch with the kind of row ("nodes", "relationships", "deleted") and
#: how many rows of the input it covered.
ProgressFn = Callable[[str, int], None]


def batched(items: Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def content_hash(props: dict[str, Any]) -> str:
    """A digest of the properties, to tell a changed row from an unchanged one."""
    return hashlib.sha1(orjson.dumps(props, option=orjson.OPT_SORT_KEYS, default=str)).hexdigest()


@dataclass(frozen=True)
class NodeRow:
    """A node: its key label (one of MANAGED_LABELS), extra labels, and properties."""

    label: str
    id: str
    props: dict[str, Any]
    extra_labels: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.label}/{'+'.join(self.extra_labels)}/{self.id}"


@dataclass(frozen=True)
class RelRow:
    """A relationship between two managed nodes, identified by ``key``."""

    key: str
    type: str
    start_label: str
    start: str
    end_label: str
    end: str
    props: dict[str, Any]


@dataclass
class GraphInput:
    """The desired graph held in memory (the corpus); large inputs stream rows instead."""

    nodes: list[NodeRow] = field(default_factory=list)
    relationships: list[RelRow] = field(default_factory=list)


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


@dataclass
class SyncReport:
    load_id: str
    nodes: Changes
    relationships: Changes
    counts: dict[str, int]

    @property
    def unchanged(self) -> bool:
        return not any([*self.nodes.summary().values(), *self.relationships.summary().values()])


def _node_key(row: dict[str, Any]) -> str:
    labels = sorted(row["labels"])
    main = next(label for label in MANAGED_LABELS if label in labels)
    extra = [label for label in labels if label != main]
    return f"{main}/{'+'.join(extra)}/{row['id']}"


def _split_node_key(key: str) -> tuple[str, list[str], str]:
    label, extra, node_id = key.split("/", 2)
    return label, [x for x in extra.split("+") if x], node_id


# -- writing ------------------------------------------------------------------------------------
def _run_batch(tx: ManagedTransaction, query: str, name: str, rows: list[Any]) -> int:
    """Run one UNWIND query over ``rows``; returns the ``written`` column if it has one.

    The driver keeps every query's parameters until its transaction ends; the batch is
    emptied once sent, so a long load holds one batch, not all of them.
    """
    result = tx.run(query, {name: rows})
    record = result.single()
    rows.clear()
    return int(record.get("written", 0)) if record is not None else 0


def _upsert_nodes(tx: ManagedTransaction, rows: list[NodeRow]) -> None:
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_label[row.label].append(
            {"id": row.id, "props": row.props, "labels": list(row.extra_labels)}
        )
    for label, items in by_label.items():
        _run_batch(tx, cypher.upsert_nodes(label), "rows", items)


def _create_rels(tx: ManagedTransaction, rows: list[RelRow]) -> None:
    """Create relationships whose keys the database does not hold (the diff says so)."""
    _write_rels(tx, rows, cypher.CREATE_REL)


def _update_rels(tx: ManagedTransaction, rows: list[RelRow]) -> None:
    """Replace the properties of relationships whose content changed."""
    _write_rels(tx, rows, cypher.UPDATE_REL)


def _write_rels(tx: ManagedTransaction, rows: list[RelRow], write: str) -> None:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row.start_label, row.end_label)].append(
            {"start": row.start, "end": row.end, "type": row.type, "props": row.props}
        )
    for (start_label, end_label), items in groups.items():
        query = cypher.write_rels(start_label, end_label, write)
        sent = len(items)
        written = _run_batch(tx, query, "rows", items)
        if written != sent:
            raise ValueError(f"{sent - written} relationships lost an endpoint")


def _delete_rels(tx: ManagedTransaction, keys: list[str]) -> None:
    """Delete relationships by key: one scan of the keyed relationships per batch of keys."""
    for chunk in batched(keys, 50_000):
        _run_batch(tx, cypher.DELETE_RELS, "keys", chunk)


def _delete_nodes(tx: ManagedTransaction, keys: Iterable[str], kept: dict[str, list[str]]) -> None:
    """Delete nodes by key; a node whose id came back under other labels only loses labels."""
    gone: dict[str, list[str]] = defaultdict(list)
    relabel: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key in keys:
        label, extra, node_id = _split_node_key(key)
        cypher.managed(label)  # before anything is deleted
        now = kept.get(f"{label}/{node_id}")
        if now is None:
            gone[label].append(node_id)
        else:
            relabel[label].append({"id": node_id, "drop": [x for x in extra if x not in now]})
    for label, ids in gone.items():
        for chunk in batched(ids):
            _run_batch(tx, cypher.delete_nodes(label), "ids", chunk)
    for label, rows in relabel.items():
        _run_batch(tx, cypher.drop_labels(label), "rows", rows)


def with_hash(props: dict[str, Any], key_prop: dict[str, str] | None = None) -> dict[str, Any]:
    clean = {k: v for k, v in props.items() if v is not None and v != []}
    clean["_hash"] = content_hash(clean)
    return {**clean, **(key_prop or {})}


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
) -> SyncReport:
    """Make the managed part of the graph equal to the input, in one transaction.

    ``nodes`` must come complete before ``relationships`` (a relationship's ends must
    exist); either may be a generator, read once.
    """
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
        node_changes, rel_changes = Changes(), Changes()
        node_stream = _Stream(
            {_node_key(r.data()): r["hash"] for r in tx.run(cypher.CURRENT_NODES)}, node_changes
        )
        rel_stream = _Stream(
            {r["key"]: r["hash"] for r in tx.run(cypher.CURRENT_RELS)}, rel_changes
        )
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
            _create_rels(tx, [row for why, row in batch if why == "added"])
            _update_rels(tx, [row for why, row in batch if why == "changed"])

        _in_batches(node_rows(), batch_size, lambda batch: _upsert_nodes(tx, batch),
                    node_stream, lambda n: tell("nodes", n))  # fmt: skip
        _in_batches(rel_rows(), batch_size, write_rels,
                    rel_stream, lambda n: tell("relationships", n))  # fmt: skip

        for key in rel_stream.current:
            rel_changes.note("removed", key)
        _delete_rels(tx, list(rel_stream.current))
        for key in node_stream.current:
            node_changes.note("removed", key)
        _delete_nodes(tx, node_stream.current, kept)
        tell("deleted", len(rel_stream.current) + len(node_stream.current))
        node_changes.finish()
        rel_changes.finish()

        report = SyncReport(
            load_id,
            node_changes,
            rel_changes,
            counts={"nodes": node_stream.rows, "relationships": rel_stream.rows},
        )
        record_run(tx, report, run_props, started)
        return report

    return graph.in_write_tx(work, timeout_s=timeout_s)


def record_run(
    tx: ManagedTransaction, report: SyncReport, run_props: dict[str, Any], started: dt.datetime
) -> None:
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
