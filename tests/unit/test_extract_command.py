"""``kgraph extract`` on the fixture corpus: new documents, files for review, JSON, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph_cli.main import app
from loaders.extract.nlp import Pipelines
from loaders.proposals.files import read_proposals

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "extraction"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pipelines: Pipelines) -> CliRunner:
    monkeypatch.setenv("KGRAPH_CORPUS_DIR", str(FIXTURES))
    monkeypatch.setenv("KGRAPH_PROPOSALS_DIR", str(tmp_path / "proposals"))
    return CliRunner()


def test_all_new_writes_one_file_per_new_document_then_nothing_is_new(
    runner: CliRunner, tmp_path: Path
) -> None:
    first = runner.invoke(app, ["extract", "--all-new"])
    assert first.exit_code == 0, first.output
    files = sorted(p.name for p in (tmp_path / "proposals").iterdir())
    assert files == ["100_akkuvaasa.yaml", "101_vaasa_news.yaml"]
    assert read_proposals(tmp_path / "proposals" / "101_vaasa_news.yaml").facts
    again = runner.invoke(app, ["extract", "--all-new"])
    assert again.exit_code == 0
    assert again.output.strip() == "no new or changed documents"


def test_json_prints_the_proposals_of_one_document(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "101_vaasa_news", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["doc"] == "101_vaasa_news"
    assert "person:maria-virtanen" in {e["id"] for e in payload["entities"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [(["extract", "nope"], "no document 'nope'"), (["extract"], "give a document id")],
)
def test_bad_input_is_one_error_line(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.output
