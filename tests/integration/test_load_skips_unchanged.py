"""A load whose inputs are those of the newest LoadRun writes nothing and reads no document."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from kgraph.db.graph import Graph
from kgraph.settings import Settings
from loaders.build import pipeline
from tests.support.loading import load_auto, load_full
from tests.support.small_registry import FUNDING, FUNDING_ENTITIES, write_registry

ENTITIES = FUNDING_ENTITIES


def _loads(graph: Graph) -> int:
    return int(graph.read("MATCH (run:LoadRun) RETURN count(run) AS n")[0]["n"])


def _content(graph: Graph) -> list[str]:
    rows = graph.read(
        "MATCH (n) WHERE NOT n:LoadRun RETURN coalesce(n._hash, n.id) AS h ORDER BY h"
    )
    return [row["h"] for row in rows]


@pytest.fixture
def inputs(tmp_path: Path, settings: Settings) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    return corpus, write_registry(tmp_path, ENTITIES, FUNDING)


def test_a_second_load_of_the_same_inputs_writes_nothing_and_builds_nothing(
    empty_graph: Graph,
    inputs: tuple[Path, Path],
    schema_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus, registry = inputs
    first = load_auto(empty_graph, corpus, registry, schema_file)
    assert first.mode != "unchanged"
    content = _content(empty_graph)

    def no_build(*args: object) -> None:
        raise AssertionError("an unchanged load must not build")

    monkeypatch.setattr(pipeline, "build", no_build)
    second = load_auto(empty_graph, corpus, registry, schema_file)

    assert second.mode == "unchanged"
    assert second.load_id == first.load_id
    assert _loads(empty_graph) == 1
    assert _content(empty_graph) == content


@pytest.mark.parametrize("changed", ["registry", "document", "manifest"])
def test_any_changed_input_makes_a_full_load(
    empty_graph: Graph, inputs: tuple[Path, Path], schema_file: Path, changed: str
) -> None:
    corpus, registry = inputs
    load_auto(empty_graph, corpus, registry, schema_file)
    if changed == "registry":
        facts = registry / "facts.yaml"
        facts.write_text(facts.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    elif changed == "manifest":
        manifest = corpus / "corpus.yaml"
        manifest.write_text(manifest.read_text(encoding="utf-8") + "\n# x\n", encoding="utf-8")
    else:
        doc = corpus / "004_41c6bf29210348fa.txt"
        doc.write_bytes(doc.read_bytes() + b"\n")
        manifest = corpus / "corpus.yaml"
        text = manifest.read_text(encoding="utf-8")
        old = hashlib.sha256(doc.read_bytes()[:-1]).hexdigest()
        new = hashlib.sha256(doc.read_bytes()).hexdigest()
        manifest.write_text(text.replace(old, new), encoding="utf-8")

    again = load_auto(empty_graph, corpus, registry, schema_file)

    assert again.mode != "unchanged"
    assert _loads(empty_graph) == 2


def test_inputs_are_compared_with_the_newest_load_not_any_earlier_one(
    empty_graph: Graph, inputs: tuple[Path, Path], schema_file: Path, tmp_path: Path
) -> None:
    corpus, registry = inputs
    load_auto(empty_graph, corpus, registry, schema_file)
    extra = ENTITIES + "- id: city:kokkola\n  type: City\n  name: Kokkola\n"
    load_full(empty_graph, corpus, write_registry(tmp_path / "other", extra, FUNDING), schema_file)

    again = load_auto(empty_graph, corpus, registry, schema_file)

    assert again.mode != "unchanged"
    assert _loads(empty_graph) == 3
    assert empty_graph.read("MATCH (c:City {id: 'city:kokkola'}) RETURN c") == []


def test_the_cli_says_the_inputs_are_unchanged_and_verify_diffs_anyway(
    empty_graph: Graph,
    inputs: tuple[Path, Path],
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kgraph_cli.loading import load_corpus

    corpus, registry = inputs
    local = settings.model_copy(update={"corpus_dir": corpus, "registry_dir": registry})
    load_corpus(local, empty_graph)
    load_corpus(local, empty_graph)
    load_corpus(local, empty_graph, mode="verify")
    lines = capsys.readouterr().out.splitlines()

    assert lines[0].startswith("loaded in")
    assert any(line.startswith("inputs unchanged since load") for line in lines)
    assert lines[-1].endswith("(nothing changed)")
    assert _loads(empty_graph) == 2
