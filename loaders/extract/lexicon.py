"""What a trained pipeline's own dictionary says a word is: a common word, a place, a person's
name, a name, or a word it does not know.

A capitalised word alone ("Fortum", "Academia", "Kokkola") may be a name or a common word
capitalised by its place; a rule that names an organisation from one word asks here first.
English: the WordNet word lists of ``en_core_web_sm``'s lemmatiser (``lemma_index``): a word
listed there, or whose lemma is, is common ("Academia", "Industry", "Apple"). Finnish:
libvoikko, which the Finnish pipeline's lemmatiser runs on, by the word's class in each of its
readings: a common word ("Teollisuus": *nimisana*), a place ("Kokkola", "Nokia":
*paikannimi*), a person ("Virtanen": *sukunimi*, *etunimi*), or a name only ("Fortum",
"Kemira": *nimi*). A pipeline with neither (a blank one) has no lexicon: ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from spacy.language import Language

WordKind = Literal["name", "common", "place", "person", "unknown"]
#: (the word as written, its lemma) -> what the dictionary says it is
Lexicon = Callable[[str, str], WordKind]

_FI_PLACE = frozenset({"paikannimi"})
_FI_PERSON = frozenset({"etunimi", "sukunimi"})
_FI_NAME = frozenset({"nimi"})


_LEXICONS: dict[int, Lexicon | None] = {}


def lexicon_of(nlp: Language) -> Lexicon | None:
    """The pipeline's lexicon, or None where its lemmatiser has no dictionary to ask; built
    once per pipeline."""
    if id(nlp) not in _LEXICONS:
        _LEXICONS[id(nlp)] = _build(nlp)
    return _LEXICONS[id(nlp)]


def _build(nlp: Language) -> Lexicon | None:
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    voikko = getattr(lemmatizer, "voikko", None)
    if voikko is not None:
        return _finnish(voikko)
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        table = lookups.get_table("lemma_index")
        common = frozenset(w for key in table for w in table[key])
        return _english(common)
    return None


def _english(common: frozenset[str]) -> Lexicon:
    def kind(word: str, lemma: str) -> WordKind:
        return "common" if {word.casefold(), lemma.casefold()} & common else "unknown"

    return kind


def _finnish(voikko: Any) -> Lexicon:
    def kind(word: str, lemma: str) -> WordKind:
        classes = {str(a.get("CLASS", "")) for a in voikko.analyze(word)}
        if not classes:
            return "unknown"
        if classes & _FI_PLACE:
            return "place"
        if classes & _FI_PERSON:
            return "person"
        return "name" if classes <= _FI_NAME else "common"

    return kind


#: The cases a town is named in where a lake or a sea is rarely: as a subject, and "in",
#: "from", "to" a town ("Kemi", "Kemissä", "Kemistä", "Kemiin"); not the genitive and the
#: adessive of "Päijänteen rannalla", "Päijänteellä". A clitic read off a name ("Kosekin" as
#: "Kose" + "-kin") is no place either.
_CITY_CASES = frozenset({"nimento", "sisaolento", "sisaeronto", "sisatulento"})

#: a word as written -> its base form where the Finnish dictionary knows it only as a place's
#: name ("Kemissä" -> "Kemi", "Ylivieska"); None for any other word
PlaceNames = Callable[[str], str | None]
_PLACE_NAMES: dict[int, PlaceNames | None] = {}


def place_names_of(nlp: Language) -> PlaceNames | None:
    """Places by the Finnish pipeline's dictionary (libvoikko), for documents in any language:
    a word every reading of which is a place's name (*paikannimi*); a word that is also a
    common word, a person's or another name ("Harjavalta", "Nokia", "Virtanen") is none. None
    without the Finnish dictionary."""
    if id(nlp) not in _PLACE_NAMES:
        lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        voikko = getattr(lemmatizer, "voikko", None)
        _PLACE_NAMES[id(nlp)] = None if voikko is None else _only_places(voikko)
    return _PLACE_NAMES[id(nlp)]


def _only_places(voikko: Any) -> PlaceNames:
    def place(word: str) -> str | None:
        readings = voikko.analyze(word)
        bases = {str(a.get("BASEFORM", "")) for a in readings}
        if not readings or any(
            str(a.get("CLASS", "")) not in _FI_PLACE
            or a.get("FOCUS")
            or a.get("SIJAMUOTO") not in _CITY_CASES
            for a in readings
        ):
            return None
        return next(iter(bases)) if len(bases) == 1 else None

    return place
