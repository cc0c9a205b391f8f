"""``GET /search``: cities, organisations or projects by stage, topic, programme, funder,
status, date, city and network, in one request; each hit with the facts behind it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep, ResolverDep
from api.errors import problems
from api.models import SearchHit, SearchPage
from api.params import Limit, Offset
from kgraph.names.resolve import Resolver
from kgraph.ontology import ProjectStatus
from kgraph.query.search import Kind, SearchFilter, search

router = APIRouter(tags=["search"])

Names = Annotated[
    list[str] | None,
    Query(max_length=20, description="Ids or names (any language or case); repeat for OR"),
]


def _ids(resolver: Resolver, names: list[str] | None, type: str) -> list[str] | None:
    if not names:
        return None
    return list(dict.fromkeys(i for n in names for i in resolver.ids_for(n[:200], type)))


@router.get("/search", response_model=SearchPage, responses=problems(404, 422, 503))
def search_entities(
    graph: GraphDep,
    resolver: ResolverDep,
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
        kind=kind, stage=_ids(resolver, stage, "ValueChainStage"),
        topic=_ids(resolver, topic, "Topic"),
        programme=_ids(resolver, programme, "FundingProgramme"),
        funder=_ids(resolver, funder, "Organisation"),
        status=list(status) if status else None, funded=funded, as_of=as_of,
        city=_ids(resolver, city, "City"), network=_ids(resolver, network, "Network"),
        offset=offset, limit=limit,
    )  # fmt: skip
    total, hits = search(graph, filters)
    return SearchPage(total=total, offset=offset, limit=limit, items=[SearchHit(**h) for h in hits])
