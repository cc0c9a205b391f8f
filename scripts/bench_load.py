"""Time a full build of the corpus graph into an empty database, in fresh processes.

    .venv/bin/python scripts/bench_load.py [--runs 3]

Needs a running Neo4j (make up, or kgraph neo4j start) and WIPES its database. Each run is
a new Python process, so one-time costs (the Finnish dictionary of simplemma) are counted.
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
from loaders.pipeline import build, run_properties
from kgraph.db.writer import sync
s = Settings()
g = Graph(connect(s.bolt_uri, s.auth), s.neo4j_database)
g.run_autocommit(cypher.WIPE)
schema.apply(g, s.schema_file)
t0 = time.perf_counter()
result = build(s.corpus_dir, s.registry_dir)
t1 = time.perf_counter()
report = sync(g, result.graph_input.nodes, result.graph_input.relationships,
              run_properties(result, s.schema_file))
t2 = time.perf_counter()
again = sync(g, result.graph_input.nodes, result.graph_input.relationships,
              run_properties(result, s.schema_file))
t3 = time.perf_counter()
print(json.dumps({"build": t1 - t0, "write": t2 - t1, "total": t2 - t0, "resync": t3 - t2,
                  "nodes": report.counts["nodes"], "relationships": report.counts["relationships"],
                  "unchanged_on_resync": again.unchanged}))
g.close()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for number in range(1, args.runs + 1):
        out = subprocess.run([sys.executable, "-c", ONE_RUN], capture_output=True, text=True,
                             check=True).stdout  # fmt: skip
        run = json.loads(out.strip().splitlines()[-1])
        runs.append(run)
        print(f"run {number}: build {run['build']:.2f} s + write {run['write']:.2f} s = "
              f"{run['total']:.2f} s ({run['nodes']} nodes, {run['relationships']} "
              f"relationships); re-sync {run['resync']:.2f} s, "
              f"unchanged: {run['unchanged_on_resync']}")  # fmt: skip
    for key in ("build", "write", "total", "resync"):
        print(f"median {key}: {statistics.median(r[key] for r in runs):.2f} s")


if __name__ == "__main__":
    main()
