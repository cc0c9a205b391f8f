"""What a sentence says, word by word: entities, dates, cues, ignored words and the rest.

Entities are found by the resolver's mention index (any Finnish case form, English and
Swedish names, aliases), then by the language's ``terms`` (a word naming an entity that is
not one of its names: "recycling" for the stage). A name next to a type noun is read as that
type when the resolver finds one ("Oulu's university" is the University of Oulu). Dates come
from ``when``. Every other word is a cue of the language, an ignored word, or not understood.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from kgraph.ask.rules import Lexicon
from kgraph.names import finnish
from kgraph.names.resolve import Resolver
from kgraph.parse.when import DateReader, When

#: A word: a hyphen ends it, so "Horizon-hankkeissa" is a name and a word after it, as the
#: rules' phrases are split the same way ("raaka-aineet" is two words in both).
_TOKEN = re.compile(r"[^\W_]+(?:[.:'’+][^\W_]+)*\+?")
#: Below this the resolver's reading of "<name> <type noun>" is not taken.
TYPED_FLOOR = 0.8
_stemmer = snowballstemmer.stemmer("finnish")


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    name_fi: str | None


@dataclass(frozen=True)
class Spot:
    """A stretch of the sentence naming one or more entities (several: the word is ambiguous)."""

    text: str
    at: int
    end: int
    readings: tuple[Entity, ...]


@dataclass(frozen=True)
class Cue:
    name: str
    words: str
    at: int


@dataclass
class Said:
    """A sentence taken apart: every word is in exactly one of the lists."""

    text: str
    language: str
    spots: list[Spot] = field(default_factory=list)
    dates: list[When] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    unknown: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each word

    @property
    def cue_names(self) -> set[str]:
        return {c.name for c in self.cues}

    @property
    def unknown_words(self) -> list[str]:
        return [self.text[a:b] for a, b in self.unknown]

    def unknown_runs(self) -> list[str]:
        """The words not understood, neighbours joined ("Nokia Oyj")."""
        runs: list[tuple[int, int]] = []
        for a, b in self.unknown:
            if runs and not re.search(r"\w", self.text[runs[-1][1] : a]):
                runs[-1] = (runs[-1][0], b)
            else:
                runs.append((a, b))
        return [self.text[a:b] for a, b in runs]


@lru_cache(maxsize=8192)
def _keys(word: str, language: str, listed: bool) -> frozenset[str]:
    """How a word is compared: as written; in Finnish also by stem, and by lemma when the
    rules list the base form ("rahoittaa" is every form of the verb, "rahoittama" only its
    own: the participle says "funded by", the verb "funds")."""
    folded = word.casefold()
    keys = {folded}
    if language == "fi" and len(folded) >= 4 and folded.isalpha():
        keys.add("s:" + _stemmer.stemWord(folded))
        lemma = finnish.lemmatize(folded)
        if not listed or lemma == folded:
            keys.add("l:" + lemma)
    return frozenset(keys)


def _same(token: str, word: str, language: str) -> bool:
    return bool(_keys(token, language, False) & _keys(word, language, True))


def _words(phrase: str) -> list[str]:
    return _TOKEN.findall(phrase)


class _Phrases:
    """Phrases of a language (cues, ignored words, terms), matched longest first."""

    def __init__(self, lexicon: Lexicon) -> None:
        entries: list[tuple[str, str, list[str]]] = []
        for cue, words in lexicon.cues.items():
            entries += [("cue", cue, _words(w)) for w in words]
        for entity_id, words in lexicon.terms.items():
            entries += [("term", entity_id, _words(w)) for w in words]
        entries += [("ignore", "", _words(w)) for w in lexicon.ignore]
        entries += [("noun", t, [w]) for w, t in lexicon.type_nouns.items()]
        # Longest first; a term before a cue before an ignored word of the same length.
        order = {"term": 0, "noun": 1, "cue": 2, "ignore": 3}
        self.entries = sorted(entries, key=lambda e: (-len(e[2]), order[e[0]]))
        self.language = lexicon.language

    def match(self, tokens: list[str], only: str | None = None) -> tuple[str, str, int] | None:
        """The longest phrase starting the tokens: (what, value, how many tokens)."""
        for what, value, words in self.entries:
            if only is not None and what != only:
                continue
            if len(words) <= len(tokens) and all(
                _same(t, w, self.language) for t, w in zip(tokens, words, strict=False)
            ):
                return what, value, len(words)
        return None


_READERS: dict[int, tuple[Lexicon, DateReader, _Phrases]] = {}


def _reader(lexicon: Lexicon) -> tuple[DateReader, _Phrases]:
    """The lexicon's compiled date patterns and phrases, made once per lexicon."""
    known = _READERS.get(id(lexicon))
    if known is None or known[0] is not lexicon:
        known = (lexicon, DateReader(lexicon.dates), _Phrases(lexicon))
        _READERS[id(lexicon)] = known
    return known[1], known[2]


