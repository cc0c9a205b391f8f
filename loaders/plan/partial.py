"""A document load: rebuild and diff only what the changed documents own.

When only documents changed (``loaders.plan.changes``), the registry, the schema and the code are
those of the newest load, so a row of the graph can differ only if it depends on a changed
document. Those rows are:

- the document, its passages and every relationship of a passage (HAS_PASSAGE, MENTIONS,
  EVIDENCED_BY);
- entities and oddities with evidence (their own or a property's) in the document, stated
  facts with evidence in it, and inferred facts with a premise passage in it: an anchor
  resolves within its own document only, so no other document moves them.

Every document is still read and cleaned and every anchor verified (a fact whose anchor no
longer verifies fails the load as a full load would, naming file and line), though with kept
work (``loaders.build.kept``) an unchanged document's cleaning and anchors are read back
rather than done again; only the matcher, the costly part, runs on the changed documents
alone, and the others' mentions and coverage shares come from the newest LoadRun. The sync
then reads and diffs only that part of the graph (``db.cypher.DOCUMENT_NODES`` /
``DOCUMENT_RELS``), which the rows given to it match row for row (``owned``).

The shares are recorded on the LoadRun in full by a full load; a document load records only
the shares that differ from the newest full record and names that load
(``document_parts_base``), until they are more than half of the documents, when it records
them in full again. So what a document load writes of them grows with what changed since,
not with the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.db.writer import GraphInput, NodeRow, RelRow, Scope, SyncReport, Writing, sync
from kgraph.ontology import EVIDENCE_DOCS, PREMISE_PASSAGES, PROP_EVIDENCE_DOCS
from loaders.build import rows
from loaders.build.kept import Kept
from loaders.build.pipeline import (
    Build,
    build_stats,
    coverage_summary,
    infer_registry,
    measure_documents,
    read_sources,
    registry_rows,
    run_properties,
)
from loaders.plan.changes import Plan
from loaders.sources.inputs import Inputs


def document_scope(docs: Collection[str], after_load: str | None = None) -> Scope:
    """The part of the graph documents ``docs`` own, as the sync reads it (and, when given,
    the LoadRun the load was planned against, which must still be the newest)."""
    return Scope(cypher.DOCUMENT_NODES, cypher.DOCUMENT_RELS, {"docs": sorted(docs)}, after_load)


def _node_owned(row: NodeRow, docs: Collection[str]) -> bool:
    if row.label == "Document":
        return row.id in docs
    if row.label == "Passage":
        return row.props["doc_id"] in docs
    named = [*(row.props.get(EVIDENCE_DOCS) or []), *(row.props.get(PROP_EVIDENCE_DOCS) or [])]
    return any(doc in docs for doc in named)


def _rel_owned(row: RelRow, docs: Collection[str], passages: Collection[str]) -> bool:
    if (row.start_label == "Passage" and row.start in passages) or (
        row.end_label == "Passage" and row.end in passages
    ):
        return True
    if row.start_label != "Entity" or row.end_label != "Entity":
        return False
    return any(doc in docs for doc in row.props.get(EVIDENCE_DOCS) or []) or any(
        passage in passages for passage in row.props.get(PREMISE_PASSAGES) or []
    )


def owned(graph_input: GraphInput, docs: Collection[str], passages: Collection[str]) -> GraphInput:
    """The rows of ``graph_input`` that documents ``docs`` (with ``passages``) own: the
    desired rows of what ``document_scope(docs)`` reads."""
    return GraphInput(
        [row for row in graph_input.nodes if _node_owned(row, docs)],
        [row for row in graph_input.relationships if _rel_owned(row, docs, passages)],
    )


def previous_parts(text: str | None) -> dict[str, dict[str, Any]]:
    """The documents' shares a LoadRun recorded in full (``Build.parts``)."""
    return dict(json.loads(text)) if text else {}


@dataclass(frozen=True)
class PartsBase:
    """A LoadRun that recorded every document's share, and those shares."""

    load_id: str
    parts: dict[str, dict[str, Any]]


