"""``GET /export``: every entity and fact as a file for Gephi, networkx or a spreadsheet."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import EntityGraphDep
from api.errors import problems
from kgraph.analysis import export

router = APIRouter(tags=["export"])

_TEXT: dict[str, Any] = {"schema": {"type": "string"}}
#: What each format answers, as OpenAPI says it: one media type per format.
_CONTENT: dict[str, Any] = {
    "application/graphml+xml": {
        **_TEXT,
        "example": '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">...</graphml>',
    },
    "application/json": {
        "schema": {
            "type": "object",
            "description": "networkx node-link data: directed multigraph, nodes and edges",
            "properties": {
                "directed": {"type": "boolean"},
                "multigraph": {"type": "boolean"},
                "nodes": {"type": "array", "items": {"type": "object"}},
                "edges": {"type": "array", "items": {"type": "object"}},
            },
        }
    },
    "application/zip": {
        "schema": {"type": "string", "format": "binary"},
        "description": "format=csv: nodes.csv and edges.csv in one zip",
    },
    "text/csv": {
        **_TEXT,
        "example": ",".join(export.NODE_HEADER) + "\n",
        "description": "format=nodes.csv or edges.csv, with Gephi's column names",
    },
}


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {"description": "The graph as a file to download", "content": _CONTENT},
        **problems(422, 503),
    },
)
def export_graph(
    entity_graph: EntityGraphDep,
    format: Annotated[
        export.Format,
        Query(
            description="graphml (opens in Gephi), json (networkx node-link), csv (a zip of "
            "nodes.csv and edges.csv in Gephi's spreadsheet columns), nodes.csv, edges.csv"
        ),
    ] = "graphml",
) -> Response:
    """Every entity and fact as GraphML, node-link JSON, or CSV of nodes and edges.

    Nodes carry their label (name), type, dates, status and amounts; edges their predicate,
    stated or inferred basis (and rule), role, amount and period.
    """
    return Response(
        export.render(entity_graph, format),
        media_type=export.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{export.FILENAMES[format]}"'},
    )
