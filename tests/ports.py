"""Ports of the Neo4j instances the tests start, shifted by ``KGRAPH_TEST_PORT_OFFSET``.

Two checkouts can then run their suites side by side on one machine.
"""

from __future__ import annotations

import os


def shifted_port(port: int) -> int:
    return port + int(os.environ.get("KGRAPH_TEST_PORT_OFFSET", "0"))
