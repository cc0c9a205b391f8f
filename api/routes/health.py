"""``GET /health``: is the API up, is Neo4j up, and what does the graph hold."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Response

from api.deps import GraphDep, SettingsDep, StateDep
from api.errors import problems
from api.models import Health, Neo4jHealth, SupervisorHealth
from kgraph import __version__
from kgraph.db.server import read_supervision
from kgraph.db.status import graph_status
from kgraph.errors import GraphUnavailable, QueryTimeout

router = APIRouter(tags=["health"])

#: Health reads four counts that take milliseconds: a server that cannot answer them in this
#: long is not healthy, and a monitor should hear so in seconds, not at the query limit.
HEALTH_TIMEOUT_S = 3.0


@router.get("/health", response_model=Health, responses={**problems(422), 503: {"model": Health}})
def health(graph: GraphDep, settings: SettingsDep, state: StateDep, response: Response) -> Health:
    """API and Neo4j status, graph counts, when the graph was last loaded, and for a managed
    server how often its supervisor restarted it and why."""
    supervisor = _supervisor(state.supervision)
    try:
        status = graph_status(graph.limited(min(HEALTH_TIMEOUT_S, graph.timeout_s)))
    except (GraphUnavailable, QueryTimeout) as error:
        response.status_code = 503
        return Health(
            status="degraded",
            api_version=__version__,
            neo4j=Neo4jHealth(
                up=False,
                error=str(error),
                uri=settings.bolt_uri,
                database=graph.database,
                supervisor=supervisor,
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
        supervisor=supervisor,
    )
    return Health(status="ok", api_version=__version__, neo4j=neo4j, last_load=status["last_load"])


def _supervisor(state_file: Path | None) -> SupervisorHealth | None:
    found = read_supervision(state_file) if state_file is not None else None
    return SupervisorHealth(**found.__dict__) if found is not None else None
