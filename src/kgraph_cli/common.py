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
from kgraph.errors import ConfigError, KGraphError
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
    """Turn kgraph's errors into one readable line and exit 1, not a traceback.

    Only kgraph's own tree: what kgraph knows to be the user's input or the machine's state is
    raised as a KGraphError (the driver's errors are translated in kgraph.db.graph, settings'
    in ``load_settings``). Anything else is a bug, and its traceback is what finds it."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except KGraphError as error:
            raise fail(str(error)) from error

    return wrapper


def load_settings() -> Settings:
    """The settings from the environment and ``.env``; ConfigError naming each invalid one."""
    try:
        return Settings()
    except ValidationError as error:
        raise ConfigError(f"invalid settings: {_one_line(error)}") from error


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
