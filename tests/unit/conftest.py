"""Fixtures of the fast tests: the real corpus, read from where the project keeps it.

The documents are never copied into the repository. ``KGRAPH_CORPUS_DIR`` names the folder;
without it the tests use ``../shared/corpus`` beside the project. A missing corpus fails the
tests that need it (it does not skip them): a green run must have read the real documents.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from loaders.extract.nlp import Pipelines, load_pipelines
from loaders.sources.corpus import MANIFEST_NAME, Document, load_corpus


def corpus_path() -> Path:
    configured = os.environ.get("KGRAPH_CORPUS_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    path = corpus_path()
    if not (path / MANIFEST_NAME).is_file():
        pytest.fail(
            f"the corpus is missing: no {MANIFEST_NAME} in {path}. "
            "Set KGRAPH_CORPUS_DIR to the folder of the source documents."
        )
    return path


@pytest.fixture(scope="session")
def documents(corpus_dir: Path) -> dict[str, Document]:
    """Every document of the real corpus, by id (read and cleaned once per test session)."""
    return {doc.entry.id: doc for doc in load_corpus(corpus_dir)}


@pytest.fixture(scope="session")
def pipelines() -> Pipelines:
    """The spaCy pipelines of the extractor, loaded once per test session (seconds)."""
    return load_pipelines()
