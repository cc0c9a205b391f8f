"""The API under test: the real app, on the real test graph, through a real HTTP client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings


@pytest.fixture
def client(empty_graph: Graph, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, graph=empty_graph)) as client:
        yield client


@pytest.fixture
def corpus_client(corpus_graph: Graph, settings: Settings) -> Iterator[TestClient]:
    """The API over the real corpus graph (read-only tests)."""
    with TestClient(create_app(settings, graph=corpus_graph)) as client:
        yield client
