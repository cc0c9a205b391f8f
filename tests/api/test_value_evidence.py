"""Every value a document gave carries its evidence in the answers, read from the real graph.

The documents say: the Kokkola page (``002_…``) gives each funded project's dates
("Toteutusaika: 1.1.2024 – 31.12.2026" for KIP-Kierto); the final report (``000_…``) gives
BATCircle3.0's years and grant ("BATCircle3.0 (2024-2027)", "13,4 miljoonaa euroa") and the
articles' DOIs. Statuses as of mid-2025 are the curator's reasoning, and say so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from kgraph.settings import Settings

DATES = ("start", "end", "start_year", "end_year")
KOKKOLA_PAGE = "002_c0e370ccb1799bf0"


def _letters(text: str) -> str:
    """Only the letters and digits: cleaning joins hyphen-broken lines and folds whitespace."""
    return re.sub(r"[\W_]", "", text)


def in_document(settings: Settings, item: dict[str, Any]) -> bool:
    """Whether the evidence item's excerpt is its document's text (layout aside)."""
    text = (Path(settings.corpus_dir) / f"{item['doc_id']}.txt").read_text(encoding="utf-8")
    return _letters(item["excerpt"]) in _letters(text)


def get(client: TestClient, path: str, **params: str) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def get_list(client: TestClient, path: str) -> list[dict[str, Any]]:
    """The answer of a route that lists (``/documents``): a JSON array."""
    response = client.get(path)
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()
    return body


def test_projects_running_in_june_2025_say_where_each_date_comes_from(
    corpus_client: TestClient, settings: Settings
) -> None:
    rows = get(corpus_client, "/questions/projects_active_on", date="2025-06-15")["rows"]
    assert len(rows) >= 6
    for row in rows:
        evidence = row["sources"]["props_evidence"]
        dates = [key for key in DATES if key in evidence]
        assert dates, f"{row['project']} has no evidence for its dates"
        for key in dates:
            for item in evidence[key]:
                assert item["anchor"] in item["excerpt"] and in_document(settings, item)
        # The status is read from a passage or reasoned by the curator, who says how.
        assert "status" in evidence or "status" in row["sources"]["derived"]
        if "status" in row["sources"]["derived"]:
            assert row["status_note"]
    kip = next(row for row in rows if row["project"] == "KIP-Kierto")
    [start] = kip["sources"]["props_evidence"]["start"]
    assert (start["doc_id"], start["anchor"]) == (
        KOKKOLA_PAGE,
        "Toteutusaika: 1.1.2024 – 31.12.2026",
    )
    assert (kip["from"], kip["to"]) == ("2024-01-01", "2026-12-31")


def test_an_entity_answer_gives_each_values_evidence(corpus_client: TestClient) -> None:
    project = get(corpus_client, "/entities/project:batcircle3")
    assert project["props"]["grant_eur"] == 13_400_000
    [grant] = project["props_evidence"]["grant_eur"]
    assert "13,4 miljoonaa euroa" in grant["excerpt"]
    assert {i["anchor"] for i in project["props_evidence"]["start_year"]} == {
        "BATCircle3.0 (2024-2027)"
    }
    assert project["derived"] == ["status"] and "2024–2027" in project["props"]["status_note"]
    # The lists that carry it on the node stay out of the answer's props.
    assert not any(k.startswith("prop_evidence") or k == "derived_props" for k in project["props"])


def test_every_project_and_publication_value_is_sourced_in_the_graph(
    corpus_client: TestClient,
) -> None:
    sourced = {"Project": {"start", "end", "start_year", "end_year", "status", "grant_eur",
                           "budget_eur", "acronym"},
               "Publication": {"title", "doi", "year", "date", "venue"}}  # fmt: skip
    checked = 0
    for kind, props in sourced.items():
        page = get(corpus_client, "/entities", type=kind, limit="1000")
        for summary in page["items"]:
            entity = get(corpus_client, f"/entities/{summary['id']}")
            for key in props & set(entity["props"]):
                checked += 1
                assert key in entity["props_evidence"] or key in entity["derived"], (
                    f"{entity['id']}.{key} has no source"
                )
            doi = entity["props"].get("doi")
            if doi:
                assert any(doi in i["excerpt"] for i in entity["props_evidence"]["doi"])
    assert checked > 80  # 92 values on the corpus


def test_evidence_items_name_their_document_and_link_their_passage(
    corpus_client: TestClient,
) -> None:
    documents = {d["id"]: d for d in get_list(corpus_client, "/documents")}
    [row] = get(corpus_client, "/questions/project_funding", project="BATCircle3.0")["rows"]
    items = row["fact"]["evidence"]
    assert items
    for item in items:
        document = documents[item["doc_id"]]
        assert (item["doc_title"], item["doc_kind"]) == (document["title"], document["kind"])
        assert item["passage_url"] == f"/passages/{item['passage_id']}"
        passage = get(corpus_client, item["passage_url"])
        assert item["anchor"] in " ".join(passage["text"].split())
