"""The analytics on the real graph, pinning what the notebook says about the network."""

from __future__ import annotations

import networkx as nx

from kgraph.analysis import analytics
from kgraph.db.graph import Graph


def test_city_projection_matches_the_projects_cities_share(corpus_graph: Graph) -> None:
    g = analytics.to_networkx(corpus_graph)
    cities = analytics.projection(g, "cities")
    shared = corpus_graph.read(
        "MATCH (a:City)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(b:City) "
        "WHERE a.id < b.id RETURN a.id AS a, b.id AS b, count(DISTINCT p) AS n"
    )
    assert cities.number_of_edges() == len(shared)
    for row in shared:
        assert cities[row["a"]][row["b"]]["weight"] == row["n"]


def test_innocities_form_a_complete_network_told_apart_by_weight(corpus_graph: Graph) -> None:
    cities = analytics.projection(analytics.to_networkx(corpus_graph), "cities")
    assert cities.number_of_nodes() == 7
    assert cities.number_of_edges() == 21  # all share the leadership project
    strength = {cities.nodes[n]["name"]: d for n, d in cities.degree(weight="weight")}
    assert max(strength, key=strength.__getitem__) == "Kokkola"
    assert strength["Vaasa"] == strength["Turku"] == strength["Pori"] > strength["Kuopio"]
    assert min(strength, key=strength.__getitem__) == "Jyväskylä"


def test_university_of_oulu_bridges_the_organisations(corpus_graph: Graph) -> None:
    organisations = analytics.projection(analytics.to_networkx(corpus_graph), "organisations")
    top = analytics.centrality(organisations, "betweenness", top=2)
    assert [row["id"] for row in top] == ["org:university-of-oulu", "org:centria"]


def test_ulla_lassi_is_the_centre_of_coauthorship(corpus_graph: Graph) -> None:
    people = analytics.projection(analytics.to_networkx(corpus_graph), "coauthors")
    for metric in ("degree", "pagerank"):
        assert analytics.centrality(people, metric, top=1)[0]["id"] == "person:ulla-lassi"
    assert nx.is_connected(people)


def test_every_metric_ranks_deterministically(corpus_graph: Graph) -> None:
    full = analytics.projection(analytics.to_networkx(corpus_graph), "full")
    for metric in analytics.METRICS:
        first = analytics.centrality(full, metric, top=5)
        assert first == analytics.centrality(full, metric, top=5)
        assert len(first) == 5
