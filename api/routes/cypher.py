"""``POST /cypher`` (read-only Cypher for power users) and ``GET /paths``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.access import ApiKeyRequired
from api.deps import GraphDep, ResolverDep, SettingsDep
from kgraph.db.values import plain
from kgraph.query import lookups, readonly
from kgraph.query.questions import attach_evidence

router = APIRouter(tags=["cypher"])


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=readonly.MAX_QUERY_CHARS)
    params: dict[str, Any] = Field(default_factory=dict)


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    row_count: int
    truncated: bool


@router.post(
    "/cypher",
    response_model=CypherResponse,
    dependencies=[ApiKeyRequired],
    responses={401: {"description": "The API key is required and was missing or wrong"},
               403: {"description": "A write or administration attempt"},
               400: {"description": "Cypher the server refused"},
               503: {"description": "Time limit reached, or Neo4j unreachable"}},
)  # fmt: skip
def cypher(body: CypherRequest, graph: GraphDep, settings: SettingsDep) -> CypherResponse:
    """Read-only Cypher with parameters, a time limit and a row cap."""
    readonly.check_text(body.query)
    result = graph.read(
        body.query, body.params, cap=settings.row_cap, timeout_s=settings.query_timeout_s
    )
    rows = [plain(row) for row in result]
    return CypherResponse(
        columns=result.columns, rows=rows, row_count=len(rows), truncated=result.truncated
    )


@router.get("/paths")
def paths(
    graph: GraphDep,
    resolver: ResolverDep,
    from_: Annotated[str, Query(alias="from", max_length=200, description="Id or name")],
    to: Annotated[str, Query(max_length=200, description="Id or name")],
    max_hops: Annotated[int, Query(ge=1, le=lookups.MAX_HOPS)] = 4,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Shortest connections between two entities through facts, with evidence per hop."""
    sources, targets = resolver.ids_for(from_), resolver.ids_for(to)
    found = lookups.paths(graph, sources, targets, max_hops, limit)
    return {"from": sources, "to": targets, "paths": attach_evidence(graph, plain(found))}
