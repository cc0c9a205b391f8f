"""A first load of a synthetic graph both ways, in one run: the writer's sync against
neo4j-admin import (`kgraph synth --bulk`), each into an empty managed database of its own.

    .venv/bin/python scripts/bench_bulk.py [--scales 100 300] [--heap 4g]
    .venv/bin/python scripts/bench_bulk.py --bulk-only --scales 1000   # past the writer's reach

Prints, per scale, seconds and relationships/s of each path, the ratio, the importer's peak
memory, and whether the two graphs have the same content hash. Starts (and stops) its own
managed server on ports 15687/15474; needs the jars (`kgraph neo4j fetch`). The writer holds a
whole first load in one transaction, so its heap must grow with the scale (docs/scaling.md:
about 12 GB at scale 300); the importer's does not. ``--bulk-only`` skips the writer (whose
single transaction does not fit at scale 1000) and the content-hash comparison, which
tests/integration/test_bulk_load.py and the smaller scales check; it prints this process's peak
memory too.
"""

from __future__ import annotations

import argparse
import logging
import re
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.db import cypher, schema
from kgraph.db.bulk import bulk_load
from kgraph.db.graph import Graph, connect
from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.db.writer import sync
from kgraph.settings import Settings
from loaders.synth import Synth
from tests.graph_state import WITHOUT_LOAD_RUNS, graph_state


class _Peak(logging.Handler):
    peak = "?"

    def emit(self, record: logging.LogRecord) -> None:
        found = re.search(r"Peak memory usage: (.+)", record.getMessage())
        if found:
            self.peak = found[1].strip()
        if record.getMessage().startswith("bulk load phase: "):
            print("   ", record.getMessage(), flush=True)


def _mib(size: str) -> int:
    """Mebibytes of a Neo4j memory size such as ``4g`` or ``512m``."""
    return int(size[:-1]) * {"g": 1024, "m": 1}[size[-1].lower()]


def _fresh(server: ManagedNeo4j) -> Graph:
    server.stop()
    server.reset()
    server.start()
    c = server.config
    graph = Graph(connect(c.bolt_uri, (c.user, c.password)), "neo4j")
    graph.read(cypher.COUNTS, timeout_s=300)
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[100])
    parser.add_argument("--heap", default="4g", help="The server's heap for both paths")
    parser.add_argument("--bulk-only", action="store_true", help="the bulk path alone")
    args = parser.parse_args()
    settings = Settings()
    config = replace(
        ServerConfig.from_settings(settings, instance="bench-bulk"),
        bolt_port=15687, http_port=15474, password="bench-bulk-password", heap=args.heap,
        guide_url=None,
        # The writer's first load is one transaction: the API's per-transaction cap (a quarter
        # of the heap) would stop it; 0 lifts the cap, the total cap still holds.
        tx_memory_max="0", tx_memory_total_max=f"{_mib(args.heap) * 9 // 10}m",
    )  # fmt: skip
    server = ManagedNeo4j(config)
    peak = _Peak()
    logging.getLogger("kgraph.db.bulk").addHandler(peak)
    logging.getLogger("kgraph.db.bulk").setLevel(logging.INFO)
    try:
        for scale in args.scales:
            synth = Synth(scale, 7)
            if args.bulk_only:
                _bulk_only(server, synth, scale, settings, peak)
                continue
            graph = _fresh(server)
            schema.apply(graph, settings.schema_file)
            started = time.perf_counter()
            report = sync(graph, synth.nodes(), synth.relationships(), synth.run_properties(),
                          timeout_s=settings.load_timeout_s)  # fmt: skip
            writer_s = time.perf_counter() - started
            writer_state = graph_state(graph, skip_labels=WITHOUT_LOAD_RUNS, timeout_s=600)
            graph.close()

            graph = _fresh(server)
            started = time.perf_counter()
            bulk = bulk_load(server, graph, synth.nodes(), synth.relationships(),
                             synth.run_properties(), settings.schema_file)  # fmt: skip
            bulk_s = time.perf_counter() - started
            bulk_state = graph_state(graph, skip_labels=WITHOUT_LOAD_RUNS, timeout_s=600)
            graph.close()

            rels = report.counts["relationships"]
            assert bulk.counts == report.counts
            print(
                f"scale {scale}: {report.counts['nodes']:,} nodes, {rels:,} relationships\n"
                f"  writer (sync): {writer_s:7.1f} s  {rels / writer_s:10,.0f} relationships/s\n"
                f"  bulk (import): {bulk_s:7.1f} s  {rels / bulk_s:10,.0f} relationships/s "
                f"(server stop, import, start, schema, LoadRun; importer peak {peak.peak})\n"
                f"  bulk / writer throughput: {writer_s / bulk_s:.1f}x; "
                f"same content hash: {writer_state == bulk_state}"
            )
    finally:
        server.stop()


def _bulk_only(
    server: ManagedNeo4j, synth: Synth, scale: int, settings: Settings, peak: _Peak
) -> None:
    graph = _fresh(server)
    started = time.perf_counter()
    bulk = bulk_load(server, graph, synth.nodes(), synth.relationships(),
                     synth.run_properties(), settings.schema_file)  # fmt: skip
    bulk_s = time.perf_counter() - started
    graph.close()
    rels = bulk.counts["relationships"]
    python_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"scale {scale}: {bulk.counts['nodes']:,} nodes, {rels:,} relationships\n"
        f"  bulk (import): {bulk_s:7.1f} s  {rels / bulk_s:10,.0f} relationships/s "
        f"(rows, CSV, server stop, import, start, schema, LoadRun)\n"
        f"  peak memory: this process {python_peak:,.0f} MiB, importer {peak.peak}"
    )


if __name__ == "__main__":
    main()
