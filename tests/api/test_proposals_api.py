"""Proposals over HTTP: /proposals lists what waits for review with its evidence and its
disagreements; every fact says its provenance, and /facts and the questions filter by it.

One load per module: the corpus with the hand-written proposals of the news article.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings
from tests.support.loading import load_full
from tests.support.proposals import (
    COLLABORATION,
    DISAGREEING,
    NEW_TOPIC,
    NEWS,
    WORKSHOP_TOPIC,
    write_news_proposals,
)


@pytest.fixture(scope="module")
def proposals_client(
    module_empty_graph: Graph, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("proposals")
    write_news_proposals(folder, settings.corpus_dir)
    load_full(module_empty_graph, settings.corpus_dir, settings.registry_dir, settings.schema_file,
         folder)  # fmt: skip
    with TestClient(create_app(settings, graph=module_empty_graph)) as client:
        yield client


def test_proposals_list_what_waits_with_evidence_confidence_and_rule(
    proposals_client: TestClient,
) -> None:
    body = proposals_client.get("/proposals").json()
    assert (body["loaded"], body["entities"], body["facts"], body["disagreements"]) == (
        True, 1, 2, 1
    )  # fmt: skip
    (doc,) = body["documents"]
    assert doc["doc_id"] == NEWS
    (entity,) = doc["entities"]
    assert (entity["id"], entity["type"], entity["confidence"], entity["rule"]) == (
        NEW_TOPIC, "Topic", 0.7, "test-topic"
    )  # fmt: skip
    (evidence,) = entity["evidence"]
    assert evidence["anchor"] == "seek a solution through housing policy"
    assert (
        evidence["passage_id"].startswith(f"{NEWS}:p") and evidence["anchor"] in evidence["excerpt"]
    )
    assert sorted(f["fact_id"] for f in doc["facts"]) == sorted([COLLABORATION, WORKSHOP_TOPIC])
    assert {f["provenance"] for f in doc["facts"]} == {"extracted"}


def test_a_disagreement_with_curation_is_shown_with_both_versions(
    proposals_client: TestClient,
) -> None:
    (disagreement,) = proposals_client.get(f"/proposals/{NEWS}").json()["disagreements"]
    assert (disagreement["kind"], disagreement["key"]) == ("fact_differs", DISAGREEING)
    assert disagreement["kept"]["props"]["title"] == "professor"
    assert disagreement["proposed"]["props"] == {"title": "dean"}
    assert disagreement["where"].startswith(f"{NEWS}.yaml:")


def test_a_document_without_proposals_has_none_and_an_unknown_one_is_404(
    proposals_client: TestClient,
) -> None:
    report = proposals_client.get("/proposals/000_82ade397896eee5f").json()
    assert (report["entities"], report["facts"], report["disagreements"]) == ([], [], [])
    missing = proposals_client.get("/proposals/003_abba59e65f6bad7b")
    assert missing.status_code == 404
    assert NEWS in missing.json()["suggestions"]


def test_facts_filter_by_provenance(proposals_client: TestClient) -> None:
    def kinds(provenance: str) -> tuple[int, set[str]]:
        items = proposals_client.get(
            "/facts", params={"provenance": provenance, "limit": 1000}
        ).json()["items"]
        return len(items), {f["provenance"] for f in items}

    assert kinds("extracted") == (2, {"extracted"})
    count, found = kinds("inferred")
    assert count > 0 and found == {"inferred"}
    count, found = kinds("curated")
    assert count > 400 and found == {"curated"}
    assert proposals_client.get("/facts", params={"provenance": "guessed"}).status_code == 422


def test_an_entity_shows_which_kind_each_of_its_facts_is(proposals_client: TestClient) -> None:
    body = proposals_client.get("/entities/org:centria").json()
    kinds = {f["fact_id"]: (f["provenance"], f["confidence"]) for f in body["facts"]}
    assert kinds[COLLABORATION] == ("extracted", 0.8)
    assert {p for p, _ in kinds.values()} == {"curated", "extracted"}
    kokkola = proposals_client.get("/entities/city:kokkola").json()["facts"]
    assert {f["provenance"] for f in kokkola} == {"curated", "inferred"}
    assert all(f["confidence"] is None for f in kokkola)
    topic = proposals_client.get(f"/entities/{NEW_TOPIC}").json()
    assert (topic["provenance"], topic["props"]["confidence"]) == ("extracted", 0.7)
    assert proposals_client.get("/entities/org:centria").json()["provenance"] == "curated"
