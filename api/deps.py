"""Dependencies the routes declare: the graph, the settings and the name resolver.

Those that only read app state are ``async``: FastAPI runs them on the event loop instead of
handing each to the thread pool. Those that may query Neo4j stay plain functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from fastapi import Depends, Request

from kgraph.analysis import analytics
from kgraph.db.cache import GenerationCache
from kgraph.db.graph import Graph
from kgraph.names.resolve import Resolver
from kgraph.query.lookups import PassageSource, TextSource, all_passage_texts
from kgraph.query.questions import Catalogue
from kgraph.settings import Settings


async def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_resolver(request: Request) -> Resolver:
    resolver: Resolver = request.app.state.resolvers.get(request.app.state.graph)
    return resolver


async def get_texts(request: Request) -> TextSource:
    """Passage texts (and their documents' titles) for excerpts, from a cache the next load
    replaces."""
    graph: Graph = request.app.state.graph
    cache = request.app.state.passages

    def texts(_ids: Iterable[str]) -> Mapping[str, PassageSource]:
        found: Mapping[str, PassageSource] = cache.get(
            graph, "texts", lambda: all_passage_texts(graph)
        )
        return found

    return texts


async def get_analytics_cache(request: Request) -> GenerationCache[object]:
    """Centrality answers and the networkx graph, kept until the next load."""
    cache: GenerationCache[object] = request.app.state.analytics
    return cache


def get_entity_graph(request: Request) -> Any:
    """The graph's entities and facts in networkx, built once per load."""
    graph: Graph = request.app.state.graph
    cache: GenerationCache[object] = request.app.state.analytics
    return cache.get(graph, "graph", lambda: analytics.to_networkx(graph))


async def get_catalogue(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ResolverDep = Annotated[Resolver, Depends(get_resolver)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
TextsDep = Annotated[TextSource, Depends(get_texts)]
AnalyticsCacheDep = Annotated[GenerationCache[object], Depends(get_analytics_cache)]
EntityGraphDep = Annotated[Any, Depends(get_entity_graph)]
