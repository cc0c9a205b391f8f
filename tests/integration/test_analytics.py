"""The analytics on the real graph, pinning what the notebook says about the network."""

from __future__ import annotations

from itertools import combinations

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


OULU, CENTRIA, LUKE = "org:university-of-oulu", "org:centria", "org:luke"


def separated_pairs(g: nx.Graph, node: str) -> tuple[list[set[str]], int]:
    """The parts that removing ``node`` leaves of its component, and the pairs it separates."""
    component = nx.node_connected_component(g, node) - {node}
    parts = sorted(nx.connected_components(g.subgraph(component)), key=len)
    return parts, sum(len(a) * len(b) for a, b in combinations(parts, 2))


def test_university_of_oulu_bridges_the_organisations(corpus_graph: Graph) -> None:
    """Why Oulu first and Centria second (the notebook's reading of the documents): Oulu is the
    one organisation in both the national and international projects with Aalto, LUT and UEF
    and the Kokkola-area ones, and Centria is the only partner of Luke (KIP-Kierto, the Kokkola
    page). So they are the only cut vertices, and each lies on every shortest path between the
    organisations it separates."""
    organisations = analytics.projection(analytics.to_networkx(corpus_graph), "organisations")
    assert set(nx.articulation_points(organisations)) == {OULU, CENTRIA}
    oulu_parts, oulu_pairs = separated_pairs(organisations, OULU)
    assert oulu_parts[0] == {"org:aalto-university", "org:lut-university", "org:uef"}
    assert {CENTRIA, LUKE, "org:chydenius"} <= oulu_parts[1]
    centria_parts, centria_pairs = separated_pairs(organisations, CENTRIA)
    assert centria_parts[0] == {LUKE}

    ranked = analytics.centrality(organisations, "betweenness", top=len(organisations))
    score = {row["id"]: row["score"] for row in ranked}
    pairs = (len(organisations) - 1) * (len(organisations) - 2) / 2  # networkx's normaliser
    assert score[OULU] >= round(oulu_pairs / pairs, 6) > round(centria_pairs / pairs, 6)
    assert score[CENTRIA] >= round(centria_pairs / pairs, 6)
    assert [row["id"] for row in ranked[:2]] == [OULU, CENTRIA]


def test_ulla_lassi_is_the_centre_of_coauthorship(corpus_graph: Graph) -> None:
    people = analytics.projection(analytics.to_networkx(corpus_graph), "coauthors")
    for metric in ("degree", "pagerank"):
        assert analytics.centrality(people, metric, top=1)[0]["id"] == "person:ulla-lassi"
    assert nx.is_connected(people)


def test_eigenvector_centrality_is_the_principal_eigenvector_of_coauthorship(
    corpus_graph: Graph,
) -> None:
    people = analytics.projection(analytics.to_networkx(corpus_graph), "coauthors")
    ranked = analytics.centrality(people, "eigenvector", top=len(people))
    score = {row["id"]: row["score"] for row in ranked}
    assert len(score) == len(people) and min(score.values()) > 0
    # The definition: every score is the same multiple of the sum of its neighbours' scores.
    ratios = [sum(score[u] for u in people[v]) / score[v] for v in people]
    assert max(ratios) - min(ratios) < 1e-3 * max(ratios)
    # Ulla Lassi is an author of every publication, so a neighbour of every other author;
    # from the definition, no one can then score higher than she does.
    assert set(people["person:ulla-lassi"]) == set(people) - {"person:ulla-lassi"}
    assert ranked[0]["id"] == "person:ulla-lassi"


def test_every_metric_ranks_deterministically(corpus_graph: Graph) -> None:
    full = analytics.projection(analytics.to_networkx(corpus_graph), "full")
    for metric in analytics.METRICS:
        first = analytics.centrality(full, metric, top=5)
        assert first == analytics.centrality(full, metric, top=5)
        assert len(first) == 5
