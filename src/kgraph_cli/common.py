"""What every command shares: settings, errors as one line, the managed server, a graph."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from functools import wraps
from typing import ParamSpec, TypeVar

import typer
from pydantic import ValidationError

from kgraph.db.graph import Graph, connect
from kgraph.db.server import ManagedNeo4j, ServerConfig
from kgraph.errors import KGraphError
from kgraph.settings import Settings

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


def _one_line(error: ValidationError) -> str:
    """Each invalid setting and why, on one line (the values are left out: one is a password)."""
    return "; ".join(
        f"{'.'.join(str(part) for part in e['loc']) or 'settings'}: {e['msg']}"
        for e in error.errors()
    )


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn kgraph errors and bad values into one readable line and exit 1, not a traceback."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except KGraphError as error:
            raise fail(str(error)) from error
        except ValidationError as error:
            raise fail(f"invalid settings: {_one_line(error)}") from error
        except ValueError as error:
            # Bad input that reaches code outside kgraph's tree: the driver refusing an address
            # ("bolt://host:notaport"), a value a model rejects. One line, not a traceback.
            raise fail(str(error)) from error

    return wrapper


def load_settings() -> Settings:
    return Settings()


def managed_server(settings: Settings) -> ManagedNeo4j:
    return ManagedNeo4j(ServerConfig.from_settings(settings))


def login_line(settings: Settings) -> str:
    """How to log in to the managed server (Neo4j Browser asks): its own password is shown,
    one the user set is only named."""
    if settings.neo4j_password is not None:
        return f"login: user {settings.neo4j_user}, password from NEO4J_PASSWORD"
    return (
        f"login: user {settings.neo4j_user}, password {settings.password} "
        f"(kept in {settings.password_file})"
    )


@contextlib.contextmanager
def open_graph(settings: Settings) -> Iterator[Graph]:
    """A Graph on the configured server, closed on exit."""
    graph = Graph(
        connect(settings.bolt_uri, settings.auth),
        settings.neo4j_database,
        settings.query_timeout_s,
    )
    try:
        yield graph
    finally:
        graph.close()
