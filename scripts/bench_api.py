"""Load-test the API with wrk, and the same Cypher through the bare driver, in one run.

    apt-get install wrk
    .venv/bin/python scripts/bench_api.py [--runs 3] [--seconds 10] [--workers 2]

Needs a running Neo4j with the corpus graph loaded (make up, or kgraph neo4j start and
kgraph load). On a synthetic graph (kgraph synth --scale N) name its entities instead:

    .venv/bin/python scripts/bench_api.py --name "<a city's name>" --entity city:synth-1 \
        --question-params "stage=stage:synth-5&programme=programme:synth-0"
 Starts its own uvicorn on 127.0.0.1:8765 and stops it at the end. Every
request goes to loopback only. Prints p50/p99 latency and requests/s per endpoint (median
of the runs) and the bare driver's figures for the same queries with the same concurrency.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
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


def endpoints(name: str, entity: str, params: str) -> dict[str, str]:
    query = f"?{params}" if params else ""
    return {
        "resolve": f"/resolve?name={urllib.parse.quote(name)}",
        "entity": f"/entities/{entity}",
        "example question": f"/questions/{EXAMPLE}{query}",
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


def start_api(workers: int, paths: list[str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(PORT), "--workers", str(workers),
         "--log-level", "warning", "--no-access-log"],
        cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=1):
                break
        except OSError:
            time.sleep(0.5)
    try:
        for path in paths:  # warm the caches of every worker (a large graph's resolver: minutes)
            for _ in range(4 * workers):
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=600).read()
    except BaseException:
        process.terminate()
        raise
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--name", default="Kokkolassa", help="what /resolve is asked")
    parser.add_argument("--entity", default="city:kokkola", help="which entity page")
    parser.add_argument(
        "--question-params",
        default="",
        help="query string for the example question, e.g. stage=...&programme=...",
    )
    args = parser.parse_args()
    paths = endpoints(args.name, args.entity, args.question_params)
    given = dict(urllib.parse.parse_qsl(args.question_params))
    settings = Settings()
    graph = Graph(connect(settings.bolt_uri, settings.auth, max_connection_pool_size=64),
                  settings.neo4j_database)  # fmt: skip
    resolver = Resolver.from_graph(graph)
    question = Catalogue().get(EXAMPLE)
    baseline: dict[str, Callable[[], Any]] = {
        # /resolve is served from memory; its baseline is the same call in-process.
        "resolve": lambda: resolver.resolve(args.name),
        "entity": lambda: lookups.get_entity(graph, args.entity),
        "example question": lambda: run(graph, question, given, resolver.ids_for),
    }
    for work in baseline.values():  # one-time loads (the Finnish dictionary) before timing
        work()
    api = start_api(args.workers, list(paths.values()))
    results: dict[str, dict[str, list[dict[str, float]]]] = {}
    try:
        for run_number in range(args.runs):
            for name, path in paths.items():
                entry = results.setdefault(name, {"api": [], "driver": []})
                entry["api"].append(wrk(f"http://127.0.0.1:{PORT}{path}", args.seconds))
                entry["driver"].append(driver_load(baseline[name], args.seconds))
            print(f"run {run_number + 1} done", flush=True)
    finally:
        api.terminate()
        api.wait(timeout=30)
        graph.close()

    def med(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in rows)

    print(f"\n{CONNECTIONS} connections, {args.seconds} s per measurement, median of {args.runs}")
    print(f"{'endpoint':<18}{'API p50':>9}{'API p99':>9}{'API rps':>9}{'non-2xx':>9}"
          f"{'drv p50':>9}{'drv p99':>9}{'drv rps':>9}{'p50 ratio':>11}")  # fmt: skip
    for name, entry in results.items():
        api_p50, drv_p50 = med(entry["api"], "p50"), med(entry["driver"], "p50")
        print(f"{name:<18}{api_p50:>8.1f}ms{med(entry['api'], 'p99'):>7.1f}ms"
              f"{med(entry['api'], 'rps'):>9.0f}{med(entry['api'], 'errors'):>9.0f}"
              f"{drv_p50:>7.1f}ms{med(entry['driver'], 'p99'):>7.1f}ms"
              f"{med(entry['driver'], 'rps'):>9.0f}{api_p50 / drv_p50:>10.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
