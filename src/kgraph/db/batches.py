"""Batched writes inside one transaction: each batch one UNWIND query with parameters.

The sync (db.writer) decides what to write; these functions send it, grouped by label (a
label cannot be a parameter), and check that every relationship found both its ends.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from neo4j import ManagedTransaction

from kgraph.db import cypher
from kgraph.db.rows import NodeRow, RelRow, split_node_key

#: Rows per UNWIND query; measured in docs/benchmarks.md ("Loading at scale").
BATCH_SIZE = 5000

T = TypeVar("T")


def batched(items: Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_batch(tx: ManagedTransaction, query: str, name: str, rows: list[Any]) -> int:
    """Run one UNWIND query over ``rows``; returns the ``written`` column if it has one.

    The driver keeps every query's parameters until its transaction ends; the batch is
    emptied once sent, so a long load holds one batch, not all of them.
    """
    result = tx.run(query, {name: rows})
    record = result.single()
    rows.clear()
    return int(record.get("written", 0)) if record is not None else 0


def upsert_nodes(tx: ManagedTransaction, rows: list[NodeRow]) -> None:
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_label[row.label].append(
            {"id": row.id, "props": row.props, "labels": list(row.extra_labels)}
        )
    for label, items in by_label.items():
        _run_batch(tx, cypher.upsert_nodes(label), "rows", items)


def create_rels(tx: ManagedTransaction, rows: list[RelRow]) -> None:
    """Create relationships whose keys the database does not hold (the diff says so)."""
    _write_rels(tx, rows, cypher.CREATE_REL)


def update_rels(tx: ManagedTransaction, rows: list[RelRow]) -> None:
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


def delete_rels(
    tx: ManagedTransaction, keys: list[str], element_ids: dict[str, str] | None = None
) -> None:
    """Delete relationships by key: by their element id (``element_ids``, read in the same
    transaction) where known, one seek each; the others by one scan of the keyed
    relationships per batch of keys."""
    known = element_ids or {}
    for chunk in batched([known[key] for key in keys if key in known], 50_000):
        _run_batch(tx, cypher.DELETE_RELS_BY_ID, "ids", chunk)
    for chunk in batched([key for key in keys if key not in known], 50_000):
        _run_batch(tx, cypher.DELETE_RELS, "keys", chunk)


def delete_nodes(tx: ManagedTransaction, keys: Iterable[str], kept: dict[str, list[str]]) -> None:
    """Delete nodes by key; a node whose id came back under other labels only loses labels."""
    gone: dict[str, list[str]] = defaultdict(list)
    relabel: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key in keys:
        label, extra, node_id = split_node_key(key)
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
