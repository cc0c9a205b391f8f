"""Reading entities, facts and load history, every fact with its evidence or its rule."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kgraph.db.graph import Graph
from kgraph.db.values import plain
from kgraph.errors import NotFound
from kgraph.ontology import PREDICATES

_HIDDEN = frozenset({"_hash", "aliases_text", "evidence_docs", "evidence_passages",
                     "evidence_anchors"})  # fmt: skip
EXCERPT_CHARS = 400

# Facts: every relationship between two entities. The WHERE clauses keep the query one text
# with parameters; the start point differs so that a given subject or object uses the index.
_FACT_RETURN = """
WITH s, r, o
WHERE ($predicate IS NULL OR type(r) = $predicate)
  AND ($stated IS NULL OR r.stated = $stated)
  AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of)
                      AND (r.valid_to IS NULL OR r.valid_to >= $as_of)))
WITH s, r, o ORDER BY s.id, type(r), o.id, r.fact_id SKIP $offset LIMIT $limit
RETURN r.fact_id AS fact_id, type(r) AS predicate, properties(r) AS props,
       s {.id, .name, .type} AS subject, o {.id, .name, .type} AS object
"""
_PASSAGE_TEXTS = "MATCH (p:Passage) WHERE p.id IN $ids RETURN p.id AS id, p.text AS text"

#: Given passage ids, their texts: the API passes a per-load cache; by default one query.
TextSource = Callable[[Iterable[str]], Mapping[str, str]]


def all_passage_texts(graph: Graph) -> dict[str, str]:
    """Every passage's text by id (for a per-load cache: passages change only with a load)."""
    return {
        row["id"]: row["text"]
        for row in graph.read("MATCH (p:Passage) RETURN p.id AS id, p.text AS text")
    }


def passage_texts(graph: Graph, ids: Iterable[str]) -> dict[str, str]:
    """The texts of the given passages, in one query."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {row["id"]: row["text"] for row in graph.read(_PASSAGE_TEXTS, {"ids": wanted})}


_FACTS_FROM_SUBJECT = "MATCH (s:Entity)-[r]->(o:Entity) WHERE s.id IN $subjects " + (
    "AND ($objects IS NULL OR o.id IN $objects)" + _FACT_RETURN
)
_FACTS_FROM_OBJECT = "MATCH (s:Entity)-[r]->(o:Entity) WHERE o.id IN $objects" + _FACT_RETURN
_FACTS_ALL = "MATCH (s:Entity)-[r]->(o:Entity)" + _FACT_RETURN


def excerpt(text: str | None, anchor: str | None, width: int = EXCERPT_CHARS) -> str | None:
    """The part of a passage around its anchor, at most ``width`` characters."""
    if text is None:
        return None
    if len(text) <= width:
        return text
    at = text.find(anchor) if anchor else -1
    start = max(0, at - width // 3) if at >= 0 else 0
    clipped = text[start : start + width]
    return ("…" if start else "") + clipped + ("…" if start + width < len(text) else "")


def shape_fact(row: dict[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """A fact row as the API shows it: stated facts with evidence, inferred ones with rule."""
    raw = row["props"]
    evidence = [
        {"doc_id": doc, "passage_id": pid, "anchor": anchor,
         "excerpt": excerpt(texts.get(pid), anchor)}
        for doc, pid, anchor in zip(raw.get("evidence_docs") or [],
                                    raw.get("evidence_passages") or [],
                                    raw.get("evidence_anchors") or [], strict=False)
    ]  # fmt: skip
    props = {k: plain(v) for k, v in raw.items() if k not in _HIDDEN}
    stated = bool(props.pop("stated", False))
    return {
        "fact_id": props.pop("fact_id", None),
        "subject": row["subject"],
        "predicate": row["predicate"],
        "object": row["object"],
        "stated": stated,
        "rule": props.pop("rule", None),
        "derived_from": props.pop("derived_from", []),
        "premise_passages": props.pop("premise_passages", []),
        "valid_from": props.pop("valid_from", None),
        "valid_to": props.pop("valid_to", None),
        "props": {k: v for k, v in props.items() if not k.startswith("_")},
        "evidence": evidence,
    }


def find_facts(
    graph: Graph,
    *,
    subjects: list[str] | None = None,
    predicate: str | None = None,
    objects: list[str] | None = None,
    stated: bool | None = None,
    as_of: dt.date | None = None,
    offset: int = 0,
    limit: int = 100,
    texts: TextSource | None = None,
) -> list[dict[str, Any]]:
    """Triples matching the given parts, sorted by subject, predicate, object."""
    if predicate is not None and predicate not in PREDICATES and predicate != "MENTIONS":
        raise NotFound("predicate", predicate, difflib.get_close_matches(predicate, PREDICATES))
    query = _FACTS_FROM_SUBJECT if subjects else _FACTS_FROM_OBJECT if objects else _FACTS_ALL
    rows = graph.read(
        query,
        {"subjects": subjects, "objects": objects, "predicate": predicate, "stated": stated,
         "as_of": as_of, "offset": offset, "limit": limit},
    )  # fmt: skip
    ids = [pid for row in rows for pid in row["props"].get("evidence_passages") or []]
    found = texts(ids) if texts is not None else passage_texts(graph, ids)
    return [shape_fact(row, found) for row in rows]


_ENTITY_LIST = """
MATCH (e:Entity)
WHERE ($type IS NULL OR e.type = $type)
  AND ($q IS NULL OR toLower(e.name) CONTAINS $q OR toLower(coalesce(e.name_fi, '')) CONTAINS $q
       OR toLower(coalesce(e.name_sv, '')) CONTAINS $q OR toLower(e.aliases_text) CONTAINS $q
       OR e.id CONTAINS $q)
