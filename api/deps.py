"""Dependencies the routes declare: the state, the graph, the settings and the name resolver.

Everything comes from one typed ``AppState`` (``api.state``). Those that only read it are
``async``: FastAPI runs them on the event loop instead of handing each to the thread pool.
Those that may query Neo4j stay plain functions, or hand only that work to the pool.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi._compat import field_annotation_is_sequence
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from api.state import AppState, get_state
from kgraph.analysis import analytics
from kgraph.db.cache import GenerationCache
from kgraph.db.graph import Graph
from kgraph.names.resolve import Resolver
from kgraph.query.evidence import PassageSource, TextSource, all_passage_texts
from kgraph.query.questions import Catalogue
from kgraph.settings import Settings

StateDep = Annotated[AppState, Depends(get_state)]
#: Per route: each query parameter it declares, and whether it takes a list (may repeat).
_TAKES: dict[int, dict[str, bool]] = {}


def _query_names(route: APIRoute) -> dict[str, bool]:
    """The query parameters a route declares, its dependencies' included (kept per route),
    each with whether it takes a list."""
    key = id(route)
    if key not in _TAKES:
        _TAKES[key] = dict(_declared(route.dependant))
    return _TAKES[key]


def _declared(dependant: Dependant) -> Iterator[tuple[str, bool]]:
    for field in dependant.query_params:
        yield field.alias, field_annotation_is_sequence(field.field_info.annotation)
    for inner in dependant.dependencies:
        yield from _declared(inner)


async def known_query_params_only(request: Request) -> None:
    """Refuse a query parameter the route does not take: a typo must not widen the answer.

    Without this, ``/search?citty=Kuopio`` ignored the misspelt filter and answered every city.
    A parameter that takes one value, given twice, is refused the same way.
    """
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    takes = _query_names(route)
    unknown = sorted(set(request.query_params) - set(takes))
    allowed = ", ".join(sorted(takes)) or "none"
    errors = [
        {"loc": ("query", name), "msg": f"unknown parameter (this route takes: {allowed})",
         "type": "unknown_parameter"}
        for name in unknown
    ]  # fmt: skip
    # /resolve?name=Kokkola&name=Vaasa answered Vaasa alone: a second value of a parameter
    # that takes one is refused, not silently chosen.
    sent = [name for name, _ in request.query_params.multi_items()]
    repeated = sorted({n for n in sent if sent.count(n) > 1 and takes.get(n) is False})
    errors += [
        {"loc": ("query", name), "msg": "given more than once; this parameter takes one value",
         "type": "repeated_parameter"}
        for name in repeated
    ]  # fmt: skip
    if errors:
        raise RequestValidationError(errors)


async def get_graph(state: StateDep) -> Graph:
    return state.graph


async def get_settings(state: StateDep) -> Settings:
    return state.settings


async def get_resolver(state: StateDep) -> Resolver:
    """The resolver of the graph's generation: from memory, or built in a worker thread."""
    resolver = state.resolvers.peek()
    if resolver is None:
        resolver = await run_in_threadpool(state.resolvers.get, state.graph)
    return resolver


async def get_texts(state: StateDep) -> TextSource:
    """Passage texts (and their documents' titles) for excerpts, from a cache the next load
    replaces."""
    graph, cache = state.graph, state.passages

    def texts(_ids: Iterable[str]) -> Mapping[str, PassageSource]:
        found: Mapping[str, PassageSource] = cache.get(
            graph, "texts", lambda: all_passage_texts(graph)
        )
        return found

    return texts


async def get_analytics_cache(state: StateDep) -> GenerationCache[object]:
    """Centrality answers and the networkx graph, kept until the next load."""
    return state.analytics


def get_entity_graph(state: StateDep) -> Any:
    """The graph's entities and facts in networkx, built once per load."""
    return state.analytics.get(state.graph, "graph", lambda: analytics.to_networkx(state.graph))


async def get_catalogue(state: StateDep) -> Catalogue:
    return state.catalogue


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ResolverDep = Annotated[Resolver, Depends(get_resolver)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
TextsDep = Annotated[TextSource, Depends(get_texts)]
AnalyticsCacheDep = Annotated[GenerationCache[object], Depends(get_analytics_cache)]
EntityGraphDep = Annotated[Any, Depends(get_entity_graph)]
