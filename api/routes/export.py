"""``GET /export``: every entity and fact as a file for Gephi, networkx or a spreadsheet."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import EntityGraphDep
from api.errors import problems
from kgraph.analysis import export

router = APIRouter(tags=["export"])
#: JSON answers are networkx node-link data; every other format is a file of text or bytes.
_FILE_SCHEMA = {
    "application/json": {"type": "object", "description": "networkx node-link data"},
}


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {
            "description": "The graph as a file to download",
            "content": {
                media: {"schema": _FILE_SCHEMA.get(media, {"type": "string", "format": "binary"})}
                for media in sorted(set(export.MEDIA_TYPES.values()))
            },
        },
        **problems(422, 503),
    },
)
def export_graph(
    entity_graph: EntityGraphDep,
    format: Annotated[export.Format, Query(description="graphml opens in Gephi")] = "graphml",
) -> Response:
    """Every entity and fact as GraphML, node-link JSON, or CSV of nodes or of edges."""
    text = export.render(entity_graph, format)
    return Response(
        text,
        media_type=export.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="kgraph.{format}"'},
    )
