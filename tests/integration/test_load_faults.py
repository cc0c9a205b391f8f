"""A load killed at any point leaves the old graph or the new one, never a mix; the next load
completes; readers during a reload see one graph or the other.

The old graph is the real corpus; the new one comes from a copy of the registry with one
facts file removed and one entity renamed. ``kgraph load`` runs as a separate process (the
CLI, configured through the environment like any deployment) and is killed with SIGKILL.
Nothing here depends on how the writer is built, only on what the graph holds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kgraph.db.graph import Graph
from kgraph.settings import Settings
from tests.conftest import Target
from tests.graph_state import WITHOUT_LOAD_RUNS, GraphState, graph_state
from tests.support.loading import load_full

pytestmark = pytest.mark.faults

#: Seconds after the load process starts: while it starts, reads and builds.
KILL_DELAYS_S = (0.3, 1.0, 2.0)
#: Kills placed by bisection between the last kill that left the old graph and the first
#: that found the load finished: they close in on the write and its commit.
BISECTIONS = 6

_OTHERS = """
SHOW TRANSACTIONS YIELD transactionId, currentQuery, connectionId
WHERE NOT currentQuery CONTAINS 'SHOW TRANSACTIONS'
RETURN count(*) AS open
"""


@dataclass(frozen=True)
class Versions:
    old: Path
    new: Path
    old_state: GraphState
    new_state: GraphState


def _new_registry(real: Path, into: Path) -> Path:
    shutil.copytree(real, into)
    (into / "facts_web.yaml").unlink()
    cities = into / "entities" / "cities.yaml"
    cities.write_text(
        cities.read_text(encoding="utf-8").replace("  name: Vaasa\n", "  name: Vaasa-Vasa\n", 1),
        encoding="utf-8",
    )
    return into


@pytest.fixture
def versions(empty_graph: Graph, settings: Settings, schema_file: Path, tmp_path: Path) -> Versions:
    """The old graph loaded, and both states known (loading is deterministic by content)."""
    new = _new_registry(settings.registry_dir, tmp_path / "registry")
    load_full(empty_graph, settings.corpus_dir, new, schema_file)
    new_state = graph_state(empty_graph, skip_labels=WITHOUT_LOAD_RUNS)
    load_full(empty_graph, settings.corpus_dir, settings.registry_dir, schema_file)
    old_state = graph_state(empty_graph, skip_labels=WITHOUT_LOAD_RUNS)
    assert old_state != new_state
    return Versions(settings.registry_dir, new, old_state, new_state)


def _cli_load(
    target: Target, settings: Settings, registry: Path, *, output: int = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.auth[0],
        "NEO4J_PASSWORD": target.auth[1],
        "NEO4J_DATABASE": target.database,
        "KGRAPH_CORPUS_DIR": str(settings.corpus_dir),
        "KGRAPH_REGISTRY_DIR": str(registry),
    }
    kgraph = Path(sys.executable).with_name("kgraph")
    return subprocess.Popen([str(kgraph), "load"], env=env, stdout=output, stderr=subprocess.STDOUT)


def _open_transactions(graph: Graph) -> int:
    return int(graph.read(_OTHERS)[0]["open"])


def _settled(graph: Graph) -> None:
    """Wait until the server has rolled back what the killed process left open."""
    deadline = time.monotonic() + 10
    while _open_transactions(graph) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _open_transactions(graph) == 0


def _kill(process: subprocess.Popen[bytes]) -> bool:
    """SIGKILL; False when the process had already finished."""
    finished = process.poll() is not None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    return not finished


def test_a_killed_load_leaves_the_old_graph_or_the_new_one_and_the_next_load_completes(
    versions: Versions,
    empty_graph: Graph,
    target: Target,
    settings: Settings,
    schema_file: Path,
) -> None:
    graph = empty_graph
    started = time.perf_counter()
    undisturbed = _cli_load(target, settings, versions.new)
    assert undisturbed.wait(timeout=120) == 0
    whole = time.perf_counter() - started
    assert graph_state(graph, skip_labels=WITHOUT_LOAD_RUNS) == versions.new_state
    load_full(graph, settings.corpus_dir, versions.old, schema_file)

    outcomes: list[str] = []

    def kill_after(delay: float) -> str:
        process = _cli_load(target, settings, versions.new)
        time.sleep(delay)
        killed = _kill(process)
        _settled(graph)
        state = graph_state(graph, skip_labels=WITHOUT_LOAD_RUNS)
        assert state in (versions.old_state, versions.new_state), f"a mix after {delay:.2f} s"
        outcome = "old" if state == versions.old_state else "new"
        outcomes.append(f"{delay:.2f} s: {'killed' if killed else 'finished'}, {outcome}")
        if outcome == "new":
            load_full(graph, settings.corpus_dir, versions.old, schema_file)
        return outcome

    for delay in KILL_DELAYS_S:
        kill_after(delay)
    early, late = max(KILL_DELAYS_S), whole + 0.5
    for _ in range(BISECTIONS):
        middle = (early + late) / 2
        if kill_after(middle) == "old":
            early = middle
        else:
            late = middle
    print(f"SIGKILL (whole load {whole:.2f} s):", "; ".join(outcomes))
    assert any("killed, old" in o for o in outcomes)
    assert late - early < 0.5  # the kills closed in on the moment the new graph appeared

    finished = _cli_load(target, settings, versions.new, output=subprocess.PIPE)
    output, _ = finished.communicate(timeout=120)
    assert finished.returncode == 0, output.decode()
    assert graph_state(graph, skip_labels=WITHOUT_LOAD_RUNS) == versions.new_state
    runs = graph.read("MATCH (r:LoadRun) RETURN r.status AS status")
    assert {run["status"] for run in runs} == {"completed"}


RELOADS = 3  # each way
_SIGNATURE = """
CALL () { MATCH (n) WHERE n:Entity OR n:Document OR n:Passage OR n:Oddity
          RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() WHERE r._key IS NOT NULL RETURN count(r) AS relationships }
CALL () { MATCH (c:City {id: 'city:vaasa'}) RETURN c.name AS vaasa }
CALL () { MATCH ()-[f]->() WHERE f.stated = true
          UNWIND f.evidence_passages AS passage
          OPTIONAL MATCH (p:Passage {id: passage})
          RETURN count(*) - count(p) AS dangling_evidence }
RETURN nodes, relationships, vaasa, dangling_evidence
"""


def test_readers_during_reloads_see_the_old_graph_or_the_new_one(
    versions: Versions, empty_graph: Graph, settings: Settings, schema_file: Path
) -> None:
    graph = empty_graph
    old = tuple(graph.read(_SIGNATURE)[0].values())
    load_full(graph, settings.corpus_dir, versions.new, schema_file)
    new = tuple(graph.read(_SIGNATURE)[0].values())
    assert old != new and old[3] == new[3] == 0

    seen: list[tuple[object, ...]] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            seen.append(tuple(graph.read(_SIGNATURE)[0].values()))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        for registry in (versions.old, versions.new) * RELOADS:
            load_full(graph, settings.corpus_dir, registry, schema_file)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    print(f"readers: {len(seen)} reads during {2 * RELOADS} reloads, {len(set(seen))} graphs seen")
    assert set(seen) <= {old, new}
    assert set(seen) == {old, new}
