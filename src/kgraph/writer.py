"""Write graph input to Neo4j as a sync: one transaction, only what changed, a load record.

The input is the complete desired state of everything kgraph manages (entities, documents,
passages, oddities and the relationships between them). The writer compares it with what
the database holds (by key and content hash), deletes what is gone, upserts what is new or
changed, and records a ``LoadRun`` -- all in one write transaction, so a failed or killed
load leaves the previous graph as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import ManagedTransaction

from kgraph.db import Graph

#: Node labels the writer manages, each with a uniqueness constraint on ``id``.
MANAGED_LABELS = ("Entity", "Document", "Passage", "Oddity")
BATCH_SIZE = 2000
MAX_LISTED_CHANGES = 500

T = TypeVar("T")


def batched(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def content_hash(props: dict[str, Any]) -> str:
    text = json.dumps(props, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode()).hexdigest()


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
    nodes: list[NodeRow] = field(default_factory=list)
    relationships: list[RelRow] = field(default_factory=list)


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
        }


@dataclass
class SyncReport:
    load_id: str
    nodes: Changes
    relationships: Changes
    counts: dict[str, int]

    @property
    def unchanged(self) -> bool:
        return not any([*self.nodes.summary().values(), *self.relationships.summary().values()])


# -- reading the current state ----------------------------------------------------------------
_CURRENT_NODES = """
MATCH (n) WHERE n:Entity OR n:Document OR n:Passage OR n:Oddity
RETURN n.id AS id, labels(n) AS labels, n._hash AS hash
"""
_CURRENT_RELS = """
MATCH ()-[r]->() WHERE r._key IS NOT NULL
RETURN r._key AS key, elementId(r) AS eid, r._hash AS hash
"""


def _node_key(row: dict[str, Any]) -> str:
    labels = sorted(row["labels"])
    main = next(label for label in MANAGED_LABELS if label in labels)
    extra = [label for label in labels if label != main]
    return f"{main}/{'+'.join(extra)}/{row['id']}"


def _diff(
    current: dict[str, str | None], wanted: dict[str, str]
) -> tuple[list[str], list[str], list[str]]:
    added = sorted(k for k in wanted if k not in current)
    changed = sorted(k for k in wanted if k in current and current[k] != wanted[k])
    removed = sorted(k for k in current if k not in wanted)
    return added, changed, removed


# -- writing ------------------------------------------------------------------------------------
def _delete_nodes(tx: ManagedTransaction, keys: Iterable[str]) -> None:
    by_label: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        label, _, node_id = key.split("/", 2)
        by_label[label].append(node_id)
    for label, ids in by_label.items():
        assert label in MANAGED_LABELS
        for chunk in batched(ids):
            tx.run(
                f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n", ids=list(chunk)
            ).consume()


def _delete_rels(tx: ManagedTransaction, element_ids: list[str]) -> None:
    for chunk in batched(element_ids):
        tx.run(
            "UNWIND $ids AS eid MATCH ()-[r]->() WHERE elementId(r) = eid DELETE r",
            ids=list(chunk),
        ).consume()


def _upsert_nodes(tx: ManagedTransaction, rows: list[NodeRow]) -> None:
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_label[row.label].append(
            {"id": row.id, "props": row.props, "labels": list(row.extra_labels)}
        )
    for label, items in by_label.items():
        assert label in MANAGED_LABELS
        for chunk in batched(items):
            tx.run(
                f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) "
                "SET n = row.props SET n:$(row.labels)",
                rows=list(chunk),
            ).consume()


def _upsert_rels(tx: ManagedTransaction, rows: list[RelRow]) -> None:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row.start_label, row.end_label)].append(
            {"start": row.start, "end": row.end, "type": row.type, "props": row.props}
        )
    for (start_label, end_label), items in groups.items():
        assert start_label in MANAGED_LABELS and end_label in MANAGED_LABELS
        query = (
            f"UNWIND $rows AS row MATCH (a:{start_label} {{id: row.start}}) "
            f"MATCH (b:{end_label} {{id: row.end}}) "
            "MERGE (a)-[r:$(row.type) {_key: row.props._key}]->(b) SET r = row.props "
            "RETURN count(r) AS written"
        )
        for chunk in batched(items):
            written = tx.run(query, rows=list(chunk)).single(strict=True)["written"]
            if written != len(chunk):
                raise ValueError(f"{len(chunk) - written} relationships lost an endpoint")


def _with_hash(props: dict[str, Any], key_prop: dict[str, str] | None = None) -> dict[str, Any]:
    clean = {k: v for k, v in props.items() if v is not None and v != []}
    clean["_hash"] = content_hash(clean)
    return {**clean, **(key_prop or {})}


def sync(
    graph: Graph,
    wanted: GraphInput,
    run_props: dict[str, Any],
    *,
    timeout_s: float = 300.0,
) -> SyncReport:
    """Make the managed part of the graph equal to ``wanted`` in one transaction."""
    nodes = {row.key: NodeRow(row.label, row.id, _with_hash(row.props), row.extra_labels)
             for row in wanted.nodes}  # fmt: skip
    rels = {row.key: RelRow(row.key, row.type, row.start_label, row.start, row.end_label,
                            row.end, _with_hash(row.props, {"_key": row.key}))
            for row in wanted.relationships}  # fmt: skip
    started = dt.datetime.now(dt.UTC)
    load_id = f"load:{started.strftime('%Y%m%dT%H%M%S.%fZ')}"

    def work(tx: ManagedTransaction) -> SyncReport:
        current_nodes = {_node_key(r.data()): r["hash"] for r in tx.run(_CURRENT_NODES)}
        rel_rows = [r.data() for r in tx.run(_CURRENT_RELS)]
        current_rels = {r["key"]: r["hash"] for r in rel_rows}
        element_ids = {r["key"]: r["eid"] for r in rel_rows}

        n_added, n_changed, n_removed = _diff(
            current_nodes, {k: v.props["_hash"] for k, v in nodes.items()}
        )
        r_added, r_changed, r_removed = _diff(
            current_rels, {k: v.props["_hash"] for k, v in rels.items()}
        )
        _delete_rels(tx, [element_ids[k] for k in r_removed])
        _delete_nodes(tx, n_removed)
        _upsert_nodes(tx, [nodes[k] for k in [*n_added, *n_changed]])
        _upsert_rels(tx, [rels[k] for k in [*r_added, *r_changed]])

        report = SyncReport(
            load_id,
            Changes(n_added, n_changed, n_removed),
            Changes(r_added, r_changed, r_removed),
            counts={"nodes": len(nodes), "relationships": len(rels)},
        )
        _record_run(tx, report, run_props, started)
        return report

    return graph.in_write_tx(work, timeout_s=timeout_s)


def _record_run(
    tx: ManagedTransaction, report: SyncReport, run_props: dict[str, Any], started: dt.datetime
) -> None:
    def listed(changes: Changes) -> str:
        return json.dumps(
            {name: getattr(changes, name)[:MAX_LISTED_CHANGES]
             for name in ("added", "changed", "removed")}
        )  # fmt: skip

    props = {
        **run_props,
        "id": report.load_id,
        "status": "completed",
        "started_at": started,
        "finished_at": dt.datetime.now(dt.UTC),
        "node_count": report.counts["nodes"],
        "relationship_count": report.counts["relationships"],
        "nodes_added": len(report.nodes.added),
        "nodes_changed": len(report.nodes.changed),
        "nodes_removed": len(report.nodes.removed),
        "relationships_added": len(report.relationships.added),
        "relationships_changed": len(report.relationships.changed),
        "relationships_removed": len(report.relationships.removed),
        "node_changes": listed(report.nodes),
        "relationship_changes": listed(report.relationships),
    }
    tx.run(
        "CREATE (run:LoadRun) SET run = $props "
        "WITH run OPTIONAL MATCH (previous:LoadRun) "
        "WHERE previous.status = 'completed' AND previous.id <> run.id "
        "WITH run, previous ORDER BY previous.finished_at DESC LIMIT 1 "
        "FOREACH (_ IN CASE WHEN previous IS NULL THEN [] ELSE [1] END | "
        "  CREATE (run)-[:FOLLOWS]->(previous))",
        props=props,
    ).consume()
