"""Proposals against the real graph: extracted until reviewed, curated after, gone if rejected,
merged into the entity the registry has, and the curated graph of the five documents untouched
by any of it.

Each test loads the real corpus with a copy of the registry and a proposals folder of its
own (under ``tmp_path``), reviews through ``loaders.proposals.review``, and reads the graph back.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kgraph.db.graph import Graph
from kgraph.ontology import EXTRACTION_PROPS
from kgraph.query import lookups
from kgraph.settings import Settings
from loaders.proposals.files import proposals_path, read_proposals, write_proposals
from loaders.proposals.review import Decisions, item_key, pending, review
from tests.graph_state import WITHOUT_LOAD_RUNS, GraphState, graph_state
from tests.support.loading import load_auto, load_full
from tests.support.proposals import (
    AGREEING,
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
    news_proposals,
    registry_without,
    write_news_proposals,
)

#: The proposed fact both tests below read back (COLLABORATION, as a filter).
CENTRIA_WITH_KPEDU = lookups.FactFilter(
    subjects=["org:centria"], predicate="COLLABORATES_WITH", objects=["org:kpedu"]
)
PROVENANCE_BY_KEY = """
MATCH (:Entity)-[r]->(:Entity) WHERE r.fact_id IS NOT NULL
RETURN r.fact_id AS key, r.provenance AS provenance
UNION ALL
MATCH (e:Entity) RETURN e.id AS key, e.provenance AS provenance
"""


@pytest.fixture
def folders(tmp_path: Path, settings: Settings) -> tuple[Path, Path]:
    registry = tmp_path / "registry"
    shutil.copytree(settings.registry_dir, registry)
    proposals = tmp_path / "proposals"
    write_news_proposals(proposals, settings.corpus_dir)
    return registry, proposals


def _load(graph: Graph, settings: Settings, registry: Path, proposals: Path | None) -> None:
    load_full(graph, settings.corpus_dir, registry, settings.schema_file, proposals)


def _content(graph: Graph, *, ignore: frozenset[str] = frozenset()) -> GraphState:
    return graph_state(graph, skip_labels=WITHOUT_LOAD_RUNS, ignore_props=ignore)


def _provenance(graph: Graph) -> dict[str, str]:
    return {row["key"]: row["provenance"] for row in graph.read(PROVENANCE_BY_KEY)}


def _review(settings: Settings, folders: tuple[Path, Path], decisions: Decisions) -> None:
    registry, proposals = folders
    review(proposals, registry, settings.corpus_dir, NEWS, decisions)


def test_an_extracted_fact_loads_with_provenance_extracted_and_its_evidence(
    empty_graph: Graph, settings: Settings, folders: tuple[Path, Path]
) -> None:
    _load(empty_graph, settings, *folders)
    (fact,) = lookups.find_facts(empty_graph, CENTRIA_WITH_KPEDU)
    assert (fact["provenance"], fact["confidence"], fact["stated"]) == ("extracted", 0.8, True)
    assert fact["props"]["extraction_rule"] == "test-collaboration"
    (evidence,) = fact["evidence"]
    assert evidence["passage_id"] == f"{NEWS}:p010"
    assert evidence["anchor"] in evidence["excerpt"]
    (curated,) = lookups.find_facts(
        empty_graph,
        lookups.FactFilter(
            subjects=["person:ulla-lassi"], predicate="AFFILIATED_WITH",
            objects=["org:university-of-oulu"],
        ),
    )  # fmt: skip
    assert (curated["provenance"], curated["props"]["title"]) == ("curated", "professor")


def test_accepting_makes_it_curated_with_no_other_change(
    empty_graph: Graph, settings: Settings, folders: tuple[Path, Path]
) -> None:
    registry, proposals = folders
    _load(empty_graph, settings, registry, proposals)
    before = _content(empty_graph, ignore=frozenset({*EXTRACTION_PROPS, "_hash"}))
    kinds_before = _provenance(empty_graph)
    _review(settings, folders, Decisions(accept=[COLLABORATION]))
    _load(empty_graph, settings, registry, proposals)
    assert _content(empty_graph, ignore=frozenset({*EXTRACTION_PROPS, "_hash"})) == before
    kinds_after = _provenance(empty_graph)
    assert (kinds_before[COLLABORATION], kinds_after[COLLABORATION]) == ("extracted", "curated")
    del kinds_before[COLLABORATION], kinds_after[COLLABORATION]
    assert kinds_after == kinds_before
    (fact,) = lookups.find_facts(empty_graph, CENTRIA_WITH_KPEDU)
    assert fact["confidence"] is None and "extraction_rule" not in fact["props"]


def test_rejecting_keeps_it_out_after_re_extraction(
    empty_graph: Graph, settings: Settings, folders: tuple[Path, Path]
) -> None:
    registry, proposals = folders
    _review(settings, folders, Decisions(reject={NEW_TOPIC: "housing is not a battery topic"}))
    # Extracted again: the extractor proposes everything anew and keeps the file's rejections;
    # even if it proposed the rejected items again, the load leaves them out.
    kept = read_proposals(proposals_path(proposals, NEWS)).rejected
    again = news_proposals(settings.corpus_dir).model_copy(update={"rejected": kept})
    write_proposals(proposals_path(proposals, NEWS), again)
    _load(empty_graph, settings, registry, proposals)
    kinds = _provenance(empty_graph)
    assert NEW_TOPIC not in kinds and WORKSHOP_TOPIC not in kinds  # and the fact that names it
    assert kinds[COLLABORATION] == "extracted"


def test_the_curated_graph_is_unchanged_by_empty_or_rejected_proposals(
    empty_graph: Graph, settings: Settings, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    registry, proposals = folders
    _load(empty_graph, settings, settings.registry_dir, None)
    curated = _content(empty_graph)
    assert set(_provenance(empty_graph).values()) == {"curated", "inferred"}
    empty = tmp_path / "no-proposals"
    empty.mkdir()
    _load(empty_graph, settings, settings.registry_dir, empty)
    assert _content(empty_graph) == curated
    reason = "checked by hand: not what the text says"
    rejections = {k: reason for k in (NEW_TOPIC, COLLABORATION, DISAGREEING)}
    _review(settings, folders, Decisions(reject=rejections))
    _load(empty_graph, settings, registry, proposals)  # AGREEING: curated holds it already
    assert _content(empty_graph) == curated
    left = pending(read_proposals(proposals_path(proposals, NEWS)))
    assert [item_key(item) for item in left] == [AGREEING]
    _load(empty_graph, settings, settings.registry_dir, None)
    assert _content(empty_graph) == curated


def test_a_load_with_proposals_is_skipped_only_while_they_are_unchanged(
    empty_graph: Graph, settings: Settings, folders: tuple[Path, Path]
) -> None:
    registry, proposals = folders
    args = (empty_graph, settings.corpus_dir, registry, settings.schema_file)
    assert load_auto(*args, proposals).mode != "unchanged"
    assert load_auto(*args, proposals).mode == "unchanged"
    _review(settings, folders, Decisions(reject={COLLABORATION: "not a collaboration"}))
    assert load_auto(*args, proposals).mode != "unchanged"
    assert COLLABORATION not in _provenance(empty_graph)
    assert load_auto(*args).mode != "unchanged"  # without them: other inputs


def test_a_merged_entity_loads_as_the_existing_one_with_its_fact_and_names(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    registry, proposals = tmp_path / "registry", tmp_path / "proposals"
    # The report states the fact too; doc 003's statement comes only through the review.
    registry_without(settings.registry_dir, registry, {MERGED_FACT}, "facts_news.yaml")
    write_news_proposals(proposals, settings.corpus_dir)
    add_duplicate(proposals)
    decisions = Decisions(merge={DUPLICATE: SAME_AS}, accept=[DUPLICATE_FACT])
    outcome = review(proposals, registry, settings.corpus_dir, NEWS, decisions)
    assert (outcome.merged, outcome.accepted) == ([f"{DUPLICATE}={SAME_AS}"], [MERGED_FACT])

    _load(empty_graph, settings, registry, None)

    merged = lookups.FactFilter(
        subjects=["org:university-of-oulu"], predicate="SPECIALISES_IN", objects=[SAME_AS]
    )
    (fact,) = lookups.find_facts(empty_graph, merged)
    assert fact["provenance"] == "curated"
    from_news = [e for e in fact["evidence"] if e["doc_id"] == NEWS]
    assert [e["anchor"] for e in from_news] == [MERGED_ANCHOR]
    assert from_news[0]["anchor"] in from_news[0]["excerpt"]
    assert empty_graph.read("MATCH (e:Entity {id: $id}) RETURN e", {"id": DUPLICATE}) == []
    (row,) = empty_graph.read("MATCH (e:Entity {id: $id}) RETURN e.aliases AS a", {"id": SAME_AS})
    assert set(DUPLICATE_NAMES) <= set(row["a"])
