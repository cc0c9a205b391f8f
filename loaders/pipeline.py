"""The load: documents, registry, evidence, inference and mentions, synced in one transaction.

build()  reads and validates everything and computes the graph's complete desired state;
         it writes nothing, so a bad input stops the load before the graph is touched.
load()   builds, then syncs the result into Neo4j and records the LoadRun.
(``loaders.unchanged`` decides first whether a load is needed at all.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgraph import __version__
from kgraph.db.graph import Graph
from kgraph.db.writer import GraphInput, RelRow, SyncReport, sync
from loaders import rows
from loaders.corpus import Document, load_corpus
from loaders.evidence import EvidenceIndex, resolve_evidence
from loaders.inference import InferredFact, infer
from loaders.inputs import INPUTS_DIGEST, Inputs, read_inputs
from loaders.mentions import count_by_passage, find_in_documents, mention_index
from loaders.registry import Registry, load_registry


@dataclass
class Build:
    """Everything a load writes, computed before anything is written."""

    documents: list[Document]
    registry: Registry
    evidence: EvidenceIndex
    inferred: list[InferredFact]
    mention_counts: dict[tuple[str, str], int]
    graph_input: GraphInput
    stats: dict[str, int] = field(default_factory=dict)


def _mention_rows(counts: dict[tuple[str, str], int]) -> list[RelRow]:
    return [
        rows.mention_row(passage, entity, count)
        for (passage, entity), count in sorted(counts.items())
    ]


def build(corpus_dir: Path, registry_dir: Path) -> Build:
    """Read, validate, verify, infer and match; return the desired graph. Writes nothing."""
    documents = load_corpus(corpus_dir)
    registry = load_registry(registry_dir)
    evidence = resolve_evidence(registry, {doc.entry.id: doc for doc in documents})
    entities = registry.by_id()
    facts = [entry.item for entry in registry.facts]
    inferred = infer(facts, entities)
    mentions = count_by_passage(find_in_documents(mention_index(registry), documents))

    graph_input = GraphInput()
    doc_nodes, doc_rels = rows.document_rows(documents)
    graph_input.nodes += doc_nodes
    graph_input.relationships += doc_rels
    names = rows.identity_names(registry)
    notes = rows.identity_notes(registry)
    for entry in registry.entities:
        resolved = evidence.all(entry.item.id, entry.item.evidence)
        row = rows.entity_row(entry.item, resolved, names.get(entry.item.id, []))
        if entry.item.id in notes:
            row.props["identity_notes"] = notes[entry.item.id]
        graph_input.nodes.append(row)
    stated = {
        fact.key: rows.stated_fact_row(fact, evidence.all(fact.key, fact.evidence))
        for fact in facts
    }
    graph_input.relationships += stated.values()
    graph_input.relationships += [rows.inferred_fact_row(f, stated) for f in inferred]
    for oddity in registry.oddities:
        node, rels = rows.oddity_rows(oddity.item, evidence)
        graph_input.nodes.append(node)
        graph_input.relationships += rels
    graph_input.relationships += _mention_rows(mentions)

    stats = {
        "documents": len(documents),
        "passages": sum(len(doc.passages) for doc in documents),
        "entities": len(registry.entities),
        "facts_stated": len(facts),
        "facts_inferred": len(inferred),
        "oddities": len(registry.oddities),
        "omissions": len(registry.omissions),
        "identity_decisions": len(registry.identities),
        "mentions": sum(mentions.values()),
        "mentioned_pairs": len(mentions),
        "evidence_anchors": len(evidence),
    }
    return Build(documents, registry, evidence, inferred, mentions, graph_input, stats)


def run_properties(result: Build, inputs: Inputs) -> dict[str, Any]:
    """What a LoadRun records about its inputs."""
    return {
        "kgraph_version": __version__,
        "documents": json.dumps({d.entry.id: d.raw_sha256 for d in result.documents}),
        "registry_digest": result.registry.digest,
        "schema_digest": inputs.schema,
        "code_digest": inputs.code,
        INPUTS_DIGEST: inputs.digest,
        "stats": json.dumps(result.stats, sort_keys=True),
    }


def load(
    graph: Graph, corpus_dir: Path, registry_dir: Path, schema_file: Path
) -> tuple[Build, SyncReport]:
    """Build the desired graph and sync it into Neo4j in one transaction (a full diff)."""
    inputs = read_inputs(corpus_dir, registry_dir, schema_file)
    return load_inputs(graph, corpus_dir, registry_dir, inputs)


def load_inputs(
    graph: Graph, corpus_dir: Path, registry_dir: Path, inputs: Inputs
) -> tuple[Build, SyncReport]:
    """``load`` with the inputs' digests already read (the LoadRun records them)."""
    result = build(corpus_dir, registry_dir)
    wanted = result.graph_input
    report = sync(graph, wanted.nodes, wanted.relationships, run_properties(result, inputs))
    return result, report
