"""Time a full build of the corpus graph into an empty database, in fresh processes, and
then a load of the same, unchanged inputs (what `kgraph load` does the second time).

    .venv/bin/python scripts/bench_load.py [--runs 3]

Needs a running Neo4j (make up, or kgraph neo4j start) and WIPES its database. Each run is
a new Python process, so one-time costs (the Finnish dictionary of simplemma) are counted;
the unchanged-input load runs in a process of its own as well.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

ONE_RUN = r"""
import json, time
from kgraph.settings import Settings
from kgraph.db.graph import Graph, connect
from kgraph.db import cypher, schema
from loaders.inputs import read_inputs
from loaders.pipeline import build, run_properties
from kgraph.db.writer import sync
s = Settings()
g = Graph(connect(s.bolt_uri, s.auth), s.neo4j_database)
g.run_autocommit(cypher.WIPE)
schema.apply(g, s.schema_file)
t0 = time.perf_counter()
inputs = read_inputs(s.corpus_dir, s.registry_dir, s.schema_file)
result = build(s.corpus_dir, s.registry_dir)
t1 = time.perf_counter()
report = sync(g, result.graph_input.nodes, result.graph_input.relationships,
              run_properties(result, inputs))
t2 = time.perf_counter()
again = sync(g, result.graph_input.nodes, result.graph_input.relationships,
              run_properties(result, inputs))
t3 = time.perf_counter()
print(json.dumps({"build": t1 - t0, "write": t2 - t1, "total": t2 - t0, "resync": t3 - t2,
                  "nodes": report.counts["nodes"], "relationships": report.counts["relationships"],
                  "unchanged_on_resync": again.unchanged}))
g.close()
"""

UNCHANGED_RUN = r"""
import json, time
t0 = time.perf_counter()
from kgraph.settings import Settings
from kgraph.db.graph import Graph, connect
from loaders.unchanged import Unchanged, load_if_changed
s = Settings()
g = Graph(connect(s.bolt_uri, s.auth), s.neo4j_database)
outcome = load_if_changed(g, s.corpus_dir, s.registry_dir, s.schema_file)
print(json.dumps({"unchanged": time.perf_counter() - t0,
                  "skipped": isinstance(outcome, Unchanged)}))
g.close()
"""

#: A whole `kgraph load` of changed inputs in a fresh process, imports included (the baseline
#: the unchanged-input load is compared with). The graph holds the corpus already: --verify.
FULL_RUN = r"""
import json, time
t0 = time.perf_counter()
from kgraph.settings import Settings
from kgraph.db.graph import Graph, connect
from loaders.pipeline import load
s = Settings()
g = Graph(connect(s.bolt_uri, s.auth), s.neo4j_database)
load(g, s.corpus_dir, s.registry_dir, s.schema_file)
print(json.dumps({"full_process": time.perf_counter() - t0}))
g.close()
"""


def _run(code: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for number in range(1, args.runs + 1):
        run = _run(ONE_RUN)
        run.update(_run(UNCHANGED_RUN))
        run["full_process"] = _run(FULL_RUN)["full_process"]
        runs.append(run)
        print(f"run {number}: build {run['build']:.2f} s + write {run['write']:.2f} s = "
              f"{run['total']:.2f} s ({run['nodes']} nodes, {run['relationships']} "
              f"relationships); re-sync {run['resync']:.2f} s, "
              f"unchanged: {run['unchanged_on_resync']}")  # fmt: skip
        print(
            f"  fresh process: full `load` {run['full_process']:.2f} s; unchanged inputs "
            f"{run['unchanged']:.2f} s (skipped: {bool(run['skipped'])})"
        )
    for key in ("build", "write", "total", "resync", "full_process", "unchanged"):
        print(f"median {key}: {statistics.median(r[key] for r in runs):.2f} s")
    full = statistics.median(r["full_process"] for r in runs)
    unchanged = statistics.median(r["unchanged"] for r in runs)
    print(f"unchanged-input load / full load (same run): {unchanged / full:.3f}")


if __name__ == "__main__":
    main()
