"""Rows as the files ``neo4j-admin database import full`` reads: the writer's rows, same
properties and hashes, so an imported graph equals a synced one byte for byte.

Rows are grouped by the shape of what they carry (node labels, or relationship type and end
labels, and the names and types of their properties): each group is one CSV file with a
typed header, every cell filled, so no empty cell has to stand for "no property". Strings are
always quoted; list items are joined by ``ARRAY_DELIMITER``, a control character no corpus
text contains (checked while writing).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from kgraph.db.writer import NodeRow, RelRow, with_hash
from kgraph.errors import LoadInterrupted

#: Between list items and between labels (the importer's --array-delimiter).
ARRAY_DELIMITER = "\x1f"

_SCALAR = {str: "string", bool: "boolean", int: "long", float: "double", dt.date: "date"}


def _type_of(value: Any, where: str) -> str:
    if isinstance(value, list):
        item_types = {_type_of(item, where) for item in value}
        if len(item_types) != 1:
            raise LoadInterrupted(f"{where}: a list mixes {sorted(item_types)}; nothing imported")
        return f"{item_types.pop()}[]"
    for kind in (bool, dt.datetime, dt.date, int, float, str):
        if isinstance(value, kind):
            if kind is dt.datetime:
                return "datetime"
            return _SCALAR[kind]
    raise LoadInterrupted(f"{where}: a {type(value).__name__} cannot be imported")


def _cell(value: Any, where: str) -> str:
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_cell(item, where) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    text = str(value) if not isinstance(value, float) else repr(value)
    if ARRAY_DELIMITER in text:
        raise LoadInterrupted(f"{where}: text holds the import's list delimiter U+001F")
    return text


def _shape(props: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((key, _type_of(value, f"{where}.{key}")) for key, value in props.items()))


@dataclass
class _Group:
    path: Path
    handle: TextIO
    writer: Any
    rows: int = 0


@dataclass
class ImportFiles:
    """The files written, and how many rows of each kind."""

    nodes: list[Path] = field(default_factory=list)
    relationships: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"nodes": 0, "relationships": 0})

    def arguments(self) -> list[str]:
        """The importer's file arguments, one per group."""
        return [f"--nodes={p}" for p in self.nodes] + [
            f"--relationships={p}" for p in self.relationships
        ]


class _Files:
    def __init__(self, folder: Path, kind: str) -> None:
        self.folder = folder
        self.kind = kind
        self.groups: dict[tuple[Any, ...], _Group] = {}

    def group(self, shape: tuple[Any, ...], header: list[str]) -> _Group:
        found = self.groups.get(shape)
        if found is None:
            path = self.folder / f"{self.kind}-{len(self.groups):04d}.csv"
            handle = path.open("w", encoding="utf-8", newline="")
            writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
            writer.writerow(header)
            found = self.groups[shape] = _Group(path, handle, writer)
        return found

    def close(self) -> list[Path]:
        for group in self.groups.values():
            group.handle.close()
        return [group.path for group in self.groups.values()]


def write_import_files(
    nodes: Iterable[NodeRow], relationships: Iterable[RelRow], folder: Path
) -> ImportFiles:
    """Write the rows (streamed, read once) as typed CSV files under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = ImportFiles()
    node_files, rel_files = _Files(folder, "nodes"), _Files(folder, "relationships")
    try:
        for row in nodes:
            props = with_hash(row.props)
            where = f"node {row.label} {row.id}"
            shape = _shape({k: v for k, v in props.items() if k != "id"}, where)
            labels = (row.label, *row.extra_labels)
            header = [f"id:ID({row.label})", ":LABEL", *(f"{k}:{t}" for k, t in shape)]
            group = node_files.group((labels, shape), header)
            cells = [_cell(props[k], f"{where}.{k}") for k, _ in shape]
            group.writer.writerow([row.id, ARRAY_DELIMITER.join(labels), *cells])
            out.counts["nodes"] += 1
        for rel in relationships:
            props = with_hash(rel.props, {"_key": rel.key})
            where = f"relationship {rel.key}"
            shape = _shape(props, where)
            ends = (rel.type, rel.start_label, rel.end_label)
            header = [
                f":START_ID({rel.start_label})",
                f":END_ID({rel.end_label})",
                ":TYPE",
                *(f"{k}:{t}" for k, t in shape),
            ]
            group = rel_files.group((ends, shape), header)
            cells = [_cell(props[k], f"{where}.{k}") for k, _ in shape]
            group.writer.writerow([rel.start, rel.end, rel.type, *cells])
            out.counts["relationships"] += 1
    finally:
        out.nodes = node_files.close()
        out.relationships = rel_files.close()
    return out
