"""The application's state: everything the lifespan opens, in one typed object.

Routes never reach into ``app.state``; they declare ``StateDep`` (or a narrower dependency
from ``api.deps``) and get this object, so a typo is a mypy error instead of an
``AttributeError`` at request time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request

from api.slots import Slots
from kgraph.db.cache import GenerationCache
from kgraph.db.graph import Graph
from kgraph.names.resolve import ResolverCache
from kgraph.query.evidence import PassageSource
from kgraph.query.questions import Catalogue
from kgraph.settings import Settings

#: How many distinct answers to keep; the least recently used goes first.
MAX_ANSWERS = 4096


@dataclass
class AppState:
    """The graph, the settings, the caches kept per graph generation and the catalogue."""

    graph: Graph
    settings: Settings
    catalogue: Catalogue = field(default_factory=Catalogue)
    #: The managed server's supervisor report (``/health``), when kgraph manages Neo4j.
    supervision: Path | None = None
    resolvers: ResolverCache = field(default_factory=ResolverCache)
    #: Centrality answers and the networkx graph.
    analytics: GenerationCache[object] = field(default_factory=lambda: GenerationCache[object]())
    #: Passage texts for excerpts.
    passages: GenerationCache[dict[str, PassageSource]] = field(
        default_factory=lambda: GenerationCache[dict[str, PassageSource]]()
    )
    #: Whole JSON answers, as bytes.
    answers: GenerationCache[bytes] = field(
        default_factory=lambda: GenerationCache[bytes](max_entries=MAX_ANSWERS)
    )
    #: Places for POST /cypher (``settings.cypher_max_running``).
    cypher_slots: Slots = field(init=False)

    def __post_init__(self) -> None:
        self.cypher_slots = Slots(self.settings.cypher_max_running, "ad-hoc Cypher queries")


def attach(app: FastAPI, state: AppState) -> None:
    """Keep ``state`` on the app (the lifespan calls this once)."""
    app.state.kgraph = state


def of(app: FastAPI) -> AppState:
    """The state the lifespan attached to ``app``."""
    state: AppState = app.state.kgraph
    return state


async def get_state(request: Request) -> AppState:
    return of(request.app)
