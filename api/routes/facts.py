"""``GET /facts``: triples by subject, predicate and object, each with its evidence or rule."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import GraphDep, TextsDep
from api.errors import problems
from api.models import AsOf, Fact, FactPage
from api.naming import NamesDep
from api.params import Limit, Offset
from kgraph.ontology import Provenance
from kgraph.query import lookups

router = APIRouter(tags=["facts"])

Undated = Literal["include", "exclude"]

NameOrId = Annotated[
    str | None, Query(max_length=200, description="An entity id, or any name of it")
]


@router.get("/facts", response_model=FactPage, responses=problems(404, 422, 503))
def facts(
    graph: GraphDep,
    names: NamesDep,
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
    subjects = names.ids("subject", subject) if subject else None
    objects = names.ids("object", object) if object else None
    where = lookups.FactFilter(
        subjects=subjects, predicate=predicate, objects=objects, stated=stated,
        provenance=provenance, as_of=as_of, undated=undated == "include",
    )  # fmt: skip
    page = lookups.fact_page(graph, where, offset=offset, limit=limit, texts=texts)
    total, undated_matched, items = page
    return FactPage(
        total=total, offset=offset, limit=limit, as_of=_as_of(as_of, undated, undated_matched),
        items=[Fact.model_validate(item) for item in items],
        resolved=names.resolved, warnings=names.warnings,
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
