"""Proposals in a load: below curation, anchors verified by the registry's code, bad ones refused.

Pure: ``build`` computes the desired graph from the real corpus and registry without Neo4j.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from kgraph.errors import RegistryError
from kgraph.settings import Settings
from loaders.build.pipeline import Build, build
from loaders.proposals.files import Rejection, filter_rejected, read_proposals, write_proposals
from tests.support.proposals import (
    AGREEING,
    COLLABORATION,
    DISAGREEING,
    NEW_TOPIC,
    NEWS,
    WORKSHOP_TOPIC,
    news_proposals,
    write_news_proposals,
)

SETTINGS = Settings()


def _build(folder: Path | None) -> Build:
    return build(SETTINGS.corpus_dir, SETTINGS.registry_dir, folder)


def _rels(result: Build) -> dict[str, dict[str, object]]:
    return {row.key: row.props for row in result.graph_input.relationships}


def _nodes(result: Build) -> dict[str, dict[str, object]]:
    return {row.id: row.props for row in result.graph_input.nodes}


@pytest.fixture(scope="module")
def curated() -> Build:
    return _build(None)


@pytest.fixture(scope="module")
def with_news(tmp_path_factory: pytest.TempPathFactory) -> Build:
    folder = tmp_path_factory.mktemp("proposals")
    write_news_proposals(folder, SETTINGS.corpus_dir)
    return _build(folder)


def test_an_extracted_fact_carries_its_provenance_confidence_rule_and_verified_passage(
    with_news: Build,
) -> None:
    fact = _rels(with_news)[COLLABORATION]
    assert (fact["provenance"], fact["confidence"], fact["extraction_rule"]) == (
        "extracted",
        0.8,
        "test-collaboration",
    )
    assert fact["evidence_passages"] == [f"{NEWS}:p010"]
    assert fact["stated"] is True


def test_a_proposed_entity_loads_as_extracted_and_curated_ones_say_curated(
    with_news: Build,
) -> None:
    nodes = _nodes(with_news)
    assert (nodes[NEW_TOPIC]["provenance"], nodes[NEW_TOPIC]["confidence"]) == ("extracted", 0.7)
    assert nodes["org:centria"]["provenance"] == "curated"


def test_every_fact_says_curated_or_inferred_when_no_proposals_are_loaded(curated: Build) -> None:
    facts = [r for r in curated.graph_input.relationships if "fact_id" in r.props]
    kinds = {r.props["provenance"] for r in facts}
    assert kinds == {"curated", "inferred"}
    assert all((r.props["provenance"] == "curated") == r.props["stated"] for r in facts)


def test_curation_wins_a_disagreement_and_the_disagreement_is_kept(
    with_news: Build, curated: Build
) -> None:
    assert _rels(with_news)[DISAGREEING] == _rels(curated)[DISAGREEING]
    assert with_news.extracted is not None
    (disagreement,) = with_news.extracted.disagreements
    assert (disagreement.kind, disagreement.key, disagreement.doc) == (
        "fact_differs",
        DISAGREEING,
        NEWS,
    )
    assert disagreement.kept["props"]["title"] == "professor"
    assert disagreement.proposed["props"] == {"title": "dean"}
    assert disagreement.where.startswith(f"{NEWS}.yaml:")


def test_a_proposal_curation_already_holds_changes_nothing(
    with_news: Build, curated: Build
) -> None:
    assert _rels(with_news)[AGREEING] == _rels(curated)[AGREEING]
    assert with_news.stats["proposals_already_curated"] == 1
    assert (with_news.stats["facts_extracted"], with_news.stats["entities_extracted"]) == (2, 1)


def test_an_empty_proposals_folder_leaves_the_curated_graph_as_it_is(
    tmp_path: Path, curated: Build
) -> None:
    empty = _build(tmp_path)
    assert _rels(empty) == _rels(curated) and _nodes(empty) == _nodes(curated)


def test_rejected_items_stay_out_with_the_facts_that_name_them(tmp_path: Path) -> None:
    proposals = news_proposals(SETTINGS.corpus_dir)
    rejected = proposals.model_copy(
        update={
            "rejected": [
                Rejection(key=NEW_TOPIC, reason="not a topic here", at=dt.date(2026, 12, 1))
            ]
        }
    )
    kept = filter_rejected(rejected)
    assert NEW_TOPIC not in {e.id for e in kept.entities}
    assert WORKSHOP_TOPIC not in {f.key for f in kept.facts}
    write_proposals(tmp_path / f"{NEWS}.yaml", rejected)
    result = _build(tmp_path)
    assert NEW_TOPIC not in _nodes(result) and WORKSHOP_TOPIC not in _rels(result)
    assert COLLABORATION in _rels(result)
    assert result.stats["proposals_rejected"] == 2


def _broken(tmp_path: Path, change: dict[str, object]) -> Path:
    path = write_news_proposals(tmp_path, SETTINGS.corpus_dir)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for where, value in change.items():
        section, index, field = where.split(".")
        data[section][int(index)][field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_proposal_whose_anchor_does_not_verify_is_refused_with_file_line_and_field(
    tmp_path: Path,
) -> None:
    path = _broken(tmp_path, {"facts.1.evidence": [{"doc": NEWS, "anchor": "not in the text"}]})
    with pytest.raises(RegistryError) as caught:
        _build(tmp_path)
    assert caught.value.file == str(path)
    assert caught.value.line is not None and caught.value.line > 1
    assert caught.value.reason.startswith("facts[1].evidence: anchor 'not in the text'")


def test_a_fact_naming_an_entity_nobody_defined_is_refused(tmp_path: Path) -> None:
    _broken(tmp_path, {"facts.0.o": "org:nobody"})
    with pytest.raises(RegistryError, match=r"facts\[0\]\.o: 'org:nobody' is neither"):
        _build(tmp_path)


def test_proposals_read_from_other_bytes_are_refused(tmp_path: Path) -> None:
    path = write_news_proposals(tmp_path, SETTINGS.corpus_dir)
    stale = read_proposals(path).model_copy(update={"doc_sha256": "0" * 64})
    write_proposals(path, stale)
    with pytest.raises(RegistryError, match="doc_sha256: the proposals were read from another"):
        _build(tmp_path)


def test_proposals_for_a_document_not_in_the_manifest_are_refused(tmp_path: Path) -> None:
    path = write_news_proposals(tmp_path, SETTINGS.corpus_dir)
    write_proposals(
        tmp_path / "999_x.yaml", read_proposals(path).model_copy(update={"doc": "999_x"})
    )
    path.unlink()
    with pytest.raises(RegistryError, match="doc: '999_x' is not in the manifest"):
        _build(tmp_path)
