"""``GET /search``: cities, organisations or projects by stage, topic, programme, funder,
status, date, city and network, in one request; each hit with the facts behind it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep
from api.errors import problems
from api.models import SearchHit, SearchPage
from api.naming import NamesDep
from api.params import Limit, Offset
from kgraph.ontology import ProjectStatus
from kgraph.query.search import Kind, SearchFilter, search

router = APIRouter(tags=["search"])

Names = Annotated[
    list[str] | None,
    Query(max_length=20, description="Ids or names (any language or case); repeat for OR"),
]


@router.get("/search", response_model=SearchPage, responses=problems(404, 422, 503))
def search_entities(
    graph: GraphDep,
    names: NamesDep,
    kind: Annotated[Kind, Query(description="What to find")] = "City",
    stage: Names = None,
    topic: Names = None,
    programme: Names = None,
    funder: Names = None,
    status: Annotated[list[ProjectStatus] | None, Query(description="Project status")] = None,
    funded: Annotated[
        bool, Query(description="Only projects that got funding (funded, ongoing or ended)")
    ] = False,
    as_of: Annotated[dt.date | None, Query(description="Projects running on this date")] = None,
    city: Names = None,
    network: Names = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> SearchPage:
    """E.g. cities that cover recycling and sit in funded Horizon projects:
    ``/search?kind=City&stage=recycling&programme=Horizon Europe&funded=true``."""
    filters = SearchFilter(
        kind=kind, stage=names.ids_of_all("stage", stage, "ValueChainStage"),
        topic=names.ids_of_all("topic", topic, "Topic"),
        programme=names.ids_of_all("programme", programme, "FundingProgramme"),
        funder=names.ids_of_all("funder", funder, "Organisation"),
        status=list(status) if status else None, funded=funded, as_of=as_of,
        city=names.ids_of_all("city", city, "City"),
        network=names.ids_of_all("network", network, "Network"),
        offset=offset, limit=limit,
    )  # fmt: skip
    total, hits = search(graph, filters)
    return SearchPage(
        total=total, offset=offset, limit=limit, items=[SearchHit(**h) for h in hits],
        resolved=names.resolved, warnings=names.warnings,
    )  # fmt: skip
