"""Read-only Cypher, shortest paths, centrality, export and load history over HTTP."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient


def test_cypher_reads_with_parameters(corpus_client: TestClient) -> None:
    response = corpus_client.post(
        "/cypher",
        json={
            "query": "MATCH (c:City {id: $id}) RETURN c.name_sv AS sv",
            "params": {"id": "city:vaasa"},
        },
    )
    assert response.json() == {"columns": ["sv"], "rows": [{"sv": "Vasa"}], "row_count": 1,
                               "truncated": False, "truncated_reason": None,
                               "warnings": []}  # fmt: skip


def test_paths_connect_a_person_to_a_funder_with_evidence(corpus_client: TestClient) -> None:
    body = corpus_client.get(
        "/paths", params={"from": "Ulla Lassi", "to": "Business Finland", "max_hops": 4}
    ).json()
    assert body["paths"]
    shortest = body["paths"][0]
    assert shortest["nodes"][0]["id"] == "person:ulla-lassi"
    assert shortest["nodes"][-1]["id"] == "org:business-finland"
    assert all(hop.get("evidence") or hop.get("premise_evidence") for hop in shortest["hops"])


def test_centrality_ranks_the_university_of_oulu_first_among_organisations(
    corpus_client: TestClient,
) -> None:
    body = corpus_client.get(
        "/analytics/centrality",
        params={"metric": "degree", "projection": "full", "type": "Organisation", "top": 3},
    ).json()
    assert body["items"][0]["id"] == "org:university-of-oulu"
    assert len(body["items"]) == 3


def test_export_graphml_opens_as_xml_with_every_entity(corpus_client: TestClient) -> None:
    response = corpus_client.get("/export", params={"format": "graphml"})
    root = ET.fromstring(response.text)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = root.findall(".//g:node", ns)
    count = corpus_client.get("/entities", params={"limit": 1}).json()["total"]
    assert len(nodes) == count


def test_export_node_link_json_and_csv(corpus_client: TestClient) -> None:
    data = json.loads(corpus_client.get("/export", params={"format": "json"}).text)
    assert {"nodes", "edges"} <= set(data)
    csv_text = corpus_client.get("/export", params={"format": "edges.csv"}).text
    assert csv_text.splitlines()[0].startswith("Source,Target,Type,Id,Label,Weight,")


def test_loads_lists_history_and_latest_changes(corpus_client: TestClient) -> None:
    runs = corpus_client.get("/loads").json()
    assert runs and runs[0]["status"] == "completed"
    assert "000_82ade397896eee5f" in runs[0]["documents"]
    latest = corpus_client.get("/loads/latest/changes").json()
    assert latest["node_changes"]["added"]
