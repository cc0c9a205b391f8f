"""``GET /facts``: triples by subject, predicate and object, each with its evidence or rule."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import GraphDep, ResolverDep, TextsDep
from api.models import AsOf, Fact, FactPage
from api.params import Limit, Offset
from kgraph.ontology import Provenance
from kgraph.query import lookups

router = APIRouter(tags=["facts"])

Undated = Literal["include", "exclude"]

NameOrId = Annotated[
    str | None, Query(max_length=200, description="An entity id, or any name of it")
]


@router.get("/facts", response_model=FactPage)
def facts(
    graph: GraphDep,
    resolver: ResolverDep,
    texts: TextsDep,
    subject: NameOrId = None,
    predicate: Annotated[
        str | None, Query(max_length=60, pattern=r"^[A-Z_]+$", description="e.g. FUNDED_BY")
    ] = None,
    object: NameOrId = None,
    stated: Annotated[bool | None, Query(description="true: stated only; false: inferred")] = None,
    provenance: Annotated[
        Provenance | None,
        Query(description="curated (the registry), extracted (unreviewed) or inferred (rules)"),
    ] = None,
    as_of: Annotated[dt.date | None, Query(description="Only facts valid on this date")] = None,
    undated: Annotated[
        Undated,
        Query(description="With as_of: whether facts the sources give no period count too"),
    ] = "include",
    offset: Offset = 0,
    limit: Limit = 100,
) -> FactPage:
    """Matching triples; any part may be omitted. Names are resolved to entities first."""
    subjects = resolver.ids_for(subject) if subject else None
    objects = resolver.ids_for(object) if object else None
    page = lookups.fact_page(
        graph, subjects=subjects, predicate=predicate, objects=objects, stated=stated,
        provenance=provenance, as_of=as_of, undated=undated == "include", offset=offset,
        limit=limit, texts=texts,
    )  # fmt: skip
    total, undated_matched, items = page
    return FactPage(
        total=total, offset=offset, limit=limit, as_of=_as_of(as_of, undated, undated_matched),
        items=[Fact.model_validate(item) for item in items],
    )  # fmt: skip


def _as_of(date: dt.date | None, undated: Undated, matched: int) -> AsOf | None:
    if date is None:
        return None
    rule = (
        "facts with no valid_from or valid_to are included: the sources give them no period"
        if undated == "include"
        else "only facts with a valid_from or valid_to enclosing the date"
    )
    return AsOf(date=date.isoformat(), undated=undated, undated_matched=matched, note=rule)
