"""The graph keeps a bounded history of loads: the newest ``history`` LoadRuns (one more between
prunings), pruned by each load in its own transaction; ``/loads`` and change tracking still
answer from what is kept."""

from __future__ import annotations

import itertools
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings
from loaders.load import Options, Synthetic, load

HISTORY = 3
RUNS = "MATCH (run:LoadRun) RETURN run.id AS id ORDER BY run.finished_at DESC"
FOLLOWS = "MATCH (a:LoadRun)-[:FOLLOWS]->(b:LoadRun) RETURN a.id AS a, b.id AS b"


def test_loads_past_the_history_prune_the_oldest_and_loads_and_change_tracking_answer(
    empty_graph: Graph, schema_file: Path, settings: Settings
) -> None:
    kept = Options(history=HISTORY)
    loaded: list[str] = []
    counts: list[int] = []
    for seed in range(1, HISTORY + 4):  # HISTORY + 3 loads, each one writes a LoadRun
        done = load(empty_graph, Synthetic(1, seed), schema_file, mode="verify", options=kept)
        loaded.append(done.load_id)
        counts.append(len(empty_graph.read(RUNS)))

    # Up to the limit every load adds one; past it the count alternates HISTORY + 1, HISTORY:
    # it changes with every load, which the read check's stamp counts on (db.generation).
    assert counts == [1, 2, 3, 4, 3, 4]
    newest_first = loaded[::-1]
    assert [r["id"] for r in empty_graph.read(RUNS)] == newest_first[: HISTORY + 1]
    # The kept ones still form one chain, newest to oldest; nothing points at a pruned one.
    chain = {(r["a"], r["b"]) for r in empty_graph.read(FOLLOWS)}
    assert chain == set(itertools.pairwise(newest_first[: HISTORY + 1]))

    one_more = load(empty_graph, Synthetic(1, 99), schema_file, mode="verify", options=kept)
    assert [r["id"] for r in empty_graph.read(RUNS)] == [one_more.load_id, *newest_first[:2]]

    # Change tracking reads the newest load: the same landscape again writes nothing.
    again = load(empty_graph, Synthetic(1, 99), schema_file, mode="auto", options=kept)
    assert (again.mode, again.load_id) == ("unchanged", one_more.load_id)
    with TestClient(create_app(settings, graph=empty_graph)) as client:
        listed = client.get("/loads", params={"limit": 10})
    assert listed.status_code == 200
    assert [run["id"] for run in listed.json()] == [one_more.load_id, *newest_first[:2]]


def test_the_history_setting_reaches_the_load_options_the_cli_builds() -> None:
    from kgraph_cli.loading import load_options

    configured = Settings(_env_file=None, load_history=7)  # type: ignore[call-arg]
    assert load_options(configured).history == 7
    assert Settings(_env_file=None).load_history == 50  # type: ignore[call-arg]
