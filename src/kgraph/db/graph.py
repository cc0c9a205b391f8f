"""The one place that talks to Neo4j.

``Graph`` wraps a driver and a database name. Reads run in read transactions, writes in
write transactions, both with a time limit; every driver error is translated here, once,
into the kgraph exception tree.

Neo4j isolates transactions as read-committed: a query that runs while a load commits can
count relationships before the commit and read names after it, a mix of two graphs. Every
load records exactly one ``LoadRun`` in its own transaction, so reads look up the graph's
generation (db.generation) before and after their work, in the same transaction, and run
again when a load landed in between.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction, Query
from neo4j import exceptions as nx

from kgraph.db import cypher, deadline, generation
from kgraph.db.generation import Stamp
from kgraph.errors import (
    ConfigError,
    CredentialsRefused,
    GraphUnavailable,
    KGraphError,
    Neo4jFault,
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
)

T = TypeVar("T")
Row = dict[str, Any]


@dataclass(frozen=True)
class Explained:
    """What Neo4j planned for a query it did not run: type (r, w, rw, s), plan, warnings."""

    query_type: str | None
    plan: dict[str, Any] | None
    warnings: list[dict[str, Any]]


class Rows(list[Row]):
    """The rows of a read, with their column names and whether a cap cut them short."""

    def __init__(self, rows: list[Row], columns: list[str], *, truncated: bool = False) -> None:
        super().__init__(rows)
        self.columns = columns
        self.truncated = truncated


_TIMEOUT_CODES = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    "Neo.TransientError.Transaction.LockClientStopped",
)
_READ_ONLY_CODES = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Security.Forbidden",
)


#: How often a read runs again because a load landed while it ran.
MAX_STRADDLED_READS = 3


def _unchanged_generation(tx: ManagedTransaction, work: Callable[[ManagedTransaction], T]) -> T:
    """``work``'s result, from reads that no load committed in the middle of."""
    for _ in range(MAX_STRADDLED_READS):
        before = generation.in_tx(tx)
        result = work(tx)
        if generation.in_tx(tx) == before:
            return result
    raise GraphUnavailable(
        f"the graph was reloaded during each of {MAX_STRADDLED_READS} attempts to read it"
    )


#: The transaction metadata key that ``running`` finds a tagged transaction by.
TAG_KEY = "kgraph_call"


def _tagged(tag: str | None) -> dict[str, str] | None:
    return None if tag is None else {TAG_KEY: tag}


#: Neo4j's codes for a statement the client got wrong: its syntax, types, arithmetic,
#: parameters, or a procedure it calls. Only these are the caller's error (QueryError, 400).
_STATEMENT_CODES = ("Neo.ClientError.Statement.", "Neo.ClientError.Procedure.")


def translate(error: Exception) -> KGraphError:
    """Map a driver error onto the kgraph exception tree.

    Only Neo4j's refusals of the statement are ``QueryError`` (the caller's Cypher); Neo4j's
    other failures and the driver's own (a value it cannot decode, a session or result used
    wrong, a value kgraph sent that it cannot encode) are ``Neo4jFault``: the server's."""
    if isinstance(error, KGraphError):
        return error
    if isinstance(error, nx.AuthError):
        return CredentialsRefused(f"Neo4j refused the credentials: {error.message}")
    if isinstance(error, nx.Neo4jError):
        return _neo4j_error(error)
    if isinstance(error, nx.ServiceUnavailable | nx.SessionExpired | OSError):
        return GraphUnavailable(f"Neo4j is unreachable: {error}")
    if isinstance(error, nx.ConnectionPoolError):
        return GraphUnavailable(f"no connection to Neo4j in time: {error}")
    if isinstance(error, nx.ConfigurationError):
        return ConfigError(f"the Neo4j driver is configured wrong: {error}")
    if isinstance(error, nx.BrokenRecordError):
        return Neo4jFault(f"the driver cannot decode a value of Neo4j's answer: {error}")
    if isinstance(error, nx.DriverError | nx.GqlError):
        return Neo4jFault(f"the Neo4j driver failed: {type(error).__name__}: {error}")
    if isinstance(error, ValueError) and isinstance(error.__cause__, socket.gaierror):
        # The driver's "Failed to DNS resolve address host:notaport": an address that cannot
        # work (an unresolvable host is ServiceUnavailable, above).
        return ConfigError(f"{error}; check the Neo4j address")
    if isinstance(error, OverflowError):
        # The driver packs integers in 64 bits; a caller's parameters are checked before
        # (kgraph.query.bounds), so one that reaches the driver is kgraph's own value.
        return Neo4jFault(f"a value cannot be sent to Neo4j: {error}")
    return KGraphError(f"{type(error).__name__}: {error}")


