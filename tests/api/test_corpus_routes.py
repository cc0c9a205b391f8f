"""The corpus over HTTP on the real graph: documents as the manifest lists them, passages
with what rests on them, full-text search in Finnish and English, coverage and omissions.

The Kokkola page (``002_…``) states KIP-Kierto's implementers and dates in one bullet
("Toteutusaika: 1.1.2024 – 31.12.2026"); Finnish inflects names ("Kokkolassa", "akkujen").
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from kgraph.settings import Settings
from loaders.sources.registry import load_registry

KOKKOLA_PAGE = "002_c0e370ccb1799bf0"


def get(client: TestClient, path: str, **params: str) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def manifest(settings: Settings) -> dict[str, dict[str, Any]]:
    text = (Path(settings.corpus_dir) / "corpus.yaml").read_text(encoding="utf-8")
    return {d["id"]: d for d in yaml.safe_load(text)["documents"]}


def test_documents_are_the_manifests_with_the_hash_of_each_file(
    corpus_client: TestClient, settings: Settings
) -> None:
    listed = {d["id"]: d for d in get(corpus_client, "/documents")}
    expected = manifest(settings)
    assert set(listed) == set(expected)
    for doc_id, doc in listed.items():
        raw = (Path(settings.corpus_dir) / expected[doc_id]["file"]).read_bytes()
        assert doc["sha256"] == hashlib.sha256(raw).hexdigest() == expected[doc_id]["sha256"]
        assert (doc["title"], doc["kind"]) == (expected[doc_id]["title"], expected[doc_id]["kind"])


def test_a_document_lists_its_passages_in_order(corpus_client: TestClient) -> None:
    doc = get(corpus_client, f"/documents/{KOKKOLA_PAGE}")
    ordinals = [p["ordinal"] for p in doc["passages"]]
    assert len(ordinals) == doc["passage_count"] > 10 and ordinals == sorted(ordinals)
    assert any("Toteutusaika: 1.1.2024 – 31.12.2026" in p["text"] for p in doc["passages"])


def test_a_passage_names_the_facts_and_values_it_backs(corpus_client: TestClient) -> None:
    doc = get(corpus_client, f"/documents/{KOKKOLA_PAGE}")
    [ref] = [p for p in doc["passages"] if "1.1.2024 – 31.12.2026" in p["text"]]
    passage = get(corpus_client, ref["url"])
    assert passage["document"]["title"] == "Kokkola ecosystem agreement and its funded projects"
    values = {e["entity"]["id"]: {v["prop"] for v in e["values"]} for e in passage["entities"]}
    assert values["project:kip-kierto"] == {"start", "end", "status"}
    stated = {f["fact_id"] for f in passage["facts"] if f["stated"]}
    assert "org:centria|PARTICIPATES_IN|project:kip-kierto" in stated
    assert all(f["anchors"] for f in passage["facts"] if f["stated"])


def test_a_passage_lists_the_entities_it_mentions(corpus_client: TestClient) -> None:
    [hit] = get(corpus_client, "/passages", q="Horizon Europe SAFELOOP")["items"]
    passage = get(corpus_client, hit["url"])
    assert {"project:safeloop", "project:sprint"} <= {m["id"] for m in passage["mentions"]}


def test_an_unknown_passage_is_a_404_with_its_documents_passages_suggested(
    corpus_client: TestClient,
) -> None:
    response = corpus_client.get(f"/passages/{KOKKOLA_PAGE}:p9999")
    assert response.status_code == 404
    assert all(s.startswith(KOKKOLA_PAGE) for s in response.json()["suggestions"])
    assert corpus_client.get("/documents/002_c0e370ccb1799bf").json()["suggestions"] == [
        KOKKOLA_PAGE
    ]


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("Kokkolassa", "kokkola"),  # inessive finds the base form and others
        ("akkujen kierrätys", "akku"),  # genitive plural; every word required
        ("batteries", "batter"),  # English plural finds the singular
        ("Oulun yliopistolle", "yliopisto"),
    ],
)
def test_full_text_search_finds_inflected_forms(
    corpus_client: TestClient, q: str, found: str
) -> None:
    page = get(corpus_client, "/passages", q=q)
    texts = [item["text"].lower() for item in page["items"]]
    assert page["total"] >= len(texts) > 0
    assert all(found in text for text in texts)
    if q == "batteries":
        assert any("battery" in t and "batteries" not in t for t in texts)
    if q == "Kokkolassa":
        assert any("kokkolassa" not in t for t in texts)


def test_full_text_search_can_keep_to_one_document(corpus_client: TestClient) -> None:
    page = get(corpus_client, "/passages", q="Kokkola", doc=KOKKOLA_PAGE, limit="1000")
    assert page["items"] and {i["doc_id"] for i in page["items"]} == {KOKKOLA_PAGE}


@pytest.mark.parametrize(
    "q", ['a OR (b', "title:x~2^3", '"unclosed', "AND", "x AND", "[1 TO", "*", "\\", "/x/",
          "Kokkola' DETACH DELETE n //", "ä" * 200],
)  # fmt: skip
def test_no_search_text_causes_a_server_error(corpus_client: TestClient, q: str) -> None:
    response = corpus_client.get("/passages", params={"q": q})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:
        assert "holds no word" in response.json()["detail"]


def test_coverage_is_what_the_load_measured(corpus_client: TestClient, settings: Settings) -> None:
    report = get(corpus_client, "/coverage")
    [run] = get(corpus_client, "/loads", limit="1")
    assert report["load_id"] == run["id"]
    assert report["anchors_verified"] == run["stats"]["evidence_anchors"]
    assert report["ok"] is True and report["unexplained"] == []
    assert report["unsourced_values"] == [] and report["accounted"] > 0
    assert all(f["passage_id"].split(":")[0] in manifest(settings)
               for f in report["explained_by_omission"])  # fmt: skip


def test_omissions_are_the_registrys_with_their_reasons(
    corpus_client: TestClient, settings: Settings
) -> None:
    answer = get(corpus_client, "/omissions")
    registry = load_registry(settings.registry_dir)
    assert answer["total"] == len(answer["items"]) == len(registry.omissions)
    assert [o["text"] for o in answer["items"]] == [o.item.text for o in registry.omissions]
    assert all(o["reason"] and o["where"].startswith("loaders/registry/omissions.yaml:")
               for o in answer["items"])  # fmt: skip
