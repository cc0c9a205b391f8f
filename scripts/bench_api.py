"""Load-test the API with wrk, and the same Cypher through the bare driver, in one run.

    apt-get install wrk
    .venv/bin/python scripts/bench_api.py [--runs 3] [--seconds 10] [--workers 2]
    .venv/bin/python scripts/bench_api.py --baseline REF --no-driver   # this code against REF's

Needs a running Neo4j with the corpus graph loaded (make up, or kgraph neo4j start and
kgraph load). On a synthetic graph (kgraph synth --scale N) name its entities instead:

    .venv/bin/python scripts/bench_api.py --name "<a city's name>" --entity city:synth-1 \
        --question-params "stage=stage:synth-5&programme=programme:synth-0"

Starts its own uvicorn on 127.0.0.1:--port (8765) and stops it at the end. With
``--baseline REF`` it also serves the API as it was at the git commit REF (its ``api``,
``src`` and ``loaders`` exported to a temporary directory, run with this environment) on the
next port, and measures both in every run, one after the other, so a busy machine weighs on
both alike. Every request goes to loopback only. Prints p50/p99 latency and requests/s per
endpoint (median of the runs) and the bare driver's figures for the same queries with the
same concurrency.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kgraph.db.graph import Graph, connect
from kgraph.names.resolve import Resolver
from kgraph.query import lookups
from kgraph.query.questions import Catalogue, run
from kgraph.settings import Settings

PORT = 8765
CONNECTIONS = 32
EXAMPLE = "cities_on_stage_in_programme_projects"
ASK = "which cities cover recycling and also sit in funded Horizon projects"


def endpoints(name: str, entity: str, params: str) -> dict[str, str]:
    query = f"?{params}" if params else ""
    return {
        "resolve": f"/resolve?name={urllib.parse.quote(name)}",
        "entity": f"/entities/{entity}",
        "example question": f"/questions/{EXAMPLE}{query}",
        # The same question as a sentence: after the first request its answer is kept.
        "ask, cached": f"/ask?q={urllib.parse.quote(ASK)}",
    }


_UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNIT[unit]


def wrk(url: str, seconds: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert p50 and p99 and rps, out
    return {"p50": _ms(p50[1]), "p99": _ms(p99[1]), "rps": float(rps[1]),
            "errors": float(errors[1]) if errors else 0.0}  # fmt: skip


def driver_load(work: Callable[[], Any], seconds: float) -> dict[str, float]:
    """CONNECTIONS threads calling ``work`` in a loop, as wrk does with connections."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop() -> None:
        mine: list[float] = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            work()
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=loop) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    return {"p50": ordered[len(ordered) // 2], "p99": ordered[int(len(ordered) * 0.99)],
            "rps": len(ordered) / seconds, "errors": 0.0}  # fmt: skip


ROOT = Path(__file__).resolve().parents[1]
#: Settings whose defaults are paths next to the code: an exported baseline keeps this tree's.
_PATH_SETTINGS = ("home", "corpus_dir", "registry_dir", "proposals_dir", "schema_file")


def export_ref(ref: str, into: Path) -> dict[str, str]:
    """REF's code in ``into``; the environment that runs it (imports first from there)."""
    archive = subprocess.run(
        ["git", "archive", ref, "api", "src", "loaders"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    settings = Settings()
    env = {f"KGRAPH_{name.upper()}": str(getattr(settings, name)) for name in _PATH_SETTINGS}
    env["PYTHONPATH"] = f"{into}{os.pathsep}{into / 'src'}"
    return env


def start_api(
    workers: int,
    port: int,
    paths: list[str],
    *,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    with socket.socket() as probe:  # a server left on the port would be measured instead
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is taken: stop what listens there, or pass --port")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--log-level", "warning", "--no-access-log"],
        cwd=cwd, env={**os.environ, **(env or {})},
    )  # fmt: skip
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                break
        except OSError:
            time.sleep(0.5)
    try:
        for path in paths:  # warm the caches of every worker (a large graph's resolver: minutes)
            for _ in range(4 * workers):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600).read()
    except BaseException:
        process.terminate()
        raise
    return process


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=PORT, help="the API's; a baseline's is next")
    parser.add_argument("--baseline", metavar="REF", help="also measure the API at commit REF")
    parser.add_argument(
        "--driver", action=argparse.BooleanOptionalAction, default=True,
        help="also measure the same library calls through the bare driver",
    )  # fmt: skip
    parser.add_argument("--name", default="Kokkolassa", help="what /resolve is asked")
    parser.add_argument("--entity", default="city:kokkola", help="which entity page")
    parser.add_argument(
        "--question-params",
        default="",
        help="query string for the example question, e.g. stage=...&programme=...",
    )
    return parser.parse_args()


