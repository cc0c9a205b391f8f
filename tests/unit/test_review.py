"""``kgraph review``: accepted proposals become registry entries, rejections stay with a reason.

Each test reviews a copy of the registry and a proposals folder under ``tmp_path``; the
command runs in-process through typer's CliRunner, its settings from the environment.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kgraph.settings import Settings
from kgraph_cli.main import app
from loaders.build.pipeline import build
from loaders.proposals.files import read_proposals
from loaders.sources.registry import load_registry
from tests.support.proposals import (
    COLLABORATION,
    DISAGREEING,
    NEW_TOPIC,
    NEWS,
    WORKSHOP_TOPIC,
    write_news_proposals,
)

SETTINGS = Settings()
runner = CliRunner()


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    registry = tmp_path / "registry"
    shutil.copytree(SETTINGS.registry_dir, registry)
    proposals = tmp_path / "proposals"
    write_news_proposals(proposals, SETTINGS.corpus_dir)
    monkeypatch.chdir(tmp_path)  # the reviewer works in the folder holding registry/
    monkeypatch.setenv("KGRAPH_REGISTRY_DIR", str(registry))
    monkeypatch.setenv("KGRAPH_PROPOSALS_DIR", str(proposals))
    monkeypatch.setenv("KGRAPH_CORPUS_DIR", str(SETTINGS.corpus_dir))
    return registry, proposals


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def _review(*args: str, input: str | None = None) -> str:
    result = runner.invoke(app, ["review", NEWS, *args], input=input)
    assert result.exit_code == 0, result.output
    return result.output


def test_accepting_writes_the_items_into_the_registry_with_their_anchors(
    folders: tuple[Path, Path],
) -> None:
    registry, proposals = folders
    _review("--accept", NEW_TOPIC, "--accept", WORKSHOP_TOPIC, "--accept", COLLABORATION)
    loaded = load_registry(registry)
    entities = {e.item.id: e for e in loaded.entities}
    assert entities[NEW_TOPIC].file == "registry/entities/topics.yaml"
    facts = {f.item.key: f for f in loaded.facts}
    assert facts[COLLABORATION].file == f"registry/facts_{NEWS}.yaml"
    assert facts[COLLABORATION].item.props == {"context": "survey of vocational education"}
    assert [e.anchor for e in facts[WORKSHOP_TOPIC].item.evidence] == [
        "seek a solution through housing policy"
    ]
    left = read_proposals(proposals / f"{NEWS}.yaml")
    assert {f.key for f in left.facts} == {
        DISAGREEING,
        "person:jonne-sandberg|AFFILIATED_WITH|org:city-of-kokkola",
    }
    assert left.entities == []
    build(SETTINGS.corpus_dir, registry)  # every anchor found: the registry still loads


def test_a_rejection_is_kept_with_its_reason_and_the_registry_is_untouched(
    folders: tuple[Path, Path],
) -> None:
    registry, proposals = folders
    before = _files(registry)
    _review("--reject", COLLABORATION, "--reason", "a survey together is not a collaboration")
    assert _files(registry) == before
    left = read_proposals(proposals / f"{NEWS}.yaml")
    assert [(r.key, r.reason) for r in left.rejected] == [
        (COLLABORATION, "a survey together is not a collaboration")
    ]
    assert COLLABORATION not in {f.key for f in left.facts}


def test_an_edit_changes_the_proposal_before_it_is_accepted(folders: tuple[Path, Path]) -> None:
    registry, _ = folders
    _review("--edit", f"{COLLABORATION} props.context=vocational survey", "--accept", COLLABORATION)
    facts = {f.item.key: f.item for f in load_registry(registry).facts}
    assert facts[COLLABORATION].props == {"context": "vocational survey"}


def test_a_fact_cannot_be_accepted_without_the_proposed_entity_it_names(
    folders: tuple[Path, Path],
) -> None:
    registry, proposals = folders
    before = _files(registry), _files(proposals)
    result = runner.invoke(app, ["review", NEWS, "--accept", WORKSHOP_TOPIC])
    assert result.exit_code == 1
    assert f"names the proposed entity '{NEW_TOPIC}'; accept it too" in result.output
    assert (_files(registry), _files(proposals)) == before


def test_accepting_what_curation_contradicts_is_refused_and_changes_nothing(
    folders: tuple[Path, Path],
) -> None:
    registry, proposals = folders
    before = _files(registry), _files(proposals)
    result = runner.invoke(app, ["review", NEWS, "--accept", DISAGREEING])
    assert result.exit_code == 1
    assert "also stated at" in result.output and "with other properties" in result.output
    assert (_files(registry), _files(proposals)) == before


def test_an_unknown_key_is_refused_with_what_is_pending(folders: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["review", NEWS, "--accept", "org:nothing"])
    assert result.exit_code == 1
    assert "no pending proposal with this key (pending: topic:housing-policy, " in result.output


def test_the_interactive_review_asks_about_each_item(folders: tuple[Path, Path]) -> None:
    registry, proposals = folders
    # The topic: accept. Collaboration: edit, then reject with a reason. Workshop: accept.
    # The two affiliations: skip.
    answers = "a\ne\nprops.context=edited\nr\nnot said\na\ns\ns\n"
    output = _review(input=answers)
    assert "accepted 2, rejected 1" in output
    assert "confidence 0.80, rule test-collaboration" in output
    left = read_proposals(proposals / f"{NEWS}.yaml")
    assert [(r.key, r.reason) for r in left.rejected] == [(COLLABORATION, "not said")]
    assert len(left.facts) == 2
    keys = {f.item.key for f in load_registry(registry).facts}
    assert WORKSHOP_TOPIC in keys and COLLABORATION not in keys


def test_the_list_shows_what_waits_and_changes_nothing(folders: tuple[Path, Path]) -> None:
    registry, proposals = folders
    before = _files(registry), _files(proposals)
    output = _review("--list")
    assert output.strip().endswith(f"5 proposals wait for review in {NEWS}")
    assert (_files(registry), _files(proposals)) == before


def test_accepted_entries_read_as_the_registry_is_written(folders: tuple[Path, Path]) -> None:
    registry, _ = folders
    _review("--accept", COLLABORATION)
    text = (registry / f"facts_{NEWS}.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# Accepted in review from the proposals for document {NEWS}.\n")
    (entry,) = yaml.safe_load(text)
    assert set(entry) == {"s", "p", "o", "props", "evidence"}  # no confidence, no rule