def recorded_parts(latest: Mapping[str, Any]) -> tuple[dict[str, dict[str, Any]], PartsBase | None]:
    """The documents' shares as of the newest LoadRun (a row of ``LATEST_INPUTS``), and the
    full record the next document load records its own against. A record whose full one is
    gone gives no shares (every document unknown: a full load follows)."""
    if latest["parts_base"] is None:
        parts = previous_parts(latest["document_parts"])
        return parts, PartsBase(latest["id"], parts)
    if latest["base_parts"] is None:
        return {}, None
    base = PartsBase(latest["parts_base"], previous_parts(latest["base_parts"]))
    parts = dict(base.parts)
    for doc, part in json.loads(latest["document_parts"]).items():
        if part is None:
            parts.pop(doc, None)
        else:
            parts[doc] = part
    return parts, base


def shares_against(
    base: PartsBase | None, parts: dict[str, dict[str, Any]]
) -> tuple[str | None, dict[str, dict[str, Any] | None]]:
    """What differs in ``parts`` from ``base`` (None for a document gone), with the base's
    load; (None, {}) when the shares are best recorded in full."""
    if base is None:
        return None, {}
    delta: dict[str, dict[str, Any] | None] = {
        doc: part for doc, part in parts.items() if base.parts.get(doc) != part
    }
    delta |= {doc: None for doc in base.parts if doc not in parts}
    if 2 * len(delta) > len(parts):
        return None, {}
    return base.load_id, delta


def build_documents(
    corpus_dir: Path,
    registry_dir: Path,
    plan: Plan,
    parts: dict[str, dict[str, Any]],
    kept: Kept | None = None,
    base: PartsBase | None = None,
) -> Build:
    """The desired rows of what ``plan.documents`` own; the other documents' shares from
    ``parts``. Writes nothing; raises what a full build raises for the same inputs. With
    ``base``, the LoadRun will record the shares as what differs from it."""
    sources = read_sources(corpus_dir, registry_dir, kept=kept)
    changed = set(plan.documents)
    rebuilt = [doc for doc in sources.documents if doc.entry.id in changed]
    mentions, fresh = measure_documents(rebuilt, sources.registry, kept)
    others = {doc.entry.id for doc in sources.documents} - changed
    parts = {doc: parts[doc] for doc in others} | fresh  # load_if_changed checked: all there
    inferred = infer_registry(sources.registry)

    everything = registry_rows(sources.registry, sources.evidence, inferred)
    doc_nodes, doc_rels = rows.document_rows(rebuilt)
    everything.nodes += doc_nodes
    everything.relationships += doc_rels
    everything.relationships += [
        rows.mention_row(passage, entity, count)
        for (passage, entity), count in sorted(mentions.items())
    ]
    passages = {p.id for doc in rebuilt for p in doc.passages}
    parts_base, parts_delta = shares_against(base, parts)
    return Build(
        sources.documents, sources.registry, sources.evidence, inferred, mentions,
        owned(everything, changed, passages), build_stats(sources, inferred, parts),
        coverage=coverage_summary(sources, parts), parts=parts,
        mode="document", mode_reason=plan.reason, rebuilt=plan.documents,
        parts_base=parts_base, parts_delta=parts_delta,
    )  # fmt: skip


def load_documents(
    graph: Graph,
    corpus_dir: Path,
    registry_dir: Path,
    inputs: Inputs,
    plan: Plan,
    parts: dict[str, dict[str, Any]],
    after_load: str | None = None,
    kept: Kept | None = None,
    base: PartsBase | None = None,
    *,
    writing: Writing | None = None,
) -> tuple[Build, SyncReport]:
    """Build what ``plan.documents`` own and sync only that part of the graph (planned
    against LoadRun ``after_load``: if another load landed since, nothing is written; with
    ``base``, the full record of the shares its LoadRun records only the changes to;
    ``writing``: how the sync writes)."""
    result = build_documents(corpus_dir, registry_dir, plan, parts, kept, base)
    wanted = result.graph_input
    report = sync(
        graph, wanted.nodes, wanted.relationships, run_properties(result, inputs),
        scope=document_scope(plan.documents, after_load), **(writing or Writing()).sync_options(),
    )  # fmt: skip
    return result, report
