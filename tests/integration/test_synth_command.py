"""`kgraph synth` loads a synthetic ecosystem through the writer and reports its rate."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kgraph.db.graph import Graph
from loaders.synth import Synth
from tests.conftest import Target


def test_synth_command_loads_the_scale_it_was_given(empty_graph: Graph, target: Target) -> None:
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.auth[0],
        "NEO4J_PASSWORD": target.auth[1],
        "NEO4J_DATABASE": target.database,
    }
    kgraph = Path(sys.executable).with_name("kgraph")
    done = subprocess.run(
        [str(kgraph), "synth", "--scale", "2", "--seed", "3", "--batch-size", "500"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert "synthetic scale 2 (seed 3)" in done.stdout and "relationships/s" in done.stdout
    [run] = empty_graph.read(
        "MATCH (run:LoadRun) RETURN run.source AS source, run.synth_units AS units, "
        "run.node_count AS nodes"
    )
    assert run == {"source": "synth", "units": 2, "nodes": Synth(2, seed=3).node_count()}
