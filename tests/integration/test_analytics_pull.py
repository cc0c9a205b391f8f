"""``analytics.pull`` from a running Neo4j, Louvain ``communities`` and sampled betweenness."""

from __future__ import annotations

import networkx as nx
import pytest

from kgraph.analysis import analytics
from kgraph.db.graph import Graph
from kgraph.errors import GraphUnavailable
from tests.conftest import Target

INNOCITIES = ["city:jyvaskyla", "city:kokkola", "city:kuopio", "city:lappeenranta", "city:pori",
              "city:turku", "city:vaasa"]  # fmt: skip


def test_pull_brings_every_entity_and_fact_from_a_running_neo4j(
    corpus_graph: Graph, target: Target
) -> None:
    g = analytics.pull(target.uri, target.auth, target.database)
    ids = [r["id"] for r in corpus_graph.read("MATCH (e:Entity) RETURN e.id AS id ORDER BY id")]
    assert sorted(g.nodes) == ids
    facts = corpus_graph.read("MATCH (:Entity)-[r]->(:Entity) RETURN r.fact_id AS id")
    assert sorted(key for _, _, key in g.edges(keys=True)) == sorted(r["id"] for r in facts)
    # Doc 000: Business Finland granted BATCircle3.0 13.4 million euros.
    funding = g.edges["project:batcircle3", "org:business-finland",
                      "project:batcircle3|FUNDED_BY|org:business-finland"]  # fmt: skip
    assert (funding["type"], funding["stated"], funding["amount_eur"]) == (
        "FUNDED_BY", True, 13_400_000,
    )  # fmt: skip
    assert g.nodes["city:vaasa"] == {
        "type": "City", "name": "Vaasa", "name_fi": "Vaasa", "name_sv": "Vasa",
    }  # fmt: skip
    # Doc 002: Teollisuuden Big Data started on 1 September 2023 (dates travel as ISO text).
    project = corpus_graph.read(
        "MATCH (p:Project {id: 'project:teollisuuden-big-data'}) "
        "RETURN toString(p.start) AS start, p.status AS status"
    )[0]
    big_data = g.nodes["project:teollisuuden-big-data"]
    assert (big_data["start"], big_data["status"]) == ("2023-09-01", project["status"])


def test_pull_with_a_wrong_password_is_a_kgraph_error(corpus_graph: Graph, target: Target) -> None:
    with pytest.raises(GraphUnavailable, match="Neo4j refused the credentials"):
        analytics.pull(target.uri, (target.auth[0], "not-the-password"), target.database)


def test_communities_split_the_innocities_by_the_projects_they_share(
    corpus_graph: Graph,
) -> None:
    g = analytics.to_networkx(corpus_graph)
    cities = analytics.projection(g, "cities", stated_only=True)
    assert sorted(cities) == INNOCITIES
    # All seven share the leadership project; Kokkola, Pori, Turku and Vaasa also share AKILIT,
    # BATTCHEM, BattEdu and EKOAKKU. Kuopio and Lappeenranta share BATCircle3.0 with Kokkola;
    # Jyväskylä only the leadership project.
    assert analytics.communities(cities) == [
        ["city:kokkola", "city:pori", "city:turku", "city:vaasa"],
        ["city:jyvaskyla", "city:kuopio", "city:lappeenranta"],
    ]
    # With the inferred NOVELSUSMAT and BATCircle2.0 (through organisations located in Kokkola,
    # Kuopio and Lappeenranta), Kokkola's ties to the east outweigh those to the coast.
    assert analytics.communities(analytics.projection(g, "cities")) == [
        ["city:jyvaskyla", "city:kokkola", "city:kuopio", "city:lappeenranta"],
        ["city:pori", "city:turku", "city:vaasa"],
    ]
    # The split comes from the weights: the same 21 links counted once make one community.
    assert analytics.communities(cities, weighted=False) == [INNOCITIES]
    unweighted = nx.Graph(cities.edges())
    assert unweighted.number_of_edges() == 21
    assert analytics.communities(unweighted) == [INNOCITIES]


def test_communities_partition_the_coauthors_largest_first(corpus_graph: Graph) -> None:
    people = analytics.projection(analytics.to_networkx(corpus_graph), "coauthors")
    found = analytics.communities(people)
    assert sorted(p for community in found for p in community) == sorted(people)
    sizes = [len(community) for community in found]
    assert sizes == sorted(sizes, reverse=True) and len(found) > 1
    assert all(community == sorted(community) for community in found)
    ulla = next(c for c in found if "person:ulla-lassi" in c)
    assert analytics.communities(people) == found  # the seed makes Louvain repeatable
    # Ulla Lassi's co-authors with whom she shares most publications are in her community.
    strongest = max(people["person:ulla-lassi"].items(), key=lambda kv: (kv[1]["weight"], kv[0]))
    assert strongest[1]["weight"] == max(d["weight"] for *_, d in people.edges(data=True))
    assert strongest[0] in ulla


def test_without_links_every_entity_is_its_own_community_in_id_order(
    corpus_graph: Graph,
) -> None:
    g = analytics.to_networkx(corpus_graph)
    alone = nx.Graph()
    alone.add_nodes_from(reversed(INNOCITIES))
    assert analytics.communities(alone) == [[city] for city in INNOCITIES]
    assert analytics.communities(analytics.projection(g, "cities")) != [
        [city] for city in INNOCITIES
    ]


def test_sampled_betweenness_with_every_node_as_pivot_is_the_exact_one(
    corpus_graph: Graph,
) -> None:
    full = analytics.projection(analytics.to_networkx(corpus_graph), "full")
    exact = analytics.centrality(full, "betweenness", top=10)
    assert analytics.centrality(full, "betweenness", top=10, sample=len(full)) == exact
    # More pivots than nodes: clamped to every node, not an error.
    assert analytics.centrality(full, "betweenness", top=10, sample=10 * len(full)) == exact
    assert exact[0]["id"] == "project:leadership"


def test_sampled_betweenness_is_an_estimate_repeatable_by_seed(corpus_graph: Graph) -> None:
    full = analytics.projection(analytics.to_networkx(corpus_graph), "full")
    exact = analytics.centrality(full, "betweenness", top=5)
    sampled = analytics.centrality(full, "betweenness", top=5, sample=20)
    assert sampled != exact
    assert analytics.centrality(full, "betweenness", top=5, sample=20) == sampled
    assert analytics.centrality(full, "betweenness", top=5, sample=20, seed=8) != sampled
    # Only betweenness samples; the other metrics ignore the argument.
    assert analytics.centrality(full, "degree", top=5, sample=20) == analytics.centrality(
        full, "degree", top=5
    )
