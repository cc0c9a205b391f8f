"""A load after documents changed rebuilds only what they own, and gives exactly the graph a
full load of the same inputs gives (content hash), without rewriting the rest of the graph."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kgraph.db import cypher
from kgraph.db.graph import Graph
from kgraph.errors import RegistryError
from kgraph.settings import PROJECT_ROOT, Settings
from loaders.build.pipeline import Build
from tests.graph_state import WITHOUT_LOAD_RUNS, GraphState, graph_state
from tests.support.loading import (
    add_document,
    load_auto,
    load_full,
    rewrite_document,
    writable_corpus,
)

EDITED = "003_abba59e65f6bad7a"
EXTRA = "005_extra"
EXTRA_TEXT = (
    "Battery news from Ostrobothnia\n\n"
    "Business Finland funds new battery recycling work in Kokkola and in Vaasa.\n\n"
    "The University of Vaasa and Åbo Akademi University take part.\n"
)


@pytest.fixture
def corpus(tmp_path: Path, settings: Settings) -> Path:
    """A writable copy of the corpus (never the shared one)."""
    return writable_corpus(tmp_path / "corpus", settings.corpus_dir)


def _add_extra(corpus: Path) -> None:
    add_document(corpus, EXTRA, EXTRA_TEXT, language="en", title="A short extra article")


def _remove_extra(corpus: Path) -> None:
    manifest = corpus / "corpus.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text[: text.index(f"  - id: {EXTRA}")], encoding="utf-8")
    (corpus / f"{EXTRA}.txt").unlink()


def _mark_everything(graph: Graph) -> None:
    """A property no load writes, on every managed node and relationship: a row the sync
    rewrites (SET n = props) loses it."""
    graph.run_autocommit("MATCH (n) WHERE NOT n:LoadRun SET n._probe = true")
    graph.run_autocommit("MATCH ()-[r]->() WHERE r._key IS NOT NULL SET r._probe = true")


def _unmarked(graph: Graph) -> tuple[int, int]:
    nodes = graph.read("MATCH (n) WHERE NOT n:LoadRun AND n._probe IS NULL RETURN count(n) AS n")
    rels = graph.read(
        "MATCH ()-[r]->() WHERE r._key IS NOT NULL AND r._probe IS NULL RETURN count(r) AS n"
    )
    return int(nodes[0]["n"]), int(rels[0]["n"])


def _unmark(graph: Graph) -> None:
    graph.run_autocommit("MATCH (n) REMOVE n._probe")
    graph.run_autocommit("MATCH ()-[r]->() REMOVE r._probe")


def _until_next_entry(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line.startswith("- "):
            break
        out.append(line)
    return out


def _state(graph: Graph) -> GraphState:
    return graph_state(graph, skip_labels=WITHOUT_LOAD_RUNS)


def _newest_run(graph: Graph) -> dict[str, object]:
    rows = graph.read("MATCH (r:LoadRun) RETURN r ORDER BY r.finished_at DESC LIMIT 1")
    return dict(rows[0]["r"])


def _full_state(graph: Graph, corpus: Path, settings: Settings) -> tuple[GraphState, Build]:
    """The graph a full load of the same inputs gives, from an empty database."""
    graph.run_autocommit(cypher.WIPE)
    result, _ = load_full(graph, corpus, settings.registry_dir, settings.schema_file)
    return _state(graph), result


def _document_load(graph: Graph, corpus: Path, settings: Settings) -> Build:
    """A load through the planner that must come out a document load; checks the probes."""
    _mark_everything(graph)
    outcome = load_auto(graph, corpus, settings.registry_dir, settings.schema_file)
    assert outcome.mode != "unchanged"
    result, report = outcome.built, outcome.synced
    assert result.mode == "document"
    nodes, rels = report.nodes.summary(), report.relationships.summary()
    # Exactly the rows the sync says it wrote lost the probe; every other row kept it.
    assert _unmarked(graph) == (nodes["added"] + nodes["changed"], rels["added"] + rels["changed"])
    _unmark(graph)
    return result


def _same_as_full(graph: Graph, corpus: Path, settings: Settings, partial: Build) -> None:
    run = _newest_run(graph)
    assert run["mode"] == "document" and run["mode_reason"] == partial.mode_reason
    recorded = (json.loads(str(run["stats"])), json.loads(str(run["coverage"])))
    state = _state(graph)
    full_state, full = _full_state(graph, corpus, settings)
    assert state == full_state
    assert recorded == (full.stats, full.coverage.model_dump(mode="json"))
    assert partial.stats == full.stats and partial.parts == full.parts


def test_one_edited_document_gives_the_graph_a_full_load_gives_and_rewrites_only_its_part(
    empty_graph: Graph, corpus: Path, settings: Settings
) -> None:
    load_auto(empty_graph, corpus, settings.registry_dir, settings.schema_file)
    before = _state(empty_graph)
    # A new first paragraph: every later passage of the document moves one ordinal, so the
    # evidence of every fact anchored in it points at another passage id.
    path = corpus / f"{EDITED}.txt"
    rewrite_document(
        corpus, path.name, b"Kokkola and Vaasa meet Business Finland.\n\n" + path.read_bytes()
    )

    partial = _document_load(empty_graph, corpus, settings)

    assert partial.rebuilt == (EDITED,)
    assert EDITED in partial.mode_reason
    assert {row.props["doc_id"] for row in partial.graph_input.nodes if row.label == "Passage"} == {
        EDITED
    }
    passages = {p.id for d in partial.documents if d.entry.id == EDITED for p in d.passages}
    moved = [
        row
        for row in partial.graph_input.relationships
        if row.type not in ("HAS_PASSAGE", "MENTIONS")
        and set(row.props.get("evidence_passages", [])) & passages
    ]
    assert moved, "facts anchored in the document are part of the rebuild"
    assert _state(empty_graph) != before
    _same_as_full(empty_graph, corpus, settings, partial)


def test_an_added_document_and_then_its_removal_are_document_loads_equal_to_full_ones(
    empty_graph: Graph, corpus: Path, settings: Settings
) -> None:
    load_auto(empty_graph, corpus, settings.registry_dir, settings.schema_file)
    _add_extra(corpus)

    added = _document_load(empty_graph, corpus, settings)

    assert added.rebuilt == (EXTRA,) and "added" in added.mode_reason
    mentions = empty_graph.read(
        "MATCH (p:Passage {doc_id: $doc})-[m:MENTIONS]->(e) RETURN count(m) AS n", {"doc": EXTRA}
    )
    assert mentions[0]["n"] > 0
    _same_as_full(empty_graph, corpus, settings, added)

    # The full load above recorded its inputs: removing the document is a document load too.
    _remove_extra(corpus)
    removed = _document_load(empty_graph, corpus, settings)

    assert removed.rebuilt == (EXTRA,) and "removed" in removed.mode_reason
    gone = empty_graph.read(
        "MATCH (n) WHERE n.id = $doc OR n.doc_id = $doc RETURN count(n) AS n", {"doc": EXTRA}
    )
    assert gone[0]["n"] == 0
    _same_as_full(empty_graph, corpus, settings, removed)


def test_document_loads_record_the_shares_changed_since_the_full_record_they_name(
    empty_graph: Graph, corpus: Path, settings: Settings
) -> None:
    full_id = load_auto(empty_graph, corpus, settings.registry_dir, settings.schema_file).load_id
    path = corpus / f"{EDITED}.txt"
    rewrite_document(corpus, path.name, path.read_bytes() + b"\nKokkola and Vaasa, once more.\n")
    _document_load(empty_graph, corpus, settings)
    first = _newest_run(empty_graph)
    _add_extra(corpus)

    second = _document_load(empty_graph, corpus, settings)

    run = _newest_run(empty_graph)
    assert (first["document_parts_base"], set(json.loads(str(first["document_parts"])))) == (
        full_id, {EDITED}
    )  # fmt: skip
    assert (run["document_parts_base"], set(json.loads(str(run["document_parts"])))) == (
        full_id, {EDITED, EXTRA}
    )  # fmt: skip
    _same_as_full(empty_graph, corpus, settings, second)


def test_a_record_whose_full_one_is_gone_makes_the_next_load_a_full_one(
    empty_graph: Graph, corpus: Path, settings: Settings
) -> None:
    full_id = load_auto(empty_graph, corpus, settings.registry_dir, settings.schema_file).load_id
    _add_extra(corpus)
    _document_load(empty_graph, corpus, settings)
    empty_graph.run_autocommit("MATCH (r:LoadRun {id: $id}) DETACH DELETE r", {"id": full_id})
    path = corpus / f"{EDITED}.txt"
    rewrite_document(corpus, path.name, path.read_bytes() + b"\nKokkola and Vaasa, once more.\n")

    outcome = load_auto(empty_graph, corpus, settings.registry_dir, settings.schema_file)

    assert outcome.built.mode == "full" and "recorded no mentions" in outcome.built.mode_reason


def test_an_edit_that_breaks_an_anchor_fails_the_load_naming_file_and_line(
    empty_graph: Graph, corpus: Path, settings: Settings
) -> None:
    load_auto(empty_graph, corpus, settings.registry_dir, settings.schema_file)
    before = _state(empty_graph)
    path = corpus / f"{EDITED}.txt"
    # Every anchor of the document quotes a line of it; keeping only its first line drops most.
    rewrite_document(corpus, path.name, path.read_bytes().split(b"\n", 1)[0] + b"\n")

    with pytest.raises(RegistryError) as caught:
        load_auto(empty_graph, corpus, settings.registry_dir, settings.schema_file)

    error = caught.value
    first, _, others = error.reason.partition(" (and ")
    assert first.endswith(f"does not occur in document {EDITED}")
    more = int(others.split(" ", 1)[0])  # every broken anchor is named, not only the first
    assert more > 1 and others.count(f"does not occur in document {EDITED}") == more
    anchor = error.reason.split("'")[1]
    # Named from the repository's root, as a user there opens it.
    assert error.file.startswith("loaders/registry/"), error.file
    lines = (PROJECT_ROOT / error.file).read_text(encoding="utf-8").splitlines()
    assert error.line is not None and lines[error.line - 1].startswith("- ")
    entry = [lines[error.line - 1], *_until_next_entry(lines[error.line :])]
    assert anchor in "\n".join(entry), "the line named is that of the entry quoting the anchor"
    assert _state(empty_graph) == before


def test_a_changed_registry_falls_back_to_a_full_load_and_says_why(
    empty_graph: Graph, corpus: Path, settings: Settings, tmp_path: Path
) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(settings.registry_dir, registry)
    load_auto(empty_graph, corpus, registry, settings.schema_file)
    omissions = registry / "omissions.yaml"
    omissions.write_text(omissions.read_text(encoding="utf-8") + "\n# a comment\n", "utf-8")
    path = corpus / f"{EDITED}.txt"
    rewrite_document(corpus, path.name, path.read_bytes() + b"\nOne more line.\n")

    outcome = load_auto(empty_graph, corpus, registry, settings.schema_file)

    assert outcome.mode != "unchanged"
    assert outcome.built.mode == "full" and "registry changed" in outcome.built.mode_reason
    run = _newest_run(empty_graph)
    assert run["mode"] == "full" and "registry changed" in str(run["mode_reason"])


def test_a_document_load_planned_before_another_load_landed_writes_nothing(
    empty_graph: Graph, corpus: Path, settings: Settings
) -> None:
    from kgraph.errors import LoadInterrupted
    from loaders.plan.partial import load_documents, previous_parts
    from loaders.plan.unchanged import plan_load
    from loaders.sources.inputs import read_inputs

    load_auto(empty_graph, corpus, settings.registry_dir, settings.schema_file)
    path = corpus / f"{EDITED}.txt"
    rewrite_document(corpus, path.name, path.read_bytes() + b"\nOne more line.\n")
    inputs = read_inputs(corpus, settings.registry_dir, settings.schema_file)
    planned, latest = plan_load(empty_graph, inputs)
    assert planned.mode == "document"
    load_full(empty_graph, corpus, settings.registry_dir, settings.schema_file)  # lands first
    before = _state(empty_graph)

    with pytest.raises(LoadInterrupted, match="another load"):
        load_documents(
            empty_graph, corpus, settings.registry_dir, inputs, planned,
            previous_parts(latest["document_parts"]), latest["id"],
        )  # fmt: skip

    assert _state(empty_graph) == before
    assert len(empty_graph.read("MATCH (r:LoadRun) RETURN r.id AS id")) == 2
