"""The one way into the graph: ``load(graph, source, mode=...)``.

In: an open ``Graph``, what to load (the ``Corpus`` folders, or a ``Synthetic`` landscape) and
how. Out: ``Loaded``, what the load did and why (its mode, its reason, the LoadRun, the build and
the sync report). The CLI, the tests and the benchmarks all load through here; none of them
assembles a load of its own.

The modes:

auto    compare the inputs' digests with what the newest LoadRun read: nothing to do
        (``unchanged``), rebuild what changed documents own (``document``), or a full load
verify  build and diff the whole graph whatever the digests say (``kgraph load --verify``)
bulk    a first load into an empty managed database through ``neo4j-admin database import``

A load that writes in full (a full corpus load, a synthetic one) applies the schema first
(``kgraph.db.schema.apply``): its writes find nodes by id, and only the unique constraints
make that a seek. A document load writes into a graph a full load made.

While a corpus load runs, Python's cyclic garbage collector is paused (``collector_paused``):
a load makes tens of thousands of objects that live until it ends (documents, passages,
rows), and each time enough of them survive the collector walks every object the process
holds, the imports' too. It found nothing to free in a load (peak memory the same with it
off) and took 35 ms of a 105-document load's 0.3 s after one added document, 70 ms of a full
one. A synthetic load streams millions of rows and keeps its collector: nothing measured
there.

A ``Corpus`` with a ``kept_dir`` reuses the work kept there by digest (a document's cleaning,
its anchors, its mentions: ``loaders.build.kept``) in ``auto`` and ``bulk``; ``verify`` does
every piece of work again and neither reads nor writes kept work.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kgraph.db import schema
from kgraph.db.graph import Graph
from kgraph.db.writer import BATCH_SIZE, LOAD_HISTORY, ProgressFn, SyncReport, Writing
from kgraph.errors import ConfigError

if TYPE_CHECKING:
    from kgraph.db.server import ManagedNeo4j
    from loaders.build.kept import Kept
    from loaders.build.pipeline import Build
    from loaders.sources.inputs import Inputs

LoadMode = Literal["auto", "verify", "bulk"]
#: What a load turned out to be: the plan's answer, or the bulk path.
Done = Literal["unchanged", "document", "full", "bulk"]


@dataclass(frozen=True)
class Corpus:
    """The corpus and the curated registry, and the proposals folder when they join the load."""

    corpus_dir: Path
    registry_dir: Path
    proposals_dir: Path | None = None
    #: Where work is kept by digest (``loaders.build.kept``); None: none is kept or reused.
    kept_dir: Path | None = None


@dataclass(frozen=True)
class Synthetic:
    """A synthetic ecosystem of ``scale`` units (``loaders.synth``), in place of the corpus."""

    scale: int
    seed: int = 7


@dataclass(frozen=True)
class Loaded:
    """What a load did: ``mode`` and ``reason``, the LoadRun it wrote (or found, when
    ``unchanged``), the build (corpus loads that read the corpus) and the sync report."""

    mode: Done
    reason: str
    load_id: str
    seconds: float
    build: Build | None = None
    report: SyncReport | None = None

    @property
    def synced(self) -> SyncReport:
        """The sync report of a load that wrote (every mode but ``unchanged``)."""
        if self.report is None:
            raise ValueError(f"load {self.load_id} was {self.mode}: nothing was synced")
        return self.report

    @property
    def built(self) -> Build:
        """The build of a corpus load that read the corpus."""
        if self.build is None:
            raise ValueError(f"load {self.load_id} was {self.mode}: nothing was built")
        return self.build


@dataclass(frozen=True)
class Options:
    """How rows reach Neo4j: the write transaction's limit, the batch size, a progress hook."""

    timeout_s: float = 300.0
    batch_size: int = BATCH_SIZE
    progress: ProgressFn | None = None
    database: str = "neo4j"
    #: Loads whose LoadRun is kept (``KGRAPH_LOAD_HISTORY``); older ones are pruned.
    history: int = LOAD_HISTORY
    #: Worker processes a synthetic bulk load writes its files with (one per core: making
    #: and formatting rows is the Python side's bound, one core a process).
    bulk_workers: int = field(default_factory=lambda: os.cpu_count() or 1)

    def writing(self) -> Writing:
        """What the sync of every kind of load (corpus, document, synthetic) is given."""
        return Writing(self.timeout_s, self.batch_size, self.progress, self.history)


