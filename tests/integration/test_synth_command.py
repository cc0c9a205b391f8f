"""`kgraph synth` loads a synthetic ecosystem through the writer and reports its rate; asked
again for the landscape the graph holds already, it generates and writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kgraph.db.graph import Graph
from loaders.synth import Synth
from tests.conftest import Target
from tests.graph_state import graph_state

KGRAPH = Path(sys.executable).with_name("kgraph")


def synth(target: Target, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.auth[0],
        "NEO4J_PASSWORD": target.auth[1],
        "NEO4J_DATABASE": target.database,
    }
    return subprocess.run(
        [str(KGRAPH), "synth", *args], env=env, capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip


def runs(graph: Graph) -> list[dict[str, object]]:
    return graph.read(
        "MATCH (run:LoadRun) RETURN run.synth_units AS units, run.synth_seed AS seed "
        "ORDER BY run.finished_at"
    )


def test_synth_command_loads_the_scale_it_was_given(empty_graph: Graph, target: Target) -> None:
    done = synth(target, "--scale", "2", "--seed", "3", "--batch-size", "500")

    assert done.returncode == 0, done.stderr
    assert "synthetic scale 2 (seed 3)" in done.stdout and "relationships/s" in done.stdout
    [run] = empty_graph.read(
        "MATCH (run:LoadRun) RETURN run.source AS source, run.synth_units AS units, "
        "run.node_count AS nodes"
    )
    assert run == {"source": "synth", "units": 2, "nodes": Synth(2, seed=3).node_count()}


def test_the_same_landscape_again_is_not_generated_unless_verified(
    empty_graph: Graph, target: Target
) -> None:
    assert synth(target, "--scale", "1", "--seed", "5").returncode == 0
    before = graph_state(empty_graph)

    again = synth(target, "--scale", "1", "--seed", "5")

    assert again.returncode == 0, again.stderr
    assert "is the graph's newest load already" in again.stdout
    assert graph_state(empty_graph) == before  # not even a LoadRun more

    verified = synth(target, "--scale", "1", "--seed", "5", "--verify")
    other_seed = synth(target, "--scale", "1", "--seed", "6")

    assert verified.returncode == 0 and other_seed.returncode == 0
    assert "loaded in" in verified.stdout and "loaded in" in other_seed.stdout
    assert runs(empty_graph) == [{"units": 1, "seed": 5}] * 2 + [{"units": 1, "seed": 6}]
