"""Rows as the files ``neo4j-admin database import full`` reads: the writer's rows, same
properties and hashes, so an imported graph equals a synced one byte for byte.

Rows are grouped by the shape of what they carry (node labels, or relationship type and end
labels, and the names and types of their properties): each group is one CSV file with a
typed header, every cell filled, so no empty cell has to stand for "no property". Strings are
always quoted; list items are joined by ``ARRAY_DELIMITER``, a control character no corpus
text contains (checked while writing).

A large load writes hundreds of thousands of rows of a few dozen shapes, so a row's layout
(its file, header and one formatter per column) is worked out once per signature: its
property names and the exact types of their values. Every later row of that signature costs
one lookup and a formatter call per cell; a text with a line break or the delimiter goes the
slow, checking way, which also notes that the importer must parse multi-line fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from kgraph.db.bulk_cells import (
    ARRAY_DELIMITER,
    Special,
    cell,
    csv_line,
    formatter,
    shape_of,
    signature_of,
)
from kgraph.db.writer import NodeRow, RelRow, with_hash

__all__ = ["ARRAY_DELIMITER", "FIRST_KEYS", "ImportFiles", "write_import_files", "write_mixed_rows"]

#: How many keys of each kind a writer notes (a load's report lists as many changes).
FIRST_KEYS = 500
#: Rows a file holds in memory before they are written, as one string.
_FLUSH_ROWS = 2048


@dataclass
class _Group:
    path: Path
    handle: TextIO
    pending: list[str] = field(default_factory=list)
    rows: int = 0

    def flush(self) -> None:
        self.handle.write("".join(self.pending))
        self.pending.clear()


@dataclass
class ImportFiles:
    """The files written, and how many rows of each kind."""

    nodes: list[Path] = field(default_factory=list)
    relationships: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"nodes": 0, "relationships": 0})
    #: Whether some value holds a line break (the importer then parses on one thread).
    multiline: bool = False
    #: The keys of the first rows of each kind, in the order written (what a report lists).
    first_keys: dict[str, list[str]] = field(
        default_factory=lambda: {"nodes": [], "relationships": []}
    )

    def arguments(self) -> list[str]:
        """The importer's file arguments, one per group."""
        return [f"--nodes={p}" for p in self.nodes] + [
            f"--relationships={p}" for p in self.relationships
        ]

    @classmethod
    def joined(cls, parts: Iterable[ImportFiles]) -> ImportFiles:
        """The files of several writers (each file with its own header) as one import."""
        out = cls()
        for part in parts:
            out.nodes += part.nodes
            out.relationships += part.relationships
            out.multiline = out.multiline or part.multiline
            for kind in ("nodes", "relationships"):
                out.counts[kind] += part.counts[kind]
                room = FIRST_KEYS - len(out.first_keys[kind])
                out.first_keys[kind] += part.first_keys[kind][:room]
        return out


@dataclass
class _Layout:
    """How rows of one signature are written: their file and one formatter per column."""

    group: _Group
    columns: tuple[tuple[str, Callable[[Any], str]], ...]
    names: tuple[str, ...]


class _Files:
    def __init__(self, folder: Path, kind: str) -> None:
        self.folder = folder
        self.kind = kind
        self.groups: dict[tuple[Any, ...], _Group] = {}
        self.layouts: dict[tuple[Any, ...], _Layout] = {}
        self.multiline = False

    def group(self, shape: tuple[Any, ...], header: list[str]) -> _Group:
        found = self.groups.get(shape)
        if found is None:
            path = self.folder / f"{self.kind}-{len(self.groups):04d}.csv"
            handle = path.open("w", encoding="utf-8", newline="")
            handle.write(csv_line(header))
            found = self.groups[shape] = _Group(path, handle)
        return found

    def layout(
        self,
        signature: tuple[Any, ...],
        ends: tuple[Any, ...],
        props: dict[str, Any],
        where: str,
        header: Callable[[tuple[tuple[str, str], ...]], list[str]],
    ) -> _Layout:
        """The layout of rows like this one; found once per signature (where every error
        but the list delimiter in a text is raised, as ``shape_of`` raises it)."""
        found = self.layouts.get(signature)
        if found is None:
            shape = shape_of(props, where)
            group = self.group((ends, shape), header(shape))
            columns = tuple((k, formatter(props[k])) for k, _ in shape)
            found = _Layout(group, columns, tuple(k for k, _ in shape))
            self.layouts[signature] = found
        return found

    def special_cells(self, layout: _Layout, props: dict[str, Any], where: str) -> list[str]:
        """The cells of a row the fast formatters refused: a text with a newline or the
        delimiter takes ``cell``'s way (which names the one that cannot be imported)."""
        cells = [cell(props[k], f"{where}.{k}") for k in layout.names]
        self.multiline = self.multiline or any("\n" in c or "\r" in c for c in cells)
        return cells

    def close(self) -> list[Path]:
        for group in self.groups.values():
            try:
                group.flush()
            finally:
                group.handle.close()
        return [group.path for group in self.groups.values()]


