"""``POST /cypher``: read-only Cypher for power users."""

from __future__ import annotations

from fastapi import APIRouter

from api.access import ApiKeyRequired
from api.deps import GraphDep, SettingsDep
from api.errors import problems
from api.models import CypherRequest, CypherResponse
from kgraph.db.values import plain
from kgraph.query import readonly

router = APIRouter(tags=["cypher"])


@router.post(
    "/cypher",
    response_model=CypherResponse,
    dependencies=[ApiKeyRequired],
    responses=problems(400, 401, 403, 422, 503),
)
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
