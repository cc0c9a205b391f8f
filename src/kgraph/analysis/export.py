"""The entity graph as files: GraphML (Gephi), node-link JSON, and CSV of nodes and edges."""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

import networkx as nx

Format = Literal["graphml", "json", "nodes.csv", "edges.csv"]
MEDIA_TYPES: dict[str, str] = {
    "graphml": "application/graphml+xml",
    "json": "application/json",
    "nodes.csv": "text/csv",
    "edges.csv": "text/csv",
}


def _scalar_attributes(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML holds scalars only; lists become '; '-joined text."""
    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        out.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for a, b, key, data in g.edges(keys=True, data=True):
        out.add_edge(a, b, key=key, **{k: _scalar(v) for k, v in data.items()})
    return out


def _scalar(value: object) -> str | int | float | bool:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def render(g: nx.MultiDiGraph, fmt: Format) -> str:
    """The graph in the given format, as text."""
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_scalar_attributes(g)))
    if fmt == "json":
        return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, default=str)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if fmt == "nodes.csv":
        writer.writerow(["id", "type", "name", "name_fi"])
        for node, data in sorted(g.nodes(data=True)):
            writer.writerow([node, data.get("type", ""), data.get("name", ""),
                             data.get("name_fi", "")])  # fmt: skip
    else:
        writer.writerow(["source", "target", "type", "fact_id", "stated", "rule"])
        for a, b, data in sorted(g.edges(data=True), key=lambda e: str(e[2].get("fact_id"))):
            writer.writerow([a, b, data.get("type", ""), data.get("fact_id", ""),
                             data.get("stated", ""), data.get("rule", "")])  # fmt: skip
    return buffer.getvalue()
