"""New places: countries and regions from the gazetteers of ``words.yaml`` (through the one
matcher, so any Finnish case), and cities where the text's shape says so: "in Knapsack,
Germany" in English, a one-word place name of the Finnish pipeline in Finnish."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from kgraph.names.matcher import EntityNames, MentionIndex
from kgraph.ontology import Language
from loaders.extract.spans import Span, new_id
from loaders.extract.words import Words, load_words


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[MentionIndex, dict[str, tuple[str, str, str]]]:
    words = load_words()
    by_id = {new_id(kind, en): (kind, en, fi) for kind, en, fi in words.places}
    index = MentionIndex(
        EntityNames(entity_id=i, names=[en, fi]) for i, (_, en, fi) in by_id.items()
    )
    return index, by_id


def gazetteer_places(text: str, language: Language) -> list[Span]:
    index, by_id = _gazetteer()
    spans = []
    for m in index.find(text, language=language):
        kind, en, fi = by_id[m.entity_id]
        spans.append(
            Span(
                m.start,
                m.end,
                m.surface,
                kind,
                m.entity_id,
                new=True,
                name=en,
                name_fi=fi,
                rule="gazetteer",
                confidence=0.9,
            )
        )
    return spans


_CITY_COUNTRY = re.compile(r"\b(?:in|at|to) (?P<city>[A-ZÅÄÖ][a-zåäöü]+(?:-[A-Z][a-z]+)?), ")


def english_cities(text: str, places: list[Span]) -> list[Span]:
    """ "in Knapsack, Germany": the word before a gazetteer country is a city."""
    countries = {p.start for p in places if p.type == "Country"}
    spans = []
    for m in _CITY_COUNTRY.finditer(text):
        if m.end() in countries:
            name = m["city"]
            spans.append(
                Span(
                    m.start("city"),
                    m.end("city"),
                    name,
                    "City",
                    new_id("City", name),
                    new=True,
                    name=name,
                    rule="city-comma-country-en",
                    confidence=0.8,
                )
            )
    return spans


def finnish_cities(doc: Doc, words: Words) -> list[Span]:
    """A one-word place name (GPE) of the Finnish pipeline, in base form, as a city."""
    spans = []
    for ent in doc.ents:
        token = ent[0]
        if ent.label_ != "GPE" or len(ent) != 1 or token.pos_ != "PROPN":
            continue
        name = token.lemma_ or token.text
        unknown = name == token.text and "Case=Nom" not in str(token.morph)
        if unknown or not name[:1].isupper() or not name.isalpha():
            continue  # an inflected word the lemmatiser does not know ("ReKokkolan") is no city
        spans.append(
            Span(
                ent.start_char,
                ent.end_char,
                ent.text,
                "City",
                new_id("City", name),
                new=True,
                name=name,
                rule="ner-gpe-fi",
                confidence=0.7,
            )
        )
    return spans
