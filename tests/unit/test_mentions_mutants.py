"""Matcher edges that mutation testing found unpinned: the language of each passage, and
four-letter names, which are the shortest that inflect."""

from __future__ import annotations

from kgraph.names.matcher import EntityNames, MentionIndex, build_index
from loaders.build.mentions import find_mentions
from loaders.sources.corpus import Passage


def _index() -> MentionIndex:
    # Built in each test, not at import: mutmut credits a test only with the code it runs.
    return build_index(
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
    assert [m.entity_id for m in find_mentions(_index(), [passage], "fi")] == ["city:turku"]
    assert find_mentions(_index(), [passage], "en") == []


def test_a_four_letter_name_is_found_in_its_case_forms() -> None:
    found = _index().find("Oulussa ja Oulun", "d:p001", language="fi")
    assert [(m.entity_id, m.surface) for m in found] == [
        ("city:oulu", "Oulussa"),
        ("city:oulu", "Oulun"),
    ]


def test_a_capitalised_name_is_not_found_in_a_lower_case_word() -> None:
    kotka = build_index([EntityNames(entity_id="city:kotka", names=["Kotka"])])
    assert kotka.find("kotkan pesä", language="fi") == []
    assert [m.surface for m in kotka.find("Kotkan satama", language="fi")] == ["Kotkan"]
