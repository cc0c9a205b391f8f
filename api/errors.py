"""One place that turns errors into HTTP answers: RFC 9457 problem details.

Every 4xx and 5xx body is ``application/problem+json`` with ``type``, ``title``, ``status``,
``detail`` and ``instance`` (the request path), and the extension member ``error``: the kgraph
error class, or for the framework's own answers the kind of HTTP error. ``NotFound`` adds its
``suggestions``; ``NotUnderstood`` (``/ask``) the words it did not understand,
``not_understood``; a request that fails validation adds ``errors``, one per invalid field.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api.models import Problem
from kgraph.errors import (
    AccessDenied,
    ConfigError,
    CorpusError,
    CredentialsRefused,
    CrossSiteRefused,
    GraphUnavailable,
    InputOutOfBounds,
    KGraphError,
    LoadInterrupted,
    MentionIndexError,
    MissingTool,
    Neo4jFault,
    NotFound,
    NotUnderstood,
    Overloaded,
    PatternError,
    QueryError,
    QueryTimeout,
    QuestionError,
    ReadingRuleError,
    ReadOnlyViolation,
    RegistryError,
    ReviewConflict,
    ReviewRefused,
    SchemaError,
    ServerError,
)

PROBLEM_JSON = "application/problem+json"
_log = logging.getLogger(__name__)

#: The status of every kgraph error class, chosen one by one: the test in
#: tests/unit/test_error_tree.py fails when a class is missing, so none falls to 500 unseen.
STATUS: dict[type[KGraphError], int] = {
    CrossSiteRefused: 403,
    AccessDenied: 401,
    ReviewRefused: 422,
    ReviewConflict: 409,
    NotFound: 404,
    QuestionError: 422,
    NotUnderstood: 422,
    ReadOnlyViolation: 403,
    InputOutOfBounds: 422,
    QueryTimeout: 503,
    GraphUnavailable: 503,
    # The API's own password for Neo4j is wrong (or was changed under it): the service is
    # down until an operator fixes it, not the request at fault.
    CredentialsRefused: 503,
    LoadInterrupted: 503,
    Overloaded: 503,
    QueryError: 400,
    # The server's own state or data is wrong, not the request: 500 on purpose.
    Neo4jFault: 500,
    ConfigError: 500,
    ServerError: 500,
    MissingTool: 500,
    SchemaError: 500,
    CorpusError: 500,
    RegistryError: 500,
    PatternError: 500,
    ReadingRuleError: 500,
    MentionIndexError: 500,
    KGraphError: 500,
}
#: 503s worth retrying soon: the client is told when.
_RETRY_AFTER = (GraphUnavailable, LoadInterrupted, Overloaded)

#: Documented on every route: any 4xx or 5xx body is a Problem (this replaces FastAPI's own
#: 422 schema, whose ``detail`` was a list). Routes name their particular statuses themselves.
RESPONSES: dict[int | str, dict[str, Any]] = {
    range_: {
        "model": Problem,
        "description": description,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    for range_, description in (
        ("4XX", "The request cannot be answered as asked"),
        ("5XX", "The server or Neo4j failed; no internals shown"),
    )
}


#: What each status means when a route does not say more.
_MEANING = {
    400: "Cypher the server refused",
    401: "The API key is required and was missing or wrong",
    403: "A write or administration attempt, or a write from another site",
    404: "Not found; the body lists close names or ids in suggestions",
    409: "Someone else changed the same files first; nothing was written: reload and decide again",
    422: "A parameter is invalid or unknown; errors names each",
    503: "Time limit reached, a load is under way, or Neo4j is unreachable; retry later",
}


def problems(*statuses: int, **described: str) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route that may answer ``statuses``, each a Problem body.

    ``described`` overrides a status's description by its number: ``problems(422, s404="...")``.
    """
    wanted = sorted({*statuses, *(int(key.removeprefix("s")) for key in described)})
    return {
        status: {
            "model": Problem,
            "description": described.get(f"s{status}", _MEANING.get(status, "")),
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in wanted
    }


#: The most characters of a detail: enough to name a problem, too few to echo an input back.
MAX_DETAIL_CHARS = 300
#: Java or Scala internals in Neo4j's messages: "Caused by: org.apache...ParseException: ...".
_CAUSED_BY = re.compile(r"\s*Caused by:.*", re.DOTALL)
_JVM_CLASS = re.compile(r"\b(?:[a-z][\w$]*\.){2,}[A-Z][\w$]*(?:Exception|Error)?\b:?\s*")


def safe_detail(text: str) -> str:
    """A detail fit to show: its first line, no JVM internals, at most MAX_DETAIL_CHARS."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    uncaused = _CAUSED_BY.sub("", first)
    cleaned = _JVM_CLASS.sub("", uncaused).strip().rstrip(":")
    if uncaused != first:
        cleaned += " (the cause is in Neo4j's log)"
    cleaned = "".join(ch if ch.isprintable() else " " for ch in cleaned) or "no detail given"
    if len(cleaned) > MAX_DETAIL_CHARS:
        cleaned = cleaned[: MAX_DETAIL_CHARS - 1] + "…"
    return cleaned


def status_for(kind: type[KGraphError]) -> int:
    """The HTTP status of a kgraph error class: its own entry, else its nearest ancestor's."""
    return next(STATUS[k] for k in kind.__mro__ if k in STATUS)


def _title(kind: type[KGraphError]) -> str:
    return (kind.__doc__ or kind.__name__).strip().splitlines()[0].rstrip(".")


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    error: str,
    type_: str = "about:blank",
    title: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    """One problem-details answer."""
    body = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "error": error,
        **extensions,
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


async def kgraph_error(request: Request, error: Exception) -> JSONResponse:
    """The problem-details answer to a kgraph error (also for middleware, before a route)."""
    assert isinstance(error, KGraphError)
    kind = type(error)
    extensions: dict[str, Any] = (
        {"suggestions": error.suggestions} if isinstance(error, NotFound) else {}
    )
    if isinstance(error, NotUnderstood):
        extensions["not_understood"] = error.words
    status = status_for(kind)
    if status == 500:  # the server's fault: whoever runs it must see it, with its cause
        _log.error("%s on %s %s", kind.__name__, request.method, request.url.path, exc_info=error)
    return problem(
        request,
        status,
        safe_detail(str(error)),
        error=kind.__name__,
        type_=f"urn:kgraph:error:{kind.__name__}",
        title=_title(kind),
        headers={"Retry-After": "5"} if isinstance(error, _RETRY_AFTER) else None,
        **extensions,
    )


def _field(error: dict[str, Any]) -> str:
    return ".".join(str(part) for part in error.get("loc", ())) or "request"


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in error.errors()]
    detail = "; ".join(f"{_field(e)}: {e['msg']}" for e in errors)
    return problem(
        request,
        422,
        safe_detail(detail) if detail else "the request is invalid",
        error="RequestValidationError",
        errors=jsonable_encoder(errors),
    )


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    phrase = HTTPStatus(error.status_code).phrase
    detail = error.detail if isinstance(error.detail, str) else phrase
    return problem(request, error.status_code, detail, error="HTTPException", headers=error.headers)


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    # Logged here with its traceback; the body says nothing of the internals.
    _log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return problem(
        request, 500, "the server failed to answer; the error is in its log", error="InternalError"
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(KGraphError, kgraph_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
