"""Loads as the tests write them, through the one entry point (``loaders.load.load``)."""

from __future__ import annotations

import hashlib
import shutil
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


def writable_corpus(folder: Path, corpus_dir: Path) -> Path:
    """A writable copy of the corpus in ``folder`` (never the shared one)."""
    shutil.copytree(corpus_dir, folder)
    for path in folder.iterdir():
        path.chmod(0o644)
    return folder


def rewrite_document(corpus: Path, file: str, data: bytes) -> None:
    """Give a document new bytes and its manifest entry their sha256."""
    path = corpus / file
    old, new = hashlib.sha256(path.read_bytes()).hexdigest(), hashlib.sha256(data).hexdigest()
    path.write_bytes(data)
    manifest = corpus / "corpus.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def add_document(corpus: Path, doc_id: str, text: str, *, language: str, title: str) -> None:
    """Add a news article to a writable corpus: its file and its manifest entry."""
    data = text.encode()
    (corpus / f"{doc_id}.txt").write_bytes(data)
    entry = (
        f"  - id: {doc_id}\n    file: {doc_id}.txt\n    language: {language}\n"
        f"    kind: news article\n    title: {title}\n    publisher: Test\n    year: 2026\n"
        f"    sha256: {hashlib.sha256(data).hexdigest()}\n"
    )
    manifest = corpus / "corpus.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + entry, encoding="utf-8")
