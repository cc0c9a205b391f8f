"""One-mode projections of the entity graph, built with networkx's ``bipartite`` module.

An organisation-project (or author-publication) network is two-mode. Projecting it onto the
organisations links two of them when they share a project; weighting each link by
Newman's collaboration weight (Newman 2001, *Phys. Rev. E* 64, 016132),

    w_ij = sum over shared projects k of 1 / (n_k - 1)       (n_k: the members of k)

keeps an umbrella project of seven cities from counting as much as a project of two: each
member of a project spends one unit of "collaboration" spread over its partners, so a node's
weighted degree (strength) is the number of projects it shares with anyone. Every projected
edge carries ``weight`` (Newman), ``distance`` (1 / weight, for shortest paths: strong ties
are short), ``shared`` (how many projects) and the ids of those projects.

The graph itself records what it is: ``g.graph["weight"]`` ("newman", or None for the full
graph, whose links carry no weight) and ``g.graph["stated_only"]``.
"""

from __future__ import annotations

from typing import Literal

import networkx as nx
from networkx.algorithms import bipartite

Projection = Literal["full", "organisations", "cities", "coauthors"]
PROJECTIONS: tuple[Projection, ...] = ("full", "organisations", "cities", "coauthors")
#: The weight the projections put on their links (the name the answers give it).
NEWMAN = "newman"


def _facts(g: nx.MultiDiGraph, stated_only: bool) -> nx.MultiDiGraph:
    """``g``, or a view of it without the inferred facts (``stated`` false)."""
    if not stated_only:
        return g
    view: nx.MultiDiGraph = nx.subgraph_view(
        g, filter_edge=lambda a, b, key: bool(g.edges[a, b, key].get("stated"))
    )
    return view


def two_mode(
    g: nx.MultiDiGraph, edge_type: str, kind: str | None, *, stated_only: bool = False
) -> tuple[nx.Graph, set[str]]:
    """The bipartite graph of ``edge_type`` facts: members (of ``kind``, if given) and what
    they are linked to (projects, publications). Returns the graph and its member side."""
    facts = _facts(g, stated_only)
    two = nx.Graph()
    members: set[str] = set()
    for source, target, data in facts.edges(data=True):
        if data.get("type") != edge_type or kind not in (None, g.nodes[source].get("type")):
            continue
        two.add_node(source, **g.nodes[source])
        two.add_node(target, **g.nodes[target])
        two.add_edge(source, target)
        members.add(source)
    return two, members


def collaboration(two: nx.Graph, members: set[str], via: str) -> nx.Graph:
    """The members linked by Newman's collaboration weight, with distance, count and ids."""
    out: nx.Graph = bipartite.collaboration_weighted_projected_graph(two, sorted(members))
    for a, b, data in out.edges(data=True):
        shared = sorted(set(two[a]) & set(two[b]))
        data.update(distance=1.0 / data["weight"], shared=len(shared), **{via: shared})
    out.graph.update(weight=NEWMAN)
    return out


def project(g: nx.MultiDiGraph, kind: str, *, stated_only: bool = False) -> nx.Graph:
    """Entities of ``kind`` linked when they take part in the same project (Newman-weighted).

    Every entity of the kind that takes part in any project is a node.
    """
    two, members = two_mode(g, "PARTICIPATES_IN", kind, stated_only=stated_only)
    out = collaboration(two, members, "projects")
    out.graph.update(stated_only=stated_only)
    return out


def coauthors(g: nx.MultiDiGraph, *, stated_only: bool = False) -> nx.Graph:
    """People linked when they authored the same publication (Newman's original weighting)."""
    two, members = two_mode(g, "AUTHORED", None, stated_only=stated_only)
    out = collaboration(two, members, "publications")
    out.graph.update(stated_only=stated_only)
    return out


def full(g: nx.MultiDiGraph, *, stated_only: bool = False) -> nx.Graph:
    """Every entity, linked (once, unweighted) to each entity it has a fact with."""
    simple = nx.Graph(weight=None, stated_only=stated_only)
    simple.add_nodes_from(g.nodes(data=True))
    simple.add_edges_from((a, b) for a, b in _facts(g, stated_only).edges() if a != b)
    return simple


def projection(g: nx.MultiDiGraph, name: Projection, *, stated_only: bool = False) -> nx.Graph:
    """The named view of the graph: the full graph (undirected, simple) or a projection."""
    if name == "organisations":
        return project(g, "Organisation", stated_only=stated_only)
    if name == "cities":
        return project(g, "City", stated_only=stated_only)
    if name == "coauthors":
        return coauthors(g, stated_only=stated_only)
    return full(g, stated_only=stated_only)
