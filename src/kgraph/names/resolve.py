"""From any surface form to entities: ids, names in any Finnish case, English, aliases, typos.

Ranking: an exact id or name (case-insensitive) scores 1.0; a name found in an inflected
form by the mention index scores 0.95; otherwise rapidfuzz's weighted ratio against every
name, scaled to at most 0.9, with a floor below which nothing is offered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz, process

from kgraph.db import cypher
from kgraph.db.cache import GenerationCache
from kgraph.db.graph import Graph
from kgraph.errors import NotFound
from kgraph.names.matcher import EntityNames, MentionIndex
from kgraph.ontology import names_of

FUZZY_FLOOR = 72.0
#: A query may be any inflected Finnish form of a name, so it is matched as Finnish text
#: (English and Swedish names match as written either way).
QUERY_LANGUAGE = "fi"
How = Literal["id", "exact", "inflected", "fuzzy"]


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


@dataclass
class Resolver:
    """An in-memory index of every entity's names, built from the graph."""

    entities: list[dict[str, Any]]
    _by_id: dict[str, dict[str, Any]] = field(init=False)
    _names: list[tuple[str, str]] = field(init=False)  # (casefolded name, entity id)
    _exact: dict[str, list[str]] = field(init=False)
    _index: MentionIndex = field(init=False)

    def __post_init__(self) -> None:
        self._by_id = {e["id"]: e for e in self.entities}
        self._names = [(n.casefold(), e["id"]) for e in self.entities for n in _names_of(e)]
        self._exact = {}
        for name, entity_id in self._names:
            self._exact.setdefault(name, []).append(entity_id)
        self._index = MentionIndex(graph_entity_names(self.entities))

    @classmethod
    def from_graph(cls, graph: Graph) -> Resolver:
        return cls(graph.read(cypher.ENTITIES_TO_RESOLVE))

    def _candidate(self, entity_id: str, score: float, matched: str, how: How) -> Candidate:
        e = self._by_id[entity_id]
        return Candidate(e["id"], e["type"], e["name"], e["name_fi"], e["name_sv"],
                         list(e["aliases"]), round(score, 3), matched, how)  # fmt: skip

    def resolve(self, text: str, *, limit: int = 10, type: str | None = None) -> list[Candidate]:
        """Ranked entities for a surface form; best first, ties by id."""
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

        if query in self._by_id:
            offer(self._candidate(query, 1.0, query, "id"))
        for entity_id in self._exact.get(query.casefold(), []):
            offer(self._candidate(entity_id, 1.0, query, "exact"))
        for mention in self._index.find(query, language=QUERY_LANGUAGE):
            covered = (mention.end - mention.start) / max(len(query), 1)
            if covered >= 0.6:
                offer(self._candidate(mention.entity_id, 0.95, mention.surface, "inflected"))
        if not found or max(c.score for c, _ in found.values()) < 0.95:
            names = [(n, i) for n, i in self._names
                     if type is None or self._by_id[i]["type"] == type]  # fmt: skip
            for name, score, position in process.extract(
                query.casefold(), [n for n, _ in names], scorer=fuzz.WRatio, limit=25
            ):
                if score >= FUZZY_FLOOR:
                    offer(self._candidate(names[position][1], 0.9 * score / 100, name, "fuzzy"))
        ranked = sorted(found.values(), key=lambda pair: (-pair[0].score, -pair[1], pair[0].id))
        return [candidate for candidate, _ in ranked[:limit]]

    def ids_for(self, text: str, type: str | None = None) -> list[str]:
        """The entity ids a parameter denotes: an exact id, else the best-scoring matches."""
        if text in self._by_id and (type is None or self._by_id[text]["type"] == type):
            return [text]
        ranked = self.resolve(text, limit=10, type=type)
        if not ranked:
            what = type or "entity"
            raise NotFound(what, text, [c.id for c in self.resolve(text[:40], limit=5)])
        top = ranked[0].score
        return [c.id for c in ranked if c.score == top]


def _names_of(entity: dict[str, Any]) -> list[str]:
    return names_of(entity.get("name"), entity.get("name_fi"), entity.get("name_sv"),
                    entity.get("aliases") or [])  # fmt: skip


def graph_entity_names(entities: list[dict[str, Any]]) -> list[EntityNames]:
    """The matcher's view of entities read from the graph (aliases hold identity names)."""
    return [EntityNames(entity_id=e["id"], names=_names_of(e)) for e in entities]


class ResolverCache:
    """One Resolver per graph generation (rebuilt when a newer load lands)."""

    def __init__(self, ttl_s: float = 2.0) -> None:
        self._cache: GenerationCache[Resolver] = GenerationCache(ttl_s)

    def get(self, graph: Graph) -> Resolver:
        return self._cache.get(graph, "resolver", lambda: Resolver.from_graph(graph))
