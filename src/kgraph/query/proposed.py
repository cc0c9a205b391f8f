"""What waits for review, as the latest load holds it: proposed entities and facts
(provenance *extracted*) with their verified evidence, confidence and rule, and where a
proposal disagreed with curation (which won).

The graph holds proposals only when the load was asked to include them
(``KGRAPH_LOAD_PROPOSALS=true`` or ``kgraph load --with-proposals``); ``loaded`` says so.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.db.values import plain
from kgraph.errors import NotFound
from kgraph.ontology import (
    CONFIDENCE_PROP,
    EVIDENCE_PASSAGES,
    EVIDENCE_PROPS,
    EXTRACTION_PROPS,
    EXTRACTION_RULE_PROP,
)
from kgraph.query.evidence import PassageSource, TextSource, evidence_items, passage_texts
from kgraph.query.lookups import FactFilter, find_facts

#: The LoadRun property that lists a load's disagreements (present when proposals were loaded).
DISAGREEMENTS_PROP = "proposal_disagreements"
_ENTITY_FIELDS = ("id", "type", "name", "name_fi", "name_sv", "aliases")


_NOT_PROPS = frozenset(
    {*_ENTITY_FIELDS, *EVIDENCE_PROPS, *EXTRACTION_PROPS, "aliases_text", "identity_notes"}
)


def _shape_entity(props: Mapping[str, Any], texts: Mapping[str, PassageSource]) -> dict[str, Any]:
    shown = {k: plain(v) for k, v in props.items()}
    return {
        **{k: shown.get(k) for k in _ENTITY_FIELDS},
        "aliases": shown.get("aliases") or [],
        "confidence": shown.get(CONFIDENCE_PROP),
        "rule": shown.get(EXTRACTION_RULE_PROP),
        "evidence": evidence_items(props, texts),
        "props": {k: v for k, v in shown.items() if k not in _NOT_PROPS and not k.startswith("_")},
    }


def _docs_of(item: Mapping[str, Any]) -> list[str]:
    return list(dict.fromkeys(e["doc_id"] for e in item["evidence"]))


def _latest_run(graph: Graph) -> dict[str, Any] | None:
    rows = graph.read(cypher.LOAD_RUNS, {"offset": 0, "limit": 1})
    return dict(rows[0]["run"]) if rows else None


def waiting(graph: Graph, texts: TextSource | None = None) -> dict[str, Any]:
    """Every document's proposals in the latest load, with the load's disagreements."""
    run = _latest_run(graph)
    raw = run.get(DISAGREEMENTS_PROP) if run is not None else None
    loaded = raw is not None
    disagreements: list[dict[str, Any]] = json.loads(raw) if isinstance(raw, str) else []
    entity_rows = graph.read(cypher.PROPOSED_ENTITIES)
    ids = [pid for row in entity_rows for pid in row["props"].get(EVIDENCE_PASSAGES) or []]
    found = texts(ids) if texts is not None else passage_texts(graph, ids)
    entities = [_shape_entity(row["props"], found) for row in entity_rows]
    extracted = FactFilter(provenance="extracted")
    facts = find_facts(graph, extracted, limit=100_000, texts=texts)
    docs = [row["id"] for row in graph.read(cypher.DOCUMENT_IDS)]
    documents = []
    for doc in docs:
        entry = {
            "doc_id": doc,
            "entities": [e for e in entities if doc in _docs_of(e)],
            "facts": [f for f in facts if doc in _docs_of(f)],
            "disagreements": [d for d in disagreements if d.get("doc") == doc],
        }
        if entry["entities"] or entry["facts"] or entry["disagreements"]:
            documents.append(entry)
    return {
        "loaded": loaded,
        "load_id": run["id"] if run else None,
        "entities": len(entities),
        "facts": len(facts),
        "disagreements": len(disagreements),
        "documents": documents,
    }


def waiting_for(graph: Graph, doc: str, texts: TextSource | None = None) -> dict[str, Any]:
    """One document's proposals; NotFound when the graph has no such document."""
    docs = [row["id"] for row in graph.read(cypher.DOCUMENT_IDS)]
    if doc not in docs:
        import difflib

        raise NotFound("document", doc, difflib.get_close_matches(doc, docs))
    answer = waiting(graph, texts)
    empty = {"doc_id": doc, "entities": [], "facts": [], "disagreements": []}
    found = next((d for d in answer["documents"] if d["doc_id"] == doc), empty)
    return {"loaded": answer["loaded"], "load_id": answer["load_id"], **found}
