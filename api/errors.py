"""One place that turns kgraph errors into HTTP answers."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kgraph.errors import (
    AccessDenied,
    GraphUnavailable,
    KGraphError,
    NotFound,
    QueryError,
    QueryTimeout,
    QuestionError,
    ReadOnlyViolation,
)

# Most specific first: the first isinstance match decides.
_STATUS: list[tuple[type[KGraphError], int]] = [
    (AccessDenied, 401),
    (NotFound, 404),
    (QuestionError, 422),
    (ReadOnlyViolation, 403),
    (QueryTimeout, 503),
    (GraphUnavailable, 503),
    (QueryError, 400),
    (KGraphError, 500),
]


def status_for(error: KGraphError) -> int:
    return next(code for kind, code in _STATUS if isinstance(error, kind))


async def _handle(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, KGraphError)
    body: dict[str, object] = {"error": type(error).__name__, "detail": str(error)}
    if isinstance(error, NotFound):
        body["suggestions"] = error.suggestions
    headers = {"Retry-After": "5"} if isinstance(error, GraphUnavailable) else None
    return JSONResponse(status_code=status_for(error), content=body, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(KGraphError, _handle)
