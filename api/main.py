"""The FastAPI application: one driver opened at start-up, routers per resource."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI

from api import access, docs, errors, etags, head, limits, spelling
from api.deps import known_query_params_only
from api.desk import pages as desk_pages
from api.review_port import ReviewDesk
from api.routes import (
    analytics,
    ask,
    coverage,
    cypher,
    documents,
    entities,
    export,
    facts,
    guide,
    health,
    home,
    loads,
    passages,
    paths,
    proposals,
    questions,
    resolve,
    search,
)
from api.routes import desk as desk_routes
from api.state import AppState, attach
from kgraph import __version__
from kgraph.db.graph import Graph, connect
from kgraph.db.server import SUPERVISION_FILE, ServerConfig
from kgraph.settings import Settings


def _open(settings: Settings) -> Graph:
    """The graph the API owns when none is handed in."""
    driver = connect(
        settings.bolt_uri,
        settings.auth,
        connection_timeout=2.0,
        connection_acquisition_timeout=2.0,
        # No retries: the driver's first retry waits about a second, so a stopped
        # Neo4j took 2.7 s to give a 503. The client retries, told by Retry-After.
        max_transaction_retry_time=0.0,
    )
    return Graph(driver, settings.neo4j_database, settings.query_timeout_s)


def _freeze_startup_objects() -> None:
    """Keep what start-up made (modules, routes, schemas) out of every later collection.

    Under load a full collection walked the 150,000 objects start-up leaves and paused a
    worker for up to 390 ms (a 2-core machine at load 16): the tail of answers from memory.
    """
    gc.collect()
    gc.freeze()


def create_app(
    settings: Settings | None = None,
    graph: Graph | None = None,
    *,
    supervision: Path | None = None,
    desk: ReviewDesk | None = None,
) -> FastAPI:
    """Build the app; tests may hand in their own settings and graph.

    ``supervision`` is the managed server's supervisor report that ``/health`` shows; by
    default that of the managed instance ``server`` when kgraph manages Neo4j, else none.
    ``desk`` is the review code behind ``/desk`` (``kgraph_cli.desk``); without it the desk
    only says it is not available.
    """
    settings = settings or Settings()
    if supervision is None and settings.managed:
        supervision = ServerConfig.from_settings(settings).instance_dir / SUPERVISION_FILE

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = graph is None
        state = AppState(
            graph=graph or _open(settings),
            settings=settings,
            catalogue=questions.CATALOGUE,
            supervision=supervision,
            desk=desk,
        )
        attach(app, state)
        _freeze_startup_objects()
        try:
            yield
        finally:
            state.cypher_slots.close()
            gc.unfreeze()  # what the app held may now be garbage: let the collector see it
            if owned:
                state.graph.close()

    app = FastAPI(
        title="kgraph",
        version=__version__,
        summary="Questions on the Finnish battery value chain, answered with their evidence.",
        lifespan=lifespan,
        responses=errors.RESPONSES,
        docs_url=None,  # api.docs serves /docs and /redoc from the API's own assets
        redoc_url=None,
        dependencies=[Depends(known_query_params_only)],
    )
    docs.install(app)
    desk_pages.install(app)
    errors.install(app)
    etags.install(app)
    access.install_cors(app, settings)
    app.add_middleware(spelling.NormalSpelling)
    app.add_middleware(head.HeadAsGet)
    # Last added, so outermost: nothing reads a request before its size is checked.
    app.add_middleware(
        limits.RequestLimits,
        max_body_bytes=settings.api_max_body_bytes,
        max_header_bytes=settings.api_max_header_bytes,
    )
    for module in (
        health,
        resolve,
        entities,
        search,
        facts,
        questions,
        ask,
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
        desk_routes,
        home,
    ):
        app.include_router(module.router)
    return app
