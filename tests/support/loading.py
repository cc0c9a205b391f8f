"""Loads as the tests write them, through the one entry point (``loaders.load.load``)."""

from __future__ import annotations

from pathlib import Path

from kgraph.db.graph import Graph
from kgraph.db.writer import SyncReport
from loaders.build.pipeline import Build
from loaders.load import Corpus, Loaded, load


def load_full(
    graph: Graph,
    corpus_dir: Path,
    registry_dir: Path,
    schema_file: Path,
    proposals_dir: Path | None = None,
) -> tuple[Build, SyncReport]:
    """A full build and diff (``kgraph load --verify``): what was built and what the sync did."""
    loaded = load(graph, Corpus(corpus_dir, registry_dir, proposals_dir), schema_file)
    return loaded.built, loaded.synced


def load_auto(
    graph: Graph,
    corpus_dir: Path,
    registry_dir: Path,
    schema_file: Path,
    proposals_dir: Path | None = None,
    *,
    kept_dir: Path | None = None,
) -> Loaded:
    """A load as ``kgraph load`` plans it: unchanged, a document load, or a full one (with
    ``kept_dir``, reusing the work kept there by digest)."""
    source = Corpus(corpus_dir, registry_dir, proposals_dir, kept_dir)
    return load(graph, source, schema_file, mode="auto")
