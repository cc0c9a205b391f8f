"""A corpus load pauses Python's cyclic garbage collector while it runs and gives it back as
it found it (``loaders.load.collector_paused``), also when the load fails."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.errors import CorpusError
from loaders.load import Corpus, collector_paused, load


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after(collector_on: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on: None) -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
    gc.enable()


def test_a_failed_load_gives_the_collector_back(collector_on: None, tmp_path: Path) -> None:
    # An empty folder has no manifest: the load raises before it would use the graph.
    with pytest.raises(CorpusError, match=r"corpus\.yaml not found"):
        load(object(), Corpus(tmp_path, tmp_path), tmp_path / "schema.cypher")  # type: ignore[arg-type]
    assert gc.isenabled()