def _node_header(label: str) -> Callable[[tuple[tuple[str, str], ...]], list[str]]:
    return lambda shape: [f"id:ID({label})", ":LABEL", *(f"{k}:{t}" for k, t in shape)]


def _rel_header(start: str, end: str) -> Callable[[tuple[tuple[str, str], ...]], list[str]]:
    return lambda shape: [
        f":START_ID({start})", f":END_ID({end})", ":TYPE", *(f"{k}:{t}" for k, t in shape),
    ]  # fmt: skip


def _add(layout: _Layout, line: str) -> None:
    group = layout.group
    group.rows += 1
    group.pending.append(line)
    if len(group.pending) >= _FLUSH_ROWS:
        group.flush()


class _Writer:
    """Rows into typed CSV files under a folder, one file per shape, as they come."""

    def __init__(self, folder: Path, prefix: str = "") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.nodes, self.rels = (
            _Files(folder, f"{prefix}nodes"),
            _Files(folder, f"{prefix}relationships"),
        )
        self.out = ImportFiles()
        self.node_keys, self.rel_keys = (
            self.out.first_keys["nodes"],
            self.out.first_keys["relationships"],
        )

    def node(self, row: NodeRow) -> None:
        props = with_hash(row.props)
        props.pop("id", None)
        signature = (row.label, row.extra_labels, signature_of(props))
        files = self.nodes
        layout = files.layouts.get(signature)
        if layout is None:
            labels = (row.label, *row.extra_labels)
            where = f"node {row.label} {row.id}"
            layout = files.layout(signature, labels, props, where, _node_header(row.label))
        try:
            cells = [format_(props[k]) for k, format_ in layout.columns]
        except Special:
            cells = files.special_cells(layout, props, f"node {row.label} {row.id}")
        if "\n" in row.id or "\r" in row.id:
            files.multiline = True
        labels_cell = ARRAY_DELIMITER.join((row.label, *row.extra_labels))
        _add(layout, csv_line([row.id, labels_cell, *cells]))
        if len(self.node_keys) < FIRST_KEYS:
            self.node_keys.append(row.key)

    def relationship(self, rel: RelRow) -> None:
        props = with_hash(rel.props, {"_key": rel.key})
        signature = (rel.type, rel.start_label, rel.end_label, signature_of(props))
        files = self.rels
        layout = files.layouts.get(signature)
        if layout is None:
            ends = (rel.type, rel.start_label, rel.end_label)
            header = _rel_header(rel.start_label, rel.end_label)
            layout = files.layout(signature, ends, props, f"relationship {rel.key}", header)
        try:
            cells = [format_(props[k]) for k, format_ in layout.columns]
        except Special:
            cells = files.special_cells(layout, props, f"relationship {rel.key}")
        _add(layout, csv_line([rel.start, rel.end, rel.type, *cells]))
        if len(self.rel_keys) < FIRST_KEYS:
            self.rel_keys.append(rel.key)

    def close(self) -> ImportFiles:
        """The files (closed), how many rows of each kind and the first keys."""
        out = self.out
        try:
            out.nodes = self.nodes.close()
        finally:
            out.relationships = self.rels.close()
        out.counts["nodes"] = sum(g.rows for g in self.nodes.groups.values())
        out.counts["relationships"] = sum(g.rows for g in self.rels.groups.values())
        out.multiline = self.nodes.multiline or self.rels.multiline
        return out


def write_import_files(
    nodes: Iterable[NodeRow], relationships: Iterable[RelRow], folder: Path
) -> ImportFiles:
    """Write the rows (streamed, read once) as typed CSV files under ``folder``."""
    writer = _Writer(folder)
    try:
        for row in nodes:
            writer.node(row)
        for rel in relationships:
            writer.relationship(rel)
    finally:
        files = writer.close()
    return files


def write_mixed_rows(rows: Iterable[NodeRow | RelRow], folder: Path, prefix: str) -> ImportFiles:
    """Write node and relationship rows that come in any order, as files named ``prefix*``
    under ``folder`` (a share of a load, written beside others: ``db.bulk_shares``)."""
    writer = _Writer(folder, prefix)
    try:
        for row in rows:
            if isinstance(row, RelRow):
                writer.relationship(row)
            else:
                writer.node(row)
    finally:
        files = writer.close()
    return files
