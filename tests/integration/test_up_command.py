"""`kgraph up` (what `make up` runs) loads the corpus before it serves the API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from kgraph.db.graph import Graph
from tests.conftest import Target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def health(port: int) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
            body: dict[str, Any] = json.load(response)
            return body
    except OSError:
        return None


def test_up_loads_the_corpus_then_serves_the_api(empty_graph: Graph, target: Target) -> None:
    port = free_port()
    env = {
        **os.environ,
        "NEO4J_URI": target.uri,  # an existing server: up starts none
        "NEO4J_USER": target.auth[0],
        "NEO4J_PASSWORD": target.auth[1],
        "NEO4J_DATABASE": target.database,
        "KGRAPH_API_PORT": str(port),
    }
    kgraph = Path(sys.executable).with_name("kgraph")
    up = subprocess.Popen([str(kgraph), "up"], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        body = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and up.poll() is None:
            body = health(port)
            if body is not None:
                break
            time.sleep(0.5)
    finally:
        up.terminate()
        output, _ = up.communicate(timeout=30)

    assert body is not None, output
    assert body["last_load"] is not None, body
    assert body["neo4j"]["nodes"] > 500
    assert "loaded in" in output
