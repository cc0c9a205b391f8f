"""``/loads``: the load history and what the last load changed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import GraphDep
from api.params import Limit, Offset
from kgraph.query import lookups

router = APIRouter(tags=["loads"])


@router.get("/loads")
def loads(graph: GraphDep, offset: Offset = 0, limit: Limit = 20) -> list[dict[str, Any]]:
    """Completed loads, newest first, with input hashes and counts."""
    return lookups.load_runs(graph, offset, limit)


@router.get("/loads/latest/changes")
def latest_changes(graph: GraphDep) -> dict[str, Any]:
    """The newest load with the keys it added, changed and removed."""
    return lookups.latest_changes(graph)
