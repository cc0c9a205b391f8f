"""The load: documents, registry, evidence, inference and mentions, synced in one transaction.

build()  reads and validates everything and computes the graph's complete desired state;
         it writes nothing, so a bad input stops the load before the graph is touched.
load_inputs()  builds, applies the schema, then syncs the result into Neo4j and records the
              LoadRun.
(``loaders.plan.unchanged`` decides first whether a load is needed at all; ``loaders.load`` is
the entry point every caller uses.)
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kgraph import __version__
from kgraph.coverage import Coverage
from kgraph.db import schema
from kgraph.db.graph import Graph
from kgraph.db.writer import GraphInput, RelRow, SyncReport, Writing, sync
from kgraph.names.matcher import Mention, MentionIndex
from kgraph.ontology import EntitySpec, FactSpec
from loaders.build import coverage, rows
from loaders.build.inference import InferredFact, infer
from loaders.build.kept import Kept
from loaders.build.mentions import count_by_passage, find_mentions
from loaders.sources.corpus import Document, load_corpus
from loaders.sources.evidence import EvidenceIndex, prop_evidence, resolve_evidence
from loaders.sources.inputs import INPUTS_DIGEST, INPUTS_RECORD, Inputs
from loaders.sources.names import entity_names, identity_names
from loaders.sources.registry import Located, Registry, load_registry

if TYPE_CHECKING:
    # Imported where proposals join a load: a load without them never needs the module.
    from loaders.proposals.joined import Extracted


@dataclass
class Build:
    """Everything a load writes, computed before anything is written.

    A document load (``loaders.plan.partial``) holds in ``graph_input`` only the rows of the part
    of the graph its documents own, and in ``mention_counts`` only their mentions.
    """

    documents: list[Document]
    registry: Registry
    evidence: EvidenceIndex
    inferred: list[InferredFact]
    mention_counts: dict[tuple[str, str], int]
    graph_input: GraphInput
    stats: dict[str, int] = field(default_factory=dict)
    #: What ``kgraph coverage`` reports, recorded on the LoadRun.
    coverage: Coverage = field(default_factory=lambda: Coverage(ok=True))
    #: The unreviewed proposals loaded with the registry, when the load was asked to.
    extracted: Extracted | None = None
    #: Each document's share of the mentions and of the coverage report (``DocumentPart``
    #: as plain data), by document id: recorded, so a document load re-measures only its own.
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: How the load was planned: "full" or "document", and why (``loaders.plan.changes``).
    mode: str = "full"
    mode_reason: str = "a full build and diff"
    #: The documents a document load rebuilt.
    rebuilt: tuple[str, ...] = ()
    #: When set, the LoadRun records of ``parts`` only what differs from the full record of
    #: load ``parts_base`` (``parts_delta``: a share, or None for a document gone).
    parts_base: str | None = None
    parts_delta: dict[str, dict[str, Any] | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Sources:
    """The inputs read and checked: documents, registry (with proposals), verified evidence."""

    documents: list[Document]
    registry: Registry
    evidence: EvidenceIndex
    extracted: Extracted | None


def _mention_rows(counts: dict[tuple[str, str], int]) -> list[RelRow]:
    return [
        rows.mention_row(passage, entity, count)
        for (passage, entity), count in sorted(counts.items())
    ]


def read_sources(
    corpus_dir: Path,
    registry_dir: Path,
    proposals_dir: Path | None = None,
    kept: Kept | None = None,
) -> Sources:
    """Read the documents and the registry and verify every anchor. Cheap: no matcher.

    With ``kept``, a document's cleaning and the resolution of its anchors come from the
    work kept for the same digests, when there is some (``loaders.build.kept``), and so does
    the parsed registry."""
    documents = kept.read_corpus(corpus_dir) if kept else load_corpus(corpus_dir)
    registry = kept.registry(registry_dir) if kept else load_registry(registry_dir)
    by_doc = {doc.entry.id: doc for doc in documents}
    evidence = (kept.resolve_evidence if kept else resolve_evidence)(registry, by_doc)
    extracted = None
    if proposals_dir is not None:
        from loaders.proposals.joined import read_extracted

        extracted = read_extracted(proposals_dir, registry, by_doc, evidence)
        registry = dataclasses.replace(
            registry,
            # A proposal is its registry spec plus confidence and rule: it loads as one.
            entities=[*registry.entities, *cast(list[Located[EntitySpec]], extracted.entities)],
            facts=[*registry.facts, *cast(list[Located[FactSpec]], extracted.facts)],
        )
    return Sources(documents, registry, evidence, extracted)


def registry_rows(
    registry: Registry, evidence: EvidenceIndex, inferred: list[InferredFact]
) -> GraphInput:
    """The rows of the registry: entities, stated and inferred facts, oddities."""
    out = GraphInput()
    names = identity_names(registry)
    notes = rows.identity_notes(registry)
    for entry in registry.entities:
        resolved = evidence.all(entry.item.id, entry.item.evidence)
        row = rows.entity_row(
            entry.item, resolved, names.get(entry.item.id, []), prop_evidence(evidence, entry.item)
        )
        if entry.item.id in notes:
            row.props["identity_notes"] = notes[entry.item.id]
        out.nodes.append(row)
    stated = {
        entry.item.key: rows.stated_fact_row(entry.item, evidence.all(entry.item.key,
                                                                     entry.item.evidence))
        for entry in registry.facts
    }  # fmt: skip
    out.relationships += stated.values()
    out.relationships += [rows.inferred_fact_row(f, stated) for f in inferred]
    for oddity in registry.oddities:
        node, rels = rows.oddity_rows(oddity.item, evidence)
        out.nodes.append(node)
        out.relationships += rels
    return out


def measure_documents(
    documents: list[Document], registry: Registry, kept: Kept | None = None
) -> tuple[dict[tuple[str, str], int], dict[str, dict[str, Any]]]:
    """The mentions of ``documents`` and each one's share of them and of the coverage report.

    The costly part of a build: the matcher (and its Finnish dictionary) runs here only, and
    with ``kept`` only on documents whose mentions were not kept for the same name index.
    """
    scanner = coverage.Scanner(registry)
    names = names_digest(registry) if kept else ""
    scan = _digest([names, scanner.digest()]) if kept else ""
    counts: dict[tuple[str, str], int] = {}
    parts: dict[str, dict[str, Any]] = {}
    for doc in documents:
        find = partial(_matched, scanner.index_of, doc)
        matched = kept.mentions(doc, names, find) if kept else find()
        # The coverage report counts what the matcher found: the same matches, not a second run.
        share = partial(scanner.document, doc, matched)
        part = kept.coverage(doc, scan, share) if kept else share()
        found = count_by_passage(m for p in doc.passages for m in matched[p.id])
        counts |= found
        parts[doc.entry.id] = {
            "mentions": sum(found.values()),
            "mentioned_pairs": len(found),
            "coverage": part.as_dict(),
        }
    if kept is not None:
        kept.keep_lexicon()  # the words cleaning and matching asked about, for the next load
    return counts, parts


def _matched(index: Callable[[], MentionIndex], doc: Document) -> dict[str, list[Mention]]:
    """The mentions in each passage of ``doc``, by passage id (``index``: built when called)."""
    matched: dict[str, list[Mention]] = {p.id: [] for p in doc.passages}
    for mention in find_mentions(index(), doc.passages, doc.entry.language):
        matched[mention.passage_id or ""].append(mention)
    return matched


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def names_digest(registry: Registry) -> str:
    """Digest of the name index's entries: the mentions in a text are the same while it is."""
    index = entity_names([e.item for e in registry.entities], identity_names(registry))
    return _digest([[e.entity_id, e.names] for e in index])


