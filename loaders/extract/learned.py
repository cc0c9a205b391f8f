"""Patterns learned from curation (``learned.yaml``), applied beside the hand rules.

A learned pattern is the window of words between the two ends of a curated fact in its anchor
sentence, with the types of the ends, the predicate and which end comes first, as
``loaders.extract.induce`` found it (``scripts/learn_patterns.py`` writes the file; it is data,
never edited by hand). The window is the ends' words apart: each token's lemma (lower case), a
name of another entity as its type (``<City>``), and a list of names of the ends' own type
coordinated with them ("A, B ja C ovat Z:n jäseniä") left out, so the pattern learned from
"C ovat Z:n jäseniä" reads each of A, B and C. ``after``, when a pattern has it, is the one
word that must follow the second end ("jäseniä" -> ``jäsen``).

Applied to a sentence, every ordered pair of its names whose window and types a pattern holds
gives that pattern's fact, named by the pattern's id as its rule, with its measured precision
as its confidence. A fact a hand rule of the document also gives is the hand rule's (the
learned one adds nothing). A bad file is a ``PatternError`` naming the file and the field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SentSpan

from kgraph.ontology import EntityType, Language, Predicate
from loaders.extract.datafile import Counted, read_model, write_model
from loaders.extract.drafts import Draft, quote
from loaders.extract.spans import Span

LEARNED_FILE = Path(__file__).with_name("learned.yaml")
_SHOWN = "loaders/extract/learned.yaml"
#: A rule id of a learned pattern starts so: ``learned-member-of-3f2a1c``.
PREFIX = "learned-"
#: Windows longer than this (in normalised tokens) are not learned: too specific to repeat.
MAX_WINDOW = 8
#: Dependency paths longer than this (in edges) are not learned.
MAX_PATH = 4
#: A path touching one of these is negated ("ei ole mukana", "is not a partner").
_NEGATIONS = frozenset({"ei", "not", "never", "no", "n't"})
#: Words that coordinate names in a list.
_CONJUNCTIONS = frozenset({",", "ja", "sekä", "tai", "and", "&", "or"})

Order = Literal["subject-first", "object-first"]


class Measured(Counted):
    """What a pattern proposed on the curated documents it was not learned from (possibly
    nothing), and how much of it was right."""


class LearnedPattern(BaseModel):
    """One pattern of ``learned.yaml`` (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^learned-[a-z0-9-]+$")
    language: Language
    predicate: Predicate
    props: dict[str, str] = Field(default_factory=dict)
    subject: EntityType
    object: EntityType
    order: Order
    between: tuple[str, ...] | None = Field(default=None, max_length=MAX_WINDOW)
    after: str | None = None
    path: tuple[str, ...] | None = Field(default=None, max_length=2 * MAX_PATH + 1)
    #: how many curated facts' anchors it was learned from, and their documents
    support: int = Field(ge=1)
    sources: tuple[str, ...] = Field(min_length=1)
    measured: Measured
    confidence: float = Field(gt=0, le=1)

    @model_validator(mode="after")
    def _window_or_path(self) -> LearnedPattern:
        if (self.between is None) == (self.path is None):
            raise ValueError(f"pattern '{self.id}' needs either a window (between) or a path")
        if self.after is not None and self.between is None:
            raise ValueError(f"pattern '{self.id}': 'after' belongs to a window (between)")
        return self

    @property
    def ends(self) -> tuple[EntityType, EntityType]:
        """The types of the first and the second end, in the sentence's order."""
        if self.order == "subject-first":
            return (self.subject, self.object)
        return (self.object, self.subject)


class LearnedPatterns(BaseModel):
    """``learned.yaml``: how the patterns were learned, and the patterns."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    learned_from: str = Field(min_length=1)
    threshold: float = Field(gt=0, le=1)
    patterns: tuple[LearnedPattern, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> LearnedPatterns:
        ids = [p.id for p in self.patterns]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"pattern ids used twice: {', '.join(twice)}")
        return self

    def of_language(self, language: Language) -> Matcher:
        return Matcher.of(p for p in self.patterns if p.language == language)


NOTHING = LearnedPatterns(learned_from="nothing", threshold=1.0)


def pattern_id(
    predicate: str,
    props: dict[str, str],
    ends: tuple[str, str],
    order: str,
    between: tuple[str, ...] | None,
    after: str | None,
    path: tuple[str, ...] | None = None,
) -> str:
    """A stable id: the predicate and a digest of everything that makes the pattern."""
    key = repr((predicate, sorted(props.items()), ends, order, between, after))
    if path is not None:
        key = repr((predicate, sorted(props.items()), ends, order, "path", path))
    digest = hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{PREFIX}{predicate.lower().replace('_', '-')}-{digest}"


@dataclass(frozen=True)
class Window:
    """Two names of a sentence, in its order, and the words apart that a pattern reads."""

    first: Span
    second: Span
    between: tuple[str, ...]
    after: str | None
    #: the dependency path from the first end to the second, when the sentence is parsed
    path: tuple[str, ...] | None = None


_Key = tuple[str, str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Matcher:
    """A language's patterns by the types of their ends and their window or path."""

    by_window: dict[_Key, tuple[LearnedPattern, ...]]

    @classmethod
    def of(cls, patterns: Iterator[LearnedPattern] | tuple[LearnedPattern, ...]) -> Matcher:
        found: dict[_Key, list[LearnedPattern]] = {}
        for p in patterns:
            key: _Key = (
                (*p.ends, "path", p.path) if p.path is not None else (*p.ends, "", p.between or ())
            )
            found.setdefault(key, []).append(p)
        return cls({k: tuple(v) for k, v in found.items()})

    def matches(self, window: Window) -> list[LearnedPattern]:
        ends = (window.first.type, window.second.type)
        by_words = [
            p
            for p in self.by_window.get((*ends, "", window.between), ())
            if p.after is None or p.after == window.after
        ]
        by_path = self.by_window.get((*ends, "path", window.path), ()) if window.path else ()
        return [*by_words, *by_path]


def windows(sent: SentSpan, spans: list[Span]) -> Iterator[Window]:
    """Every ordered pair of names of ``sent`` (spans of the passage ``sent`` belongs to) that
    do not overlap, with the normalised words apart, when at most ``MAX_WINDOW`` of them."""
    inside = [s for s in spans if sent.start_char <= s.start and s.end <= sent.end_char]
    inside.sort(key=lambda s: (s.start, s.end, s.entity_id))
    for i, first in enumerate(inside):
        for second in inside[i + 1 :]:
            if second.start < first.end or second.entity_id == first.entity_id:
                continue
            between = _normalised(sent, first.end, second.start, inside)
            between = _without_lists(between, first.type, second.type)
            if len(between) <= MAX_WINDOW:
                after = _after(sent, second.end, inside)
                path = dependency_path(sent, first, second, inside)
                yield Window(first, second, between, after, path)


def _token_words(sent: SentSpan, start: int, end: int, spans: list[Span]) -> list[str]:
    words: list[str] = []
    named: set[int] = set()
    for token in sent:
        a, b = token.idx, token.idx + len(token.text)
        if a < start or b > end or token.is_space:
            continue
        span = next((i for i, s in enumerate(spans) if s.start < b and a < s.end), None)
        if span is not None:
            if span not in named:
                named.add(span)
                words.append(f"<{spans[span].type}>")
            continue
        words.append((token.lemma_ or token.text).casefold())
    return words


def _normalised(sent: SentSpan, start: int, end: int, spans: list[Span]) -> tuple[str, ...]:
    return tuple(_token_words(sent, start, end, spans))


def _without_lists(words: tuple[str, ...], first: str, second: str) -> tuple[str, ...]:
    """The window less the names coordinated with either end: "A , B ja C ovat Z" reads as
    "C ovat Z" from A's side, "A , B ja C" (before Z) as "C"."""
    out = list(words)
    while len(out) >= 2 and out[0] in _CONJUNCTIONS and out[1] == f"<{first}>":
        del out[:2]
    while len(out) >= 2 and out[-1] in _CONJUNCTIONS and out[-2] == f"<{second}>":
        del out[-2:]
    return tuple(out)


def dependency_path(
    sent: SentSpan, first: Span, second: Span, names: list[Span]
) -> tuple[str, ...] | None:
    """The parse's path from the first name to the second: the relation of each token on the
    way up to the word that governs both (``nsubj>``), that word's lemma and those of the
    words passed, and the relations down (``<nmod:poss``). A name in a list stands for its
    list (a ``conj`` is climbed to the list's first name), unless the other name hangs from it
    ("Lappeenranta (LUT)": LUT is Lappeenranta's, not the list's); a negation on the way is
    ``not``. None without a parse, when the path is longer than ``MAX_PATH`` edges, or when it
    runs along a list (a ``conj``) through a name (of ``names``) of an end's type: "Kokkola
    (Oulun yliopisto), Lappeenranta (LUT)" from Kokkola, the list's head, down to Lappeenranta
    and its LUT would pair each item's bracket with the list's first item."""
    doc = sent.doc
    if not doc.has_annotation("DEP"):
        return None
    a = doc.char_span(first.start, first.end, alignment_mode="expand")
    b = doc.char_span(second.start, second.end, alignment_mode="expand")
    if a is None or b is None:
        return None
    ta = a.root if a.root.is_ancestor(b.root) else _list_head(a.root)
    tb = b.root if b.root.is_ancestor(a.root) else _list_head(b.root)
    up_a, up_b = [ta, *ta.ancestors], [tb, *tb.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None or ta == tb:
        return None
    rising, falling = up_a[: up_a.index(common)], up_b[: up_b.index(common)]
    if len(rising) + len(falling) > MAX_PATH:
        return None
    words: list[str] = []
    for i, t in enumerate(rising):
        if i:
            words.append((t.lemma_ or t.text).casefold())
        words.append(f"{t.dep_}>")
    if common not in (ta, tb):
        words.append((common.lemma_ or common.text).casefold())
    for i, t in enumerate(reversed(falling)):
        words.append(f"<{t.dep_}")
        if i < len(falling) - 1:
            words.append((t.lemma_ or t.text).casefold())
    along_list = any(t.dep_ == "conj" for t in (*rising, *falling))
    if along_list and _crosses(
        [*rising[1:], *falling[1:], *([common] if common not in (ta, tb) else [])],
        names,
        (first, ta != a.root),
        (second, tb != b.root),
    ):
        return None
    touched = [*rising[1:], common, *falling[1:]]
    if any(c.lower_ in _NEGATIONS or c.lemma_.casefold() in _NEGATIONS
           for t in touched for c in (t, *t.children)):  # fmt: skip
        words.append("not")
    return tuple(words)


def _crosses(passed: list[Token], names: list[Span], *ends: tuple[Span, bool]) -> bool:
    """Whether the words a path along a list passes hold a name of an end's type other than
    the ends, or an end itself that was climbed to its list's head (the path then comes back
    down the list to it): such a path pairs one item of the list with another's."""
    types = {end.type for end, _ in ends}
    own = {(end.start, end.end): climbed for end, climbed in ends}
    return any(
        name.type in types
        and name.start < token.idx + len(token.text)
        and token.idx < name.end
        and own.get((name.start, name.end), True)
        for token in passed
        for name in names
    )


def _list_head(token: Token) -> Token:
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def _after(sent: SentSpan, start: int, spans: list[Span]) -> str | None:
    words = _token_words(sent, start, sent.end_char, spans)
    return words[0] if words else None


def learned_drafts(text: str, doc: Doc, spans: list[Span], matcher: Matcher) -> list[Draft]:
    """The facts the patterns give in the passage ``text`` (parsed as ``doc``)."""
    drafts: list[Draft] = []
    if not matcher.by_window:
        return drafts
    for sent in doc.sents:
        for window in windows(sent, spans):
            for pattern in matcher.matches(window):
                s, o = (
                    (window.first, window.second)
                    if pattern.order == "subject-first"
                    else (window.second, window.first)
                )
                drafts.append(
                    Draft(
                        s.entity_id,
                        pattern.predicate,
                        o.entity_id,
                        pattern.id,
                        pattern.confidence,
                        quote(text, window.first, window.second),
                        dict(pattern.props),
                    )
                )
    return drafts


def beside_hand_rules(drafts: list[Draft]) -> list[Draft]:
    """The drafts less every learned one whose fact a hand rule gives too."""
    by_hand = {d.key for d in drafts if not d.rule.startswith(PREFIX)}
    return [d for d in drafts if not d.rule.startswith(PREFIX) or d.key not in by_hand]


def read_learned(path: Path = LEARNED_FILE) -> LearnedPatterns:
    """The learned patterns (none when there is no file); a ``PatternError`` naming the file
    and the field on a bad one."""
    if not path.is_file():
        return NOTHING
    return read_model(path, _SHOWN if path == LEARNED_FILE else str(path), LearnedPatterns)


@lru_cache(maxsize=1)
def load_learned() -> LearnedPatterns:
    """The shipped ``learned.yaml``, read once per process."""
    return read_learned()


def write_learned(learned: LearnedPatterns, path: Path = LEARNED_FILE) -> None:
    header = (
        "# Written by scripts/learn_patterns.py (patterns induced from the curated registry's\n"
        "# anchors); do not edit by hand: rerun the script. loaders/extract/learned.py says\n"
        "# what a pattern reads, loaders/extract/induce.py how it was learned and measured.\n"
    )
    write_model(learned, path, header, sort_keys=False)
