"""From any surface form to entities: ids, names in any Finnish case, English, aliases, typos.

Ranking, best first:

* **exact** 1.0: a name or alias, case-insensitive;
* **identifier** 1.0: the entity's id, or an identifier the corpus gives it (a DOI, with or
  without ``https://doi.org/``; an acronym), case-insensitive;
* **inflected** 0.95: the mention index finds a name in an inflected form covering the whole
  query; a name covering only part of it ("Batcircle" in "Batcircle 3") scores 0.95 times
  the part covered, so it no longer stops the fuzzy match from finding the whole name;
* **fuzzy**, at most 0.9: the best of the whole strings' edit similarity (in any word
  order) and "every word of the query is a word of the name" (Oulu in University of Oulu),
  scaled to 0.9, with a floor below which nothing is offered.

Fuzzy matching runs whenever nothing scored 0.95 or more. A type narrows every stage, so a
name is resolved as the kind of thing the parameter expects.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz, process

from kgraph.db import cypher
from kgraph.db.cache import GenerationCache, GenerationClock
from kgraph.db.generation import Stamp
from kgraph.db.graph import Graph
from kgraph.errors import NotFound
from kgraph.names.matcher import EntityNames, MentionIndex
from kgraph.ontology import Language, names_of

FUZZY_FLOOR = 72.0
#: Below this a partial inflected match is not offered at all.
MIN_COVERED = 0.6
#: A query may be any inflected Finnish form of a name, so it is matched as Finnish text
#: (English and Swedish names match as written either way).
QUERY_LANGUAGE: Language = "fi"
#: Entity properties holding identifiers the corpus gives (resolved like names).
IDENTIFIER_PROPS = ("doi", "acronym")
How = Literal["identifier", "exact", "inflected", "fuzzy"]
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
#: How many answers a resolver remembers (the least recently asked goes first).
REMEMBERED = 4096


@dataclass(frozen=True)
class Candidate:
    id: str
    type: str
    name: str
    name_fi: str | None
    name_sv: str | None
    aliases: list[str]
    score: float
    matched: str
    how: How


@dataclass(frozen=True)
class Resolution:
    """What one given name became: its best-scoring entities (several only on a tie)."""

    given: str
    type: str | None
    chosen: tuple[Candidate, ...]

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.chosen]

    @property
    def exact(self) -> bool:
        """True when every entity was named exactly or by an identifier."""
        return all(c.how in ("identifier", "exact") for c in self.chosen)


def identifier_key(text: str) -> str:
    """The form identifiers are compared in: DOI prefixes cut, case folded."""
    return _DOI_PREFIX.sub("", " ".join(text.split())).casefold()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _same_word(query_word: str, name_word: str) -> bool:
    """Equal, or one an inflected form of the other (a shared start of 4+ letters)."""
    if query_word == name_word:
        return True
    short, long_ = sorted((query_word, name_word), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 4


def similarity(query: str, name: str) -> float:
    """0-100: how close a query is to a name, both casefolded (see the module docstring)."""
    score = max(fuzz.ratio(query, name), fuzz.token_sort_ratio(query, name))
    words, name_words = _words(query), _words(name)
    if (
        words
        and min(map(len, words)) >= 3
        and all(any(_same_word(w, n) for n in name_words) for w in words)
    ):
        score = max(score, 80 + 20 * len(words) / max(len(name_words), len(words)))
    return float(score)


@dataclass
class Resolver:
    """An in-memory index of every entity's names and identifiers, built from the graph."""

    entities: list[dict[str, Any]]
    _by_id: dict[str, dict[str, Any]] = field(init=False)
    _names: list[tuple[str, str]] = field(init=False)  # (casefolded name, entity id)
    _exact: dict[str, list[str]] = field(init=False)
    _identifiers: dict[str, list[str]] = field(init=False)
    _index: MentionIndex = field(init=False)
    _remembered: OrderedDict[tuple[str, int, str | None], list[Candidate]] = field(
        init=False, repr=False, compare=False, default_factory=OrderedDict
    )
    _lock: threading.Lock = field(
        init=False, repr=False, compare=False, default_factory=threading.Lock
    )
    #: The graph generation it was built in, when a ResolverCache built it: an answer made
    #: with it is kept only as that generation's (db.cache's ``get(..., made_in=...)``).
    generation: Stamp | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id = {e["id"]: e for e in self.entities}
        self._names = [(n.casefold(), e["id"]) for e in self.entities for n in _names_of(e)]
        self._exact = {}
        for name, entity_id in self._names:
            self._exact.setdefault(name, []).append(entity_id)
        self._identifiers = {}
        for e in self.entities:
            for identifier in [e["id"], *(e.get("identifiers") or [])]:
                self._identifiers.setdefault(identifier_key(str(identifier)), []).append(e["id"])
        self._index = MentionIndex(graph_entity_names(self.entities))

    @classmethod
    def from_graph(cls, graph: Graph) -> Resolver:
        return cls(graph.read(cypher.ENTITIES_TO_RESOLVE, {"identifiers": list(IDENTIFIER_PROPS)}))

    def _candidate(self, entity_id: str, score: float, matched: str, how: How) -> Candidate:
        e = self._by_id[entity_id]
        return Candidate(e["id"], e["type"], e["name"], e["name_fi"], e["name_sv"],
                         list(e["aliases"]), round(score, 3), matched, how)  # fmt: skip

    def resolve(self, text: str, *, limit: int = 10, type: str | None = None) -> list[Candidate]:
        """Ranked entities for a surface form; best first, ties by id."""
        known = self.remembered(text, limit=limit, type=type)
        if known is not None:
            return known
        ranked = self._rank(text, limit, type)
        with self._lock:
            self._remembered[(text, limit, type)] = ranked
            if len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)
        return list(ranked)

    def remembered(
        self, text: str, *, limit: int = 10, type: str | None = None
    ) -> list[Candidate] | None:
        """What ``resolve`` answered before for the same arguments, or None: costs no ranking
        (a fuzzy match over a large graph's names takes long enough to stall an event loop)."""
        with self._lock:
            known = self._remembered.get((text, limit, type))
            if known is None:
                return None
            self._remembered.move_to_end((text, limit, type))
            return list(known)

    def _rank(self, text: str, limit: int, type: str | None) -> list[Candidate]:
        query = " ".join(text.split())
        if not query:
            return []
        found: dict[str, tuple[Candidate, float]] = {}

        def offer(candidate: Candidate) -> None:
            if type is not None and candidate.type != type:
                return
            # Among equal scores, the name closest to the query as a whole comes first.
            closeness = fuzz.ratio(query.casefold(), candidate.matched.casefold())
            best = found.get(candidate.id)
            if best is None or (candidate.score, closeness) > (best[0].score, best[1]):
                found[candidate.id] = (candidate, closeness)

        for entity_id in self._exact.get(query.casefold(), []):
            offer(self._candidate(entity_id, 1.0, query, "exact"))
        for entity_id in self._identifiers.get(identifier_key(query), []):
            offer(self._candidate(entity_id, 1.0, query, "identifier"))
        for mention in self._index.find(query, language=QUERY_LANGUAGE):
            covered = min((mention.end - mention.start) / max(len(query), 1), 1.0)
            if covered >= MIN_COVERED:
                score = 0.95 if covered >= 0.95 else 0.95 * covered
                offer(self._candidate(mention.entity_id, score, mention.surface, "inflected"))
        if not found or max(c.score for c, _ in found.values()) < 0.95:
            for name, score, entity_id in self._fuzzy(query, type):
                if score >= FUZZY_FLOOR:
                    offer(self._candidate(entity_id, 0.9 * score / 100, name, "fuzzy"))
        ranked = sorted(found.values(), key=lambda pair: (-pair[0].score, -pair[1], pair[0].id))
        return [candidate for candidate, _ in ranked[:limit]]

    def _typed_names(self, type: str | None) -> list[tuple[str, str]]:
        return [(n, i) for n, i in self._names if type is None or self._by_id[i]["type"] == type]

    def _fuzzy(self, query: str, type: str | None) -> list[tuple[str, float, str]]:
        names = self._typed_names(type)
        scored = process.extract(
            query.casefold(), [n for n, _ in names], scorer=lambda q, n, **_: similarity(q, n),
            limit=25,
        )  # fmt: skip
        return [(name, score, names[position][1]) for name, score, position in scored]

    def suggestions(self, text: str, type: str | None = None, limit: int = 5) -> list[str]:
        """Ids of the entities whose names look most like ``text``, however faintly."""
        names = self._typed_names(type) or self._typed_names(None)
        close = process.extract(
            text[:40].casefold(), [n for n, _ in names], scorer=fuzz.WRatio, limit=limit * 4
        )
        return list(dict.fromkeys(names[position][1] for _, _, position in close))[:limit]

    def name(self, text: str, type: str | None = None) -> Resolution:
        """What a parameter's value denotes, as the ``type`` it expects: the best matches.

        Raises ``NotFound`` with close ids when nothing of that type matches.
        """
        ranked = self.resolve(text, limit=10, type=type)
        if not ranked:
            raise NotFound(type or "entity", text, self.suggestions(text, type))
        top = ranked[0].score
        return Resolution(text, type, tuple(c for c in ranked if c.score == top))

    def ids_for(self, text: str, type: str | None = None) -> list[str]:
        """The entity ids a parameter denotes: an exact id, else the best-scoring matches."""
        return self.name(text, type).ids


