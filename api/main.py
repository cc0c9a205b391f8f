"""The FastAPI application: one driver opened at start-up, routers per resource."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from api import access, errors
from api.cached import answer_cache
from api.routes import (
    analytics,
    coverage,
    cypher,
    documents,
    entities,
    export,
    facts,
    guide,
    health,
    loads,
    passages,
    paths,
    proposals,
    questions,
    resolve,
    search,
)
from kgraph import __version__
from kgraph.db.cache import GenerationCache
from kgraph.db.graph import Graph, connect
from kgraph.db.server import SUPERVISION_FILE, ServerConfig
from kgraph.names.resolve import ResolverCache
from kgraph.query.lookups import PassageSource
from kgraph.query.questions import Catalogue
from kgraph.settings import Settings


def create_app(
    settings: Settings | None = None,
    graph: Graph | None = None,
    *,
    supervision: Path | None = None,
) -> FastAPI:
    """Build the app; tests may hand in their own settings and graph.

    ``supervision`` is the managed server's supervisor report that ``/health`` shows; by
    default that of the managed instance ``server`` when kgraph manages Neo4j, else none.
    """
    settings = settings or Settings()
    if supervision is None and settings.managed:
        supervision = ServerConfig.from_settings(settings).instance_dir / SUPERVISION_FILE

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.supervision = supervision
        owned = graph is None
        app.state.graph = graph or Graph(
            connect(
                app.state.settings.bolt_uri,
                app.state.settings.auth,
                connection_timeout=2.0,
                connection_acquisition_timeout=2.0,
                # No retries: the driver's first retry waits about a second, so a stopped
                # Neo4j took 2.7 s to give a 503. The client retries, told by Retry-After.
                max_transaction_retry_time=0.0,
            ),
            app.state.settings.neo4j_database,
            app.state.settings.query_timeout_s,
        )
        app.state.resolvers = ResolverCache()
        app.state.analytics = GenerationCache[object]()
        app.state.passages = GenerationCache[dict[str, PassageSource]]()
        app.state.answers = answer_cache()
        app.state.catalogue = Catalogue()
        try:
            yield
        finally:
            if owned:
                app.state.graph.close()

    app = FastAPI(
        title="kgraph",
        version=__version__,
        summary="Questions on the Finnish battery value chain, answered with their evidence.",
        lifespan=lifespan,
        responses=errors.RESPONSES,
    )
    errors.install(app)
    access.install_cors(app, settings)
    for module in (
        health,
        resolve,
        entities,
        search,
        facts,
        questions,
        cypher,
        paths,
        loads,
        analytics,
        export,
        guide,
        documents,
        passages,
        coverage,
        proposals,
    ):
        app.include_router(module.router)
    return app
