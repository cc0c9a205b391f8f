"""Cached answers live exactly as long as the load they were built from, under a running app.

One app serves a small registry (facts from the LEADERSHIP report, ``000_…``: "Business
Finland myönsi hankkeelle 13,4 miljoonaa euroa", "Kokkola (Oulun yliopisto), Lappeenranta
(LUT)"). Its cached ``/questions``, ``/entities`` and ``/analytics`` answers must outlast a
change to the graph that no load recorded, and give way to the next load's content.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api import state as app_state
from api.main import create_app
from kgraph.db.cache import GenerationCache
from kgraph.db.graph import Graph
from kgraph.settings import Settings
from tests.support.loading import load_full
from tests.support.small_registry import FUNDING, REPORT, write_registry

ENTITIES = """\
- id: city:kokkola
  type: City
  name: Kokkola
- id: org:university-of-oulu
  type: Organisation
  name: University of Oulu
  props: {kind: university}
- id: org:lut-university
  type: Organisation
  name: LUT University
  props: {kind: university}
- id: project:batcircle3
  type: Project
  name: BATCircle3.0
  props: {status: ongoing, start_year: 2024, end_year: 2027}
- id: org:business-finland
  type: Organisation
  name: Business Finland
  props: {kind: funder}
"""
OULU = f"""\
- s: org:university-of-oulu
  p: PARTICIPATES_IN
  o: project:batcircle3
  evidence:
    - {{doc: {REPORT}, anchor: "Kokkola (Oulun yliopisto)"}}
- s: org:university-of-oulu
  p: LOCATED_IN
  o: city:kokkola
  evidence:
    - {{doc: {REPORT}, anchor: "Kokkola (Oulun yliopisto)"}}
"""
LUT = f"""\
- s: org:lut-university
  p: PARTICIPATES_IN
  o: project:batcircle3
  evidence:
    - {{doc: {REPORT}, anchor: "Lappeenranta (LUT)"}}
"""

FUNDING_ASKED = "/questions/project_funding?project=project:batcircle3"
ENTITY_ASKED = "/entities/project:batcircle3"
CENTRALITY_ASKED = "/analytics/centrality?metric=degree&top=10"


def registry(root: Path, facts: str) -> Path:
    return write_registry(root, ENTITIES, facts)


def answers(client: TestClient) -> dict[str, Any]:
    out = {}
    for url in (FUNDING_ASKED, ENTITY_ASKED, CENTRALITY_ASKED):
        response = client.get(url)
        assert response.status_code == 200, response.text
        out[url] = response.json()
    return out


def funders(answer: dict[str, Any]) -> list[tuple[str, int]]:
    return [(row["funder"], row["amount_eur"]) for row in answer["rows"]]


def facts_of(entity: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(f["subject"]["id"], f["predicate"], f["object"]["id"]) for f in entity["facts"]}


def degrees(centrality: dict[str, Any]) -> dict[str, float]:
    return {item["id"]: item["score"] for item in centrality["items"]}


def test_cached_answers_are_served_until_a_load_lands_then_follow_it(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    first = registry(tmp_path / "first", FUNDING + OULU)
    load_full(empty_graph, settings.corpus_dir, first, settings.schema_file)

    with TestClient(create_app(settings, graph=empty_graph)) as client:
        # Check the generation on every read instead of every ~2 s: answers must still come
        # from the cache as long as no newer load has landed, and not one read longer.
        state = app_state.of(client.app)  # type: ignore[arg-type]
        caches: list[GenerationCache[Any]] = [state.answers, state.analytics, state.passages]
        for cache in caches:
            cache.ttl_s = 0.0

        before = answers(client)
        assert funders(before[FUNDING_ASKED]) == [("Business Finland", 13_400_000)]
        assert facts_of(before[ENTITY_ASKED]) == {
            ("project:batcircle3", "FUNDED_BY", "org:business-finland"),
            ("org:university-of-oulu", "PARTICIPATES_IN", "project:batcircle3"),
            # Inferred: Oulu takes part and is located in Kokkola.
            ("city:kokkola", "PARTICIPATES_IN", "project:batcircle3"),
        }
        # Degree over 4 possible neighbours; BATCircle3.0 has Business Finland, Oulu, Kokkola.
        assert degrees(before[CENTRALITY_ASKED]) == {
            "project:batcircle3": 0.75, "city:kokkola": 0.5, "org:university-of-oulu": 0.5,
            "org:business-finland": 0.25, "org:lut-university": 0.0,
        }  # fmt: skip

        # The graph changes without a load: the funding fact goes. Each answer is the one
        # built before (a fresh build would no longer see the funding), i.e. the cache's.
        empty_graph.write(
            "MATCH (:Project {id: $project})-[r:FUNDED_BY]->() DELETE r",
            {"project": "project:batcircle3"},
        )
        assert empty_graph.read("MATCH ()-[r:FUNDED_BY]->() RETURN r") == []
        assert answers(client) == before

        # A load lands: Business Finland's funding dropped, LUT's participation added.
        second = registry(tmp_path / "second", OULU + LUT)
        load_full(empty_graph, settings.corpus_dir, second, settings.schema_file)
        after = answers(client)

    assert funders(after[FUNDING_ASKED]) == []
    assert facts_of(after[ENTITY_ASKED]) == {
        ("org:university-of-oulu", "PARTICIPATES_IN", "project:batcircle3"),
        ("city:kokkola", "PARTICIPATES_IN", "project:batcircle3"),
        ("org:lut-university", "PARTICIPATES_IN", "project:batcircle3"),
    }
    # Business Finland and LUT swap places: BATCircle3.0 now has Oulu, Kokkola and LUT.
    assert degrees(after[CENTRALITY_ASKED]) == {
        "project:batcircle3": 0.75, "city:kokkola": 0.5, "org:university-of-oulu": 0.5,
        "org:lut-university": 0.25, "org:business-finland": 0.0,
    }  # fmt: skip


LAPPEENRANTA = """\
- id: city:lappeenranta
  type: City
  name: Lappeenranta