def load(
    graph: Graph,
    source: Corpus | Synthetic,
    schema_file: Path,
    *,
    mode: LoadMode = "verify",
    server: ManagedNeo4j | None = None,
    options: Options | None = None,
) -> Loaded:
    """Load ``source`` into ``graph`` in ``mode`` (default: a full build and diff).

    ``bulk`` needs the managed ``server`` and an empty database (refused otherwise, with
    nothing written). Any bad input raises before the graph is touched.
    """
    started = time.perf_counter()
    if mode == "bulk" and server is None:
        raise ConfigError(
            "server", "a bulk load imports into the managed server's store: no server given"
        )
    opts = options or Options()
    if isinstance(source, Synthetic):
        return _synthetic(graph, source, schema_file, mode, server, opts, started)
    with collector_paused():
        return _corpus(graph, source, schema_file, mode, server, opts, started)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: reference counting still frees what a load drops.

    Restores the collector as it found it (an API process that loads from the review desk
    keeps its own setting); a collector another thread turned off stays off.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _corpus(
    graph: Graph,
    source: Corpus,
    schema_file: Path,
    mode: LoadMode,
    server: ManagedNeo4j | None,
    opts: Options,
    started: float,
) -> Loaded:
    from loaders.sources.inputs import read_inputs

    inputs = read_inputs(source.corpus_dir, source.registry_dir, schema_file, source.proposals_dir)
    kept = _kept(source, mode, inputs)
    if mode == "bulk":
        from kgraph.db.bulk import BULK_REASON, bulk_load
        from loaders.build.pipeline import build, run_properties

        assert server is not None
        result = build(source.corpus_dir, source.registry_dir, source.proposals_dir, kept)
        wanted = result.graph_input
        report = bulk_load(
            server, graph, wanted.nodes, wanted.relationships, run_properties(result, inputs),
            schema_file, database=opts.database,
        )  # fmt: skip
        _prune(kept, inputs)
        return Loaded("bulk", BULK_REASON, report.load_id, _since(started), result, report)
    from loaders.plan.unchanged import Unchanged, load_if_changed

    outcome = load_if_changed(graph, source.corpus_dir, source.registry_dir, inputs,
                              source.proposals_dir, schema_file=schema_file,
                              verify=mode == "verify", kept=kept,
                              writing=opts.writing())  # fmt: skip
    if isinstance(outcome, Unchanged):
        reason = f"inputs unchanged since load {outcome.load_id}"
        return Loaded("unchanged", reason, outcome.load_id, _since(started))
    result, report = outcome
    _prune(kept, inputs)
    done: Done = "document" if result.mode == "document" else "full"
    return Loaded(done, result.mode_reason, report.load_id, _since(started), result, report)


def _kept(source: Corpus, mode: LoadMode, inputs: Inputs) -> Kept | None:
    """The work kept for this load to reuse: none without a folder, and none to verify (nor
    the dictionary's answers an earlier load of this process was handed from kept work)."""
    if source.kept_dir is None or mode == "verify":
        from kgraph.names import finnish

        finnish.forget()
        return None
    from loaders.build.kept import Kept

    return Kept(source.kept_dir, inputs.code)


def _prune(kept: Kept | None, inputs: Inputs) -> None:
    """After a load that wrote: the kept work of documents no longer as they were goes."""
    if kept is not None:
        kept.prune(inputs)


def _synthetic(
    graph: Graph,
    source: Synthetic,
    schema_file: Path,
    mode: LoadMode,
    server: ManagedNeo4j | None,
    opts: Options,
    started: float,
) -> Loaded:
    from kgraph.db.writer import sync
    from loaders.plan.unchanged import newest_load_read
    from loaders.sources.inputs import synth_digest

    found = None if mode != "auto" else newest_load_read(graph, synth_digest(*_size(source)))
    if found is not None:
        reason = f"synthetic scale {source.scale} (seed {source.seed}) is the graph's newest load"
        return Loaded("unchanged", reason, found.load_id, _since(started))
    from loaders.synth import Synth

    synth = Synth(source.scale, source.seed)
    if mode == "bulk":
        from kgraph.db.bulk import BULK_REASON, bulk_load
        from kgraph.db.bulk_shares import Shares

        assert server is not None
        # Two shares a worker: one slowed by the shared machine leaves less for the others.
        shares = Shares(synth.shares(2 * opts.bulk_workers), opts.bulk_workers)
        report = bulk_load(
            server, graph, (), (), synth.run_properties(), schema_file,
            database=opts.database, shares=shares,
        )  # fmt: skip
        return Loaded("bulk", BULK_REASON, report.load_id, _since(started), None, report)
    schema.apply(graph, schema_file)  # as a full corpus load does: its MERGEs seek by id
    report = sync(
        graph, synth.nodes(), synth.relationships(), synth.run_properties(),
        **opts.writing().sync_options(),
    )  # fmt: skip
    reason = "a generated landscape, built and diffed in full"
    return Loaded("full", reason, report.load_id, _since(started), None, report)


def _size(source: Synthetic) -> tuple[int, int]:
    return source.scale, source.seed


def _since(started: float) -> float:
    return time.perf_counter() - started
