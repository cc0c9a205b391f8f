"""A load that loses Neo4j before its commit says the graph is unchanged, and it is.

Neo4j is killed (SIGKILL) while the load's write transaction is open; its supervisor brings it
back, and the graph is the one from before. The message once said only "Neo4j is unreachable",
which left the user to wonder whether the graph was half-written.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.db import schema
from kgraph.db.graph import Graph, connect
from kgraph.db.server import ManagedNeo4j
from kgraph.db.server.supervisor import alive
from kgraph.db.writer import NodeRow, sync
from kgraph.errors import GraphUnavailable
from kgraph.settings import Settings
from loaders.load import Synthetic, load
from loaders.synth import Synth
from tests.graph_state import graph_state
from tests.support import own_server as instances

pytestmark = pytest.mark.faults

#: Rows written before Neo4j is killed: several batches into the open transaction.
KILL_AFTER_ROWS = 60


@pytest.fixture(scope="module")
def own_server(settings: Settings) -> Iterator[ManagedNeo4j]:
    """An instance of its own, so killing it disturbs no other test."""
    with instances.own_server(
        settings, "load-loses-neo4j", 57687, 57474, "lost-neo4j-password"
    ) as server:
        yield server


def _back(graph: Graph, within_s: float = 240.0) -> None:
    deadline = time.monotonic() + within_s
    while True:
        try:
            graph.ping()
            return
        except GraphUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)


def test_a_load_that_loses_neo4j_before_its_commit_says_the_graph_is_unchanged(
    own_server: ManagedNeo4j, schema_file: Path
) -> None:
    c = own_server.config
    # As the API does: no retries, so the loss is reported rather than retried.
    driver = connect(c.bolt_uri, (c.user, c.password), max_transaction_retry_time=0.0)
    graph = Graph(driver, "neo4j", 60.0)
    try:
        schema.apply(graph, schema_file)
        load(graph, Synthetic(1, 1), schema_file, mode="verify")
        before = graph_state(graph)
        synth = Synth(1, 2)

        def nodes_then_kill() -> Iterator[NodeRow]:
            for n, row in enumerate(synth.nodes()):
                if n == KILL_AFTER_ROWS:
                    pid = own_server.running_pid()
                    assert pid is not None
                    os.kill(pid, signal.SIGKILL)
                    while alive(pid):
                        time.sleep(0.05)
                yield row

        with pytest.raises(GraphUnavailable) as lost:
            sync(graph, nodes_then_kill(), synth.relationships(), synth.run_properties(),
                 batch_size=20)  # fmt: skip
        message = str(lost.value)
        assert message.startswith("Neo4j is unreachable"), message
        assert message.endswith("; the transaction did not commit, so the graph is unchanged")

        _back(graph)
        assert graph_state(graph) == before
    finally:
        graph.close()
