"""A managed Neo4j instance of a test module's own, for tests that stop, kill or import into it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.settings import Settings
from tests.ports import shifted_port


@contextmanager
def own_server(
    settings: Settings, instance: str, bolt_port: int, http_port: int, password: str
) -> Iterator[ManagedNeo4j]:
    """A fresh instance (its folder reset) on its own ports, started, and stopped after."""
    config = replace(
        ServerConfig.from_settings(settings, instance=instance),
        bolt_port=shifted_port(bolt_port),
        http_port=shifted_port(http_port),
        password=password,
        guide_url=None,
    )
    server = ManagedNeo4j(config)
    server.reset()
    server.start()
    try:
        yield server
    finally:
        server.stop()
