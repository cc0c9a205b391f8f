"""Every parameter of every GET endpoint, and of every named question, takes hostile strings
without a server error, without changing the graph, and without the string reaching Cypher
as text (the recording driver sees every query text sent).

The parameters are read from the app's OpenAPI document and the question catalogue, so a new
endpoint or question is covered without editing this file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings
from tests.graph_state import graph_state
from tests.recording import RecordingDriver

#: Strings sent as they are (percent-encoded as UTF-8).
HOSTILE = [
    "x" * 10_000,
    "Kokkola\x00",
    "\x00",
    "\x01\x07\x08\x1b[31m\x7f\r\n\t",
    "' OR 1=1 //",
    '" OR ""="',
    "}) MATCH (n) DETACH DELETE n //",
    "x') DETACH DELETE n RETURN ('",
    "`) DETACH DELETE n //",
    "$kgraph_probe",
    "{id: 'city:vaasa'}",
    "MATCH (n) RETURN n " * 400,
    "\u202eululO\u202c 🔋 Оulun yliоpisto",  # RTL override, emoji, Cyrillic О in Latin text
    "Ｏｕｌｕｎ ｙｌｉｏｐｉｓｔｏ",  # fullwidth
    "Oulu\u0301\u0308\u20dd",  # combining marks
    "\u2028\u2029\ufeff\u200b",
    "../../../../etc/passwd",
    "-1",
    "1e309",
    "99999999999999999999999",
    "2024-02-30",
    " ",
]
#: Byte sequences that are not valid UTF-8, sent percent-encoded as they are.
RAW = ["%ED%A0%80", "%FF%FE%FD", "%C0%AF", "Oulu%E4", "%"]

#: Values for the other required parameters, so the hostile one reaches the handler.
VALID = {
    ("/resolve", "name"): "Oulu",
    ("/paths", "from"): "Ulla Lassi",
    ("/paths", "to"): "Business Finland",
    ("/entities/{entity_id}", "entity_id"): "city:vaasa",
    ("/questions/{name}", "name"): "project_funding",
    ("/passages", "q"): "Kokkolassa",
    ("/ask", "q"): "Who funds BATCircle3.0?",
    ("/documents/{doc_id}", "doc_id"): "002_c0e370ccb1799bf0",
    ("/passages/{passage_id}", "passage_id"): "002_c0e370ccb1799bf0:p017",
}


@dataclass(frozen=True)
class Slot:
    """One parameter of one endpoint: where a hostile value goes."""

    path: str
    name: str
    where: str  # "query" | "path"
    fixed: tuple[tuple[str, str], ...] = ()  # other required parameters, query side

    def url(self, encoded: str) -> str:
        path = self.path
        query = [f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in self.fixed]
        for (p, name), value in VALID.items():
            if p == self.path and name != self.name and "{" + name + "}" in path:
                path = path.replace("{" + name + "}", quote(value, safe=""))
        if self.where == "path":
            path = path.replace("{" + self.name + "}", encoded)
        else:
            query.append(f"{quote(self.name, safe='')}={encoded}")
        return path + ("?" + "&".join(query) if query else "")


def api_slots(spec: dict[str, Any]) -> list[Slot]:
    slots = []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        params = get.get("parameters", [])
        for param in params:
            fixed = tuple(
                (p["name"], VALID[(path, p["name"])])
                for p in params
                if p["in"] == "query" and p.get("required") and p["name"] != param["name"]
            )
            slots.append(Slot(path, param["name"], param["in"], fixed))
    return slots


def question_slots(catalogue: list[dict[str, Any]]) -> list[Slot]:
    slots = []
    for question in catalogue:
        path = "/questions/" + question["name"]
        for param in question["params"]:
            fixed = tuple(
                (p["name"], str(p["default"]))
                for p in question["params"]
                if p["name"] != param["name"] and p["required"] and p["default"] is not None
            )
            slots.append(Slot(path, param["name"], "query", fixed))
    return slots


@pytest.fixture
def recorded(corpus_graph: Graph, settings: Settings) -> Iterator[tuple[TestClient, list[str]]]:
    driver = RecordingDriver(corpus_graph.driver)
    graph = Graph(driver, corpus_graph.database, corpus_graph.timeout_s)  # type: ignore[arg-type]
    with TestClient(create_app(settings, graph=graph)) as client:
        yield client, driver.texts


def test_hostile_strings_in_every_parameter_give_no_server_error_and_change_nothing(
    recorded: tuple[TestClient, list[str]], corpus_graph: Graph
) -> None:
    client, texts = recorded
    slots = api_slots(client.get("/openapi.json").json())
    asked = question_slots(client.get("/questions").json())
    assert len(slots) >= 30 and len(asked) >= 10  # the sweep found the parameters
    slots += asked
    values = [quote(v, safe="") for v in HOSTILE] + RAW
    before = graph_state(corpus_graph)

    failures, answered = [], 0
    for slot in slots:
        for value in values:
            response = client.get(slot.url(value))
            answered += 1
            if response.status_code >= 500:
                failures.append(f"{slot.url(value)[:120]} -> {response.status_code}")
    print(f"hostile input: {len(slots)} parameters x {len(values)} strings = {answered} requests")

    assert failures == []
    assert graph_state(corpus_graph) == before
    assert texts, "the recording driver saw the queries"
    distinctive = [v for v in HOSTILE if len(v.strip()) >= 6]
    leaked = {v[:40] for v in distinctive for text in set(texts) if v in text}
    assert leaked == set()
