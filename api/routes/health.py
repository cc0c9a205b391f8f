"""``GET /health``: is the API up, is Neo4j up, and what does the graph hold."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import GraphDep, SettingsDep
from api.errors import problems
from api.models import Health, Neo4jHealth
from kgraph import __version__
from kgraph.db.status import graph_status
from kgraph.errors import GraphUnavailable

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses={**problems(422), 503: {"model": Health}})
def health(graph: GraphDep, settings: SettingsDep, response: Response) -> Health:
    """API and Neo4j status, graph counts, and when the graph was last loaded."""
    try:
        status = graph_status(graph)
    except GraphUnavailable as error:
        response.status_code = 503
        return Health(
            status="degraded",
            api_version=__version__,
            neo4j=Neo4jHealth(
                up=False, error=str(error), uri=settings.bolt_uri, database=graph.database
            ),
        )
    neo4j = Neo4jHealth(
        up=True,
        version=status["version"],
        edition=status["edition"],
        nodes=status["nodes"],
        relationships=status["relationships"],
        labels=status["labels"],
        uri=settings.bolt_uri,
        database=graph.database,
    )
    return Health(status="ok", api_version=__version__, neo4j=neo4j, last_load=status["last_load"])
