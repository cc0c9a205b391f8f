"""A PDF report end to end: ``kgraph ingest report.pdf --load`` into a copy of the corpus,
then its extracted fact, its passage and its original over HTTP, each saying "page 2".

The PDF is made in the test (tests/support/originals.py): two pages of Finnish with a running
title, page numbers and, on page 2, a funding the extractor proposes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings
from tests.conftest import Target
from tests.integration.test_cli import kgraph, on
from tests.support.originals import make_pdf

FUNDED = "project:akkumateriaalit-2030"
TEXT_PASSAGE = "002_c0e370ccb1799bf0:p017"
PASSAGE_LOCATOR = "MATCH (p:Passage {id: $id}) RETURN p.locator AS locator, p.pages AS pages"


@dataclass(frozen=True)
class Loaded:
    client: TestClient
    corpus: Path
    doc_id: str
    pdf: bytes


@pytest.fixture(scope="module")
def loaded(
    module_empty_graph: Graph,
    target: Target,
    settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Loaded]:
    root = tmp_path_factory.mktemp("originals")
    corpus = root / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    pdf = make_pdf()
    (root / "loppuraportti.pdf").write_bytes(pdf)
    env = {**on(target), "KGRAPH_CORPUS_DIR": str(corpus), "KGRAPH_LOAD_PROPOSALS": "true",
           "KGRAPH_PROPOSALS_DIR": str(root / "proposals")}  # fmt: skip
    run = kgraph("ingest", str(root / "loppuraportti.pdf"), "--title", "Akkukemian loppuraportti",
                 "--language", "fi", "--kind", "report", "--load", cwd=root, **env)  # fmt: skip
    assert run.code == 0, run
    doc_id = run.out.split()[1]
    app = create_app(settings.model_copy(update={"corpus_dir": corpus}), graph=module_empty_graph)
    with TestClient(app) as client:
        yield Loaded(client, corpus, doc_id, pdf)


def test_a_fact_extracted_from_the_pdf_shows_its_page_and_links_to_it(loaded: Loaded) -> None:
    answer = loaded.client.get("/facts", params={"subject": FUNDED, "provenance": "extracted"})
    assert answer.status_code == 200, answer.text
    (fact,) = [f for f in answer.json()["items"] if f["predicate"] == "FUNDED_BY"]
    (evidence,) = fact["evidence"]
    assert evidence["doc_id"] == loaded.doc_id
    assert (evidence["locator"], evidence["pages"], evidence["heading_path"]) == (
        "page 2",
        [2],
        None,
    )
    assert evidence["original_url"] == f"/documents/{loaded.doc_id}/original#page=2"
    assert "2,5 miljoonaa euroa" in evidence["excerpt"]


def test_the_passage_says_its_page_and_the_browser_sees_it_on_the_node(
    loaded: Loaded, module_empty_graph: Graph
) -> None:
    facts = loaded.client.get("/facts", params={"subject": FUNDED, "provenance": "extracted"})
    passage_id = facts.json()["items"][0]["evidence"][0]["passage_id"]
    answer = loaded.client.get(f"/passages/{passage_id}")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["locator"], body["pages"]) == ("page 2", [2])
    assert body["original_url"] == f"/documents/{loaded.doc_id}/original#page=2"
    assert body["document"]["original_format"] == "pdf"
    assert body["document"]["extractor"] == "pypdf"
    (row,) = module_empty_graph.read(PASSAGE_LOCATOR, {"id": passage_id})
    assert (row["locator"], row["pages"]) == ("page 2", [2])


def test_a_text_documents_passage_has_no_page_and_no_original(loaded: Loaded) -> None:
    body = loaded.client.get(f"/passages/{TEXT_PASSAGE}").json()
    assert (body["locator"], body["pages"], body["original_url"]) == (None, None, None)
    assert body["document"]["original_url"] is None


def test_the_original_is_served_inline_as_a_pdf(loaded: Loaded) -> None:
    answer = loaded.client.get(f"/documents/{loaded.doc_id}/original")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == f'inline; filename="{loaded.doc_id}.pdf"'
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.content == loaded.pdf
    listed = {d["id"]: d for d in loaded.client.get("/documents").json()}
    assert listed[loaded.doc_id]["original_url"] == f"/documents/{loaded.doc_id}/original"
    assert listed["000_82ade397896eee5f"]["original_url"] is None


@pytest.mark.parametrize(
    ("doc_id", "status", "says"),
    [
        ("000_82ade397896eee5f", 404, "no original of document '000_82ade397896eee5f'"),
        ("no_such_document", 404, "no document 'no_such_document'"),
        ("..%2Fcorpus.yaml", 404, "Not Found"),  # no route: an id has no slash
    ],
)
def test_only_a_documents_own_original_is_served(
    loaded: Loaded, doc_id: str, status: int, says: str
) -> None:
    answer = loaded.client.get(f"/documents/{doc_id}/original")
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert says in answer.json()["detail"]


def test_an_original_named_outside_the_corpus_folder_is_refused(
    loaded: Loaded, module_empty_graph: Graph
) -> None:
    """A Document node pointing elsewhere (written by hand here: the manifest cannot name a
    path) is refused before any file is read."""
    module_empty_graph.write(
        "CREATE (:Document {id: 'evil', original: '../corpus.yaml', original_format: 'pdf', "
        "original_sha256: $sha})",
        {"sha": "0" * 64},
    )
    try:
        answer = loaded.client.get("/documents/evil/original")
        assert answer.status_code == 500
        assert "an original must be a plain file in the corpus folder" in answer.json()["detail"]
    finally:
        module_empty_graph.write("MATCH (d:Document {id: 'evil'}) DELETE d")


def test_an_original_changed_since_the_load_is_not_served(loaded: Loaded) -> None:
    path = loaded.corpus / f"{loaded.doc_id}.pdf"
    path.write_bytes(make_pdf(title="toinen"))
    try:
        answer = loaded.client.get(f"/documents/{loaded.doc_id}/original")
        assert answer.status_code == 500
        assert "changed since it was loaded" in answer.json()["detail"]
    finally:
        path.write_bytes(loaded.pdf)