def _entity(resolver: Resolver, entity_id: str) -> Entity | None:
    e = resolver.entity(entity_id)
    return None if e is None else Entity(e["id"], e["type"], e["name"], e.get("name_fi"))


def take_apart(text: str, lexicon: Lexicon, resolver: Resolver, today: dt.date) -> Said:
    """Every word of ``text`` as an entity, a date, a cue, an ignored word or not understood."""
    dates, phrases = _reader(lexicon)
    said = Said(text, lexicon.language)
    said.dates = dates.find(text, today)
    taken = [(w.at, w.end_at) for w in said.dates]
    by_span: dict[tuple[int, int], list[Entity]] = {}
    for m in resolver.mentions(text):
        if any(a < m.end and m.start < b for a, b in taken):
            continue
        entity = _entity(resolver, m.entity_id)
        if entity is not None:
            by_span.setdefault((m.start, m.end), []).append(entity)
    spots = [Spot(text[a:b], a, b, tuple(es)) for (a, b), es in sorted(by_span.items())]
    undated = [m for m in _TOKEN.finditer(text) if not any(a <= m.start() < b for a, b in taken)]
    spots = _merged(spots + _terms(undated, text, phrases, resolver))
    tokens = [m for m in undated if not any(s.at <= m.start() < s.end for s in spots)]
    i = 0
    while i < len(tokens):
        run = _contiguous(tokens[i:], text)
        found = phrases.match([t.group() for t in run])
        if found is None or found[0] == "term":
            said.unknown.append((tokens[i].start(), tokens[i].end()))
            i += 1
            continue
        what, value, n = found
        words = " ".join(t.group() for t in run[:n])
        at, end = run[0].start(), run[n - 1].end()
        if what == "cue":
            said.cues.append(Cue(value, words, at))
        elif what == "ignore":
            said.ignored.append(words)
        elif not _typed(spots, value, words, at, end, resolver):
            said.unknown.append((at, end))
        i += n
    said.spots = spots
    return said


def _terms(tokens: list[re.Match[str]], text: str, phrases: _Phrases, r: Resolver) -> list[Spot]:
    """Entities named by the language's terms, wherever they stand (also inside a name)."""
    found: list[Spot] = []
    i = 0
    while i < len(tokens):
        run = _contiguous(tokens[i:], text)
        match = phrases.match([t.group() for t in run], only="term")
        entity = _entity(r, match[1]) if match else None
        if match is None or entity is None:
            i += 1
            continue
        n = match[2]
        found.append(Spot(text[run[0].start() : run[n - 1].end()], run[0].start(),
                          run[n - 1].end(), (entity,)))  # fmt: skip
        i += n
    return found


def _contiguous(tokens: list[re.Match[str]], text: str) -> list[re.Match[str]]:
    """The tokens from the first on that only spaces or punctuation separate (no entity)."""
    run = tokens[:1]
    for token in tokens[1:]:
        if re.search(r"\w", text[run[-1].end() : token.start()]):
            break
        run.append(token)
    return run


def _typed(spots: list[Spot], type_: str, noun: str, at: int, end: int, r: Resolver) -> bool:
    """A type noun beside a name: the name read as that type ("Oulu's university")."""
    for n, spot in enumerate(spots):
        if not (0 <= at - spot.end <= 1 or 0 <= spot.at - end <= 1):
            continue
        for entity in spot.readings:
            ranked = r.resolve(f"{entity.name} {noun}", limit=2, type=type_)
            if (
                ranked
                and ranked[0].score >= TYPED_FLOOR
                and (len(ranked) == 1 or ranked[1].score < ranked[0].score)
            ):
                typed = _entity(r, ranked[0].id)
                if typed is not None:
                    a, b = min(spot.at, at), max(spot.end, end)
                    words = f"{spot.text} {noun}" if at > spot.at else f"{noun} {spot.text}"
                    spots[n] = Spot(words, a, b, (typed,))
                    return True
    return False


def _merged(spots: list[Spot]) -> list[Spot]:
    """Spots in sentence order. A term on exactly a mention's words adds its reading to the
    mention ("recycling": the topic and the stage); inside a longer name it is no reading of
    its own ("recycling" in "Battery recycling")."""
    out: list[Spot] = []
    for spot in sorted(spots, key=lambda s: (s.at, -s.end)):
        last = out[-1] if out else None
        if last is not None and (last.at, last.end) == (spot.at, spot.end):
            extra = tuple(e for e in spot.readings if e not in last.readings)
            out[-1] = Spot(last.text, last.at, last.end, last.readings + extra)
        elif last is None or spot.at >= last.end:
            out.append(spot)
    return out
