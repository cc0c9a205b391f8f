"""The application's state: everything the lifespan opens, in one typed object.

Routes never reach into ``app.state``; they declare ``StateDep`` (or a narrower dependency
from ``api.deps``) and get this object, so a typo is a mypy error instead of an
``AttributeError`` at request time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, Request

from api.review_port import ReviewDesk
from api.slots import Slots
from kgraph.db.cache import GenerationCache, GenerationClock
from kgraph.db.graph import Graph
from kgraph.names.resolve import ResolverCache
from kgraph.query.evidence import PassageSource
from kgraph.query.questions import Catalogue
from kgraph.settings import Settings

#: How many distinct answers to keep; the least recently used goes first.
MAX_ANSWERS = 4096
#: Centrality answers (one per metric, projection, type and switches) and the networkx graph.
MAX_ANALYTICS = 256


@dataclass
class AppState:
    """The graph, the settings, the caches kept per graph generation and the catalogue."""

    graph: Graph
    settings: Settings
    catalogue: Catalogue = field(default_factory=Catalogue)
    #: The managed server's supervisor report (``/health``), when kgraph manages Neo4j.
    supervision: Path | None = None
    #: The review code the desk writes through, handed in by the CLI layer (``api.review_port``).
    desk: ReviewDesk | None = None
    #: The graph's generation as every cache below knows it: they change it together, so
    #: no answer is built from one load's resolver or passages and kept as the next one's.
    clock: GenerationClock = field(default_factory=GenerationClock)
    resolvers: ResolverCache = field(init=False)
    #: Centrality answers and the networkx graph.
    analytics: GenerationCache[object] = field(init=False)
    #: Passage texts for excerpts.
    passages: GenerationCache[dict[str, PassageSource]] = field(init=False)
    #: Whole JSON answers, as bytes.
    answers: GenerationCache[bytes] = field(init=False)
    #: Places for POST /cypher (``settings.cypher_max_running``).
    cypher_slots: Slots = field(init=False)

    def __post_init__(self) -> None:
        self.resolvers = ResolverCache(clock=self.clock)
        self.analytics = GenerationCache(max_entries=MAX_ANALYTICS, clock=self.clock)
        self.passages = GenerationCache(clock=self.clock)
        self.answers = GenerationCache(
            max_entries=MAX_ANSWERS,
            clock=self.clock,
            max_bytes=self.settings.api_cache_max_bytes,
            size_of=len,
        )
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
