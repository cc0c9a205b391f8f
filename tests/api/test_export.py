"""``GET /export``: every entity and fact as a file, counted against the graph itself."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable

import pytest
from fastapi.testclient import TestClient

from kgraph.db.graph import Graph

GRAPHML = {"g": "http://graphml.graphdrawing.org/xmlns"}
# What the export leaves out on purpose: documents, passages, oddities and load runs are
# evidence and bookkeeping; only entities and the facts between them are the network.
# Gephi's spreadsheet columns first (Id, Label; Source, Target, Type, Id, Label, Weight).
ENTITIES = """
MATCH (e:Entity)
RETURN e.id AS Id, e.name AS Label, e.type AS type, coalesce(e.name_fi, '') AS name_fi,
       coalesce(e.status, '') AS status, coalesce(toString(e.start), '') AS start,
       coalesce(toString(e.end), '') AS end, coalesce(toString(e.grant_eur), '') AS grant_eur
ORDER BY Id
"""
FACTS = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS Source, b.id AS Target, 'Directed' AS Type, r.fact_id AS Id, type(r) AS Label,
       '1' AS Weight, CASE WHEN r.stated THEN 'true' ELSE 'false' END AS stated,
       CASE WHEN r.stated THEN 'stated' ELSE 'inferred' END AS basis,
       coalesce(r.rule, '') AS rule, coalesce(r.role, '') AS role,
       coalesce(toString(r.amount_eur), '') AS amount_eur,
       coalesce(toString(r.valid_from), '') AS valid_from,
       coalesce(toString(r.valid_to), '') AS valid_to
"""
NODE_HEADER = ("Id,Label,type,name_fi,name_sv,acronym,status,start,end,start_year,end_year,"
               "date,year,grant_eur,doi")  # fmt: skip
EDGE_HEADER = ("Source,Target,Type,Id,Label,Weight,predicate,stated,basis,rule,role,amount_eur,"
               "valid_from,valid_to,date")  # fmt: skip


def rows(text: str, keep: Iterable[str] | None = None) -> list[dict[str, str]]:
    """The table's rows, with only the columns ``keep`` names (all when None)."""
    found = list(csv.DictReader(io.StringIO(text)))
    if keep is None:
        return found
    return [{k: row[k] for k in keep} for row in found]


def fact_count(graph: Graph) -> int:
    count: int = graph.read("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n")[0]["n"]
    return count


@pytest.mark.parametrize(
    ("format", "media_type", "filename"),
    [
        ("graphml", "application/graphml+xml", "kgraph.graphml"),
        ("json", "application/json", "kgraph.json"),
        ("csv", "application/zip", "kgraph-csv.zip"),
        ("nodes.csv", "text/csv; charset=utf-8", "kgraph.nodes.csv"),
        ("edges.csv", "text/csv; charset=utf-8", "kgraph.edges.csv"),
    ],
)
def test_every_format_is_an_attachment_named_for_it_with_its_media_type(
    corpus_client: TestClient, format: str, media_type: str, filename: str
) -> None:
    response = corpus_client.get("/export", params={"format": format})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'


def test_csv_is_a_zip_of_the_nodes_and_edges_tables(corpus_client: TestClient) -> None:
    response = corpus_client.get("/export", params={"format": "csv"})
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == ["nodes.csv", "edges.csv"]
        nodes = archive.read("nodes.csv").decode()
        edges = archive.read("edges.csv").decode()
    assert nodes == corpus_client.get("/export", params={"format": "nodes.csv"}).text
    assert edges == corpus_client.get("/export", params={"format": "edges.csv"}).text


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
    assert text.splitlines()[0] == NODE_HEADER
    expected = corpus_graph.read(ENTITIES)
    assert rows(text, expected[0].keys()) == expected


def test_nodes_csv_keeps_the_finnish_name_beside_the_english_one(corpus_client: TestClient) -> None:
    keep = ("Id", "Label", "type", "name_fi")
    by_id = {r["Id"]: r for r in rows(corpus_client.get("/export?format=nodes.csv").text, keep)}
    # Registry: the network of doc 000 named in Finnish "Kansallinen akkukemian tutkimusverkosto".
    assert by_id["network:battery-chemistry-research-network"] == {
        "Id": "network:battery-chemistry-research-network",
        "Label": "National battery chemistry research network",
        "type": "Network",
        "name_fi": "Kansallinen akkukemian tutkimusverkosto",
    }


