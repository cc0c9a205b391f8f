"""Matcher edges that mutation testing found unpinned: the language of each passage, and
four-letter names, which are the shortest that inflect."""

from __future__ import annotations

from kgraph.corpus import Passage
from kgraph.mentions import EntityNames, build_index, find_mentions

INDEX = build_index(
    [
        EntityNames(entity_id="city:turku", names=["Turku"]),
        EntityNames(entity_id="city:oulu", names=["Oulu"]),
    ]
)


def _passage(text: str) -> Passage:
    return Passage(
        id="d:p001", doc_id="d", ordinal=1, kind="paragraph", text=text, start=0, end=len(text)
    )


def test_an_inflected_name_is_found_in_finnish_text_only() -> None:
    passage = _passage("Turun satama")
    assert [m.entity_id for m in find_mentions(INDEX, [passage], "fi")] == ["city:turku"]
    assert find_mentions(INDEX, [passage], "en") == []


def test_a_four_letter_name_is_found_in_its_case_forms() -> None:
    found = INDEX.find("Oulussa ja Oulun", "d:p001")
    assert [(m.entity_id, m.surface) for m in found] == [
        ("city:oulu", "Oulussa"),
        ("city:oulu", "Oulun"),
    ]
