"""``/analytics``: the graph in networkx and the centrality of its entities."""

from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, Query

from api.deps import AnalyticsCacheDep, EntityGraphDep, GraphDep
from api.errors import problems
from api.models import CentralityAnswer
from kgraph.analysis import analytics
from kgraph.analysis.analytics import Metric, Projection
from kgraph.ontology import EntityType

router = APIRouter(tags=["analytics"])


@router.get("/analytics/centrality", response_model=CentralityAnswer, responses=problems(422, 503))
def centrality(
    graph: GraphDep,
    cache: AnalyticsCacheDep,
    entity_graph: EntityGraphDep,
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
) -> CentralityAnswer:
    """The most central entities (networkx), cached until the graph is loaded again."""

    def compute() -> list[dict[str, Any]]:
        view = analytics.projection(entity_graph, projection)
        return analytics.centrality(view, metric, top=top, type=type)

    rows = cache.get(graph, ("centrality", metric, projection, type, top), compute)
    return CentralityAnswer(metric=metric, projection=projection, type=type, items=cast(Any, rows))
