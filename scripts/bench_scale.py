"""Load a synthetic ecosystem through the project's loader and through a naive baseline.

    .venv/bin/python scripts/bench_scale.py [--scales 10,100,300] [--runs 3] [--heap 8g]
        [--naive-scale 10] [--naive-runs 1]

Starts its own managed Neo4j (instance ``bench-scale``, Bolt on 7688, HTTP on 7475), warms
it with a small load, and empties it before every measurement. Per scale and run, in a fresh
Python process:

- loader: ``kgraph.db.writer.sync`` over ``loaders.synth.Synth(scale)`` (what ``kgraph synth``
  runs), timed end to end (generation, hashing, batches and the one commit), with the
  process's peak resident memory; then a re-sync of the same data (writes nothing), and
  ``kgraph synth`` of the same scale in a fresh process (it finds the landscape's digest on
  the newest LoadRun and generates nothing), timed as a user waits for it.
- naive: at ``--naive-scale`` only, the same rows, one ``MERGE`` query per row in its own
  auto-commit transaction, as a first loader is often written.

Prints a table of medians; relationships/s is relationships over the whole load's seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from kgraph.db import cypher, schema
from kgraph.db.graph import Graph, connect
from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.settings import Settings

PASSWORD = "bench-scale-password"

LOADER = """
import json, resource, sys, time
from kgraph.db.graph import Graph, connect
from kgraph.db.writer import sync
from loaders.synth import Synth
uri, password, scale, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
graph = Graph(connect(uri, ("neo4j", password)), "neo4j")
synth = Synth(scale)
started = time.perf_counter()
report = sync(graph, synth.nodes(), synth.relationships(), synth.run_properties(),
              timeout_s=7200, batch_size=batch)
seconds = time.perf_counter() - started
again = time.perf_counter()
resync = sync(graph, synth.nodes(), synth.relationships(), synth.run_properties(),
              timeout_s=7200, batch_size=batch)
print(json.dumps({"seconds": seconds, "nodes": report.counts["nodes"],
                  "rels": report.counts["relationships"],
                  "resync_seconds": time.perf_counter() - again,
                  "resync_unchanged": resync.unchanged,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

NAIVE = """
import json, sys, time
from neo4j import GraphDatabase
from loaders.synth import Synth
uri, password, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
synth = Synth(scale)
driver = GraphDatabase.driver(uri, auth=("neo4j", password))
nodes = rels = 0
started = time.perf_counter()
with driver.session(database="neo4j") as session:
    for row in synth.nodes():
        session.run(f"MERGE (n:{row.label} {{id: $id}}) SET n = $props",
                    id=row.id, props=row.props).consume()
        nodes += 1
    for row in synth.relationships():
        session.run(
            f"MATCH (a:{row.start_label} {{id: $start}}) MATCH (b:{row.end_label} {{id: $end}}) "
            f"MERGE (a)-[r:{row.type} {{_key: $key}}]->(b) SET r += $props",
            start=row.start, end=row.end, key=row.key, props=row.props).consume()
        rels += 1
print(json.dumps({"seconds": time.perf_counter() - started, "nodes": nodes, "rels": rels}))
"""


def measure(script: str, *args: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"measurement failed:\n{out.stderr[-3000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def skipped_synth(uri: str, scale: int) -> float:
    """Seconds of ``kgraph synth --scale N`` (seed 7, the loader's) over the graph it loaded."""
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": PASSWORD,
           "NEO4J_DATABASE": "neo4j"}  # fmt: skip
    kgraph = Path(sys.executable).with_name("kgraph")
    started = time.perf_counter()
    out = subprocess.run([str(kgraph), "synth", "--scale", str(scale), "--seed", "7"],
                         env=env, capture_output=True, text=True)  # fmt: skip
    seconds = time.perf_counter() - started
    if out.returncode != 0 or "newest load already" not in out.stdout:
        raise SystemExit(f"kgraph synth did not skip:\n{out.stdout}{out.stderr[-3000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10,100,300")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--heap", default="8g")
    parser.add_argument("--pagecache", default="2g")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--naive-scale", type=int, default=10, help="0: no naive baseline")
    parser.add_argument("--naive-runs", type=int, default=1, help="it is slow")
    args = parser.parse_args()

    settings = Settings()
    base = ServerConfig.from_settings(settings, instance="bench-scale")
    config = dataclasses.replace(
        base, bolt_port=7688, http_port=7475, password=PASSWORD,
        heap=args.heap, pagecache=args.pagecache, guide_url=None,
        # A first load is one transaction: lift the API's per-transaction cap (heap/4).
        tx_memory_max="0",
    )  # fmt: skip
    server = ManagedNeo4j(config)

    def fresh() -> None:
        graph.run_autocommit(cypher.WIPE)

    server.stop()
    server.reset()
    server.start()
    graph = Graph(connect(config.bolt_uri, ("neo4j", PASSWORD)), "neo4j", 600.0)
    schema.apply(graph, settings.schema_file)
    measure(LOADER, config.bolt_uri, PASSWORD, "1", str(args.batch_size))  # warm-up

    rows = []
    try:
        for scale in [int(s) for s in args.scales.split(",")]:
            loads = []
            for run in range(args.runs):
                fresh()
                loads.append(measure(LOADER, config.bolt_uri, PASSWORD, str(scale),
                                     str(args.batch_size)))  # fmt: skip
                loads[-1]["skip_seconds"] = skipped_synth(config.bolt_uri, scale)
                print(f"scale {scale} run {run + 1}: {json.dumps(loads[-1])}", flush=True)
            med = {k: statistics.median(float(x[k]) for x in loads)
                   for k in ("seconds", "resync_seconds", "skip_seconds", "peak_mb")}  # fmt: skip
            row = {"scale": scale, "nodes": loads[0]["nodes"], "rels": loads[0]["rels"], **med,
                   "rate": loads[0]["rels"] / med["seconds"]}  # fmt: skip
            if scale == args.naive_scale:
                naive = []
                for run in range(args.naive_runs):
                    fresh()
                    naive.append(measure(NAIVE, config.bolt_uri, PASSWORD, str(scale)))
                    print(f"scale {scale} naive {run + 1}: {json.dumps(naive[-1])}", flush=True)
                seconds = statistics.median(x["seconds"] for x in naive)
                row["naive_rate"] = naive[0]["rels"] / seconds
            rows.append(row)
    finally:
        graph.close()
        server.stop()

    print(f"\nbatch {args.batch_size}, heap {args.heap}, median of {args.runs}")
    print(f"{'scale':>6} {'nodes':>9} {'rels':>10} {'load s':>8} {'rels/s':>9} {'naive/s':>8} "
          f"{'ratio':>6} {'resync s':>9} {'skip s':>7} {'peak MB':>8}")  # fmt: skip
    for r in rows:
        naive_rate = r.get("naive_rate")
        ratio = f"{r['rate'] / naive_rate:5.1f}x" if naive_rate else "     -"
        naive_text = f"{naive_rate:8,.0f}" if naive_rate else "       -"
        print(f"{r['scale']:>6} {r['nodes']:>9,.0f} {r['rels']:>10,.0f} {r['seconds']:>8.1f} "
              f"{r['rate']:>9,.0f} {naive_text} {ratio} {r['resync_seconds']:>9.1f} "
              f"{r['skip_seconds']:>7.2f} {r['peak_mb']:>8.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