def test_nodes_csv_carries_each_projects_dates_and_status(corpus_client: TestClient) -> None:
    by_id = {r["Id"]: r for r in rows(corpus_client.get("/export?format=nodes.csv").text)}
    # Registry (doc 002): Teollisuuden Big Data ran 1.9.2023 - 31.8.2026, ongoing in 2025.
    big_data = by_id["project:teollisuuden-big-data"]
    assert (big_data["Label"], big_data["status"], big_data["start"], big_data["end"]) == (
        "Industrial Big Data", "ongoing", "2023-09-01", "2026-08-31",
    )  # fmt: skip


def test_edges_csv_holds_exactly_the_facts_between_entities(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    text = corpus_client.get("/export", params={"format": "edges.csv"}).text
    assert text.splitlines()[0] == EDGE_HEADER
    expected = corpus_graph.read(FACTS)
    exported = rows(text, expected[0].keys())
    assert len(exported) == fact_count(corpus_graph)
    key = "Id"
    assert [row[key] for row in exported] == sorted(row[key] for row in exported)
    assert sorted(exported, key=lambda r: r[key]) == sorted(expected, key=lambda r: r[key])


def test_edges_csv_tells_stated_facts_from_inferred_ones(corpus_client: TestClient) -> None:
    keep = ("Source", "Target", "Label", "Weight", "stated", "basis", "rule", "amount_eur")
    by_id = {row["Id"]: row for row in rows(corpus_client.get("/export?format=edges.csv").text)}
    # Doc 000: Business Finland granted BATCircle3.0 13.4 million euros (a stated fact).
    funding = by_id["project:batcircle3|FUNDED_BY|org:business-finland"]
    assert {k: funding[k] for k in keep} == {
        "Source": "project:batcircle3", "Target": "org:business-finland", "Label": "FUNDED_BY",
        "Weight": "1", "stated": "true", "basis": "stated", "rule": "", "amount_eur": "13400000",
    }  # fmt: skip
    # Kokkola takes part in SAFELOOP because the University of Oulu, located there, does.
    inferred = "city:kokkola|PARTICIPATES_IN|project:safeloop|city_participates_via_organisation"
    assert (by_id[inferred]["stated"], by_id[inferred]["basis"]) == ("false", "inferred")
    assert by_id[inferred]["rule"] == "city_participates_via_organisation"


def test_edges_csv_keeps_the_role_of_each_participant(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    by_id = {r["Id"]: r for r in rows(corpus_client.get("/export?format=edges.csv").text)}
    roles = corpus_graph.read(
        "MATCH (:Entity)-[r:PARTICIPATES_IN]->(:Entity) WHERE r.role IS NOT NULL "
        "RETURN r.fact_id AS id, r.role AS role"
    )
    assert roles and {r["id"]: by_id[r["id"]]["role"] for r in roles} == {
        r["id"]: r["role"] for r in roles
    }


def test_node_link_json_counts_every_entity_and_fact(
    corpus_client: TestClient, corpus_graph: Graph
) -> None:
    data = json.loads(corpus_client.get("/export", params={"format": "json"}).text)
    assert data["directed"] is True and data["multigraph"] is True
    entities = corpus_graph.read(ENTITIES)
    assert sorted(node["id"] for node in data["nodes"]) == [row["Id"] for row in entities]
    assert {node["id"]: node["label"] for node in data["nodes"]} == {
        row["Id"]: row["Label"] for row in entities
    }
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
        row["Id"] for row in corpus_graph.read(ENTITIES)
    ]
    assert len(edges) == fact_count(corpus_graph)


def test_graphml_gives_gephi_a_label_on_every_node_and_a_weight_on_every_edge(
    corpus_client: TestClient,
) -> None:
    root = ET.fromstring(corpus_client.get("/export", params={"format": "graphml"}).text)
    keys = {
        (k.attrib["for"], k.attrib["attr.name"]): k.attrib["id"]
        for k in root.findall("g:key", GRAPHML)
    }
    label, weight = keys[("node", "label")], keys[("edge", "weight")]
    vaasa = root.find(".//g:node[@id='city:vaasa']", GRAPHML)
    assert vaasa is not None
    assert vaasa.find(f"g:data[@key='{label}']", GRAPHML).text == "Vaasa"  # type: ignore[union-attr]
    edges = root.findall(".//g:edge", GRAPHML)
    assert {e.find(f"g:data[@key='{weight}']", GRAPHML).text for e in edges} == {"1.0"}  # type: ignore[union-attr]
