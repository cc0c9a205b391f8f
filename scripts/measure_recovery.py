"""How long from a kill of the managed Neo4j to the first healthy answer of the API.

Starts its own supervised instance (ports 7687/7474 shifted by KGRAPH_TEST_PORT_OFFSET + 40000,
its own folder ``recovery-measure``), an API app on it, then for each way of dying (SIGKILL, an
out-of-memory query) kills the server and polls ``GET /health`` until it answers 200 again.
Prints one line per round and the median. Rerun:

    .venv/bin/python scripts/measure_recovery.py --rounds 3

The figures in docs/security.md come from it.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import time
from dataclasses import replace

from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.main import create_app
from kgraph.db.graph import Graph, connect
from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.errors import KGraphError
from kgraph.settings import Settings

OOM_QUERY = "RETURN size(toUpper(reduce(s = 'x', i IN range(1, 29) | s + s))) AS n"
OFFSET = int(os.environ.get("KGRAPH_TEST_PORT_OFFSET", "0")) + 40000


def _sigkill(server: ManagedNeo4j, _graph: Graph) -> None:
    pid = server.running_pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)


def _oom(_server: ManagedNeo4j, graph: Graph) -> None:
    try:
        graph.read(OOM_QUERY)
    except KGraphError as error:
        print(f"  the query: {type(error).__name__}: {str(error)[:100]}")


def _until_healthy(client: TestClient, started: float, limit_s: float) -> float:
    while time.monotonic() - started < limit_s:
        if client.get("/health").status_code == 200:
            return time.monotonic() - started
        time.sleep(0.2)
    raise SystemExit(f"no healthy answer within {limit_s:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings = Settings()
    config = replace(
        ServerConfig.from_settings(settings, instance="recovery-measure"),
        bolt_port=7687 + OFFSET,
        http_port=7474 + OFFSET,
        password="recovery-measure-password",
        guide_url=None,
    )
    server = ManagedNeo4j(config)
    server.reset()
    server.start()
    pointed = settings.model_copy(
        update={"neo4j_uri": config.bolt_uri, "neo4j_password": SecretStr(config.password)}
    )
    graph = Graph(connect(config.bolt_uri, (config.user, config.password)), "neo4j", 10.0)
    figures: dict[str, list[float]] = {}
    try:
        app = create_app(pointed, supervision=server.supervision_file)
        with TestClient(app) as client:
            # A server just started answers its first queries slowly (past /health's limit).
            _until_healthy(client, time.monotonic(), 120.0)
            for round_ in range(args.rounds):
                for name, kill in (("SIGKILL", _sigkill), ("out of memory", _oom)):
                    started = time.monotonic()
                    kill(server, graph)
                    seconds = _until_healthy(client, started, 300.0)
                    figures.setdefault(name, []).append(seconds)
                    restarts = client.get("/health").json()["neo4j"]["supervisor"]["restarts"]
                    print(f"round {round_ + 1}, {name}: healthy after {seconds:.1f} s "
                          f"(restarts so far: {restarts})")  # fmt: skip
    finally:
        graph.close()
        server.stop()
    for name, values in figures.items():
        print(f"{name}: median {statistics.median(values):.1f} s, "
              f"range {min(values):.1f}-{max(values):.1f} s over {len(values)} kills")  # fmt: skip


if __name__ == "__main__":
    main()
