"""Reading entities, facts and load history, every fact with its evidence or its rule."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.db.values import plain
from kgraph.errors import NotFound
from kgraph.ontology import (
    CONFIDENCE_PROP,
    EVIDENCE_ANCHORS,
    EVIDENCE_DOCS,
    EVIDENCE_PASSAGES,
    PREDICATES,
    PREMISE_PASSAGES,
    PROP_EVIDENCE_PASSAGES,
    PROP_SOURCE_PROPS,
    PROVENANCE_PROP,
    PROVENANCES,
)
from kgraph.query.evidence import (
    PassageSource,
    TextSource,
    evidence_items,
    passage_texts,
    prop_sources,
    provenance_of,
)

_HIDDEN = frozenset(
    {"_hash", "aliases_text", EVIDENCE_DOCS, EVIDENCE_PASSAGES, EVIDENCE_ANCHORS,
     *PROP_SOURCE_PROPS}
)  # fmt: skip


def shape_fact(row: dict[str, Any], texts: Mapping[str, PassageSource]) -> dict[str, Any]:
    """A fact row as the API shows it: stated facts with evidence, inferred ones with rule;
    each says its provenance (curated, extracted with its confidence, or inferred)."""
    raw = row["props"]
    evidence = evidence_items(raw, texts)
    props = {k: plain(v) for k, v in raw.items() if k not in _HIDDEN}
    stated = bool(props.pop("stated", False))
    provenance = provenance_of(raw)
    props.pop(PROVENANCE_PROP, None)
    return {
        "fact_id": props.pop("fact_id", None),
        "subject": row["subject"],
        "predicate": row["predicate"],
        "object": row["object"],
        "stated": stated,
        "provenance": provenance,
        "confidence": props.pop(CONFIDENCE_PROP, None),
        "rule": props.pop("rule", None),
        "derived_from": props.pop("derived_from", []),
        "premise_passages": props.pop(PREMISE_PASSAGES, []),
        "valid_from": props.pop("valid_from", None),
        "valid_to": props.pop("valid_to", None),
        "props": {k: v for k, v in props.items() if not k.startswith("_")},
        "evidence": evidence,
    }


@dataclass(frozen=True)
class FactFilter:
    """Which facts a listing, its count and its page match; a part left None matches any.

    With ``as_of``, facts valid on that date; ``undated`` says whether facts the sources give
    no period (neither ``valid_from`` nor ``valid_to``) count as valid then too.
    """

    subjects: list[str] | None = None
    predicate: str | None = None
    objects: list[str] | None = None
    stated: bool | None = None
    provenance: str | None = None
    as_of: dt.date | None = None
    undated: bool = True

    def query(self, *, count: bool) -> str:
        """The fact query (or its count) for these parts; unknown names raise ``NotFound``."""
        predicate, provenance = self.predicate, self.provenance
        if predicate is not None and predicate not in PREDICATES and predicate != "MENTIONS":
            close = difflib.get_close_matches(predicate, PREDICATES)
            raise NotFound("predicate", predicate, close)
        if provenance is not None and provenance not in PROVENANCES:
            raise NotFound("provenance", provenance, list(PROVENANCES))
        if self.subjects:
            return cypher.COUNT_FACTS_FROM_SUBJECT if count else cypher.FACTS_FROM_SUBJECT
        if self.objects:
            return cypher.COUNT_FACTS_FROM_OBJECT if count else cypher.FACTS_FROM_OBJECT
        return cypher.COUNT_FACTS_ALL if count else cypher.FACTS_ALL

    def params(self) -> dict[str, Any]:
        """The query's parameters, the same for the facts and their count."""
        return {
            "subjects": self.subjects, "objects": self.objects, "predicate": self.predicate,
            "stated": self.stated, "provenance": self.provenance, "as_of": self.as_of,
            "undated_too": self.undated,
        }  # fmt: skip


def find_facts(
    graph: Graph,
    where: FactFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 100,
    texts: TextSource | None = None,
) -> list[dict[str, Any]]:
    """Triples matching ``where`` (all facts by default), sorted by subject, predicate, object."""
    where = where or FactFilter()
    params = {**where.params(), "offset": offset, "limit": limit}
    rows = graph.read(where.query(count=False), params)
    ids = [pid for row in rows for pid in row["props"].get(EVIDENCE_PASSAGES) or []]
    found = texts(ids) if texts is not None else passage_texts(graph, ids)
    return [shape_fact(row, found) for row in rows]


def count_facts(graph: Graph, where: FactFilter) -> tuple[int, int]:
    """How many facts ``find_facts`` matches with the same filter, and how many are undated."""
    [row] = graph.read(where.query(count=True), where.params())
    return int(row["total"]), int(row["undated"])