def build_stats(
    sources: Sources, inferred: list[InferredFact], parts: dict[str, dict[str, Any]]
) -> dict[str, int]:
    """What a load counts; the mentions are the sum of the documents' shares."""
    documents, registry, extracted = sources.documents, sources.registry, sources.extracted
    stats = {
        "documents": len(documents),
        "passages": sum(len(doc.passages) for doc in documents),
        "entities": len(registry.entities),
        "facts_stated": len(registry.facts),
        "facts_inferred": len(inferred),
        "oddities": len(registry.oddities),
        "omissions": len(registry.omissions),
        "identity_decisions": len(registry.identities),
        "mentions": sum(parts[d.entry.id]["mentions"] for d in documents),
        "mentioned_pairs": sum(parts[d.entry.id]["mentioned_pairs"] for d in documents),
        "evidence_anchors": len(sources.evidence),
    }
    if extracted is not None:
        stats |= {
            "entities_extracted": len(extracted.entities),
            "facts_extracted": len(extracted.facts),
            "proposals_already_curated": extracted.already_curated,
            "proposals_rejected": extracted.rejected,
            "proposal_disagreements": len(extracted.disagreements),
        }
    return stats


def coverage_summary(sources: Sources, parts: dict[str, dict[str, Any]]) -> Coverage:
    """The coverage report of all documents, combined from their shares in manifest order."""
    shares = [
        coverage.DocumentCoverage.from_dict(parts[d.entry.id]["coverage"])
        for d in sources.documents
    ]
    return coverage.combine(shares, sources.registry, len(sources.evidence))


