"""``GET /paths``: how two entities are connected through facts, with evidence per hop."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep
from api.errors import problems
from api.models import PathsAnswer
from api.naming import NamesDep
from kgraph.db.values import plain
from kgraph.query import lookups
from kgraph.query.questions import attach_evidence

router = APIRouter(tags=["paths"])


@router.get("/paths", response_model=PathsAnswer, responses=problems(404, 422, 503))
def paths(
    graph: GraphDep,
    names: NamesDep,
    from_: Annotated[str, Query(alias="from", max_length=200, description="Id or name")],
    to: Annotated[str, Query(max_length=200, description="Id or name")],
    max_hops: Annotated[int, Query(ge=1, le=lookups.MAX_HOPS)] = 4,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> PathsAnswer:
    """Shortest connections between two entities through facts, with evidence per hop."""
    sources, targets = names.ids("from", from_), names.ids("to", to)
    found = lookups.paths(graph, sources, targets, max_hops, limit)
    return PathsAnswer.model_validate(
        {"from": sources, "to": targets, "paths": attach_evidence(graph, plain(found))}
    ).model_copy(update={"resolved": names.resolved, "warnings": names.warnings})