"""
RESOLVE_ASKED = "/resolve?name=Lappeenrannassa"


def resolved(client: TestClient) -> list[str]:
    response = client.get(RESOLVE_ASKED)
    assert response.status_code == 200, response.text
    return [match["id"] for match in response.json()]


def test_the_first_answer_one_lookup_interval_after_a_load_is_the_new_loads(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    """With the caches' own intervals: answers are served from memory between generation
    lookups, so a load may go unseen for one interval, and not a request longer."""
    load_full(empty_graph, settings.corpus_dir, registry(tmp_path / "first", FUNDING + OULU),
         settings.schema_file)  # fmt: skip

    with TestClient(create_app(settings, graph=empty_graph)) as client:
        state = app_state.of(client.app)  # type: ignore[arg-type]
        bound = max(state.answers.ttl_s, state.passages.ttl_s, state.resolvers.ttl_s)
        assert bound == 2.0  # the defaults the API runs with, not a test's
        before = answers(client)
        tag = client.get(FUNDING_ASKED).headers["etag"]
        assert funders(before[FUNDING_ASKED]) == [("Business Finland", 13_400_000)]
        assert "city:lappeenranta" not in resolved(client)

        second = write_registry(tmp_path / "second", ENTITIES + LAPPEENRANTA, OULU + LUT)
        load_full(empty_graph, settings.corpus_dir, second, settings.schema_file)
        time.sleep(bound)
        after = answers(client)
        after_resolved = resolved(client)
        after_tag = client.get(FUNDING_ASKED).headers["etag"]

    assert funders(after[FUNDING_ASKED]) == []
    assert ("org:lut-university", "PARTICIPATES_IN", "project:batcircle3") in facts_of(
        after[ENTITY_ASKED]
    )
    # One neighbour (BATCircle3.0) of five possible: Lappeenranta is the sixth entity now.
    assert degrees(after[CENTRALITY_ASKED])["org:lut-university"] == 0.2
    assert after_resolved[0] == "city:lappeenranta"
    assert after_tag != tag