WITH e ORDER BY e.name, e.id
WITH collect(e {.id, .type, .name, .name_fi, .name_sv, aliases: coalesce(e.aliases, [])}) AS found
RETURN size(found) AS total, found[$offset..$offset + $limit] AS items
"""


def list_entities(
    graph: Graph, *, type: str | None, q: str | None, offset: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    row = graph.read(
        _ENTITY_LIST,
        {"type": type, "q": q.lower() if q else None, "offset": offset, "limit": limit},
    )[0]
    return row["total"], row["items"]


_ENTITY = """
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (p:Passage)-[m:MENTIONS]->(e)
RETURN properties(e) AS props, labels(e) AS labels,
       sum(m.count) AS mentions, count(DISTINCT p.doc_id) AS documents
"""
_ALL_NAMES = "MATCH (e:Entity) RETURN e.id AS id, e.name AS name"


def suggestions(graph: Graph, key: str, limit: int = 5) -> list[str]:
    """Entity ids whose id or name is close to ``key``."""
    rows = graph.read(_ALL_NAMES)
    by_name = {row["name"].lower(): row["id"] for row in rows}
    ids = [row["id"] for row in rows]
    close = difflib.get_close_matches(key, ids, n=limit, cutoff=0.5)
    close += [by_name[n] for n in difflib.get_close_matches(key.lower(), by_name, n=limit)]
    return list(dict.fromkeys(close))[:limit]


def get_entity(graph: Graph, entity_id: str, texts: TextSource | None = None) -> dict[str, Any]:
    """An entity's properties, names, mention counts and every fact it takes part in."""
    rows = graph.read(_ENTITY, {"id": entity_id})
    if not rows:
        raise NotFound("entity", entity_id, suggestions(graph, entity_id))
    row = rows[0]
    props = {k: plain(v) for k, v in row["props"].items() if k not in _HIDDEN}
    outgoing = find_facts(graph, subjects=[entity_id], limit=10_000, texts=texts)
    incoming = find_facts(graph, objects=[entity_id], limit=10_000, texts=texts)
    return {
        "id": entity_id,
        "type": props.pop("type", None),
        "name": props.pop("name", None),
        "name_fi": props.pop("name_fi", None),
        "name_sv": props.pop("name_sv", None),
        "aliases": props.pop("aliases", []),
        "props": {k: v for k, v in props.items() if k != "id"},
        "mentions": row["mentions"],
        "mentioned_in_documents": row["documents"],
        "facts": outgoing + incoming,
    }


_LOADS = """
MATCH (run:LoadRun)
RETURN run {.*} AS run ORDER BY run.started_at DESC SKIP $offset LIMIT $limit
"""


def _shape_run(run: dict[str, Any], with_changes: bool) -> dict[str, Any]:
    shaped = {k: plain(v) for k, v in run.items()}
    for key in ("documents", "stats"):
        if isinstance(shaped.get(key), str):
            shaped[key] = json.loads(shaped[key])
    for key in ("node_changes", "relationship_changes"):
        value = shaped.pop(key, None)
        if with_changes and isinstance(value, str):
            shaped[key] = json.loads(value)
    return shaped


def load_runs(graph: Graph, offset: int = 0, limit: int = 20) -> list[dict[str, Any]]:
    rows = graph.read(_LOADS, {"offset": offset, "limit": limit})
    return [_shape_run(row["run"], with_changes=False) for row in rows]


def latest_changes(graph: Graph) -> dict[str, Any]:
    rows = graph.read(_LOADS, {"offset": 0, "limit": 1})
    if not rows:
        raise NotFound("load run", "latest")
    return _shape_run(rows[0]["run"], with_changes=True)


MAX_HOPS = 6
# The upper bound of a variable-length pattern cannot be a parameter; the query allows the
# most we serve and filters by the caller's limit.
_PATHS = """
MATCH (a:Entity) WHERE a.id IN $from
MATCH (b:Entity) WHERE b.id IN $to AND a <> b
MATCH path = allShortestPaths((a)-[*..6]-(b))
WHERE length(path) <= $max_hops AND all(n IN nodes(path) WHERE n:Entity)
WITH path LIMIT $limit
RETURN [n IN nodes(path) | n {.id, .name, .type}] AS nodes,
       [r IN relationships(path) | r {.*, predicate: type(r),
                                      from: startNode(r).id, to: endNode(r).id}] AS hops
"""


def paths(
    graph: Graph, sources: list[str], targets: list[str], max_hops: int, limit: int = 10
) -> list[dict[str, Any]]:
    """Shortest connections between two entities through facts (not through passages)."""
    rows = graph.read(
        _PATHS,
        {"from": sources, "to": targets, "max_hops": min(max_hops, MAX_HOPS), "limit": limit},
    )
    return rows
