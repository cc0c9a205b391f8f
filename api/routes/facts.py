"""``GET /facts``: triples by subject, predicate and object, each with its evidence or rule."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep, TextsDep
from api.errors import problems
from api.models import Fact, FactPage
from api.naming import NamesDep
from api.params import Limit, Offset
from kgraph.query import lookups

router = APIRouter(tags=["facts"])

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
    as_of: Annotated[dt.date | None, Query(description="Only facts valid on this date")] = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> FactPage:
    """Matching triples; any part may be omitted. Names are resolved to entities first."""
    subjects = names.ids("subject", subject) if subject else None
    objects = names.ids("object", object) if object else None
    items = lookups.find_facts(
        graph, subjects=subjects, predicate=predicate, objects=objects, stated=stated,
        as_of=as_of, offset=offset, limit=limit, texts=texts,
    )  # fmt: skip
    return FactPage(
        offset=offset, limit=limit, items=[Fact.model_validate(item) for item in items],
        resolved=names.resolved, warnings=names.warnings,
    )  # fmt: skip
