"""What ``POST /cypher`` gives back for nodes, relationships, paths and temporal values.

Today's shape is the driver's ``Record.data()`` made JSON-friendly by ``kgraph.db.values.plain``:
a node is the dict of its properties (no labels, no element id); a relationship is
``[start, TYPE, end]`` whose ends are empty dicts when the nodes were not returned and whose
own properties are not returned at all; a path alternates node dicts and type names;
temporal values become ISO 8601 strings.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

FUNDING = (
    "MATCH p = (:Project {id: 'project:batcircle3'})-[r:FUNDED_BY]->"
    "(:Entity {id: 'org:business-finland'}) "
)
SHA1 = re.compile(r"[0-9a-f]{40}")


def cypher(client: TestClient, query: str, **params: Any) -> dict[str, Any]:
    response = client.post("/cypher", json={"query": query, "params": params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_node_comes_back_as_the_dict_of_its_properties(corpus_client: TestClient) -> None:
    body = cypher(corpus_client, "MATCH (c:City {id: $id}) RETURN c", id="city:vaasa")
    assert (body["columns"], body["row_count"], body["truncated"]) == (["c"], 1, False)
    [row] = body["rows"]
    node = row["c"]
    # The load's bookkeeping properties come along: a content hash and the aliases as text.
    assert SHA1.fullmatch(node.pop("_hash"))
    assert node == {
        "id": "city:vaasa", "type": "City", "name": "Vaasa", "name_fi": "Vaasa",
        "name_sv": "Vasa", "country": "Finland", "aliases_text": "", "provenance": "curated",
    }  # fmt: skip


def test_a_relationship_comes_back_as_start_type_end_without_its_properties(
    corpus_client: TestClient,
) -> None:
    body = cypher(corpus_client, FUNDING + "RETURN r")
    # The 13.4 million euros of doc 000 are on r but not in the answer: Record.data() keeps
    # only the type and the (unfetched, so empty) ends. Ask for r.amount_eur to get it.
    assert body["rows"] == [{"r": [{}, "FUNDED_BY", {}]}]
    amount = cypher(corpus_client, FUNDING + "RETURN r.amount_eur AS amount")
    assert amount["rows"] == [{"amount": 13_400_000}]


def test_a_relationship_returned_with_its_nodes_has_their_properties_at_its_ends(
    corpus_client: TestClient,
) -> None:
    query = FUNDING + "WITH r, startNode(r) AS a, endNode(r) AS b RETURN a, r, b"
    [row] = cypher(corpus_client, query)["rows"]
    start, kind, end = row["r"]
    assert kind == "FUNDED_BY"
    assert start == row["a"] and start["id"] == "project:batcircle3"
    assert end == row["b"] and end["name"] == "Business Finland"


def test_a_path_alternates_node_dicts_and_relationship_types(corpus_client: TestClient) -> None:
    [row] = cypher(corpus_client, FUNDING + "RETURN p")["rows"]
    path = row["p"]
    assert len(path) == 3
    project, kind, funder = path
    assert kind == "FUNDED_BY"
    assert (project["id"], project["name"], project["grant_eur"]) == (
        "project:batcircle3", "BATCircle3.0", 13_400_000,
    )  # fmt: skip
    assert (funder["id"], funder["kind"]) == ("org:business-finland", "funder")


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
