"""Time `make up` until GET /health answers 200 with Neo4j up, then stop it with Ctrl-C.

    .venv/bin/python scripts/measure_startup.py [--repo PATH] [--runs 3]

Run it with the managed server stopped. "Warm" means .venv and the jars exist; for a cold
figure, run it on a fresh clone (no .venv, no .kgraph) with an empty ~/.m2 and pip cache.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body = json.load(response)
            loaded = bool(body["neo4j"]["up"]) and body.get("last_load") is not None
            return response.status == 200 and loaded
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        return False


def one_run(repo: Path, url: str, timeout_s: float) -> tuple[float, float]:
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "up"], cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        while not healthy(url):
            if process.poll() is not None:
                raise SystemExit(f"make up exited with {process.returncode} before /health")
            if time.monotonic() - started > timeout_s:
                raise SystemExit(f"/health not up within {timeout_s} s")
            time.sleep(0.2)
        up_after = time.monotonic() - started
    finally:
        stop_started = time.monotonic()
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=120)
    return up_after, time.monotonic() - stop_started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", default="http://127.0.0.1:8000/health")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    ups: list[float] = []
    for number in range(1, args.runs + 1):
        up, down = one_run(args.repo, args.url, args.timeout)
        ups.append(up)
        print(f"run {number}: healthy after {up:.1f} s, stopped in {down:.1f} s", flush=True)
    print(f"median time to a healthy /health: {statistics.median(ups):.1f} s over {len(ups)} runs")


if __name__ == "__main__":
    main()