def infer_registry(registry: Registry) -> list[InferredFact]:
    return infer([entry.item for entry in registry.facts], registry.by_id())


def build(
    corpus_dir: Path,
    registry_dir: Path,
    proposals_dir: Path | None = None,
    kept: Kept | None = None,
) -> Build:
    """Read, validate, verify, infer and match; return the desired graph. Writes nothing.

    With ``proposals_dir``, the unreviewed proposals there join the registry's entities and
    facts as provenance *extracted*, below curation (``loaders.proposals.joined``). With
    ``kept``, work kept for the same digests is reused (``loaders.build.kept``).
    """
    sources = read_sources(corpus_dir, registry_dir, proposals_dir, kept)
    inferred = infer_registry(sources.registry)
    mentions, parts = measure_documents(sources.documents, sources.registry, kept)

    graph_input = GraphInput()
    doc_nodes, doc_rels = rows.document_rows(sources.documents)
    graph_input.nodes += doc_nodes
    graph_input.relationships += doc_rels
    registry_input = registry_rows(sources.registry, sources.evidence, inferred)
    graph_input.nodes += registry_input.nodes
    graph_input.relationships += registry_input.relationships
    graph_input.relationships += _mention_rows(mentions)
    return Build(
        sources.documents, sources.registry, sources.evidence, inferred, mentions, graph_input,
        build_stats(sources, inferred, parts), coverage=coverage_summary(sources, parts),
        extracted=sources.extracted, parts=parts,
    )  # fmt: skip


def run_properties(result: Build, inputs: Inputs) -> dict[str, Any]:
    """What a LoadRun records about its inputs."""
    return {
        "kgraph_version": __version__,
        "documents": json.dumps({d.entry.id: d.raw_sha256 for d in result.documents}),
        "registry_digest": result.registry.digest,
        "schema_digest": inputs.schema,
        "code_digest": inputs.code,
        INPUTS_DIGEST: inputs.digest,
        INPUTS_RECORD: inputs.record(),
        "mode": result.mode,
        "mode_reason": result.mode_reason,
        "rebuilt_documents": list(result.rebuilt),
        # Every document's share, or (a document load) only what differs from a full record:
        # what a load writes of them grows with what changed, not with the corpus.
        "document_parts": json.dumps(
            result.parts_delta if result.parts_base else result.parts, sort_keys=True,
            ensure_ascii=False,
        ),
        **({"document_parts_base": result.parts_base} if result.parts_base else {}),
        "stats": json.dumps(result.stats, sort_keys=True),
        # The corpus's coverage and the registry's omissions as of this load: the API serves
        # them (/coverage, /omissions) without reading the corpus or the registry itself.
        "coverage": json.dumps(result.coverage.model_dump(mode="json"), sort_keys=True),
        "omissions": json.dumps(coverage.omissions(result.registry)),
        **(
            {"proposal_disagreements": json.dumps(
                [d.as_dict() for d in result.extracted.disagreements], ensure_ascii=False)}
            if result.extracted is not None else {}
        ),
    }  # fmt: skip


def load_inputs(
    graph: Graph,
    corpus_dir: Path,
    registry_dir: Path,
    inputs: Inputs,
    proposals_dir: Path | None = None,
    *,
    schema_file: Path,
    reason: str = "a full build and diff",
    kept: Kept | None = None,
    writing: Writing | None = None,
) -> tuple[Build, SyncReport]:
    """``load`` with the inputs' digests already read (the LoadRun records them, and
    ``reason``: why the load is a full one); ``writing``: how the sync writes.

    The schema in ``schema_file`` is applied before the sync (idempotent, tens of ms): the
    sync finds every node by its id, a seek with the unique constraints and a scan of the
    label without them, so a first load into a database never given the schema grew with
    the square of its passages (444 s at 305 documents).
    """
    result = build(corpus_dir, registry_dir, proposals_dir, kept)
    result.mode_reason = reason
    schema.apply(graph, schema_file)
    wanted = result.graph_input
    report = sync(
        graph, wanted.nodes, wanted.relationships, run_properties(result, inputs),
        **(writing or Writing()).sync_options(),
    )  # fmt: skip
    return result, report
