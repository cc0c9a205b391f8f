"""Finding entities in text: Finnish case forms, English, acronyms, overlaps and false friends."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from kgraph.errors import MentionIndexError
from kgraph.names.matcher import (
    EntityNames,
    Mention,
    MentionIndex,
    build_index,
)
from kgraph.ontology import Language
from loaders.build.mentions import count_mentions, find_in_documents, find_mentions
from loaders.sources.corpus import Document

ENTITIES = [
    EntityNames(entity_id="org:oulu-uni", names=["University of Oulu", "Oulun yliopisto"]),
    EntityNames(entity_id="city:oulu", names=["Oulu", "Uleåborg"]),
    EntityNames(entity_id="city:kokkola", names=["Kokkola", "Karleby"]),
    EntityNames(
        entity_id="org:chydenius",
        names=[
            "Kokkola University Consortium Chydenius",
            "Kokkolan yliopistokeskus Chydenius",
            "Chydenius",
        ],
    ),
    EntityNames(
        entity_id="org:uef", names=["University of Eastern Finland", "Itä-Suomen yliopisto", "UEF"]
    ),
    EntityNames(
        entity_id="org:lut",
        names=["LUT University", "Lappeenrannan teknillinen yliopisto", "LUT", "LUT yliopisto"],
    ),
    EntityNames(entity_id="city:lappeenranta", names=["Lappeenranta", "Villmanstrand"]),
    EntityNames(entity_id="city:vaasa", names=["Vaasa", "Vasa"]),
    EntityNames(entity_id="city:turku", names=["Turku", "Åbo"]),
    EntityNames(entity_id="city:pori", names=["Pori", "Björneborg"]),
    EntityNames(entity_id="city:harjavalta", names=["Harjavalta"]),
    EntityNames(entity_id="city:kuopio", names=["Kuopio"]),
    EntityNames(entity_id="city:kotka", names=["Kotka"]),
    EntityNames(entity_id="org:jyu", names=["University of Jyväskylä", "Jyväskylän yliopisto"]),
    EntityNames(
        entity_id="org:centria",
        names=["Centria University of Applied Sciences", "Centria", "Centria-ammattikorkeakoulu"],
    ),
    EntityNames(entity_id="org:business-finland", names=["Business Finland"]),
    EntityNames(entity_id="country:finland", names=["Finland", "Suomi"]),
    EntityNames(entity_id="region:europe", names=["Europe", "Eurooppa"]),
    EntityNames(entity_id="project:batcircle3", names=["BATCircle3.0"]),
    EntityNames(entity_id="network:batcircle", names=["BATCircle"]),
    EntityNames(entity_id="network:eera", names=["European Energy Research Alliance", "EERA"]),
    EntityNames(entity_id="network:bepa", names=["BEPA"]),
    EntityNames(
        entity_id="region:central-ostrobothnia", names=["Central Ostrobothnia", "Keski-Pohjanmaa"]
    ),
    EntityNames(entity_id="org:kosek", names=["Kosek"]),
    EntityNames(entity_id="park:kip", names=["Kokkola Industrial Park", "KIP"]),
    EntityNames(entity_id="person:anna-lahde", names=["Anna Lähde"]),
    EntityNames(entity_id="org:kemira", names=["Kemira"]),
    EntityNames(entity_id="city:kemi", names=["Kemi"]),
]


@pytest.fixture(scope="module")
def index() -> MentionIndex:
    return build_index(ENTITIES)


def found(index: MentionIndex, text: str, language: Language = "fi") -> list[tuple[str, str]]:
    return [(m.entity_id, m.surface) for m in index.find(text, language=language)]


# --- Finnish case forms --------------------------------------------------------------------


def test_matches_inflected_finnish_genitive_and_allative(index: MentionIndex) -> None:
    text = "Rahoitus myönnettiin Oulun yliopistolle. Oulun yliopiston tutkijat ja Oulun yliopisto."

    assert found(index, text) == [
        ("org:oulu-uni", "Oulun yliopistolle"),
        ("org:oulu-uni", "Oulun yliopiston"),
        ("org:oulu-uni", "Oulun yliopisto"),
    ]


def test_matches_a_city_in_inessive_genitive_and_elative(index: MentionIndex) -> None:
    text = "Kokkolassa toimii Kokkolan teollisuuspuisto; yrityksiä Kokkolasta."

    assert found(index, text) == [
        ("city:kokkola", "Kokkolassa"),
        ("city:kokkola", "Kokkolan"),
        ("city:kokkola", "Kokkolasta"),
    ]


def test_matches_a_hyphenated_compound_name_in_its_cases(index: MentionIndex) -> None:
    text = "Anna Lähteen (Itä-Suomen yliopisto, Kuopio) ja Itä-Suomen yliopiston tutkijat."

    assert found(index, text) == [
        ("person:anna-lahde", "Anna Lähteen"),
        ("org:uef", "Itä-Suomen yliopisto"),
        ("city:kuopio", "Kuopio"),
        ("org:uef", "Itä-Suomen yliopiston"),
    ]


def test_undoes_consonant_gradation_through_the_lemmatiser(index: MentionIndex) -> None:
    text = "Lappeenrannan kaupunki, Turussa ja Turun satama, Harjavallan tehdas, Turku ja Vaasa."

    assert found(index, text) == [
        ("city:lappeenranta", "Lappeenrannan"),
        ("city:turku", "Turussa"),
        ("city:turku", "Turun"),
        ("city:harjavalta", "Harjavallan"),
        ("city:turku", "Turku"),
        ("city:vaasa", "Vaasa"),
    ]


def test_matches_the_genitive_of_a_country_through_its_lemma(index: MentionIndex) -> None:
    assert found(index, "Suomen akkustrategia ja Suomessa toimivat yritykset") == [
        ("country:finland", "Suomen"),
        ("country:finland", "Suomessa"),
    ]


def test_a_name_given_in_the_plural_is_found_in_its_plural_cases() -> None:
    plural = build_index(
        [
            EntityNames(entity_id="network:contract-cities", names=["sopimuskaupungit"]),
            EntityNames(entity_id="topic:education", names=["koulutuspolut"]),
        ]
    )
    text = "Sopimuskaupunkien kehitys, sopimuskaupungeissa ja koulutuksen"

    # the genitive and inessive plural reach the name through their singular lemma
    # ("sopimuskaupunki"); "koulutuksen" does not reach "koulutuspolut", whose lemma the
    # lemmatiser cuts short to "koulutus" (no singular of the name is taken from it)
    assert found(plural, text) == [
        ("network:contract-cities", "Sopimuskaupunkien"),
        ("network:contract-cities", "sopimuskaupungeissa"),
    ]


def test_matches_foreign_names_with_finnish_endings(index: MentionIndex) -> None:
    text = "Centrian osalta, Business Finlandin ohjelma, Kosekin kanssa, Chydeniuksen tutkijat"

    assert found(index, text) == [
        ("org:centria", "Centrian"),
        ("org:business-finland", "Business Finlandin"),
        ("org:kosek", "Kosekin"),
        ("org:chydenius", "Chydeniuksen"),
    ]


def test_matches_a_region_in_the_genitive(index: MentionIndex) -> None:
    assert found(index, "Hanke tukee Keski-Pohjanmaan maakunnan strategiaa") == [
        ("region:central-ostrobothnia", "Keski-Pohjanmaan")
    ]


def test_acronyms_take_a_colon_or_bare_genitive_ending(index: MentionIndex) -> None:
    text = "BATCircle3.0:n tavoitteet; EERA:n ja EERAn jäsenet; BEPA:n ohjelma; LUT, UEF ja KIP."

    assert found(index, text) == [
        ("project:batcircle3", "BATCircle3.0:n"),
        ("network:eera", "EERA:n"),
        ("network:eera", "EERAn"),
        ("network:bepa", "BEPA:n"),
        ("org:lut", "LUT"),
        ("org:uef", "UEF"),
        ("park:kip", "KIP"),
    ]


def test_names_joined_by_a_hyphen_are_matched_separately(index: MentionIndex) -> None:
    assert found(index, "yrityksiä Kokkolasta ja Pori-Harjavalta alueelta") == [
        ("city:kokkola", "Kokkolasta"),
        ("city:pori", "Pori"),
        ("city:harjavalta", "Harjavalta"),
    ]


def test_matches_the_genitive_of_a_short_city_name(index: MentionIndex) -> None:
    assert found(index, "Porin ja Jyväskylän yliopisto") == [
        ("city:pori", "Porin"),
        ("org:jyu", "Jyväskylän yliopisto"),
    ]


# --- English -------------------------------------------------------------------------------


def test_matches_an_english_possessive(index: MentionIndex) -> None:
    text = "a professor at the University of Oulu's lab in Finland’s west"

    assert found(index, text, "en") == [
        ("org:oulu-uni", "University of Oulu's"),
        ("country:finland", "Finland’s"),
    ]


def test_english_text_is_matched_only_as_written(index: MentionIndex) -> None:
    assert found(index, "the European battery industry in Europe", "en") == [
        ("region:europe", "Europe")
    ]


# --- overlaps ------------------------------------------------------------------------------


def test_the_longest_name_wins_and_hides_names_inside_it(index: MentionIndex) -> None:
    text = (
        "Oulun yliopisto/Kokkolan yliopistokeskus Chydenius sekä Lappeenrannan teknillinen "
        "yliopisto ja Kokkola Industrial Parkin alue"
    )

    assert found(index, text) == [
        ("org:oulu-uni", "Oulun yliopisto"),
        ("org:chydenius", "Kokkolan yliopistokeskus Chydenius"),
        ("org:lut", "Lappeenrannan teknillinen yliopisto"),
        ("park:kip", "Kokkola Industrial Parkin"),
    ]


def test_a_name_does_not_run_across_punctuation(index: MentionIndex) -> None:
    assert found(index, "Oulun. Yliopisto") == [("city:oulu", "Oulun")]


def test_the_closest_match_wins_when_a_token_fits_two_entities(index: MentionIndex) -> None:
    assert found(index, "Kemiran tehdas ja Kemin satama") == [
        ("org:kemira", "Kemiran"),
        ("city:kemi", "Kemin"),
    ]


def test_entities_sharing_a_name_each_get_the_mention() -> None:
    shared = build_index(
        [
            EntityNames(entity_id="city:vaasa", names=["Vaasa"]),
            EntityNames(entity_id="region:vaasa", names=["Vaasa"]),
        ]
    )

    assert found(shared, "Vaasan seutu") == [
        ("city:vaasa", "Vaasan"),
        ("region:vaasa", "Vaasan"),
    ]


# --- false friends -------------------------------------------------------------------------


def test_acronyms_and_short_names_match_only_as_written(index: MentionIndex) -> None:
    assert found(index, "UEFA, lut, Lut ja KIPU eivät ole nimiä") == []


def test_a_lowercase_common_word_is_not_a_capitalised_name(index: MentionIndex) -> None:
    assert found(index, "kotka lensi, mutta Kotkan satama") == [("city:kotka", "Kotkan")]


def test_a_brand_does_not_match_its_numbered_successor(index: MentionIndex) -> None:
    assert found(index, "BATCircle2.0 ja BATCircle-hankkeille") == [
        ("network:batcircle", "BATCircle")
    ]


def test_derived_words_are_not_the_place_they_derive_from(index: MentionIndex) -> None:
    assert found(index, "kokkolalainen yritys, Porilainen ja Vaasalaiset kuopiolaiset") == []


# --- offsets, passages, counts -------------------------------------------------------------


def test_a_mention_carries_its_offsets_surface_and_passage(index: MentionIndex) -> None:
    text = "Tutkijat Oulun yliopistolle."

    assert index.find(text, "doc:p007", language="fi") == [
        Mention(
            entity_id="org:oulu-uni",
            passage_id="doc:p007",
            start=9,
            end=27,
            surface="Oulun yliopistolle",
        )
    ]


def test_count_mentions_counts_by_entity(index: MentionIndex) -> None:
    mentions = index.find("Kokkola, Kokkolan ja Vaasan", language="fi")

    assert count_mentions(mentions) == {"city:kokkola": 2, "city:vaasa": 1}


def test_a_name_without_a_word_is_refused() -> None:
    with pytest.raises(MentionIndexError, match="'\\+\\+' of entity 'x'"):
        build_index([EntityNames(entity_id="x", names=["++"])])


def test_an_entity_needs_a_name() -> None:
    with pytest.raises(ValidationError):
        EntityNames(entity_id="x", names=[])


def test_finds_every_name_in_a_real_report_passage(
    index: MentionIndex, documents: dict[str, Document]
) -> None:
    report = documents["000_82ade397896eee5f"]
    passage = next(p for p in report.passages if p.text.startswith("BATCircle3.0 vastaa"))

    mentions = find_mentions(index, [passage], "fi")

    assert {m.passage_id for m in mentions} == {passage.id}
    assert [(m.entity_id, m.surface) for m in mentions] == [
        ("project:batcircle3", "BATCircle3.0"),
        ("org:business-finland", "Business Finland"),
        ("city:kokkola", "Kokkola"),
        ("org:oulu-uni", "Oulun yliopisto"),
        ("city:lappeenranta", "Lappeenranta"),
        ("org:lut", "LUT"),
        ("city:kuopio", "Kuopio"),
        ("org:uef", "UEF"),
        ("city:kokkola", "Kokkolasta"),
        ("city:pori", "Pori"),
        ("city:harjavalta", "Harjavalta"),
    ]


def test_counts_mentions_over_the_real_corpus_in_each_documents_language(
    index: MentionIndex, documents: dict[str, Document]
) -> None:
    mentions = find_in_documents(index, documents.values())
    counts = count_mentions(mentions)
    surfaces = {m.surface for m in mentions if m.entity_id == "org:oulu-uni"}

    assert surfaces == {
        "Oulun yliopisto",
        "Oulun yliopiston",
        "Oulun yliopistolle",
        "University of Oulu",
    }
    # Expected: the same names found by a plain text search of the documents. Every
    # capitalised "Kokkola" word counts for the city except where it begins a longer name
    # (the Chydenius consortium, Kokkola Industrial Park); "kokkolalaisen" is derived and
    # lower-case. Centria and Kosek appear in Finnish case forms and as written.
    assert counts["org:oulu-uni"] == occurrences(
        documents, r"Oulun yliopisto\w*|University of Oulu"
    )
    assert counts["city:kokkola"] == occurrences(
        documents, r"\bKokkola\w*\b(?! yliopistokeskus Chydenius| Industrial Park)"
    )
    assert counts["org:kosek"] == occurrences(documents, r"\bKosek\w*") == 1
    assert counts["org:centria"] == occurrences(documents, r"\bCentria\w*")
    assert all(m.passage_id is not None for m in mentions)


def occurrences(documents: dict[str, Document], pattern: str) -> int:
    """How often ``pattern`` occurs in the cleaned passages of every document."""
    found = re.compile(pattern)
    return sum(len(found.findall(p.text)) for d in documents.values() for p in d.passages)
