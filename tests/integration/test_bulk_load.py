"""A bulk first load (neo4j-admin import) gives the graph a sync gives, and refuses to
overwrite a database that holds anything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kgraph.db import cypher, schema
from kgraph.db.bulk import BULK_REASON, bulk_load
from kgraph.db.graph import Graph, connect
from kgraph.db.server import ManagedNeo4j
from kgraph.db.writer import NodeRow, sync
from kgraph.errors import LoadInterrupted
from kgraph.settings import Settings
from loaders.build.pipeline import Build, build, run_properties
from loaders.load import Options, Synthetic, load
from loaders.sources.inputs import read_inputs
from loaders.synth import Synth
from tests.graph_state import WITHOUT_LOAD_RUNS, graph_state
from tests.support.loading import load_auto
from tests.support.own_server import own_server


@pytest.fixture(scope="module")
def bulk_server(settings: Settings) -> Iterator[ManagedNeo4j]:
    """An instance of its own: the import stops and starts it."""
    with own_server(settings, "bulk-test", 52687, 52474, "bulk-test-password") as server:
        yield server


@pytest.fixture(scope="module")
def bulk_graph(bulk_server: ManagedNeo4j) -> Iterator[Graph]:
    c = bulk_server.config
    graph = Graph(connect(c.bolt_uri, (c.user, c.password)), "neo4j")
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def corpus_build(settings: Settings) -> Build:
    return build(settings.corpus_dir, settings.registry_dir)


def _props(result: Build, settings: Settings) -> dict[str, object]:
    inputs = read_inputs(settings.corpus_dir, settings.registry_dir, settings.schema_file)
    return run_properties(result, inputs)


def test_a_bulk_load_of_the_corpus_is_the_graph_a_sync_loads(
    bulk_server: ManagedNeo4j,
    bulk_graph: Graph,
    corpus_graph: Graph,
    corpus_build: Build,
    settings: Settings,
) -> None:
    bulk_graph.run_autocommit(cypher.WIPE)  # the tests run in any order; another may have loaded
    rows = corpus_build.graph_input
    report = bulk_load(
        bulk_server, bulk_graph, rows.nodes, rows.relationships,
        _props(corpus_build, settings), settings.schema_file,
    )  # fmt: skip

    assert report.counts == {"nodes": len(rows.nodes), "relationships": len(rows.relationships)}
    (run,) = bulk_graph.read("MATCH (r:LoadRun) RETURN r.mode AS mode, r.mode_reason AS reason")
    assert run == {"mode": "bulk", "reason": BULK_REASON}  # not the "full" a build plans
    assert graph_state(bulk_graph, skip_labels=WITHOUT_LOAD_RUNS) == graph_state(
        corpus_graph, skip_labels=WITHOUT_LOAD_RUNS
    )
    again = sync(bulk_graph, rows.nodes, rows.relationships, _props(corpus_build, settings))
    assert again.unchanged
    assert (
        load_auto(bulk_graph, settings.corpus_dir, settings.registry_dir, settings.schema_file).mode
        == "unchanged"
    )
    applied = schema.apply(bulk_graph, settings.schema_file)
    assert applied.created == []


def test_a_synthetic_bulk_load_written_by_workers_is_the_graph_a_sync_loads(
    bulk_server: ManagedNeo4j, bulk_graph: Graph, settings: Settings
) -> None:
    bulk_graph.run_autocommit(cypher.WIPE)
    synth = Synth(3)
    synced = sync(bulk_graph, synth.nodes(), synth.relationships(), synth.run_properties())
    expected = graph_state(bulk_graph, skip_labels=WITHOUT_LOAD_RUNS)
    bulk_graph.run_autocommit(cypher.WIPE)

    # Three shares of one unit each on two workers: the files of three processes, one import.
    loaded = load(bulk_graph, Synthetic(3), settings.schema_file, mode="bulk",
                  server=bulk_server, options=Options(bulk_workers=2))  # fmt: skip

    assert loaded.mode == "bulk"
    assert loaded.synced.counts == synced.counts
    assert graph_state(bulk_graph, skip_labels=WITHOUT_LOAD_RUNS) == expected
    assert sync(bulk_graph, synth.nodes(), synth.relationships(), synth.run_properties()).unchanged


def test_a_database_that_holds_anything_is_refused_and_left_as_it_was(
    bulk_server: ManagedNeo4j, bulk_graph: Graph, corpus_build: Build, settings: Settings
) -> None:
    if not bulk_graph.read("MATCH (n) RETURN n LIMIT 1"):
        rows = corpus_build.graph_input
        sync(bulk_graph, rows.nodes, rows.relationships, _props(corpus_build, settings))
    before = graph_state(bulk_graph)
    pid = bulk_server.running_pid()
    rows = corpus_build.graph_input

    with pytest.raises(LoadInterrupted, match=r"holds .* nodes"):
        bulk_load(bulk_server, bulk_graph, rows.nodes, rows.relationships, {}, settings.schema_file)

    assert bulk_server.running_pid() == pid
    assert graph_state(bulk_graph) == before


def test_a_value_the_importer_cannot_take_is_refused_before_the_server_stops(
    bulk_server: ManagedNeo4j, bulk_graph: Graph, settings: Settings
) -> None:
    bulk_graph.run_autocommit("MATCH (n) DETACH DELETE n")
    pid = bulk_server.running_pid()
    bad = [NodeRow("Entity", "city:x", {"id": "city:x", "codes": ["a", 1]}, ("City",))]

    with pytest.raises(LoadInterrupted, match=r"node Entity city:x\.codes: a list mixes"):
        bulk_load(bulk_server, bulk_graph, bad, [], {}, settings.schema_file)

    assert bulk_server.running_pid() == pid
    assert bulk_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == 0
