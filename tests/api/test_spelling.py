"""Answers do not depend on how the same text is spelt in Unicode, and a base form finds its
inflected forms (issue 22, items 4 and 5).

Before: "Jyva\u0308skyla\u0308" (decomposed, as macOS and PDFs write it) and fullwidth
"ＫＯＫＫＯＬＡ" resolved to nothing, /facts, /search, /paths and the questions answered 404,
and /passages split the word at the combining mark; ?q=akku found 0 passages, ?q=akkujen 75.
"""

from __future__ import annotations

import unicodedata

import pytest
from fastapi.testclient import TestClient

NFD_JYVASKYLA = unicodedata.normalize("NFD", "Jyväskylä")
FULLWIDTH_KOKKOLA = "ＫＯＫＫＯＬＡ"


@pytest.mark.parametrize(
    ("spelling", "entity"),
    [(NFD_JYVASKYLA, "city:jyvaskyla"), (FULLWIDTH_KOKKOLA, "city:kokkola"),
     (unicodedata.normalize("NFD", "Jyväskylässä"), "city:jyvaskyla")],
)  # fmt: skip
def test_resolve_reads_any_unicode_spelling(
    corpus_client: TestClient, spelling: str, entity: str
) -> None:
    assert spelling != unicodedata.normalize("NFKC", spelling)
    response = corpus_client.get("/resolve", params={"name": spelling})
    assert response.status_code == 200, response.text
    assert response.json()[0]["id"] == entity


@pytest.mark.parametrize(
    ("path", "param"),
    [("/facts", "subject"), ("/paths", "from"), ("/search", "city")],
)
def test_routes_answer_a_decomposed_name_as_the_composed_one(
    corpus_client: TestClient, path: str, param: str
) -> None:
    extra = {"to": "Business Finland"} if path == "/paths" else {}
    extra |= {"kind": "Organisation"} if path == "/search" else {}
    composed = corpus_client.get(path, params={param: "Jyväskylä", **extra})
    decomposed = corpus_client.get(path, params={param: NFD_JYVASKYLA, **extra})
    assert composed.status_code == 200, composed.text
    assert decomposed.status_code == 200, decomposed.text
    assert decomposed.json() == composed.json()


def test_passages_find_a_decomposed_word_whole(corpus_client: TestClient) -> None:
    composed = corpus_client.get("/passages", params={"q": "Jyväskylä"}).json()
    decomposed = corpus_client.get("/passages", params={"q": NFD_JYVASKYLA}).json()
    assert composed["total"] > 0
    assert decomposed == composed


@pytest.mark.parametrize(
    ("base", "inflected"),
    [("akku", "akkujen"), ("tutkimus", "tutkimuksen"), ("yhteistyö", "yhteistyön"),
     ("litium", "litiumin")],
)  # fmt: skip
def test_a_base_form_finds_at_least_what_an_inflected_form_finds(
    corpus_client: TestClient, base: str, inflected: str
) -> None:
    def found(q: str) -> set[str]:
        body = corpus_client.get("/passages", params={"q": q, "limit": 1000}).json()
        return {hit["id"] for hit in body["items"]}

    from_base, from_inflected = found(base), found(inflected)
    print(f"{base}: {len(from_base)} passages, {inflected}: {len(from_inflected)}")
    assert from_inflected and from_inflected <= from_base