def _names_of(entity: dict[str, Any]) -> list[str]:
    return names_of(entity.get("name"), entity.get("name_fi"), entity.get("name_sv"),
                    entity.get("aliases") or [])  # fmt: skip


def graph_entity_names(entities: list[dict[str, Any]]) -> list[EntityNames]:
    """The matcher's view of entities read from the graph (aliases hold identity names)."""
    return [EntityNames(entity_id=e["id"], names=_names_of(e)) for e in entities]


class ResolverCache:
    """One Resolver per graph generation (rebuilt when a newer load lands)."""

    def __init__(self, ttl_s: float = 2.0, clock: GenerationClock | None = None) -> None:
        self._cache: GenerationCache[Resolver] = GenerationCache(ttl_s, clock=clock)

    @property
    def ttl_s(self) -> float:
        """How long the resolver is used before its generation is looked up again."""
        return self._cache.ttl_s

    def get(self, graph: Graph) -> Resolver:
        return self._cache.get(graph, "resolver", lambda: self._build(graph))

    def _build(self, graph: Graph) -> Resolver:
        made_in = self._cache.clock.known()  # before reading: the entities are this or newer
        resolver = Resolver.from_graph(graph)
        resolver.generation = made_in
        return resolver

    def peek(self) -> Resolver | None:
        """The resolver, if built and its generation not due a lookup (never asks Neo4j)."""
        return self._cache.peek("resolver", None)
