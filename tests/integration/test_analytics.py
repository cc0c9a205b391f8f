"""The analytics on the real graph, pinning what the notebook says about the network."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest

from kgraph.analysis import analytics
from kgraph.db.graph import Graph

#: Per pair of cities, the projects they share and Newman's weight: 1 / (members - 1) summed.
SHARED_PROJECTS = """
MATCH (a:City)-[r:PARTICIPATES_IN]->(p:Project)<-[q:PARTICIPATES_IN]-(b:City)
WHERE a.id < b.id AND (NOT $stated_only OR (r.stated AND q.stated))
WITH DISTINCT a, b, p
CALL (p) {
  MATCH (c:City)-[m:PARTICIPATES_IN]->(p) WHERE NOT $stated_only OR m.stated
  RETURN count(DISTINCT c) AS members
}
RETURN a.id AS a, b.id AS b, count(p) AS shared, sum(1.0 / (members - 1)) AS newman
"""


@pytest.mark.parametrize("stated_only", [False, True])
def test_city_projection_weighs_each_shared_project_by_newmans_rule(
    corpus_graph: Graph, stated_only: bool
) -> None:
    g = analytics.to_networkx(corpus_graph)
    cities = analytics.projection(g, "cities", stated_only=stated_only)
    shared = corpus_graph.read(SHARED_PROJECTS, {"stated_only": stated_only})
    assert cities.number_of_edges() == len(shared)
    for row in shared:
        link = cities[row["a"]][row["b"]]
        assert link["shared"] == row["shared"] == len(link["projects"])
        assert link["weight"] == pytest.approx(row["newman"])
        assert link["distance"] == pytest.approx(1 / row["newman"])
    assert cities.graph == {"weight": "newman", "stated_only": stated_only}


def test_the_umbrella_project_weighs_a_sixth_so_kokkola_bridges_the_cities(
    corpus_graph: Graph,
) -> None:
    """All seven InnoCities share the leadership project: the links are complete, but that
    project adds 1/6 to each, so unweighted betweenness is seven zeros and the weighted one
    finds Kokkola between the coast (Pori, Turku, Vaasa) and Kuopio and Lappeenranta."""
    cities = analytics.projection(analytics.to_networkx(corpus_graph), "cities")
    assert cities.number_of_nodes() == 7 and cities.number_of_edges() == 21
    assert cities["city:jyvaskyla"]["city:vaasa"]["projects"] == ["project:leadership"]
    assert cities["city:jyvaskyla"]["city:vaasa"]["weight"] == pytest.approx(1 / 6)
    unweighted = analytics.centrality(cities, "betweenness", top=7, weighted=False)
    assert {row["score"] for row in unweighted} == {0.0}
    weighted = analytics.centrality(cities, "betweenness", top=7)
    assert weighted[0]["name"] == "Kokkola" and weighted[0]["score"] > 0
    assert {row["score"] for row in weighted[1:]} == {0.0}
    strength = {cities.nodes[n]["name"]: d for n, d in cities.degree(weight="shared")}
    assert max(strength, key=strength.__getitem__) == "Kokkola"
    assert strength["Vaasa"] == strength["Turku"] == strength["Pori"] > strength["Kuopio"]
    assert min(strength, key=strength.__getitem__) == "Jyväskylä"


def test_newman_strength_counts_the_collaborative_projects_of_each_city(
    corpus_graph: Graph,
) -> None:
    cities = analytics.projection(analytics.to_networkx(corpus_graph), "cities")
    projects = corpus_graph.read(
        "MATCH (c:City)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(other:City) "
        "WHERE other <> c RETURN c.id AS id, count(DISTINCT p) AS n"
    )
    degree = analytics.centrality(cities, "degree", top=7)
    assert {row["id"]: row["score"] for row in degree} == {r["id"]: r["n"] for r in projects}


def test_stated_only_leaves_out_the_inferred_participations(corpus_graph: Graph) -> None:
    g = analytics.to_networkx(corpus_graph)
    # Kokkola shares BATCircle2.0 and NOVELSUSMAT with Lappeenranta and Kuopio only through
    # organisations located there (rule city_participates_via_organisation).
    every = analytics.projection(g, "cities")["city:kokkola"]["city:kuopio"]
    stated = analytics.projection(g, "cities", stated_only=True)["city:kokkola"]["city:kuopio"]
    assert set(every["projects"]) - set(stated["projects"]) == {"project:novelsusmat"}
    inferred = sum(1 for *_, d in g.edges(data=True) if not d["stated"])
    full = analytics.projection(g, "full", stated_only=True)
    assert inferred > 0 and full.graph["stated_only"] is True
    stated_pairs = {frozenset((a, b)) for a, b, d in g.edges(data=True) if d["stated"] and a != b}
    assert {frozenset(e) for e in full.edges()} == stated_pairs


@pytest.mark.parametrize("metric", analytics.METRICS)
def test_every_metric_says_how_it_weighs_the_links(corpus_graph: Graph, metric: str) -> None:
    g = analytics.to_networkx(corpus_graph)
    cities = analytics.projection(g, "cities")
    said = analytics.weighting(cities, metric)  # type: ignore[arg-type]
    expected_use = "distance" if metric in ("betweenness", "closeness") else "strength"
    assert (said["weighted"], said["weight"], said["weight_as"]) == (True, "newman", expected_use)
    off = analytics.weighting(cities, metric, weighted=False)  # type: ignore[arg-type]
    assert (off["weighted"], off["weight"], off["weight_as"]) == (False, None, None)
    full = analytics.weighting(analytics.projection(g, "full"), metric)  # type: ignore[arg-type]
    assert full["weighted"] is False and "carry no weight" in full["weighting"]


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

    # Cut vertices in the unweighted sense: every link counts one hop.
    ranked = analytics.centrality(
        organisations, "betweenness", top=len(organisations), weighted=False
    )
    score = {row["id"]: row["score"] for row in ranked}
    pairs = (len(organisations) - 1) * (len(organisations) - 2) / 2  # networkx's normaliser
    assert score[OULU] >= round(oulu_pairs / pairs, 6) > round(centria_pairs / pairs, 6)
    assert score[CENTRIA] >= round(centria_pairs / pairs, 6)
    assert [row["id"] for row in ranked[:2]] == [OULU, CENTRIA]
    # Over Newman distances the strong Chydenius-Oulu-Jyväskylä ties carry the shortest paths:
    # Chydenius, in the most projects with Oulu, comes first and Oulu second.
    weighted = analytics.centrality(organisations, "betweenness", top=3)
    assert [row["id"] for row in weighted[:2]] == ["org:chydenius", OULU]


def test_ulla_lassi_is_the_centre_of_coauthorship(corpus_graph: Graph) -> None:
    people = analytics.projection(analytics.to_networkx(corpus_graph), "coauthors")
    for metric in ("degree", "pagerank"):
        assert analytics.centrality(people, metric, top=1)[0]["id"] == "person:ulla-lassi"
    assert nx.is_connected(people)


def test_eigenvector_centrality_is_the_principal_eigenvector_of_coauthorship(
    corpus_graph: Graph,
) -> None:
    people = analytics.projection(analytics.to_networkx(corpus_graph), "coauthors")
    ranked = analytics.centrality(people, "eigenvector", top=len(people), weighted=False)
    score = {row["id"]: row["score"] for row in ranked}
    assert len(score) == len(people) and min(score.values()) > 0
    # The definition: every score is the same multiple of the sum of its neighbours' scores.
    ratios = [sum(score[u] for u in people[v]) / score[v] for v in people]
    assert max(ratios) - min(ratios) < 1e-3 * max(ratios)
    # Ulla Lassi is an author of every publication, so a neighbour of every other author;
    # from the definition, no one can then score higher than she does.
    assert set(people["person:ulla-lassi"]) == set(people) - {"person:ulla-lassi"}
    assert ranked[0]["id"] == "person:ulla-lassi"
    # Weighted, the neighbours' scores are summed times the Newman weight of each tie.
    ranked = analytics.centrality(people, "eigenvector", top=len(people))
    score = {row["id"]: row["score"] for row in ranked}
    ratios = [sum(score[u] * people[v][u]["weight"] for u in people[v]) / score[v] for v in people]
    assert max(ratios) - min(ratios) < 1e-3 * max(ratios)
    assert ranked[0]["id"] == "person:ulla-lassi"


def test_every_metric_ranks_deterministically(corpus_graph: Graph) -> None:
    full = analytics.projection(analytics.to_networkx(corpus_graph), "full")
    for metric in analytics.METRICS:
        first = analytics.centrality(full, metric, top=5)
        assert first == analytics.centrality(full, metric, top=5)
        assert len(first) == 5
