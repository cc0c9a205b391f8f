"""The entity graph as files: GraphML (Gephi), node-link JSON, and CSV of nodes and edges.

The CSV follow Gephi's spreadsheet import: the nodes table has ``Id`` and ``Label`` (the
entity's name), the edges table ``Source``, ``Target``, ``Type`` ("Directed"), ``Id`` (the
fact id), ``Label`` (the predicate) and ``Weight``; every other column is an attribute. Dates are
ISO text, amounts are euros, booleans are ``true``/``false``. ``csv`` is both tables in one zip.
GraphML names the same attributes ``label`` and ``weight``, which Gephi reads as such.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import networkx as nx

Format = Literal["graphml", "json", "csv", "nodes.csv", "edges.csv"]
MEDIA_TYPES: dict[str, str] = {
    "graphml": "application/graphml+xml",
    "json": "application/json",
    "csv": "application/zip",
    "nodes.csv": "text/csv",
    "edges.csv": "text/csv",
}
FILENAMES: dict[str, str] = {
    "graphml": "kgraph.graphml",
    "json": "kgraph.json",
    "csv": "kgraph-csv.zip",
    "nodes.csv": "kgraph.nodes.csv",
    "edges.csv": "kgraph.edges.csv",
}
#: Node attributes after Id and Label, in this order: what a researcher filters and sizes by.
NODE_COLUMNS = ("type", "name_fi", "name_sv", "acronym", "status", "start", "end", "start_year",
                "end_year", "date", "year", "grant_eur", "doi")  # fmt: skip
#: Edge attributes after Gephi's own columns: the fact's basis, role, amount and period.
EDGE_COLUMNS = ("predicate", "stated", "basis", "rule", "role", "amount_eur", "valid_from",
                "valid_to", "date")  # fmt: skip
NODE_HEADER = ("Id", "Label", *NODE_COLUMNS)
EDGE_HEADER = ("Source", "Target", "Type", "Id", "Label", "Weight", *EDGE_COLUMNS)


def _basis(data: dict[str, Any]) -> str:
    return "stated" if data.get("stated") else "inferred"


def _node_rows(g: nx.MultiDiGraph) -> Iterable[Sequence[Any]]:
    for node, data in sorted(g.nodes(data=True)):
        yield (node, data.get("name", node), *(data.get(k) for k in NODE_COLUMNS))


def _edge_rows(g: nx.MultiDiGraph) -> Iterable[Sequence[Any]]:
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: str(e[2]))
    for a, b, key, data in edges:
        facts = {**data, "predicate": data.get("type"), "basis": _basis(data)}
        yield (a, b, "Directed", key, data.get("type"), 1, *(facts.get(k) for k in EDGE_COLUMNS))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def nodes_csv(g: nx.MultiDiGraph) -> str:
    """Every entity, one row each, sorted by id."""
    return _csv(NODE_HEADER, _node_rows(g))


def edges_csv(g: nx.MultiDiGraph) -> str:
    """Every fact, one row each, sorted by fact id."""
    return _csv(EDGE_HEADER, _edge_rows(g))


def _scalar(value: object) -> str | int | float | bool:
    """GraphML holds scalars only; lists become '; '-joined text."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _labelled(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with ``label`` on every node (its name) and edge (its predicate), the basis and
    a unit ``weight`` on every edge, and only scalar attributes."""
    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        props = {k: _scalar(v) for k, v in data.items()}
        out.add_node(node, label=str(data.get("name", node)), **props)
    for a, b, key, data in g.edges(keys=True, data=True):
        props = {k: _scalar(v) for k, v in data.items()}
        out.add_edge(a, b, key=key, label=str(data.get("type", "")), weight=1.0,
                     basis=_basis(data), **props)  # fmt: skip
    return out


def _zip(g: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", nodes_csv(g))
        archive.writestr("edges.csv", edges_csv(g))
    return buffer.getvalue()


def render(g: nx.MultiDiGraph, fmt: Format) -> bytes:
    """The graph in the given format, as the bytes of the file."""
    if fmt == "csv":
        return _zip(g)
    if fmt == "nodes.csv":
        return nodes_csv(g).encode()
    if fmt == "edges.csv":
        return edges_csv(g).encode()
    labelled = _labelled(g)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(labelled)).encode()
    data = nx.node_link_data(labelled, edges="edges")
    return json.dumps(data, ensure_ascii=False, default=str).encode()
