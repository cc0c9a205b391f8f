"""``GET /analytics/centrality`` says how each metric weighs the links, and can leave
inferred facts out."""

from __future__ import annotations

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from kgraph.analysis import analytics
from kgraph.db.graph import Graph


def centrality(client: TestClient, **params: str | int) -> dict[str, object]:
    response = client.get("/analytics/centrality", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


@pytest.mark.parametrize(
    ("metric", "weight_as"),
    [("degree", "strength"), ("betweenness", "distance"), ("closeness", "distance"),
     ("eigenvector", "strength"), ("pagerank", "strength")],
)  # fmt: skip
def test_every_metric_on_a_projection_says_it_uses_newman_weights_and_how(
    corpus_client: TestClient, metric: str, weight_as: str
) -> None:
    body = centrality(corpus_client, metric=metric, projection="cities")
    assert (body["weighted"], body["weight"], body["weight_as"]) == (True, "newman", weight_as)
    assert "newman" in str(body["weighting"])
    assert (body["nodes"], body["edges"], body["stated_only"]) == (7, 21, False)
    off = centrality(corpus_client, metric=metric, projection="cities", weighted=False)
    assert (off["weighted"], off["weight"], off["weight_as"]) == (False, None, None)


def test_the_full_graph_is_ranked_unweighted_and_says_so(corpus_client: TestClient) -> None:
    body = centrality(corpus_client, metric="pagerank", projection="full")
    assert (body["weighted"], body["weight"]) == (False, None)
    assert "carry no weight" in str(body["weighting"])


def test_city_betweenness_finds_kokkola_between_the_cities_not_seven_zeros(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    body = centrality(corpus_client, metric="betweenness", projection="cities", top=7)
    items = body["items"]
    assert isinstance(items, list)
    assert items[0]["name"] == "Kokkola" and items[0]["score"] > 0
    # The same figure networkx gives over distance = 1 / Newman weight.
    cities = analytics.projection(analytics.to_networkx(corpus_graph), "cities")
    expected = nx.betweenness_centrality(cities, weight="distance")
    assert items[0]["score"] == round(expected["city:kokkola"], 6)


def test_stated_only_ranks_the_network_without_inferred_facts(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    every = centrality(corpus_client, metric="degree", projection="cities", top=1)
    stated = centrality(
        corpus_client, metric="degree", projection="cities", top=1, stated_only=True
    )
    assert stated["stated_only"] is True
    # Kokkola's strength: the projects it shares with another city, stated or inferred.
    shared = corpus_graph.read(
        "MATCH (:City {id: 'city:kokkola'})-[r:PARTICIPATES_IN]->(p:Project)"
        "<-[q:PARTICIPATES_IN]-(c:City) WHERE c.id <> 'city:kokkola' "
        "RETURN count(DISTINCT p) AS every, "
        "count(DISTINCT CASE WHEN r.stated AND q.stated THEN p END) AS stated"
    )[0]
    assert every["items"][0]["score"] == shared["every"]  # type: ignore[index]
    assert stated["items"][0]["score"] == shared["stated"]  # type: ignore[index]
    assert shared["stated"] < shared["every"]
