"""Name resolution on its own: typed, identifiers, partial inflections and the fuzzy floor.

The resolver is an in-memory index, so these tests build it from a few entities written
out here; ``tests/api/test_names_said_back.py`` checks the same cases on the real graph.
"""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.errors import NotFound
from kgraph.names.resolve import Resolver, identifier_key, similarity


def entity(id: str, type: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"id": id, "type": type, "name": name, "name_fi": extra.pop("name_fi", None),
            "name_sv": None, "aliases": extra.pop("aliases", []),
            "identifiers": extra.pop("identifiers", [])}  # fmt: skip


ENTITIES = [
    entity("city:oulu", "City", "Oulu"),
    entity("city:lahti", "City", "Lahti"),
    entity("org:university-of-oulu", "Organisation", "University of Oulu",
           name_fi="Oulun yliopisto"),
    entity("org:centria", "Organisation", "Centria University of Applied Sciences",
           aliases=["Centria-ammattikorkeakoulu"]),
    entity("project:batcircle", "Project", "BATCircle"),
    entity("project:batcircle3", "Project", "BATCircle3.0", aliases=["BATCircle 3.0"],
           identifiers=["B3C"]),
    entity("pub:rostami", "Publication", "Life Cycle of LiFePO4 Batteries",
           identifiers=["10.1002/cphc.202400459"]),
    entity("topic:ev", "Topic", "Electric vehicles", aliases=["EV"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(ENTITIES)


def test_a_name_is_resolved_as_the_type_the_parameter_expects(resolver: Resolver) -> None:
    assert resolver.name("Oulu").ids == ["city:oulu"]
    typed = resolver.name("Oulu", "Organisation")
    assert typed.ids == ["org:university-of-oulu"]
    assert typed.chosen[0].how == "fuzzy" and not typed.exact


def test_a_partial_inflected_match_does_not_stop_the_fuzzy_match(resolver: Resolver) -> None:
    # "Batcircle" covers most of "Batcircle 3": the family must not win over BATCircle3.0.
    best = resolver.resolve("Batcircle 3", type="Project")[0]
    assert (best.id, best.how) == ("project:batcircle3", "fuzzy")


def test_a_whole_inflected_form_still_scores_095(resolver: Resolver) -> None:
    best = resolver.resolve("Oulun yliopistolle")[0]
    assert (best.id, best.how, best.score) == ("org:university-of-oulu", "inflected", 0.95)


@pytest.mark.parametrize(
    "given", ["10.1002/cphc.202400459", "https://doi.org/10.1002/CPHC.202400459",
              "doi:10.1002/cphc.202400459"],
)  # fmt: skip
def test_a_doi_in_any_usual_spelling_resolves_to_its_entity(resolver: Resolver, given: str) -> None:
    resolution = resolver.name(given)
    assert resolution.ids == ["pub:rostami"]
    assert resolution.chosen[0].how == "identifier" and resolution.exact


def test_an_acronym_given_as_an_identifier_resolves_like_a_name(resolver: Resolver) -> None:
    assert [(c.id, c.how, c.score) for c in resolver.resolve("b3c")] == [
        ("project:batcircle3", "identifier", 1.0)
    ]


def test_an_entity_id_is_an_identifier(resolver: Resolver) -> None:
    assert resolver.resolve("city:lahti")[0].how == "identifier"


@pytest.mark.parametrize(("given", "type"), [("Atlantis", "City"), ("Nowhereville", None)])
def test_a_name_like_nothing_resolves_to_nothing_with_suggestions(
    resolver: Resolver, given: str, type: str | None
) -> None:
    # WRatio's partial match once took Atlantis for Lahti and Nowhereville for "EV".
    assert resolver.resolve(given, type=type) == []
    with pytest.raises(NotFound) as raised:
        resolver.name(given, type)
    assert raised.value.suggestions, "close ids are offered"


def test_similarity_counts_whole_words_of_a_name_but_not_fragments() -> None:
    assert similarity("oulu", "university of oulu") > 80
    assert similarity("nowhereville", "ev") < 72
    assert similarity("atlantis", "lahti") < 72


def test_identifier_key_cuts_doi_prefixes_and_case() -> None:
    assert identifier_key(" https://dx.doi.org/10.1/AbC ") == "10.1/abc"


def test_an_answer_is_remembered_as_given_and_a_caller_cannot_change_it() -> None:
    resolver = Resolver(ENTITIES)
    assert resolver.remembered("Oulun yliopistolle", limit=3) is None

    first = resolver.resolve("Oulun yliopistolle", limit=3)
    first.clear()  # the caller's list, not the remembered one
    again = resolver.remembered("Oulun yliopistolle", limit=3)

    assert again is not None and again[0].id == "org:university-of-oulu"
    assert again == resolver.resolve("Oulun yliopistolle", limit=3)
    # Another limit or type is another question.
    assert resolver.remembered("Oulun yliopistolle", limit=2) is None
    assert resolver.remembered("Oulun yliopistolle", limit=3, type="City") is None
