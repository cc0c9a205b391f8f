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

from kgraph.errors import RegistryError
from kgraph.settings import Settings
from kgraph_cli.main import app
from loaders.build.pipeline import build
from loaders.proposals.files import ProposedFact, read_proposals
from loaders.proposals.review import Decisions, decide
from loaders.sources.names import name_index
from loaders.sources.registry import load_registry
from tests.support.proposals import (
    COLLABORATION,
    DISAGREEING,
    DUPLICATE,
    DUPLICATE_FACT,
    DUPLICATE_NAMES,
    MERGED_ANCHOR,
    MERGED_FACT,
    NEW_TOPIC,
    NEWS,
    SAME_AS,
    WORKSHOP_TOPIC,
    add_duplicate,
    duplicate_items,
    news_proposals,
    registry_without,
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


# -- merge: a new entity that the registry has already -------------------------------------------


@pytest.fixture
def with_duplicate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """doc 003's proposals with the duplicate topic, and a registry without MERGED_FACT (so a
    merged, accepted fact is the only statement of it from doc 003)."""
    registry = tmp_path / "registry"
    registry_without(SETTINGS.registry_dir, registry, {MERGED_FACT}, "facts_news.yaml")
    proposals = tmp_path / "proposals"
    write_news_proposals(proposals, SETTINGS.corpus_dir)
    add_duplicate(proposals)
    monkeypatch.chdir(tmp_path)  # the reviewer works in the folder holding registry/
    monkeypatch.setenv("KGRAPH_REGISTRY_DIR", str(registry))
    monkeypatch.setenv("KGRAPH_PROPOSALS_DIR", str(proposals))
    monkeypatch.setenv("KGRAPH_CORPUS_DIR", str(SETTINGS.corpus_dir))
    return registry, proposals


def test_a_merge_records_the_names_and_repoints_the_accepted_fact(
    with_duplicate: tuple[Path, Path],
) -> None:
    registry, proposals = with_duplicate
    output = _review("--merge", f"{DUPLICATE}={SAME_AS}", "--accept", DUPLICATE_FACT)
    assert "accepted 1, rejected 0, edited 0, merged 1" in output
    assert f"merged   {DUPLICATE} into {SAME_AS}" in output
    assert f"curated  {MERGED_FACT}" in output
    loaded = load_registry(registry)
    assert DUPLICATE not in loaded.by_id()
    (decision,) = [d for d in loaded.identities if d.item.reason.startswith("Merged in review")]
    assert decision.file == "registry/identity.yaml"
    assert (decision.item.same, decision.item.names) == ([SAME_AS], list(DUPLICATE_NAMES))
    assert DUPLICATE in decision.item.reason and NEWS in decision.item.reason
    facts = {f.item.key: f for f in loaded.facts}
    assert facts[MERGED_FACT].file == f"registry/facts_{NEWS}.yaml"
    # Stated in the report as well: doc 003's evidence is what the merge brought.
    merged = facts[MERGED_FACT].item.evidence
    assert [e.anchor for e in merged if e.doc == NEWS] == [MERGED_ANCHOR]
    assert not any(DUPLICATE in key for key in facts)
    left = read_proposals(proposals / f"{NEWS}.yaml")
    assert DUPLICATE not in {e.id for e in left.entities}
    assert not any(DUPLICATE in f.key for f in left.facts)
    # The registry's name index finds the new names as the merged-into entity's.
    mentions = name_index(loaded).find("akkukemian tutkimus", language="fi")
    assert {m.entity_id for m in mentions} == {SAME_AS}
    build(SETTINGS.corpus_dir, registry)  # every anchor found: the registry still loads


def test_a_merge_repoints_the_facts_still_pending(with_duplicate: tuple[Path, Path]) -> None:
    _, proposals = with_duplicate
    output = _review("--merge", f"{DUPLICATE}={SAME_AS}")
    assert "merged 1; 6 still wait" in output  # the topic and five facts
    left = read_proposals(proposals / f"{NEWS}.yaml")
    assert MERGED_FACT in {f.key for f in left.facts}
    assert DUPLICATE_FACT not in {f.key for f in left.facts}


def test_the_interactive_review_merges_into_the_suggested_entity(
    with_duplicate: tuple[Path, Path],
) -> None:
    registry, _ = with_duplicate
    # Housing policy: skip. The duplicate: merge, into candidate 1. Then quit.
    output = _review(input="s\nm\n1\nq\n")
    assert f"1. {SAME_AS} (Topic 'Battery chemistry')" in output
    assert f"merged   {DUPLICATE} into {SAME_AS}" in output
    assert DUPLICATE_NAMES[1] in (registry / "identity.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("merge", "message"),
    [
        (f"{DUPLICATE}=topic:no-such-topic",
         f"{DUPLICATE}: merge into 'topic:no-such-topic': the registry has no entity with this id"),
        (f"{DUPLICATE}=org:university-of-oulu",
         f"{DUPLICATE}: merge into 'org:university-of-oulu': the types differ (proposed Topic, "
         "registry Organisation); a merge joins two entities of one type"),
        (f"{DUPLICATE_FACT}={SAME_AS}",
         f"{DUPLICATE_FACT}: merge: no pending proposed entity with this id (pending entities: "
         f"{NEW_TOPIC}, {DUPLICATE})"),
        (f"{DUPLICATE}", f"--merge '{DUPLICATE}': give 'NEW_ID=EXISTING_ID'"),
    ],
)  # fmt: skip
def test_a_merge_that_cannot_be_is_refused_and_changes_nothing(
    with_duplicate: tuple[Path, Path], merge: str, message: str
) -> None:
    registry, proposals = with_duplicate
    before = _files(registry), _files(proposals)
    result = runner.invoke(app, ["review", NEWS, "--merge", merge, "--accept", NEW_TOPIC])
    assert result.exit_code == 1
    assert message in result.output
    assert (_files(registry), _files(proposals)) == before


def test_an_entity_is_merged_or_accepted_not_both(with_duplicate: tuple[Path, Path]) -> None:
    registry, proposals = with_duplicate
    before = _files(registry), _files(proposals)
    result = runner.invoke(
        app, ["review", NEWS, "--merge", f"{DUPLICATE}={SAME_AS}", "--accept", DUPLICATE]
    )
    assert result.exit_code == 1
    assert f"{DUPLICATE}: both merged and accepted or rejected; decide once" in result.output
    assert (_files(registry), _files(proposals)) == before


def test_a_merge_whose_entity_anchor_is_missing_is_refused(
    with_duplicate: tuple[Path, Path],
) -> None:
    registry, proposals = with_duplicate
    path = proposals / f"{NEWS}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("the battery chemistry research in Finland is of a high level",
                     "words the article never says"), encoding="utf-8",
    )  # fmt: skip
    before = _files(registry), _files(proposals)
    result = runner.invoke(app, ["review", NEWS, "--merge", f"{DUPLICATE}={SAME_AS}"])
    assert result.exit_code == 1
    assert (
        f"{DUPLICATE}: merge: anchor 'words the article never says' does not occur in document "
        f"{NEWS}" in result.output
    )
    assert (_files(registry), _files(proposals)) == before


def test_a_merge_that_joins_an_entity_to_itself_is_refused(tmp_path: Path) -> None:
    proposals = news_proposals(SETTINGS.corpus_dir)
    entity, _ = duplicate_items()
    loop = ProposedFact.model_validate({
        "s": DUPLICATE, "p": "RELATED_TO", "o": SAME_AS, "props": {"relation": "part_of"},
        "evidence": [{"doc": NEWS, "anchor": MERGED_ANCHOR}], "confidence": 0.5, "rule": "t",
    })  # fmt: skip
    proposals = proposals.model_copy(update={"entities": [entity], "facts": [loop]})
    registry = load_registry(SETTINGS.registry_dir)
    with pytest.raises(RegistryError, match=f"would join '{SAME_AS}' to itself; reject it first"):
        decide(proposals, Decisions(merge={DUPLICATE: SAME_AS}), registry)
    rejected = Decisions(merge={DUPLICATE: SAME_AS}, reject={loop.key: "not said so"})
    decided = decide(proposals, rejected, registry)
    assert [r.key for r in decided.rejections] == [loop.key]
