"""Find where passages name known entities, in any Finnish case form and in English.

Finnish inflects names ("Oulun yliopistolle", "Turussa", "Lappeenrannan"), so a name cannot be
found by string search. Each token is reduced to comparison keys by the Snowball Finnish
stemmer and the simplemma lemmatiser, and names are matched as sequences of keys through a
trie built once, so a passage is matched in one pass over its tokens.

How a token of Finnish text matches a name token, and why (measured on the five documents):

* **Exact** (case-sensitive): name tokens shorter than 4 characters, all-capital acronyms and
  anything with a digit ("LUT", "EERA", "BATCircle3.0") match only so. Stemming such strings
  invents matches. Acronyms inflect with a colon ("EERA:n", "BATCircle3.0:n") or a bare "n"
  ("EERAn"); those endings, like English "'s", are cut before comparing.
* **Stem** of the token: Snowball handles most endings, even "Lappeenrannan" = "Lappeenranta".
* **Lemma**: simplemma undoes consonant gradation that Snowball leaves ("Turun", "Turussa" ->
  Turku; "Harjavallan", "Helsingin", "Suomen" -> Suomi). Over the five documents and 46 test
  entities, leaving it out loses 22 of 266 mentions (every "Suomen/Suomessa/..." and "Anna
  Lähteen"); the stem of the stem adds 2 and the prefix rule 1.
* **Stem of the stem** settles foreign names whose stem depends on the ending ("Centrian" ->
  centria -> centr = "Centria"); it also lets the English "European" reach "Europe" when it
  stands in a Finnish text.
* **Prefix** (capitalised names of 5+ letters ending in a consonant): Finnish adds a linking
  vowel or changes the stem of such foreign names ("Kosekin", "Chydeniuksen"), which neither
  tool knows; the name less its last letter must begin the token, then at most six
  lower-case letters.
* **Case**: a capitalised name token only matches a capitalised token, so "Kotka" (the city)
  is not found in "kotka" (an eagle). A name in lower case matches either.

Text in another language is matched exactly (less "'s" and colon endings), so an English word
is never taken for an inflected Finnish one.

When one span matches several entities through different keys, the closest match wins
(exact, then stem, then lemma, then stem-of-stem or prefix): "Kemiran" is the company Kemira
by its stem, not the town Kemi by its lemma. Entities that share a name each get a mention.

Overlaps: matching is leftmost-longest. At each token the longest name starting there wins
and the scan goes on after it, so a shorter name inside a longer one is not reported:
"Kokkolan yliopistokeskus Chydenius" is Chydenius, not also Kokkola, and "Oulun yliopisto"
is the university, not also the city of Oulu. Tokens of one name may be separated only by
white space or a hyphen ("Itä-Suomen yliopisto"), so "Oulun yliopisto/Kokkolan ..." stays
two names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from pydantic import BaseModel, ConfigDict, Field

from kgraph.errors import MentionIndexError
from kgraph.names import finnish
from kgraph.ontology import Language

#: How a token is compared: ("x", surface) exactly; ("s", stem) by stem, or ("S", stem) by stem
#: when the token must be capitalised; ("P", prefix) by the prefix rule for foreign names.
Key = tuple[str, str]
#: A text token's keys, each with its tier: 0 exact, 1 stem, 2 lemma, 3 stem of stem or prefix.
TieredKeys = tuple[tuple[Key, int], ...]

_TOKEN = re.compile(r"[^\W_]+(?:[.:'’&][^\W_]+)*")
# What may separate the tokens of one name: space, a hyphen, "&", a dash, or the comma of a
# citation ("Lassi, Ulla"); these only matter where a registered name spans one.
_GAP = re.compile(r"\s*[-,&–]?\s*")
_CLITIC = re.compile(r"(?::[^\W\d_]+|['’]s)$")  # "EERA:n", "BATCircle3.0:n", "Oulu's"
_ACRONYM_N = re.compile(r"([A-ZÅÄÖ][A-ZÅÄÖ0-9]+)n")  # "EERAn": a genitive written without colon
_VOWELS = frozenset("aeiouyåäöAEIOUYÅÄÖ")
_MIN_STEMMED = 4  # shorter tokens only match exactly
_MIN_PREFIXED = 5
_MAX_TAIL = 6

_stemmer = snowballstemmer.stemmer("finnish")


class EntityNames(BaseModel):
    """An entity and the names it goes by (English, Finnish, Swedish, aliases), in base form."""

    model_config = ConfigDict(frozen=True)

    entity_id: str = Field(min_length=1)
    names: list[str] = Field(min_length=1)


class Mention(BaseModel):
    """One occurrence of an entity's name: ``text[start:end] == surface``."""

    model_config = ConfigDict(frozen=True)

    entity_id: str
    passage_id: str | None
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class _Token:
    surface: str
    start: int
    end: int
    joined: bool  # only white space or a hyphen separates it from the previous token


@dataclass
class _Node:
    children: dict[Key, _Node] = field(default_factory=dict)
    entities: list[str] = field(default_factory=list)


#: Trie nodes reached so far, by id, with the summed tier of the cheapest way there.
_Frontier = dict[int, tuple[_Node, int]]


