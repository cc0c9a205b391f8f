"""A load that is not needed, or needed only for some documents: the inputs' digests against
those the newest LoadRun read (``loaders.plan.changes`` decides).

Kept apart from ``loaders.build.pipeline`` so that finding a load unneeded imports none of what a
build needs (the cleaner, the matcher and its dictionaries, inference, the writer): a
second ``kgraph load`` of the same inputs costs a digest of some files and one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.db import cypher
from kgraph.db.graph import Graph
from loaders.plan.changes import Plan, plan
from loaders.sources.inputs import Inputs

if TYPE_CHECKING:
    from kgraph.db.writer import SyncReport, Writing
    from loaders.build.kept import Kept
    from loaders.build.pipeline import Build


@dataclass(frozen=True)
class Unchanged:
    """A load that found its inputs as the newest LoadRun recorded them, and wrote nothing."""

    load_id: str
    inputs_digest: str


def _latest(graph: Graph) -> dict[str, Any] | None:
    rows = graph.read(cypher.LATEST_INPUTS)
    return rows[0] if rows else None


def newest_load_read(graph: Graph, inputs_digest: str) -> Unchanged | None:
    """The newest load, if its inputs had ``inputs_digest``; else None."""
    latest = _latest(graph)
    if latest and latest["digest"] == inputs_digest:
        return Unchanged(latest["id"], inputs_digest)
    return None


def plan_load(graph: Graph, inputs: Inputs, *, verify: bool = False) -> tuple[Plan, Any]:
    """What a load of ``inputs`` must do, and what the newest LoadRun recorded of it."""
    latest = _latest(graph)
    if latest and latest["digest"] == inputs.digest:
        # The same digest of everything (an older load recorded only that one).
        return plan(inputs, inputs, verify=verify), latest
    recorded = latest is not None and latest["document_parts"] is not None
    before = Inputs.from_record(latest["inputs"]) if latest and recorded else None
    return plan(before, inputs, verify=verify), latest


def load_if_changed(
    graph: Graph,
    corpus_dir: Path,
    registry_dir: Path,
    inputs: Inputs,
    proposals_dir: Path | None = None,
    *,
    schema_file: Path,
    verify: bool = False,
    kept: Kept | None = None,
    writing: Writing,
) -> Unchanged | tuple[Build, SyncReport]:
    """Nothing when the newest load read exactly these ``inputs`` (proposals too); a document
    load when only documents changed; else (or with ``verify``) a full build and diff, which
    applies ``schema_file`` first. ``kept``: the work kept by digest that the build may
    reuse; ``writing``: how the sync writes (its time limit, batches, progress and the
    LoadRuns kept)."""
    decided, latest = plan_load(graph, inputs, verify=verify)
    if decided.mode == "unchanged":
        return Unchanged(latest["id"], inputs.digest)
    if decided.mode == "document":
        from loaders.plan.partial import load_documents, recorded_parts

        parts, base = recorded_parts(latest)
        unknown = sorted(set(inputs.entries) - set(decided.documents) - set(parts))
        if not unknown:
            return load_documents(
                graph, corpus_dir, registry_dir, inputs, decided, parts, latest["id"], kept,
                base, writing=writing,
            )  # fmt: skip
        decided = Plan("full", f"the newest load recorded no mentions of {', '.join(unknown)}")
    from loaders.build.pipeline import load_inputs

    return load_inputs(
        graph, corpus_dir, registry_dir, inputs, proposals_dir, schema_file=schema_file,
        reason=decided.reason, kept=kept, writing=writing,
    )  # fmt: skip
