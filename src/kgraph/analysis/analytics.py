"""The graph in networkx: one call to pull it, projections, centrality and communities.

    g = to_networkx(graph)                      # every entity and fact, names and types kept
    cities = projection(g, "cities")            # cities linked through shared projects (Newman)
    top = centrality(cities, "betweenness", top=5)   # over distance = 1 / weight
    weighting(cities, "betweenness")            # says so: weighted, newman, as distance

Every metric states how it uses weights (``weighting``); the projections are built in
``projections`` with networkx's bipartite module.

Plain data in, plain data out: functions take networkx graphs and return dicts and lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import networkx as nx

from kgraph.analysis.projections import PROJECTIONS, Projection, coauthors, project, projection
from kgraph.db import cypher
from kgraph.db.graph import Graph

__all__ = ["METRICS", "PROJECTIONS", "Metric", "Projection", "centrality", "coauthors",
           "communities", "project", "projection", "pull", "to_networkx", "weighting"]  # fmt: skip

Metric = Literal["degree", "betweenness", "closeness", "eigenvector", "pagerank"]
WeightUse = Literal["strength", "distance"]
METRICS: tuple[Metric, ...] = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Every entity as a node (id, type, names, dates, status, amounts) and every fact as an
    edge (type, stated, rule, role, amount, period).

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


#: How each metric uses a projection's Newman weight when it is weighted.
WEIGHT_USE: dict[Metric, WeightUse] = {
    "degree": "strength",
    "betweenness": "distance",
    "closeness": "distance",
    "eigenvector": "strength",
    "pagerank": "strength",
}
_MEANING: dict[WeightUse, str] = {
    "strength": "the Newman weight counts as the strength of a tie (more is stronger)",
    "distance": "shortest paths run over distance = 1 / Newman weight (strong ties are short)",
}
_DEGREE = {
    True: "strength: the sum of a node's Newman weights (the number of its projects or "
    "publications shared with anyone)",
    False: "the share of the other nodes a node is linked to",
}


def weighting(g: nx.Graph, metric: Metric, weighted: bool = True) -> dict[str, Any]:
    """How ``metric`` weighs the links of ``g``: ``weighted``, ``weight``, ``weight_as`` and
    a sentence. A graph without weights (the full graph) is always ranked unweighted."""
    weight = g.graph.get("weight") if weighted else None
    if weight is None:
        why = "asked for" if g.graph.get("weight") else "its links carry no weight"
        note = f"unweighted ({why}): every link counts 1"
        if metric == "degree":
            note += "; " + _DEGREE[False]
        return {"weighted": False, "weight": None, "weight_as": None, "weighting": note}
    use = WEIGHT_USE[metric]
    note = f"weighted by {weight}: " + (_DEGREE[True] if metric == "degree" else _MEANING[use])
    return {"weighted": True, "weight": weight, "weight_as": use, "weighting": note}


def _scores(
    g: nx.Graph, metric: Metric, weighted: bool, sample: int | None, seed: int
) -> dict[Any, float]:
    w = "weight" if weighting(g, metric, weighted)["weighted"] else None
    d = "distance" if w else None
    n = len(g)
    algorithms: dict[Metric, Callable[[], dict[Any, float]]] = {
        "degree": lambda: dict(g.degree(weight=w)) if w else nx.degree_centrality(g),
        "betweenness": lambda: nx.betweenness_centrality(
            g, k=min(sample, n) if sample else None, seed=seed, normalized=True, weight=d
        ),
        "closeness": lambda: nx.closeness_centrality(g, distance=d),
        "eigenvector": lambda: _eigenvector(g, w),
        "pagerank": lambda: nx.pagerank(g, weight=w),
    }
    return algorithms[metric]()


def _eigenvector(g: nx.Graph, weight: str | None) -> dict[Any, float]:
    """Eigenvector centrality per connected component (it is undefined across components)."""
    scores: dict[Any, float] = {}
    for component in nx.connected_components(g):
        sub = g.subgraph(component)
        if len(sub) < 3:
            scores.update(dict.fromkeys(sub, 0.0))
            continue
        part = nx.eigenvector_centrality_numpy(sub, weight=weight)
        share = len(sub) / len(g)
        scores.update({node: value * share for node, value in part.items()})
    return scores


def centrality(
    g: nx.Graph,
    metric: Metric,
    *,
    top: int = 10,
    type: str | None = None,
    weighted: bool = True,
    sample: int | None = None,
    seed: int = 7,
) -> list[dict[str, Any]]:
    """The ``top`` nodes by ``metric``, optionally only of one type; ties broken by id.

    ``weighted`` (the default) uses a projection's Newman weights as ``weighting`` says;
    ``sample`` uses networkx's sampled betweenness (k pivots) for large graphs.
    """
    if len(g) == 0:
        return []
    scores = _scores(g, metric, weighted, sample, seed)
    rows = [
        {"id": node, "name": g.nodes[node].get("name"), "type": g.nodes[node].get("type"),
         "score": round(float(score), 6)}
        for node, score in scores.items()
        if type is None or g.nodes[node].get("type") == type
    ]  # fmt: skip
    rows.sort(key=lambda row: (-row["score"], row["id"]))
    return rows[:top]


def communities(g: nx.Graph, seed: int = 7, *, weighted: bool = True) -> list[list[str]]:
    """Louvain communities, largest first: modularity over the Newman weights when the graph
    has them and ``weighted``, else every link counts 1."""
    if g.number_of_edges() == 0:
        return [[node] for node in sorted(g)]
    weight = "weight" if weighted and g.graph.get("weight") else None
    found = nx.community.louvain_communities(g, weight=weight, seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def pull(uri: str, auth: tuple[str, str], database: str = "neo4j") -> nx.MultiDiGraph:
    """One call from a running Neo4j to a networkx graph (opens and closes its own driver)."""
    from kgraph.db.graph import connect

    graph = Graph(connect(uri, auth), database)
    try:
        return to_networkx(graph)
    finally:
        graph.close()
