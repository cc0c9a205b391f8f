"""Each boundary translates every error it can meet, in the style of httpx's test_exceptions.

Driver errors become kgraph errors once, in ``kgraph.db.graph``; kgraph errors become HTTP
statuses once, in ``api.errors``. Both lists are found by introspection, so a driver upgrade
that adds an exception, or a new kgraph error, fails here until someone decides its place.
"""

from __future__ import annotations

import inspect
import socket

import pytest
from neo4j import exceptions as nx

from api.errors import STATUS, status_for
from kgraph import errors
from kgraph.db.graph import translated
from kgraph.errors import (
    ConfigError,
    CredentialsRefused,
    GraphUnavailable,
    KGraphError,
    Neo4jFault,
    QueryError,
    ReadOnlyViolation,
)

#: The kgraph error each driver exception becomes (raised bare, as the driver can raise it).
DRIVER_TO_KGRAPH: dict[type[Exception], type[KGraphError]] = {
    # The statement's own faults carry a Neo.ClientError.Statement code (CODE_TO_KGRAPH);
    # raised bare, only the classes that always mean one are the caller's.
    nx.CypherSyntaxError: QueryError,
    nx.CypherTypeError: QueryError,
    nx.Forbidden: ReadOnlyViolation,
    # Without a statement's code, Neo4j's failure is the server's, not the caller's.
    nx.GqlError: Neo4jFault,
    nx.Neo4jError: Neo4jFault,
    nx.ClientError: Neo4jFault,
    nx.ConstraintError: Neo4jFault,
    nx.DatabaseError: Neo4jFault,
    nx.AuthError: CredentialsRefused,
    nx.TokenExpired: CredentialsRefused,
    nx.TransientError: GraphUnavailable,
    nx.DatabaseUnavailable: GraphUnavailable,
    nx.NotALeader: GraphUnavailable,
    nx.ForbiddenOnReadOnlyDatabase: GraphUnavailable,
    # The driver's own failures: used wrong by kgraph, or unable to decode a value.
    nx.DriverError: Neo4jFault,
    nx.SessionError: Neo4jFault,
    nx.TransactionError: Neo4jFault,
    nx.TransactionNestingError: Neo4jFault,
    nx.ResultError: Neo4jFault,
    nx.ResultConsumedError: Neo4jFault,
    nx.ResultFailedError: Neo4jFault,
    nx.ResultNotSingleError: Neo4jFault,
    nx.BrokenRecordError: Neo4jFault,
    nx.ServiceUnavailable: GraphUnavailable,
    nx.RoutingServiceUnavailable: GraphUnavailable,
    nx.WriteServiceUnavailable: GraphUnavailable,
    nx.ReadServiceUnavailable: GraphUnavailable,
    nx.IncompleteCommit: GraphUnavailable,
    nx.SessionExpired: GraphUnavailable,
    # No connection in the pool in time: the server is down or saturated, not the query bad.
    nx.ConnectionPoolError: GraphUnavailable,
    nx.ConnectionAcquisitionTimeoutError: GraphUnavailable,
    # The driver was set up wrong: the server's settings, not the request.
    nx.ConfigurationError: ConfigError,
    nx.AuthConfigurationError: ConfigError,
    nx.CertificateConfigurationError: ConfigError,
    nx.UnsupportedServerProduct: ConfigError,
}


def _driver_exceptions() -> set[type[BaseException]]:
    return {
        value
        for _, value in inspect.getmembers(nx, inspect.isclass)
        if issubclass(value, BaseException) and value.__module__.startswith("neo4j")
    }


def _kgraph_errors(root: type[KGraphError] = KGraphError) -> set[type[KGraphError]]:
    found: set[type[KGraphError]] = set()
    for sub in root.__subclasses__():
        found |= {sub} | _kgraph_errors(sub)
    return found


def test_every_driver_exception_has_a_decided_translation() -> None:
    unmapped = {kind.__name__ for kind in _driver_exceptions() - DRIVER_TO_KGRAPH.keys()}
    assert unmapped == set(), f"driver exceptions with no decided kgraph error: {unmapped}"


@pytest.mark.parametrize("driver_error", DRIVER_TO_KGRAPH, ids=lambda kind: kind.__name__)
def test_the_one_translation_maps_each_driver_exception(driver_error: type[Exception]) -> None:
    with pytest.raises(KGraphError) as raised, translated():
        raise driver_error("boom")
    assert type(raised.value) is DRIVER_TO_KGRAPH[driver_error]
    assert isinstance(raised.value.__cause__, driver_error)


def test_an_integer_the_driver_cannot_pack_is_kgraphs_fault_not_the_callers() -> None:
    # A caller's parameters are checked before (kgraph.query.bounds): this one is kgraph's.
    with pytest.raises(Neo4jFault, match="cannot be sent to Neo4j") as raised, translated():
        raise OverflowError("Python int too large to convert to C long")
    assert isinstance(raised.value.__cause__, OverflowError)


def test_an_address_the_driver_cannot_resolve_is_a_config_error() -> None:
    # What the driver raises for bolt://localhost:notaport, at first use.
    with pytest.raises(ConfigError, match=r"notaport.*; check the Neo4j address$"), translated():
        try:
            raise socket.gaierror(-8, "Servname not supported for ai_socktype")
        except socket.gaierror as error:
            raise ValueError("Failed to DNS resolve address localhost:notaport") from error


def test_any_other_value_error_is_not_translated_but_raised_for_its_traceback() -> None:
    with pytest.raises(ValueError, match="a bug in a unit of work"), translated():
        raise ValueError("a bug in a unit of work")


def test_every_kgraph_error_is_defined_in_errors_py() -> None:
    elsewhere = {
        k.__qualname__: k.__module__ for k in _kgraph_errors() if k.__module__ != errors.__name__
    }
    assert elsewhere == {}


def test_every_kgraph_error_is_drawn_in_the_tree() -> None:
    tree = errors.__doc__ or ""
    public = {k.__name__ for k in _kgraph_errors() if not k.__name__.startswith("_")}
    assert {name for name in public if f" {name} " not in tree} == set()


def test_every_kgraph_error_has_a_status_chosen_for_it() -> None:
    # Private bases (_LocatedError) are never raised; every public class is listed by name.
    public = {k for k in _kgraph_errors() if not k.__name__.startswith("_")} | {KGraphError}
    assert {k.__name__ for k in public - STATUS.keys()} == set()


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (errors.AccessDenied, 401),
        (errors.CrossSiteRefused, 403),
        (errors.ReviewRefused, 422),
        (errors.ReviewConflict, 409),
        (errors.ReadOnlyViolation, 403),
        (errors.NotFound, 404),
        (errors.QuestionError, 422),
        (errors.QueryError, 400),
        (errors.Neo4jFault, 500),
        (errors.QueryTimeout, 503),
        (errors.GraphUnavailable, 503),
        (errors.CredentialsRefused, 503),
        (errors.LoadInterrupted, 503),
        (errors.Overloaded, 503),
        (errors.MissingTool, 500),
        (errors.RegistryError, 500),
        (errors.KGraphError, 500),
    ],
)
def test_status_for_a_kgraph_error(kind: type[KGraphError], status: int) -> None:
    assert status_for(kind) == status


def test_a_private_base_takes_its_nearest_listed_ancestors_status() -> None:
    located = errors.CorpusError.__mro__[1]
    assert located.__name__ == "_LocatedError"
    assert status_for(located) == 500