def _neo4j_error(error: nx.Neo4jError) -> KGraphError:
    code = error.code or ""
    if code in _TIMEOUT_CODES or "TimedOut" in code:
        return QueryTimeout(f"query stopped at its time limit ({code})")
    if code in _READ_ONLY_CODES or isinstance(error, nx.Forbidden):
        return ReadOnlyViolation(f"writes are not allowed here: {error.message}")
    if code.endswith("Transaction.Terminated"):
        # Someone or something ended the query: the service, not the request, failed.
        return GraphUnavailable("Neo4j terminated the query before it finished")
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return GraphUnavailable(f"database not found: {error.message}")
    if isinstance(error, nx.TransientError):
        return GraphUnavailable(f"Neo4j could not serve the query: {error.message}")
    if code.startswith(_STATEMENT_CODES) or isinstance(
        error, nx.CypherSyntaxError | nx.CypherTypeError
    ):
        return QueryError(f"{code}: {error.message}")
    if code == "Neo.DatabaseError.General.UnknownError" and (error.message or "").startswith(
        "Lexical error at line"
    ):
        # Neo4j 5.26's lexer reports some statements it cannot read ("/* `", an unterminated
        # comment) as an unknown database error; the statement is the caller's, so it is theirs.
        return QueryError(f"Neo.ClientError.Statement.SyntaxError: {error.message}")
    return Neo4jFault(f"Neo4j failed the query: {code or type(error).__name__}: {error.message}")


def _write_outcome(error: GraphUnavailable) -> str:
    """What a write transaction that lost Neo4j did to the graph, for the one who acts on it."""
    if isinstance(error.__cause__, nx.IncompleteCommit):
        return (
            "Neo4j went away while committing, so the graph holds either all of this write "
            "or none of it: run it again once Neo4j is back"
        )
    return "the transaction did not commit, so the graph is unchanged"


@contextlib.contextmanager
def translated() -> Iterator[None]:
    """Re-raise any driver error as the matching kgraph error."""
    try:
        yield
    # GqlError is the root of Neo4jError and DriverError: the driver raises little outside it.
    except (nx.GqlError, OSError, OverflowError) as error:
        raise translate(error) from error
    except ValueError as error:
        if not isinstance(error.__cause__, socket.gaierror):
            raise  # not the driver's address lookup: a bug, with its traceback
        raise translate(error) from error


def connect(uri: str, auth: tuple[str, str], **config: Any) -> Driver:
    """Open a driver (lazily: no network until first use).

    Server notifications are off by default: kgraph's queries name properties that may not
    exist yet (on an empty graph), and the warnings would drown the output.
    """
    config.setdefault("notifications_min_severity", neo4j.NotificationMinimumSeverity.OFF)
    with translated():
        return GraphDatabase.driver(uri, auth=auth, **config)


