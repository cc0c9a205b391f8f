"""The corpus as the graph holds it: documents, passages and what points at them, full-text
passage search in Finnish and English, and what the newest load recorded of its coverage.

Full-text search uses the index ``kg_passage_text`` (graph/schema.cypher). The user's text
never reaches Lucene as given: it is cut into words, each word is escaped, and each is
matched as written, by the prefix it shares with its Finnish and English Snowball stems, or
by its simplemma lemma as a prefix, so "Kokkolassa" finds "Kokkola", "akkujen" finds "akku"
and "batteries" finds "battery".
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import simplemma
import snowballstemmer

from kgraph.coverage import Coverage
from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.db.values import plain
from kgraph.errors import NotFound, QuestionError
from kgraph.ontology import Language
from kgraph.query.evidence import PASSAGE_PATH

#: Lucene's special characters, each escaped with a backslash.
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_WORD = re.compile(r"\w+")
#: Words shorter than this match only as written (a prefix of two letters finds everything).
MIN_PREFIX = 3
MAX_WORDS = 12
#: Snowball's name of each language whose stems and lemmas a word's other forms start with.
_SNOWBALL: dict[str, Language] = {"finnish": "fi", "english": "en"}


def escape(term: str) -> str:
    """A term with every Lucene special character escaped."""
    return _LUCENE_SPECIAL.sub(r"\\\1", term)


@cache
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(language)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _prefixes(word: str) -> set[str]:
    """What a word's other forms start with: its stems' shared prefix and its lemmas."""
    found: set[str] = set()
    for snowball, code in _SNOWBALL.items():
        found.add(_common_prefix(word, str(_stemmer(snowball).stemWord(word))))
        found.add(str(simplemma.lemmatize(word, lang=code)).lower())
    return {p for p in found if len(p) >= MIN_PREFIX and p != word}


def word_clause(word: str) -> str:
    """One word's Lucene clause: the word itself, or any word starting as its stems do."""
    word = word.lower()
    forms = [escape(word)] + [escape(p) + "*" for p in sorted(_prefixes(word))]
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


def lucene_query(text: str) -> str:
    """The Lucene query for a user's text: every word must occur, in any inflected form.

    Raises QuestionError when the text holds no word at all.
    """
    words = list(dict.fromkeys(_WORD.findall(text)))[:MAX_WORDS]
    if not words:
        raise QuestionError(f"the search text {text[:40]!r} holds no word to look for")
    return " AND ".join(word_clause(w) for w in words)


def documents(graph: Graph) -> list[dict[str, Any]]:
    """Every document with its manifest metadata, hash and passage count."""
    return [plain(row["doc"]) for row in graph.read(cypher.DOCUMENTS)]


def _document_ids(graph: Graph) -> list[str]:
    return [row["id"] for row in graph.read(cypher.DOCUMENT_IDS)]


def document(graph: Graph, doc_id: str) -> dict[str, Any]:
    """A document's metadata and its passages in order."""
    rows = graph.read(cypher.DOCUMENT, {"id": doc_id})
    if not rows:
        import difflib

        raise NotFound("document", doc_id, difflib.get_close_matches(doc_id, _document_ids(graph)))
    passages = [{**p, "url": PASSAGE_PATH.format(p["id"])} for p in plain(rows[0]["passages"])]
    return {**plain(rows[0]["doc"]), "passages": passages}


def _anchors_here(passage_id: str, passages: list[str], anchors: list[str]) -> list[str]:
    return [a for p, a in zip(passages, anchors, strict=False) if p == passage_id]


def _facts(passage_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The facts a passage backs: stated ones with the anchors found in it, inferred ones
    whose premises rest on it."""
    out = []
    for row in rows:
        passages, anchors = row.pop("passages"), row.pop("anchors")
        row["anchors"] = _anchors_here(passage_id, passages, anchors)
        row["stated"] = bool(row["stated"])
        out.append(row)
    return out


def _values(passage_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entities a passage states, and which of their property values it gives."""
    out = []
    for row in rows:
        keys = row.get("prop_evidence_keys") or []
        passages = row.get("prop_evidence_passages") or []
        anchors = row.get("prop_evidence_anchors") or []
        rows_here = zip(keys, passages, anchors, strict=False)
        values = [{"prop": k, "anchor": a} for k, p, a in rows_here if p == passage_id]
        own = _anchors_here(
            passage_id, row.get("evidence_passages") or [], row.get("evidence_anchors") or []
        )
        entity = {k: row.get(k) for k in ("id", "name", "type")}
        out.append({"entity": entity, "anchors": own, "values": values})
    return out


def passage(graph: Graph, passage_id: str) -> dict[str, Any]:
    """A passage's text and document, the entities it mentions, the facts and values it backs,
    and the oddities it evidences."""
    rows = graph.read(cypher.PASSAGE, {"id": passage_id})
    if not rows:
        raise NotFound("passage", passage_id, _close_passages(graph, passage_id))
    row = plain(rows[0])
    return {
        **row["passage"],
        "document": row["document"],
        "mentions": row["mentions"],
        "facts": _facts(passage_id, row["facts"]),
        "entities": _values(passage_id, row["entities"]),
        "oddities": row["oddities"],
    }


def _close_passages(graph: Graph, passage_id: str) -> list[str]:
    """Passage ids like the one asked for: those of its document, when that exists."""
    doc = passage_id.split(":", 1)[0]
    if doc not in _document_ids(graph):
        return []
    found = document(graph, doc)["passages"]
    import difflib

    return difflib.get_close_matches(passage_id, [p["id"] for p in found], n=5, cutoff=0.6)


def search_passages(
    graph: Graph, text: str, *, doc: str | None = None, offset: int = 0, limit: int = 20
) -> dict[str, Any]:
    """Passages holding every word of ``text`` in some form, best first, with the query run."""
    query = lucene_query(text)
    [row] = graph.read(
        cypher.SEARCH_PASSAGES,
        {"query": query, "doc": doc, "offset": offset, "limit": limit},
    )
    items = [{**item, "url": PASSAGE_PATH.format(item["id"])} for item in plain(row["items"])]
    return {"query": query, "total": row["total"], "items": items}


def _load_reports(graph: Graph) -> Mapping[str, Any]:
    rows = graph.read(cypher.LOAD_REPORTS)
    if not rows:
        raise NotFound("load run", "latest")
    return rows[0]


def coverage(graph: Graph) -> dict[str, Any]:
    """What the newest load found of the corpus's coverage (``kgraph coverage``)."""
    row = _load_reports(graph)
    if row["coverage"] is None:
        raise NotFound("coverage report of load", str(row["load_id"]))
    report = Coverage.model_validate_json(row["coverage"]).model_dump(mode="json")
    return {"load_id": row["load_id"], "finished_at": plain(row["finished_at"]), **report}


def omissions(graph: Graph) -> dict[str, Any]:
    """What the registry leaves out on purpose, and why, as of the newest load."""
    row = _load_reports(graph)
    if row["omissions"] is None:
        raise NotFound("omissions of load", str(row["load_id"]))
    items: list[dict[str, Any]] = json.loads(row["omissions"])
    return {"load_id": row["load_id"], "total": len(items), "items": items}
