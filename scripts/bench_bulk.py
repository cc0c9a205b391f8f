"""A first load of a synthetic graph both ways, in one run: the writer's sync against
neo4j-admin import (`kgraph synth --bulk`), each into an empty managed database of its own.

    .venv/bin/python scripts/bench_bulk.py [--scales 100 300] [--heap 4g]
    .venv/bin/python scripts/bench_bulk.py --bulk-only --scales 300 1000 [--baseline REF]

Prints, per scale, seconds and relationships/s of each path, the ratio, the importer's peak
memory, and whether the two graphs have the same content hash. Starts (and stops) its own
managed server on ports 15687/15474, shifted by ``KGRAPH_TEST_PORT_OFFSET`` like the tests'
(so that it runs beside another checkout's suite); needs the jars (`kgraph neo4j fetch`). The
writer holds a whole first load in one transaction, so its heap must grow with the scale
(docs/scaling.md: about 12 GB at scale 300); the importer's does not.

``--bulk-only`` skips the writer (whose single transaction does not fit at scale 1000) and the
content-hash comparison, which tests/integration/test_bulk_load.py and the smaller scales
check. Each bulk load runs as ``kgraph synth --bulk`` does (``loaders.load.load``) in a fresh
process, and the script prints the time of each phase, relationships/s end to end and of the
Python side (and its CPU time, workers included: on a shared machine the wall time says as
much about the neighbours), and peak memory: the loading process, its largest child while the
files are written (the worker processes that write them side by side), the importer.
``--baseline REF`` runs the same loads with the code of git commit REF too (its ``src``,
``loaders`` and ``neo4j-server`` exported to a temporary folder; this tree's schema),
alternating which code goes first, so that a change is compared with what it changed in one
run of a shared machine.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.db import cypher, schema
from kgraph.db.bulk import bulk_load
from kgraph.db.graph import Graph, connect
from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.db.writer import sync
from kgraph.settings import Settings
from loaders.synth import Synth
from tests.graph_state import WITHOUT_LOAD_RUNS, graph_state
from tests.ports import shifted_port


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
    parser.add_argument("--baseline", metavar="REF",
                        help="With --bulk-only: also load with the code of commit REF")  # fmt: skip
    args = parser.parse_args()
    settings = Settings()
    config = replace(
        ServerConfig.from_settings(settings, instance="bench-bulk"),
        bolt_port=shifted_port(15687), http_port=shifted_port(15474),
        password="bench-bulk-password", heap=args.heap,
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
        if args.bulk_only:
            _bulk_only(server, args, settings)
            return
        for scale in args.scales:
            synth = Synth(scale, 7)
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


#: One bulk load in a fresh process, with the code its path holds (this tree's or an exported
#: commit's): as `kgraph synth --bulk` loads, into the server the parent started. Prints JSON.
_BULK_RUN = """
import json, logging, os, re, resource, time
from dataclasses import replace
import kgraph
from kgraph.db.graph import Graph, connect
from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.settings import Settings
from loaders.load import Synthetic, load

bench = json.loads(os.environ["BENCH_BULK"])
out = {"phases": {}, "code": kgraph.__file__}

class Phases(logging.Handler):
    def emit(self, record):
        message = record.getMessage()
        if message.startswith("bulk load phase: "):
            what, seconds = message.removeprefix("bulk load phase: ").rsplit(" in ", 1)
            out["phases"][what] = float(seconds.split()[0])
            if what == "rows written as CSV":
                own = resource.getrusage(resource.RUSAGE_SELF)
                children = resource.getrusage(resource.RUSAGE_CHILDREN)
                out["workers_mib"] = children.ru_maxrss / 1024
                out["python_cpu_s"] = sum(
                    u.ru_utime + u.ru_stime for u in (own, children)
                ) - out["cpu_before"]
        found = re.search(r"Peak memory usage: (.+)", message)
        if found:
            out["importer_peak"] = found[1].strip()

