"""A load that is not needed: the inputs' digests match what the newest LoadRun read.

Kept apart from ``loaders.pipeline`` so that finding a load unneeded imports none of what a
build needs (the cleaner, the matcher and its dictionaries, inference, the writer): a
second ``kgraph load`` of the same inputs costs a digest of some files and one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.db import cypher
from kgraph.db.graph import Graph
from loaders.inputs import Inputs, read_inputs

if TYPE_CHECKING:
    from kgraph.db.writer import SyncReport
    from loaders.pipeline import Build


@dataclass(frozen=True)
class Unchanged:
    """A load that found its inputs as the newest LoadRun recorded them, and wrote nothing."""

    load_id: str
    inputs_digest: str


def unchanged_since(graph: Graph, inputs: Inputs) -> Unchanged | None:
    """The newest load, if it read exactly ``inputs``; else None."""
    return newest_load_read(graph, inputs.digest)


def newest_load_read(graph: Graph, inputs_digest: str) -> Unchanged | None:
    """The newest load, if its inputs had ``inputs_digest``; else None."""
    latest = graph.read(cypher.LATEST_INPUTS)
    if latest and latest[0]["digest"] == inputs_digest:
        return Unchanged(latest[0]["id"], inputs_digest)
    return None


def load_if_changed(
    graph: Graph,
    corpus_dir: Path,
    registry_dir: Path,
    schema_file: Path,
    proposals_dir: Path | None = None,
) -> Unchanged | tuple[Build, SyncReport]:
    """``pipeline.load``, unless the newest load read exactly these inputs (proposals too)."""
    inputs = read_inputs(corpus_dir, registry_dir, schema_file, proposals_dir)
    found = unchanged_since(graph, inputs)
    if found is not None:
        return found
    from loaders.pipeline import load_inputs

    return load_inputs(graph, corpus_dir, registry_dir, inputs, proposals_dir)
