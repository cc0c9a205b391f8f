"""``/analytics``: the graph in networkx and the centrality of its entities."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import AnalyticsCacheDep, EntityGraphDep, GraphDep
from api.errors import problems
from api.models import CentralityAnswer
from kgraph.analysis import analytics
from kgraph.analysis.analytics import Metric, Projection
from kgraph.ontology import EntityType

#: The longest ranking asked for; every ranking is computed (and kept) this long.
MAX_TOP = 500

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
            description="full graph (unweighted), or organisations/cities linked through "
            "shared projects, or co-authors through shared publications (Newman-weighted)"
        ),
    ] = "full",
    type: Annotated[EntityType | None, Query(description="Only rank this type")] = None,
    top: Annotated[int, Query(ge=1, le=MAX_TOP)] = 10,
    weighted: Annotated[
        bool,
        Query(
            description="Use a projection's Newman weights (the answer says how); false: "
            "every link counts 1"
        ),
    ] = True,
    stated_only: Annotated[
        bool, Query(description="Leave inferred facts (stated: false) out of the network")
    ] = False,
) -> CentralityAnswer:
    """The most central entities (networkx), cached until the graph is loaded again.

    The answer states whether and how the metric used weights (``weighted``, ``weight``,
    ``weight_as``, ``weighting``).
    """

    def compute() -> dict[str, Any]:
        view = analytics.projection(entity_graph, projection, stated_only=stated_only)
        rows = analytics.centrality(view, metric, top=MAX_TOP, type=type, weighted=weighted)
        return {
            **analytics.weighting(view, metric, weighted),
            "nodes": view.number_of_nodes(),
            "edges": view.number_of_edges(),
            "items": rows,
        }

    # One ranking per view, cut to ``top`` here: keyed by top, each of 500 values was a
    # computation and an entry of its own.
    key = ("centrality", metric, projection, type, weighted, stated_only)
    answer: dict[str, Any] = cache.get(graph, key, compute)  # type: ignore[assignment]
    return CentralityAnswer(
        metric=metric, projection=projection, type=type, stated_only=stated_only,
        **{**answer, "items": answer["items"][:top]},
    )  # fmt: skip
