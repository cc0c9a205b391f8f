"""``/analytics`` and ``/export``: the graph in networkx, centrality, and files for Gephi."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import GraphDep
from kgraph.analysis import analytics, export
from kgraph.analysis.analytics import Metric, Projection
from kgraph.ontology import EntityType

router = APIRouter(tags=["analytics"])


def _entity_graph(request: Request, graph: GraphDep) -> Any:
    cache = request.app.state.analytics
    return cache.get(graph, "graph", lambda: analytics.to_networkx(graph))


@router.get("/analytics/centrality")
def centrality(
    request: Request,
    graph: GraphDep,
    metric: Annotated[Metric, Query(description="Which centrality")] = "betweenness",
    projection: Annotated[
        Projection,
        Query(
            description="full graph, or organisations/cities linked through shared "
            "projects, or co-authors"
        ),
    ] = "full",
    type: Annotated[EntityType | None, Query(description="Only rank this type")] = None,
    top: Annotated[int, Query(ge=1, le=500)] = 10,
) -> dict[str, Any]:
    """The most central entities (networkx), cached until the graph is loaded again."""
    cache = request.app.state.analytics

    def compute() -> list[dict[str, Any]]:
        view = analytics.projection(_entity_graph(request, graph), projection)
        return analytics.centrality(view, metric, top=top, type=type)

    rows = cache.get(graph, ("centrality", metric, projection, type, top), compute)
    return {"metric": metric, "projection": projection, "type": type, "items": rows}


@router.get("/export")
def export_graph(
    request: Request,
    graph: GraphDep,
    format: Annotated[export.Format, Query(description="graphml opens in Gephi")] = "graphml",
) -> Response:
    """Every entity and fact as GraphML, node-link JSON, or CSV of nodes or of edges."""
    text = export.render(_entity_graph(request, graph), format)
    filename = f"kgraph.{format}"
    return Response(
        text,
        media_type=export.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
