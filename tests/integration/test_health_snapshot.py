"""``/health``'s counts, labels and last load are one snapshot of the graph (issue 22, item 10).

Before: three separate reads; under back-to-back loads 5 of 1,500 answers paired one load's
counts with the next one's labels. Here a writer commits "loads" as fast as it can, each one
replacing the graph's things with 10 or 20 of them and recording a LoadRun that says which.
"""

from __future__ import annotations

import threading
import time

from kgraph.db.graph import Graph
from kgraph.db.status import graph_status
from kgraph.errors import GraphUnavailable

LOAD = """
OPTIONAL MATCH (t:Thing) DETACH DELETE t
WITH count(*) AS _
UNWIND range(1, $n) AS i CREATE (:Thing)
WITH count(*) AS _
CREATE (:LoadRun {id: $id, finished_at: datetime()})
"""


def test_health_counts_labels_and_load_come_from_one_generation(empty_graph: Graph) -> None:
    stop = threading.Event()
    loads = 0

    def reload() -> None:
        nonlocal loads
        while not stop.is_set():
            n = 10 if loads % 2 else 20
            empty_graph.write(LOAD, {"n": n, "id": f"{loads:06d}-things-{n}"})
            loads += 1
            time.sleep(0.01)

    writer = threading.Thread(target=reload)
    writer.start()
    mixed, seen = [], 0
    try:
        deadline = time.monotonic() + 6.0
        while time.monotonic() < deadline:
            try:
                status = graph_status(empty_graph)
            except GraphUnavailable:  # reloaded during each of its tries: says so, mixes nothing
                continue
            labels = status["labels"]
            if status["last_load"] is None:
                continue
            seen += 1
            things = int(status["last_load"]["id"].rsplit("-", 1)[1])
            consistent = (
                labels.get("Thing") == things
                and status["nodes"] == sum(labels.values())
                and labels.get("LoadRun") == status["nodes"] - things
            )
            if not consistent:
                mixed.append(status)
    finally:
        stop.set()
        writer.join()
    print(f"{seen} answers during {loads} loads, {len(mixed)} mixed")
    assert seen >= 20 and loads >= 20
    assert mixed == []
