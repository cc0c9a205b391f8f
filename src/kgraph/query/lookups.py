"""Reading entities, facts and load history, every fact with its evidence or its rule."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.db.values import plain
from kgraph.errors import NotFound
from kgraph.ontology import (
    EVIDENCE_ANCHORS,
    EVIDENCE_DOCS,
    EVIDENCE_PASSAGES,
    PREDICATES,
    PREMISE_PASSAGES,
)

_HIDDEN = frozenset({"_hash", "aliases_text", EVIDENCE_DOCS, EVIDENCE_PASSAGES, EVIDENCE_ANCHORS})
EXCERPT_CHARS = 400


#: Given passage ids, their texts: the API passes a per-load cache; by default one query.
TextSource = Callable[[Iterable[str]], Mapping[str, str]]


def all_passage_texts(graph: Graph) -> dict[str, str]:
    """Every passage's text by id (for a per-load cache: passages change only with a load)."""
    return {row["id"]: row["text"] for row in graph.read(cypher.ALL_PASSAGE_TEXTS)}


def passage_texts(graph: Graph, ids: Iterable[str]) -> dict[str, str]:
    """The texts of the given passages, in one query."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {row["id"]: row["text"] for row in graph.read(cypher.PASSAGE_TEXTS, {"ids": wanted})}


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


def evidence_items(props: Mapping[str, Any], texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """The evidence of a stated fact, one item per passage, each with its excerpt.

    The one shape of evidence in every answer: ``doc_id``, ``passage_id``, ``anchor``, ``excerpt``.
    """
    docs = props.get(EVIDENCE_DOCS) or []
    passages = props.get(EVIDENCE_PASSAGES) or []
    anchors = props.get(EVIDENCE_ANCHORS) or []
    return [
        {"doc_id": doc, "passage_id": pid, "anchor": anchor,
         "excerpt": excerpt(texts.get(pid), anchor)}
        for doc, pid, anchor in zip(docs, passages, anchors, strict=False)
    ]  # fmt: skip


def premise_items(props: Mapping[str, Any], texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """The passages an inferred fact's premises stand on, each with its excerpt."""
    return [
        {"doc_id": pid.split(":")[0], "passage_id": pid, "excerpt": excerpt(texts.get(pid), None)}
        for pid in props.get(PREMISE_PASSAGES) or []
    ]


def shape_fact(row: dict[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """A fact row as the API shows it: stated facts with evidence, inferred ones with rule."""
    raw = row["props"]
    evidence = evidence_items(raw, texts)
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
        "premise_passages": props.pop(PREMISE_PASSAGES, []),
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
    query = (
        cypher.FACTS_FROM_SUBJECT if subjects else cypher.FACTS_FROM_OBJECT if objects
        else cypher.FACTS_ALL
    )  # fmt: skip
    rows = graph.read(
        query,
        {"subjects": subjects, "objects": objects, "predicate": predicate, "stated": stated,
         "as_of": as_of, "offset": offset, "limit": limit},
    )  # fmt: skip
    ids = [pid for row in rows for pid in row["props"].get(EVIDENCE_PASSAGES) or []]
    found = texts(ids) if texts is not None else passage_texts(graph, ids)
    return [shape_fact(row, found) for row in rows]


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
