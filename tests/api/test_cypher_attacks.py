"""The attacks of issue #11 on ``POST /cypher``, and their families, against the real server.

Each administration or system procedure and command, and LOAD CSV with every scheme, is sent
as it is and hidden in every form Cypher accepts: behind a ``//`` comment ended by each line
terminator (``\\r`` walked past the old screen), behind a block comment, with its first letter
written as a ``\\uXXXX`` escape (Neo4j decodes those before it reads the query), with quoted
names. Every one must be refused with 403 and a named reason, the graph's content hash must
not change, no URL may be fetched, and another client's open transaction must live on.
A second test sends the plain attacks to Neo4j's plan check alone, without the text screen:
the plan refuses each by itself.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient

from kgraph.db.graph import Graph
from kgraph.errors import QueryError, ReadOnlyViolation
from kgraph.query import adhoc, readonly
from tests.graph_state import graph_state

#: Procedures and commands a READ transaction would run, each refused here.
ADMIN = {
    "list config": "CALL dbms.listConfig() YIELD name, value RETURN name, value",
    "query jmx": "CALL dbms.queryJmx('*:*') YIELD name, attributes RETURN name, attributes",
    "kill connections": "CALL dbms.killConnections(['bolt-1'])",
    "list connections": "CALL dbms.listConnections()",
    "components": "CALL dbms.components()",
    "current user": "CALL dbms.showCurrentUser()",
    "routing table": "CALL dbms.routing.getRoutingTable({})",
    "set config": "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
    "clear query caches": "CALL db.clearQueryCaches()",
    "collect statistics": "CALL db.stats.collect('QUERIES')",
    "retrieve statistics": "CALL db.stats.retrieve('GRAPH COUNTS')",
    "checkpoint": "CALL db.checkpoint()",
    "resample indexes": "CALL db.resampleOutdatedIndexes()",
    "prepare for replanning": "CALL db.prepareForReplanning()",
    "show settings": "SHOW SETTINGS YIELD name, value RETURN name, value",
    "show transactions": "SHOW TRANSACTIONS YIELD transactionId, currentQuery, parameters",
    "terminate transactions": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "show then terminate": "SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t",
    "show users": "SHOW USERS",
    "show current user": "SHOW CURRENT USER",
    "show databases": "SHOW DATABASES",
    "show servers": "SHOW SERVERS",
    "show privileges": "SHOW PRIVILEGES",
    "show roles": "SHOW ROLES",
    "show aliases": "SHOW ALIASES FOR DATABASE",
}
#: LOAD CSV with every scheme Neo4j knows and some it does not (URL_SINK is replaced).
LOAD_CSV = {
    "file": "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "file, no slashes": "LOAD CSV FROM 'file:/etc/hosts' AS l RETURN l",
    "http": "LOAD CSV FROM 'URL_SINK/a.csv' AS l RETURN l",
    "http with headers": "LOAD CSV WITH HEADERS FROM 'URL_SINK/b.csv' AS r RETURN r",
    "http, field terminator": "LOAD CSV FROM 'URL_SINK/c.csv' AS l FIELDTERMINATOR ';' RETURN l",
    "https": "LOAD CSV FROM 'https://127.0.0.1:9/x.csv' AS l RETURN l",
    "ftp": "LOAD CSV FROM 'ftp://127.0.0.1:9/x.csv' AS l RETURN l",
    "jar": "LOAD CSV FROM 'jar:file:///etc/x.jar!/x.csv' AS l RETURN l",
    "s3": "LOAD CSV FROM 's3://bucket/x.csv' AS l RETURN l",
    "gs": "LOAD CSV FROM 'gs://bucket/x.csv' AS l RETURN l",
    "upper case scheme": "LOAD CSV FROM 'HTTP://127.0.0.1:9/x.csv' AS l RETURN l",
    "url built from strings": "LOAD CSV FROM 'URL_SINK' + '/d.csv' AS l RETURN l",
}
#: What ends a // comment: Cypher's two, and those the screen ends it at too, escaped or not.
ENDINGS = {
    "CR": "\r", "CRLF": "\r\n", "LF": "\n", "LS": "\u2028", "PS": "\u2029", "NEL": "\x85",
    "VT": "\x0b", "FF": "\x0c", "escaped LF": "\\u000a", "escaped CR": "\\u000d",
}  # fmt: skip


def forms(attack: str) -> dict[str, str]:
    """The attack as sent, behind every comment form, and with an escaped first letter."""
    out = {"plain": attack, "lower case": attack.lower() if "'" not in attack else attack}
    out |= {f"after // ended by {name}": f"// read {end}{attack}" for name, end in ENDINGS.items()}
    out |= {
        "after a block comment": f"/* read only */ {attack}",
        "inside a block comment ended by an escape": f"/* x \\u002a/ {attack}",
        "first letter escaped": f"\\u{ord(attack[0]):04x}{attack[1:]}",
        "padded with unicode spaces": "\u3000\u00a0" + attack.replace(" ", "\u2003", 1),
    }
    if attack.startswith("CALL "):
        name = attack[5:].split("(")[0]
        quoted = ".".join(f"`{part}`" for part in name.split("."))
        out["quoted name"] = attack.replace(name, quoted, 1)
        out["name with an escaped dot"] = attack.replace(".", "\\u002e", 1)
    return out


class _Sink(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"leaked,secret\n")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def url_sink() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request: LOAD CSV must never reach it."""
    hits: list[str] = []
    handler = type("Sink", (_Sink,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def test_every_attack_in_every_form_is_refused_and_changes_nothing(
    corpus_client: TestClient, corpus_graph: Graph, url_sink: tuple[str, list[str]]
) -> None:
    url, hits = url_sink
    attacks = {name: query.replace("URL_SINK", url) for name, query in (ADMIN | LOAD_CSV).items()}
    before = graph_state(corpus_graph)
    failures, sent = [], 0
    # Another client's transaction, open through every attack: nothing may end it.
    with corpus_graph.driver.session(database=corpus_graph.database) as session:
        other = session.begin_transaction()
        other.run("RETURN 1").consume()
        for name, attack in attacks.items():
            for form, query in forms(attack).items():
                response = corpus_client.post("/cypher", json={"query": query})
                sent += 1
                body = response.json()
                refused = response.status_code == 403 and body["error"] == "ReadOnlyViolation"
                named = str(body.get("detail", "")).startswith(
                    ("refused: ", "writes are not allowed here: ")
                )
                if not (refused and named):
                    failures.append(f"{name} / {form}: {response.status_code} {response.text[:99]}")
        still = other.run("MATCH (n) RETURN count(n) AS n").single()
        assert still is not None and still["n"] == before.nodes
        other.close()
    print(f"{sent} attacks ({len(attacks)} kinds x their forms) refused")
    assert failures == []
    assert hits == []
    assert graph_state(corpus_graph) == before


@pytest.mark.parametrize("attack", (ADMIN | LOAD_CSV).values(), ids=(ADMIN | LOAD_CSV).keys())
def test_the_plan_alone_refuses_each_attack(corpus_graph: Graph, attack: str) -> None:
    """Without the text screen: Neo4j's plan (EXPLAIN in a READ transaction) refuses it.

    Administration commands do not plan in a database at all: Neo4j refuses to EXPLAIN them
    there (a QueryError), which refuses them just as well."""
    query = attack.replace("URL_SINK", "http://127.0.0.1:9")
    with pytest.raises((ReadOnlyViolation, QueryError)):
        explained = corpus_graph.explain(adhoc.explainable(query))
        readonly.check_plan(explained.query_type, explained.plan)


def test_the_plan_admits_the_reads_people_ask(corpus_graph: Graph) -> None:
    for query in (
        "MATCH (c:City)-[r]-(x) RETURN c, r, x LIMIT 5",
        "CALL db.index.fulltext.queryNodes('kg_entity_names', 'Kokkola') YIELD node RETURN node",
        "SHOW INDEXES YIELD name RETURN name",
        "CALL db.labels() YIELD label RETURN label",
        "MATCH p = ALL SHORTEST (a:City)--+(b:Project) RETURN p LIMIT 1",
        "MATCH (a:Entity) WHERE EXISTS { (a)-[:LOCATED_IN]->() } RETURN count(a) AS n",
    ):
        explained = corpus_graph.explain(query)
        readonly.check_plan(explained.query_type, explained.plan)
