"""Neo4j runs with authentication on: no credentials or wrong ones get no data."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase
from neo4j import exceptions as nx

from kgraph.db.graph import Graph, connect
from kgraph.errors import CredentialsRefused
from tests.conftest import Target


def test_neo4j_refuses_a_connection_without_credentials(target: Target) -> None:
    with GraphDatabase.driver(target.uri) as driver, pytest.raises(nx.AuthError):
        driver.verify_connectivity()


def test_neo4j_refuses_a_wrong_password_and_kgraph_says_so(target: Target) -> None:
    # Another user than the real one: failed attempts lock an account for a few seconds.
    graph = Graph(connect(target.uri, ("intruder", "kgraph-dev-password")), target.database)
    try:
        with pytest.raises(CredentialsRefused, match="refused the credentials"):
            graph.ping()
    finally:
        graph.close()
