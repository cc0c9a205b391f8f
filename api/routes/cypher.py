"""``POST /cypher``: read-only Cypher for power users."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.access import ApiKeyRequired
from api.deps import GraphDep, SettingsDep, StateDep
from api.errors import problems
from api.models import CypherRequest, CypherResponse
from kgraph.errors import GraphUnavailable, QueryTimeout
from kgraph.query import adhoc

router = APIRouter(tags=["cypher"])


@router.post(
    "/cypher",
    response_model=CypherResponse,
    dependencies=[ApiKeyRequired],
    responses=problems(
        400, 401, 403, 503,
        s422="A query or parameters outside the bounds, or invalid",
    ),
)  # fmt: skip
def cypher(
    body: CypherRequest, graph: GraphDep, settings: SettingsDep, state: StateDep
) -> Response:
    """Read-only Cypher with parameters, a time limit, and caps on rows and bytes.

    Neo4j plans the query first (EXPLAIN, nothing runs); only a read whose every operator is
    on the read-only list runs, in a READ transaction. The answer is built row by row and
    stops at the row cap or the byte cap, with ``truncated`` and the reason. At most
    ``cypher_max_running`` run at once; one more answers 503 with ``Retry-After``. A query
    that ends without an answer from Neo4j keeps its place until Neo4j has ended it."""
    caps = adhoc.Caps(
        rows=settings.row_cap,
        bytes=settings.cypher_max_bytes,
        list_items=settings.cypher_max_list_items,
        timeout_s=settings.query_timeout_s,
    )
    tag = adhoc.new_tag()
    with state.cypher_slots.taken() as slot:
        try:
            answer = adhoc.run(graph, body.query, body.params, caps, tag)
        except (QueryTimeout, GraphUnavailable):
            # Neo4j may still run it (a loop ignores the time limit): its place stays taken
            # until Neo4j lists it no more, terminated.
            slot.keep_until(lambda keep_going: adhoc.settle(graph, tag, keep_going))
            raise
    return Response(answer.json(), media_type="application/json")