def fact_page(
    graph: Graph, where: FactFilter, *, offset: int, limit: int, texts: TextSource | None = None
) -> tuple[int, int, list[dict[str, Any]]]:
    """One page of facts with the total the filter matches and how many of those are undated."""
    total, undated_matched = count_facts(graph, where)
    items = find_facts(graph, where, offset=offset, limit=limit, texts=texts)
    return total, undated_matched, items


def list_entities(
    graph: Graph, *, type: str | None, q: str | None, offset: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    row = graph.read(
        cypher.ENTITY_LIST,
        {"type": type, "q": q.lower() if q else None, "offset": offset, "limit": limit},
    )[0]
    return row["total"], row["items"]


def suggestions(graph: Graph, key: str, limit: int = 5) -> list[str]:
    """Entity ids whose id or name is close to ``key``."""
    rows = graph.read(cypher.ENTITY_NAMES)
    by_name = {row["name"].lower(): row["id"] for row in rows}
    ids = [row["id"] for row in rows]
    close = difflib.get_close_matches(key, ids, n=limit, cutoff=0.5)
    close += [by_name[n] for n in difflib.get_close_matches(key.lower(), by_name, n=limit)]
    return list(dict.fromkeys(close))[:limit]


def get_entity(graph: Graph, entity_id: str, texts: TextSource | None = None) -> dict[str, Any]:
    """An entity's properties, names, mention counts and every fact it takes part in."""
    rows = graph.read(cypher.ENTITY, {"id": entity_id})
    if not rows:
        raise NotFound("entity", entity_id, suggestions(graph, entity_id))
    row = rows[0]
    props = {k: plain(v) for k, v in row["props"].items() if k not in _HIDDEN}
    outgoing = find_facts(graph, FactFilter(subjects=[entity_id]), limit=10_000, texts=texts)
    incoming = find_facts(graph, FactFilter(objects=[entity_id]), limit=10_000, texts=texts)
    raw = row["props"]
    ids = [*(raw.get(EVIDENCE_PASSAGES) or []), *(raw.get(PROP_EVIDENCE_PASSAGES) or [])]
    found = texts(ids) if texts is not None else passage_texts(graph, ids)
    return {
        **prop_sources(raw, found),
        "evidence": evidence_items(raw, found),
        "id": entity_id,
        "type": props.pop("type", None),
        "name": props.pop("name", None),
        "name_fi": props.pop("name_fi", None),
        "name_sv": props.pop("name_sv", None),
        "aliases": props.pop("aliases", []),
        "provenance": props.pop(PROVENANCE_PROP, None) or "curated",
        "props": {k: v for k, v in props.items() if k != "id"},
        "mentions": row["mentions"],
        "mentioned_in_documents": row["documents"],
        "facts": outgoing + incoming,
    }


def _shape_run(run: dict[str, Any], with_changes: bool) -> dict[str, Any]:
    # The coverage report and omissions have their own routes (query.corpus); the documents'
    # shares of it (document_parts, and the load holding them in full) are the next load's.
    left_out = ("coverage", "omissions", "document_parts", "document_parts_base")
    shaped = {k: plain(v) for k, v in run.items() if k not in left_out}
    for key in ("documents", "stats", "inputs"):
        if isinstance(shaped.get(key), str):
            shaped[key] = json.loads(shaped[key])
    for key in ("node_changes", "relationship_changes"):
        value = shaped.pop(key, None)
        if with_changes and isinstance(value, str):
            shaped[key] = json.loads(value)
    return shaped


def load_runs(graph: Graph, offset: int = 0, limit: int = 20) -> list[dict[str, Any]]:
    rows = graph.read(cypher.LOAD_RUNS, {"offset": offset, "limit": limit})
    return [_shape_run(row["run"], with_changes=False) for row in rows]


def latest_changes(graph: Graph) -> dict[str, Any]:
    rows = graph.read(cypher.LOAD_RUNS, {"offset": 0, "limit": 1})
    if not rows:
        raise NotFound("load run", "latest")
    return _shape_run(rows[0]["run"], with_changes=True)


MAX_HOPS = cypher.MAX_HOPS


def paths(
    graph: Graph, sources: list[str], targets: list[str], max_hops: int, limit: int = 10
) -> list[dict[str, Any]]:
    """Shortest connections between two entities through facts (not through passages).

    An entity is not connected to itself: when every pair is one entity twice (from=a&to=a
    resolving to one id), the answer is empty without a query."""
    if all(source == target for source in sources for target in targets):
        return []
    return graph.read(
        cypher.paths(min(max_hops, MAX_HOPS)), {"from": sources, "to": targets, "limit": limit}
    )