class Graph:
    """A Neo4j database, through one driver, with time-limited read and write helpers.

    Every call has two limits: Neo4j's own (``timeout_s``, the transaction timeout) and the
    client's deadline ``timeout_s + margin_s`` (kgraph.db.deadline), after which the caller
    gets ``QueryTimeout`` whatever the server does, and the connection is dropped.
    """

    def __init__(
        self,
        driver: Driver,
        database: str = "neo4j",
        timeout_s: float = 10.0,
        *,
        margin_s: float = deadline.MARGIN_S,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.margin_s = margin_s

    def limited(self, timeout_s: float) -> Graph:
        """The same database and driver with another time limit (a quick route's own)."""
        return Graph(self.driver, self.database, timeout_s, margin_s=self.margin_s)

    def _query(self, text: str, timeout_s: float | None) -> Query:
        return Query(text, timeout=self._limit(timeout_s))

    def _limit(self, timeout_s: float | None) -> float:
        return timeout_s if timeout_s is not None else self.timeout_s

    def _in_session(
        self, access: str, timeout_s: float | None, work: Callable[[neo4j.Session], T]
    ) -> T:
        """``work`` in a session of its own, in a worker, within the client's deadline."""

        def run(call: deadline.Call) -> T:
            call.check()
            with (
                translated(),
                self.driver.session(database=self.database, default_access_mode=access) as s,
            ):
                call.session = s
                call.check()
                return work(s)

        return deadline.within(self._limit(timeout_s), self.margin_s, run)

    def read(
        self,
        text: str,
        params: Mapping[str, Any] | None = None,
        *,
        cap: int | None = None,
        timeout_s: float | None = None,
    ) -> Rows:
        """Run a read query in a read transaction and return its rows as dicts.

        With ``cap``, at most that many rows, and ``truncated`` tells whether there were more:
        rows past the cap are never fetched, so on a large graph a listing question costs the
        server's work, not the transfer and decoding of every row.
        """
        values = dict(params or {})

        def work(tx: ManagedTransaction) -> Rows:
            result = tx.run(text, values)
            records = list(result if cap is None else islice(result, cap + 1))
            columns = list(result.keys())
            result.consume()
            kept = records if cap is None else records[:cap]
            return Rows([r.data() for r in kept], columns, truncated=len(records) > len(kept))

        return self.in_read_tx(work, timeout_s=self._limit(timeout_s))

    def write(
        self, text: str, params: Mapping[str, Any] | None = None, *, timeout_s: float | None = None
    ) -> list[Row]:
        """Run one write query in its own write transaction."""
        values = dict(params or {})

        def work(tx: ManagedTransaction) -> list[Row]:
            return [record.data() for record in tx.run(text, values)]

        return self.in_write_tx(work, timeout_s=self._limit(timeout_s))

    def plan(self, text: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The planner's plan of a query (EXPLAIN: nothing runs), as nested dicts."""
        values = dict(params or {})

        def work(session: neo4j.Session) -> dict[str, Any]:
            summary = session.run(self._query("EXPLAIN " + text, None), values).consume()
            plan: dict[str, Any] = summary.plan or {}
            return plan

        return self._in_session(neo4j.READ_ACCESS, None, work)

    def explain(
        self,
        text: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_s: float | None = None,
        tag: str | None = None,
    ) -> Explained:
        """EXPLAIN ``text`` in a READ transaction (nothing runs), warnings on whatever the
        driver's default; their positions are those in ``text``. ``tag``: see ``running``."""

        limit = self._limit(timeout_s)

        @neo4j.unit_of_work(timeout=limit, metadata=_tagged(tag))
        def _unit(tx: ManagedTransaction) -> neo4j.ResultSummary:
            return tx.run("EXPLAIN\n" + text, dict(params or {})).consume()

        def run(call: deadline.Call) -> neo4j.ResultSummary:
            # Planning can hang as running can (the parser's stack): the same deadline.
            call.check()
            with (
                translated(),
                self.driver.session(
                    database=self.database,
                    default_access_mode=neo4j.READ_ACCESS,
                    notifications_min_severity=neo4j.NotificationMinimumSeverity.WARNING,
                ) as session,
            ):
                call.session = session
                return session.execute_read(_unit)

        summary = deadline.within(limit, self.margin_s, run)
        warnings = [
            {"code": status.gql_status, "description": status.status_description,
             "severity": status.raw_severity, "classification": status.raw_classification,
             "position": None if status.position is None else {
                 # One line ("EXPLAIN") of eight characters came before the query.
                 "line": status.position.line - 1, "column": status.position.column,
                 "offset": status.position.offset - 8}}
            for status in summary.gql_status_objects if status.is_notification
        ]  # fmt: skip
        return Explained(summary.query_type, summary.plan, warnings)

    def run_autocommit(
        self, text: str, params: Mapping[str, Any] | None = None, *, timeout_s: float | None = None
    ) -> None:
        """Run one auto-commit query: schema commands and CALL {...} IN TRANSACTIONS need it."""
        values = dict(params or {})

        def work(session: neo4j.Session) -> None:
            session.run(self._query(text, timeout_s), values).consume()

        self._in_session(neo4j.WRITE_ACCESS, timeout_s, work)

    def in_write_tx(self, work: Callable[[ManagedTransaction], T], *, timeout_s: float) -> T:
        """Run ``work`` in one write transaction: all of it commits, or none of it.

        When Neo4j goes away the error says which: before the commit was sent, the graph is
        unchanged; while it was being committed, nobody can know until Neo4j is back."""
        try:
            return self._in_tx(neo4j.WRITE_ACCESS, work, timeout_s)
        except GraphUnavailable as error:
            raise GraphUnavailable(f"{error}; {_write_outcome(error)}") from error.__cause__

    def in_read_tx(
        self, work: Callable[[ManagedTransaction], T], *, timeout_s: float, tag: str | None = None
    ) -> T:
        """Run ``work`` in one read transaction (the server refuses writes in it), again if a
        load committed while it ran, so it sees one generation of the graph. ``tag``: see
        ``running``."""
        return self._in_tx(
            neo4j.READ_ACCESS, lambda tx: _unchanged_generation(tx, work), timeout_s, tag
        )

    def _in_tx(
        self,
        access: str,
        work: Callable[[ManagedTransaction], T],
        timeout_s: float,
        tag: str | None = None,
    ) -> T:
        def run(call: deadline.Call) -> T:
            @neo4j.unit_of_work(timeout=timeout_s, metadata=_tagged(tag))
            def _unit(tx: ManagedTransaction) -> T:
                call.check()  # the driver retries a failed unit: not once the caller left
                return work(tx)

            call.check()
            with (
                translated(),
                self.driver.session(database=self.database, default_access_mode=access) as s,
            ):
                call.session = s
                execute = s.execute_read if access == neo4j.READ_ACCESS else s.execute_write
                return execute(_unit)

        return deadline.within(timeout_s, self.margin_s, run)

    def generation(self) -> Stamp:
        """The graph's generation now (db.generation), in one read transaction."""
        return self._in_tx(neo4j.READ_ACCESS, generation.in_tx, self.timeout_s)

    def running(self, tag: str) -> list[str]:
        """The ids of the transactions Neo4j still lists under ``tag`` (the metadata a read or
        an EXPLAIN was given), terminated or not: a loop inside an expression runs on after
        its time limit, and after TERMINATE, until it ends."""

        def work(session: neo4j.Session) -> list[str]:
            result = session.run(self._query(cypher.TAGGED_TRANSACTIONS, None), {"tag": tag})
            return [str(row["id"]) for row in result]

        return self._in_session(neo4j.READ_ACCESS, None, work)

    def terminate(self, ids: list[str]) -> None:
        """Ask Neo4j to terminate these transactions (those already gone are no error)."""

        def work(session: neo4j.Session) -> None:
            session.run(self._query(cypher.TERMINATE_TRANSACTIONS, None), {"ids": ids}).consume()

        self._in_session(neo4j.WRITE_ACCESS, None, work)

    def verify_connectivity(self) -> None:
        """Connect and authenticate once, without the driver's retries, or raise:
        ``CredentialsRefused`` when Neo4j refuses the user or password, ``GraphUnavailable``
        when it does not answer, ``QueryTimeout`` when it answers nothing in time."""

        def verify(call: deadline.Call) -> None:
            with translated():
                self.driver.verify_connectivity()

        deadline.within(self.timeout_s, self.margin_s, verify)

    def ping(self) -> dict[str, Any]:
        """Server version and edition, or GraphUnavailable.

        Connectivity is checked first (``verify_connectivity``): an unreachable server
        answers "unreachable" at once instead of retrying until the deadline."""
        self.verify_connectivity()
        rows = self.read(cypher.SERVER_COMPONENTS)
        return rows[0] if rows else {}

    def close(self) -> None:
        self.driver.close()
