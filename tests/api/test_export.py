"""``GET /export``: every entity and fact as a file, counted against the graph itself."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from kgraph.db.graph import Graph

GRAPHML = {"g": "http://graphml.graphdrawing.org/xmlns"}
# What the export leaves out on purpose: documents, passages, oddities and load runs are
# evidence and bookkeeping; only entities and the facts between them are the network.
ENTITIES = (
    "MATCH (e:Entity) RETURN e.id AS id, e.type AS type, coalesce(e.name, '') AS name, "
    "coalesce(e.name_fi, '') AS name_fi ORDER BY id"
)
FACTS = (
    "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS source, b.id AS target, type(r) AS type, "
    "r.fact_id AS fact_id, coalesce(r.stated, false) AS stated, "
    "coalesce(r.rule, '') AS rule"
)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def fact_count(graph: Graph) -> int:
    count: int = graph.read("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n")[0]["n"]
    return count


@pytest.mark.parametrize(
    ("format", "media_type"),
    [
        ("graphml", "application/graphml+xml"),
        ("json", "application/json"),
        ("nodes.csv", "text/csv; charset=utf-8"),
        ("edges.csv", "text/csv; charset=utf-8"),
    ],
)
def test_every_format_is_an_attachment_named_for_it_with_its_media_type(
    corpus_client: TestClient, format: str, media_type: str
) -> None:
    response = corpus_client.get("/export", params={"format": format})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == f'attachment; filename="kgraph.{format}"'


def test_graphml_is_the_default_format(corpus_client: TestClient) -> None:
    response = corpus_client.get("/export")
    assert response.headers["content-disposition"] == 'attachment; filename="kgraph.graphml"'
    assert ET.fromstring(response.text).tag == "{http://graphml.graphdrawing.org/xmlns}graphml"


def test_an_unknown_format_is_refused_with_422(corpus_client: TestClient) -> None:
    response = corpus_client.get("/export", params={"format": "gexf"})
    assert response.status_code == 422
    assert "content-disposition" not in response.headers


def test_nodes_csv_holds_exactly_the_entities_of_the_graph_sorted_by_id(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    text = corpus_client.get("/export", params={"format": "nodes.csv"}).text
    assert text.splitlines()[0] == "id,type,name,name_fi"
    assert rows(text) == corpus_graph.read(ENTITIES)


def test_nodes_csv_keeps_the_finnish_name_beside_the_english_one(corpus_client: TestClient) -> None:
    by_id = {row["id"]: row for row in rows(corpus_client.get("/export?format=nodes.csv").text)}
    # Registry: the network of doc 000 named in Finnish "Kansallinen akkukemian tutkimusverkosto".
    assert by_id["network:battery-chemistry-research-network"] == {
        "id": "network:battery-chemistry-research-network",
        "type": "Network",
        "name": "National battery chemistry research network",
        "name_fi": "Kansallinen akkukemian tutkimusverkosto",
    }


def test_edges_csv_holds_exactly_the_facts_between_entities(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    text = corpus_client.get("/export", params={"format": "edges.csv"}).text
    assert text.splitlines()[0] == "source,target,type,fact_id,stated,rule"
    exported = rows(text)
    assert len(exported) == fact_count(corpus_graph)
    key = "fact_id"
    assert [row[key] for row in exported] == sorted(row[key] for row in exported)
    # csv writes Python's bools: True/False.
    expected = [{**row, "stated": str(row["stated"])} for row in corpus_graph.read(FACTS)]
    assert sorted(exported, key=lambda r: r[key]) == sorted(expected, key=lambda r: r[key])


def test_edges_csv_tells_stated_facts_from_inferred_ones(corpus_client: TestClient) -> None:
    by_id = {
        row["fact_id"]: row for row in rows(corpus_client.get("/export?format=edges.csv").text)
    }
    # Doc 000: Business Finland granted BATCircle3.0 13.4 million euros (a stated fact).
    assert by_id["project:batcircle3|FUNDED_BY|org:business-finland"] == {
        "source": "project:batcircle3", "target": "org:business-finland", "type": "FUNDED_BY",
        "fact_id": "project:batcircle3|FUNDED_BY|org:business-finland", "stated": "True",
        "rule": "",
    }  # fmt: skip
    # Kokkola takes part in SAFELOOP because the University of Oulu, located there, does.
    inferred = "city:kokkola|PARTICIPATES_IN|project:safeloop|city_participates_via_organisation"
    assert by_id[inferred]["stated"] == "False"
    assert by_id[inferred]["rule"] == "city_participates_via_organisation"


def test_node_link_json_counts_every_entity_and_fact(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    data = json.loads(corpus_client.get("/export", params={"format": "json"}).text)
    assert data["directed"] is True and data["multigraph"] is True
    assert sorted(node["id"] for node in data["nodes"]) == [
        row["id"] for row in corpus_graph.read(ENTITIES)
    ]
    assert len(data["edges"]) == fact_count(corpus_graph)
    funding = next(e for e in data["edges"] if e["key"].startswith("project:batcircle3|FUNDED_BY"))
    assert (funding["source"], funding["target"], funding["amount_eur"]) == (
        "project:batcircle3", "org:business-finland", 13_400_000,
    )  # fmt: skip


def test_graphml_counts_every_entity_and_fact(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    root = ET.fromstring(corpus_client.get("/export", params={"format": "graphml"}).text)
    nodes = root.findall(".//g:node", GRAPHML)
    edges = root.findall(".//g:edge", GRAPHML)
    assert sorted(n.attrib["id"] for n in nodes) == [
        row["id"] for row in corpus_graph.read(ENTITIES)
    ]
    assert len(edges) == fact_count(corpus_graph)