class MentionIndex:
    """Names of entities as a trie of token keys; build once, match many passages."""

    def __init__(self, entities: Iterable[EntityNames]) -> None:
        self._root = _Node()
        for entity in entities:
            for name in dict.fromkeys(entity.names):
                self._add(entity.entity_id, name)

    def _add(self, entity_id: str, name: str) -> None:
        tokens = _tokens(name)
        if not tokens:
            raise MentionIndexError(f"name '{name}' of entity '{entity_id}' has no word in it")
        nodes = [self._root]
        for token in tokens:
            keys = _name_keys(token.surface)
            child = _Node()  # shared by all keys of the token, unless a key already has a node
            reached: dict[int, _Node] = {}
            for node in nodes:
                for key in keys:
                    found = node.children.setdefault(key, child)
                    reached[id(found)] = found
            nodes = list(reached.values())
        for node in nodes:
            if entity_id not in node.entities:
                node.entities.append(entity_id)

    def find(
        self, text: str, passage_id: str | None = None, *, language: Language
    ) -> list[Mention]:
        """Every mention in ``text``, in order, leftmost-longest, without overlaps.

        ``language`` is the text's ISO 639-1 code: Finnish text is matched in every case form,
        any other only as written (see the module docstring).
        """
        tokens = _tokens(text)
        inflected = language == "fi"
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            last, entities = self._longest(tokens, i, inflected)
            start, end = tokens[i].start, tokens[last].end
            surface = text[start:end]
            mentions += [
                Mention(entity_id=e, passage_id=passage_id, start=start, end=end, surface=surface)
                for e in entities
            ]
            i = last + 1 if entities else i + 1
        return mentions

    def _longest(self, tokens: list[_Token], i: int, inflected: bool) -> tuple[int, list[str]]:
        """The last token and the best-matching entities of the longest name starting at i."""
        frontier: _Frontier = {id(self._root): (self._root, 0)}
        best: tuple[int, list[str]] = (i, [])
        for j in range(i, len(tokens)):
            if j > i and not tokens[j].joined:
                break
            frontier = _step(frontier, _text_keys(tokens[j].surface, inflected))
            ended = [(tier, node) for node, tier in frontier.values() if node.entities]
            if ended:
                closest = min(tier for tier, _ in ended)
                best = (j, sorted({e for t, n in ended if t == closest for e in n.entities}))
            if not frontier:
                break
        return best


def _step(frontier: _Frontier, keys: TieredKeys) -> _Frontier:
    reached: _Frontier = {}
    for node, tier in frontier.values():
        for key, key_tier in keys:
            child = node.children.get(key)
            if child is not None and (
                id(child) not in reached or tier + key_tier < reached[id(child)][1]
            ):
                reached[id(child)] = (child, tier + key_tier)
    return reached


def build_index(entities: Iterable[EntityNames]) -> MentionIndex:
    """Index every name of every entity."""
    return MentionIndex(entities)


# --- tokens and keys ------------------------------------------------------------------------


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end: int | None = None
    for m in _TOKEN.finditer(text):
        joined = previous_end is not None and bool(_GAP.fullmatch(text, previous_end, m.start()))
        tokens.append(_Token(m.group(), m.start(), m.end(), joined))
        previous_end = m.end()
    return tokens


def _exact_only(word: str) -> bool:
    """Short words, acronyms and anything with a digit are compared as written."""
    return len(word) < _MIN_STEMMED or word.isupper() or any(c.isdigit() for c in word)


def _stem(word: str) -> str:
    return str(_stemmer.stemWord(word.lower()))


def _lemma(word: str) -> str:
    return finnish.lemmatize(word)


def _name_keys(word: str) -> frozenset[Key]:
    """The keys under which a name token (in base form) is indexed."""
    if _exact_only(word):
        return frozenset({("x", word)})
    capital = word[:1].isupper()
    keys: set[Key] = {("x", word), ("S" if capital else "s", _stem(word))}
    singular = _singular(word) if not capital else None
    if singular:
        keys.add(("s", _stem(singular)))
    if capital and len(word) >= _MIN_PREFIXED and word[-1].isalpha() and word[-1] not in _VOWELS:
        keys.add(("P", word[:-1].lower()))
    return frozenset(keys)


def _singular(word: str) -> str | None:
    """A common noun named in the plural ("sopimuskaupungit", "kaupunkiseudut"): its singular,
    which its inflected forms ("sopimuskaupunkien") reach through their lemma. Only where the
    lemmatiser changes no more than the plural ending and a graded consonant; a lemma that
    cuts a compound short ("koulutuspolut" -> "koulutus") is not the word's singular."""
    if not word.endswith("t"):
        return None
    lemma = _lemma(word)
    kept = len(word) - 3
    if lemma == word or len(lemma) < len(word) - 2 or lemma[:kept] != word[:kept]:
        return None
    return lemma


@lru_cache(maxsize=65_536)
def _text_keys(surface: str, inflected: bool) -> TieredKeys:
    """Every key a text token may match, with its tier (see the module docstring)."""
    base = _CLITIC.sub("", surface)
    tiers: dict[Key, int] = {("x", surface): 0, ("x", base): 0}
    acronym = _ACRONYM_N.fullmatch(base)
    if acronym:
        tiers[("x", acronym.group(1))] = 0
    if inflected and len(base) >= _MIN_STEMMED:
        for key, tier in _inflection_keys(base):
            tiers[key] = min(tier, tiers.get(key, tier))
    return tuple(tiers.items())


def _inflection_keys(base: str) -> list[tuple[Key, int]]:
    stems = [
        (_stem(base), 1),
        (_stem(_lemma(base)), 2),
        (_stem(_lemma(base.lower())), 2),
        (_stem(_stem(base)), 3),
    ]
    keys = [(("s", stem), tier) for stem, tier in stems]
    if base[:1].isupper():
        keys += [(("S", stem), tier) for stem, tier in stems]
        keys += [(key, 3) for key in _prefix_keys(base)]
    return keys


def _prefix_keys(base: str) -> list[Key]:
    lower = base.lower()
    cuts = range(max(_MIN_PREFIXED - 1, len(lower) - _MAX_TAIL), len(lower))
    return [("P", lower[:cut]) for cut in cuts if base[cut:].isalpha() and base[cut:].islower()]
