"""``/loads``: the load history and what the last load changed."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import GraphDep
from api.errors import problems
from api.models import LoadChanges, LoadRun
from api.params import Limit, Offset
from kgraph.query import lookups

router = APIRouter(tags=["loads"])


@router.get("/loads", response_model=list[LoadRun], responses=problems(422, 503))
def loads(graph: GraphDep, offset: Offset = 0, limit: Limit = 20) -> list[LoadRun]:
    """Completed loads, newest first, with input hashes and counts."""
    return [LoadRun.model_validate(run) for run in lookups.load_runs(graph, offset, limit)]


@router.get(
    "/loads/latest/changes",
    response_model=LoadChanges,
    responses=problems(422, 503, s404="No load has completed yet"),
)
def latest_changes(graph: GraphDep) -> LoadChanges:
    """The newest load with the keys it added, changed and removed."""
    return LoadChanges.model_validate(lookups.latest_changes(graph))
