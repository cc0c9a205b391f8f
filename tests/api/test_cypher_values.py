"""What ``POST /cypher`` gives back for nodes, relationships, paths and temporal values.

Graph values come whole (issue #12, item 5; this replaces the pin of the driver's lossy
``Record.data()`` shape, deliberately): a node is ``{element_id, labels, properties}``, a
relationship ``{element_id, type, start, end, properties}`` whose ends are the element ids of
its nodes, a path ``{nodes, relationships}``. The load's bookkeeping (``_hash``, ``_key``,
``aliases_text``) stays out. Temporal values become ISO 8601 strings; NaN and infinities,
which JSON lacks, come as JavaScript spells them. Neo4j's notifications are ``warnings``.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from kgraph.db.values import INTERNAL_PROPERTIES

FUNDING = (
    "MATCH p = (:Project {id: 'project:batcircle3'})-[r:FUNDED_BY]->"
    "(:Entity {id: 'org:business-finland'}) "
)


def cypher(client: TestClient, query: str, **params: Any) -> dict[str, Any]:
    response = client.post("/cypher", json={"query": query, "params": params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_node_comes_back_with_element_id_labels_and_properties(
    corpus_client: TestClient,
) -> None:
    body = cypher(
        corpus_client, "MATCH (c:City {id: $id}) RETURN c, elementId(c) AS eid", id="city:vaasa"
    )
    assert (body["columns"], body["row_count"], body["truncated"]) == (["c", "eid"], 1, False)
    [row] = body["rows"]
    assert row["c"] == {
        "element_id": row["eid"],
        "labels": ["City", "Entity"],
        "properties": {"id": "city:vaasa", "type": "City", "name": "Vaasa", "name_fi": "Vaasa",
                       "name_sv": "Vasa", "country": "Finland", "provenance": "curated"},
    }  # fmt: skip


def test_a_relationship_comes_back_with_its_type_ends_and_properties(
    corpus_client: TestClient,
) -> None:
    query = FUNDING + "RETURN r, elementId(r) AS rid, elementId(startNode(r)) AS a, "
    query += "elementId(endNode(r)) AS b"
    [row] = cypher(corpus_client, query)["rows"]
    rel = row["r"]
    assert (rel["element_id"], rel["type"], rel["start"], rel["end"]) == (
        row["rid"], "FUNDED_BY", row["a"], row["b"],
    )  # fmt: skip
    # Doc 000's 13.4 million euros and the fact's id are on the relationship, and come back.
    assert rel["properties"]["amount_eur"] == 13_400_000
    assert rel["properties"]["fact_id"] == "project:batcircle3|FUNDED_BY|org:business-finland"
    assert INTERNAL_PROPERTIES.isdisjoint(rel["properties"])


def test_a_path_comes_back_as_its_nodes_and_relationships(corpus_client: TestClient) -> None:
    [row] = cypher(corpus_client, FUNDING + "RETURN p")["rows"]
    path = row["p"]
    project, funder = path["nodes"]
    [grant] = path["relationships"]
    assert (project["properties"]["name"], project["properties"]["grant_eur"]) == (
        "BATCircle3.0", 13_400_000,
    )  # fmt: skip
    assert "Project" in project["labels"] and funder["properties"]["kind"] == "funder"
    assert (grant["start"], grant["end"]) == (project["element_id"], funder["element_id"])
    assert all(INTERNAL_PROPERTIES.isdisjoint(n["properties"]) for n in path["nodes"])


def test_an_unknown_label_answers_with_a_warning_where_it_is(corpus_client: TestClient) -> None:
    body = cypher(corpus_client, "MATCH (c:Citty) RETURN c")
    assert body["rows"] == []
    [warning] = body["warnings"]
    assert warning["code"] == "01N50"
    assert "Citty" in warning["description"] and warning["severity"] == "WARNING"
    # The position is in the query as sent: "MATCH (c:" is 9 characters.
    assert warning["position"] == {"line": 1, "column": 10, "offset": 9}


def test_a_query_that_is_fine_has_no_warnings(corpus_client: TestClient) -> None:
    assert cypher(corpus_client, "MATCH (c:City) RETURN count(c) AS n")["warnings"] == []


def test_a_stored_date_comes_back_as_an_iso_string(corpus_client: TestClient) -> None:
    body = cypher(
        corpus_client,
        "MATCH ()-[r {fact_id: $fact}]->() RETURN r.valid_from AS since, r.valid_to AS until",
        fact="project:leadership|ORGANISED|event:final-seminar-2025",
    )
    # Doc 003: the project's final seminar on 25 June (2025).
    assert body["rows"] == [{"since": "2025-06-25", "until": "2025-06-25"}]


def test_temporal_values_come_back_as_iso_8601_strings(corpus_client: TestClient) -> None:
    body = cypher(
        corpus_client,
        "RETURN date('2025-06-15') AS d, datetime('2025-06-15T10:00:00Z') AS dt, "
        "localdatetime('2025-06-15T10:00') AS ldt, localtime('10:00') AS t, "
        "duration('P1Y2M3DT2H') AS span, duration.between(date('2025-01-01'), "
        "date('2025-06-15')) AS elapsed",
    )
    assert body["rows"] == [{
        "d": "2025-06-15",
        "dt": "2025-06-15T10:00:00.000000000+00:00",
        "ldt": "2025-06-15T10:00:00.000000000",
        "t": "10:00:00.000000000",
        "span": "P1Y2M3DT2H",
        "elapsed": "P5M14D",
    }]  # fmt: skip


def test_a_date_inside_a_list_or_map_is_converted_too(corpus_client: TestClient) -> None:
    body = cypher(corpus_client, "RETURN [date('2025-06-25')] AS ds, {on: date('2024-01-01')} AS m")
    assert body["rows"] == [{"ds": ["2025-06-25"], "m": {"on": "2024-01-01"}}]


def test_nan_and_infinities_come_back_as_strings(corpus_client: TestClient) -> None:
    body = cypher(corpus_client, "RETURN 0.0 / 0.0 AS nan, 1.0 / 0 AS inf, -1.0 / 0 AS ninf")
    assert body["rows"] == [{"nan": "NaN", "inf": "Infinity", "ninf": "-Infinity"}]
