"""The graph in networkx: one call to pull it, projections, centrality and communities.

    g = to_networkx(graph)                      # every entity and fact, names and types kept
    cities = project(g, "City")                 # cities linked through shared projects
    top = centrality(cities, "betweenness", top=5)

Plain data in, plain data out: functions take networkx graphs and return dicts and lists.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations
from typing import Any, Literal

import networkx as nx

from kgraph.db import cypher
from kgraph.db.graph import Graph

Metric = Literal["degree", "betweenness", "closeness", "eigenvector", "pagerank"]
Projection = Literal["full", "organisations", "cities", "coauthors"]
METRICS: tuple[Metric, ...] = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Every entity as a node (id, type, name) and every fact as an edge (type, stated, rule).

    Documents and passages are left out: they are evidence, not actors of the network.
    """
    g = nx.MultiDiGraph()
    for row in graph.read(cypher.NETWORK_NODES):
        g.add_node(row["id"], **{k: v for k, v in row.items() if k != "id" and v is not None})
    for row in graph.read(cypher.NETWORK_EDGES):
        attributes = {
            k: v for k, v in row.items() if k not in ("source", "target") and v is not None
        }
        g.add_edge(row["source"], row["target"], key=row["fact_id"], **attributes)
    return g


def _groups(g: nx.MultiDiGraph, edge_type: str, kind: str | None) -> dict[str, set[str]]:
    """Target id -> the sources (of ``kind``, if given) linked to it by ``edge_type``."""
    groups: dict[str, set[str]] = {}
    for source, target, data in g.edges(data=True):
        if data.get("type") == edge_type and kind in (None, g.nodes[source].get("type")):
            groups.setdefault(target, set()).add(source)
    return groups


def _cliques(g: nx.MultiDiGraph, groups: dict[str, set[str]], via: str) -> nx.Graph:
    """Members of each group linked pairwise; ``weight`` counts the groups, ``via`` names them."""
    out = nx.Graph()
    for group, members in sorted(groups.items()):
        for member in members:
            out.add_node(member, **g.nodes[member])
        for a, b in combinations(sorted(members), 2):
            if out.has_edge(a, b):
                out[a][b]["weight"] += 1
                out[a][b][via].append(group)
            else:
                out.add_edge(a, b, weight=1, **{via: [group]})
    return out


def project(g: nx.MultiDiGraph, kind: str) -> nx.Graph:
    """Entities of ``kind`` linked when they take part in the same project.

    Edge attributes: ``weight`` (number of shared projects) and ``projects`` (their ids).
    Every entity of the kind that takes part in any project is a node.
    """
    return _cliques(g, _groups(g, "PARTICIPATES_IN", kind), "projects")


def coauthors(g: nx.MultiDiGraph) -> nx.Graph:
    """People linked when they authored the same publication (weight = shared publications)."""
    return _cliques(g, _groups(g, "AUTHORED", None), "publications")


def projection(g: nx.MultiDiGraph, name: Projection) -> nx.Graph:
    """The named view of the graph: the full graph (undirected, simple) or a projection."""
    if name == "organisations":
        return project(g, "Organisation")
    if name == "cities":
        return project(g, "City")
    if name == "coauthors":
        return coauthors(g)
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes(data=True))
    simple.add_edges_from((a, b) for a, b in g.edges() if a != b)
    return simple


def _scores(g: nx.Graph, metric: Metric, sample: int | None, seed: int) -> dict[Any, float]:
    algorithms: dict[Metric, Callable[[], dict[Any, float]]] = {
        "degree": lambda: nx.degree_centrality(g),
        "betweenness": lambda: nx.betweenness_centrality(
            g, k=min(sample, len(g)) if sample else None, seed=seed, normalized=True
        ),
        "closeness": lambda: nx.closeness_centrality(g),
        "eigenvector": lambda: _eigenvector(g),
        "pagerank": lambda: nx.pagerank(g),
    }
    return algorithms[metric]()


def _eigenvector(g: nx.Graph) -> dict[Any, float]:
    """Eigenvector centrality per connected component (it is undefined across components)."""
    scores: dict[Any, float] = {}
    for component in nx.connected_components(g):
        sub = g.subgraph(component)
        if len(sub) < 3:
            scores.update(dict.fromkeys(sub, 0.0))
            continue
        part = nx.eigenvector_centrality_numpy(sub) if len(sub) > 2 else {}
        share = len(sub) / len(g)
        scores.update({node: value * share for node, value in part.items()})
    return scores


def centrality(
    g: nx.Graph,
    metric: Metric,
    *,
    top: int = 10,
    type: str | None = None,
    sample: int | None = None,
    seed: int = 7,
) -> list[dict[str, Any]]:
    """The ``top`` nodes by ``metric``, optionally only of one type; ties broken by id.

    ``sample`` uses networkx's sampled betweenness (k pivots) for large graphs.
    """
    if len(g) == 0:
        return []
    scores = _scores(g, metric, sample, seed)
    rows = [
        {"id": node, "name": g.nodes[node].get("name"), "type": g.nodes[node].get("type"),
         "score": round(float(score), 6)}
        for node, score in scores.items()
        if type is None or g.nodes[node].get("type") == type
    ]  # fmt: skip
    rows.sort(key=lambda row: (-row["score"], row["id"]))
    return rows[:top]


def communities(g: nx.Graph, seed: int = 7) -> list[list[str]]:
    """Louvain communities (weighted when edges have weights), largest first."""
    if g.number_of_edges() == 0:
        return [[node] for node in sorted(g)]
    found = nx.community.louvain_communities(g, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def pull(uri: str, auth: tuple[str, str], database: str = "neo4j") -> nx.MultiDiGraph:
    """One call from a running Neo4j to a networkx graph (opens and closes its own driver)."""
    from kgraph.db.graph import connect

    graph = Graph(connect(uri, auth), database)
    try:
        return to_networkx(graph)
    finally:
        graph.close()