log = logging.getLogger("kgraph.db.bulk")
log.addHandler(Phases())
log.setLevel(logging.INFO)
settings = Settings()
config = replace(ServerConfig.from_settings(settings, instance="bench-bulk"), **bench["config"])
server = ManagedNeo4j(config)
graph = Graph(connect(config.bolt_uri, (config.user, config.password)), "neo4j")
started = time.perf_counter()
out["cpu_before"] = sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
                        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
loaded = load(graph, Synthetic(bench["scale"], 7), settings.schema_file, mode="bulk", server=server)
out["seconds"] = time.perf_counter() - started
out["counts"] = loaded.synced.counts
out["python_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
graph.close()
print(json.dumps(out))
"""

#: Settings whose defaults are paths next to the code: an exported baseline keeps this tree's.
_PATH_SETTINGS = ("home", "corpus_dir", "registry_dir", "schema_file")


def _export(ref: str, into: Path, settings: Settings) -> dict[str, str]:
    """The code of commit ``ref`` in ``into``; the environment that runs it (as bench_load's)."""
    root = Path(__file__).resolve().parent.parent
    archive = subprocess.run(["git", "archive", ref, "src", "loaders", "neo4j-server"], cwd=root,
                             capture_output=True, check=True).stdout  # fmt: skip
    into.mkdir()
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    env = {f"KGRAPH_{name.upper()}": str(getattr(settings, name)) for name in _PATH_SETTINGS}
    env["PYTHONPATH"] = f"{into}{os.pathsep}{into / 'src'}"
    return env


def _bulk_run(server: ManagedNeo4j, scale: int, code_env: dict[str, str]) -> dict[str, Any]:
    _fresh(server).close()
    c = server.config
    bench = {"scale": scale, "config": {
        "bolt_port": c.bolt_port, "http_port": c.http_port, "password": c.password,
        "heap": c.heap, "guide_url": None, "tx_memory_max": c.tx_memory_max,
        "tx_memory_total_max": c.tx_memory_total_max,
    }}  # fmt: skip
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{root}/src", **code_env,
           "BENCH_BULK": json.dumps(bench)}  # fmt: skip
    # -P: the working directory is not put before the code's own path.
    done = subprocess.run([sys.executable, "-P", "-c", _BULK_RUN], capture_output=True,
                          text=True, env=env)  # fmt: skip
    if done.returncode:
        raise SystemExit(f"a bulk load failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _print_bulk(name: str, scale: int, run: dict[str, Any]) -> None:
    rels, phases, seconds = run["counts"]["relationships"], run["phases"], run["seconds"]
    python_s = phases["rows written as CSV"]
    neo4j = ", ".join(
        f"{what} {s:.1f} s" for what, s in phases.items() if what != "rows written as CSV"
    )
    print(
        f"scale {scale}, {name} ({run['code']}): {run['counts']['nodes']:,} nodes, {rels:,} "
        f"relationships\n  end to end {seconds:.1f} s: {rels / seconds:,.0f} relationships/s\n"
        f"  rows and CSV (Python) {python_s:.1f} s: {rels / python_s:,.0f} relationships/s "
        f"(CPU {run['python_cpu_s']:.1f} s, workers included)\n"
        f"  {neo4j}\n  peak memory: loading process {run['python_mib']:,.0f} MiB, its largest "
        f"child while writing {run.get('workers_mib', 0):,.0f} MiB, importer "
        f"{run.get('importer_peak', '?')}",
        flush=True,
    )


def _bulk_only(server: ManagedNeo4j, args: argparse.Namespace, settings: Settings) -> None:
    codes: dict[str, dict[str, str]] = {"this tree": {}}
    with tempfile.TemporaryDirectory() as folder:
        if args.baseline:
            codes[args.baseline] = _export(args.baseline, Path(folder) / "baseline", settings)
        print(f"load average at the start: {os.getloadavg()}", flush=True)
        for number, scale in enumerate(args.scales):
            order = list(codes) if number % 2 == 0 else list(reversed(codes))
            for name in order:
                _print_bulk(name, scale, _bulk_run(server, scale, codes[name]))
                print(f"  load average after: {os.getloadavg()}", flush=True)


if __name__ == "__main__":
    main()
