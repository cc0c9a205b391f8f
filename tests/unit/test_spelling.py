"""One spelling for the same text: NFKC at every edge, case-folded where names compare."""

from __future__ import annotations

import unicodedata

from kgraph.names.resolve import Resolver, identifier_key
from kgraph.names.spelling import folded, normal
from loaders.sources.cleaning import clean_text


def test_normal_composes_and_replaces_compatibility_forms() -> None:
    assert normal(unicodedata.normalize("NFD", "Jyväskylä")) == "Jyväskylä"
    assert normal("ＫＯＫＫＯＬＡ") == "KOKKOLA"
    assert normal("ﬁnanced\u00a0by") == "financed by"


def test_folded_compares_names_whatever_their_case_and_form() -> None:
    assert folded("ＫＯＫＫＯＬＡ") == folded("kokkola") == "kokkola"
    assert folded("STRASSE") == folded("Straße")
    assert identifier_key("ＤＯＩ:10.1/X") == identifier_key("10.1/x")


def test_corpus_text_is_composed_when_cleaned() -> None:
    assert clean_text(unicodedata.normalize("NFD", "Akkuja Jyväskylässä.")) == (
        "Akkuja Jyväskylässä."
    )


def test_the_resolver_finds_a_name_in_any_spelling() -> None:
    city = {"id": "city:jyvaskyla", "type": "City", "name": "Jyväskylä", "name_fi": "Jyväskylä",
            "name_sv": "Jyväskylä", "aliases": [], "identifiers": []}  # fmt: skip
    resolver = Resolver([city])
    for spelling in (unicodedata.normalize("NFD", "Jyväskylä"), "ＪＹＶÄＳＫＹＬÄ", "jyväskylä"):
        assert resolver.ids_for(spelling) == ["city:jyvaskyla"], spelling