def driver_baseline(args: argparse.Namespace, graph: Graph) -> dict[str, Callable[[], Any]]:
    """The library calls behind each endpoint, run in this process without HTTP or cache."""
    given = dict(urllib.parse.parse_qsl(args.question_params))
    resolver = Resolver.from_graph(graph)
    question = Catalogue().get(EXAMPLE)
    baseline: dict[str, Callable[[], Any]] = {
        # /resolve is served from memory; its baseline is the same call in-process.
        "resolve": lambda: resolver.resolve(args.name),
        "entity": lambda: lookups.get_entity(graph, args.entity),
        "example question": lambda: run(
            graph, question, given, lambda _parameter, text, type: resolver.ids_for(text, type)
        ),
    }
    for work in baseline.values():  # one-time loads (the Finnish dictionary) before timing
        work()
    return baseline


Results = dict[str, dict[str, list[dict[str, float]]]]


def measure(
    args: argparse.Namespace, ports: dict[str, int], baseline: dict[str, Callable[[], Any]]
) -> Results:
    """Every endpoint under every variant, ``--runs`` times; variants alternate who goes first."""
    paths = endpoints(args.name, args.entity, args.question_params)
    results: Results = {}
    for run_number in range(args.runs):
        for name, path in paths.items():
            entry = results.setdefault(name, {})
            order = list(ports.items())
            if run_number % 2:
                order.reverse()
            for variant, port in order:
                got = wrk(f"http://127.0.0.1:{port}{path}", args.seconds)
                entry.setdefault(variant, []).append(got)
            if name in baseline:
                entry.setdefault("driver", []).append(driver_load(baseline[name], args.seconds))
        print(f"run {run_number + 1} done", flush=True)
    return results


def report(args: argparse.Namespace, results: Results) -> None:
    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    print(f"\n{CONNECTIONS} connections, {args.seconds} s per measurement, median of {args.runs}")
    print(f"{'endpoint':<18}{'variant':<14}{'p50':>9}{'p99':>10}{'p99/p50':>9}{'req/s':>9}"
          f"{'non-2xx':>9}")  # fmt: skip
    for name, entry in results.items():
        for variant, rows in entry.items():
            p50, p99 = med(rows, "p50"), med(rows, "p99")
            print(f"{name:<18}{variant:<14}{p50:>7.1f}ms{p99:>8.1f}ms{p99 / p50:>8.1f}x"
                  f"{med(rows, 'rps'):>9.0f}{med(rows, 'errors'):>9.0f}")  # fmt: skip
        print("  per run (p50/p99 ms): " + "; ".join(
            f"{variant} " + ", ".join(f"{r['p50']:.1f}/{r['p99']:.1f}" for r in rows)
            for variant, rows in entry.items()
        ))  # fmt: skip


def main() -> None:
    args = parse_args()
    paths = list(endpoints(args.name, args.entity, args.question_params).values())
    settings = Settings()
    graph = Graph(connect(settings.bolt_uri, settings.auth, max_connection_pool_size=64),
                  settings.neo4j_database)  # fmt: skip
    baseline = driver_baseline(args, graph) if args.driver else {}
    apis: list[subprocess.Popen[bytes]] = []
    ports = {"this tree": args.port}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-api-") as scratch:
            apis.append(start_api(args.workers, args.port, paths))
            if args.baseline:
                env = export_ref(args.baseline, Path(scratch))
                ports[args.baseline] = args.port + 1
                scratch_api = start_api(
                    args.workers, args.port + 1, paths, cwd=Path(scratch), env=env
                )
                apis.append(scratch_api)
            results = measure(args, ports, baseline)
    finally:
        for api in apis:
            api.terminate()
            api.wait(timeout=30)
        graph.close()
    report(args, results)


if __name__ == "__main__":
    main()
