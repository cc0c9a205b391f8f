"""Bounds on a request itself, kept before anything parses it: headers (431) and body (413).

Without them a 40 MB JSON body was parsed on the event loop before any bound ran (the API's
memory went from 0.9 to 2.4 GB, ``/health`` stalled 1.1 s) and refused only then with 422,
and a 20 MB header was taken. The checks sit in the application (the outermost middleware),
not in uvicorn's or a proxy's settings, so they hold whatever server or proxy is in front:
the headers are measured as received, a declared ``Content-Length`` over the bound is refused
before a byte of the body is read, and a body without one (chunked) is read only up to the
bound, then refused.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem


class RequestLimits:
    """ASGI middleware: 431 for headers over ``max_header_bytes``, 413 for a body over
    ``max_body_bytes``; the body of a request within bounds is handed on whole."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_header_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.max_headers = max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = sum(len(name) + len(value) + 4 for name, value in scope["headers"])
        sent += len(scope.get("raw_path") or scope["path"]) + len(scope.get("query_string", b""))
        if sent > self.max_headers:
            await self._refuse(scope, receive, send, 431, f"{self.max_headers} bytes of headers")
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._refuse(scope, receive, send, 413, f"a body of {self.max_body} bytes")
            return
        if declared in (None, b"0") and b"transfer-encoding" not in headers:
            await self.app(scope, receive, send)
            return
        body = await self._read(receive)
        if body is None:
            await self._refuse(scope, receive, send, 413, f"a body of {self.max_body} bytes")
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it passes the bound (the rest is not read)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away: the app sees an empty body and the disconnect
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, bound: str
    ) -> None:
        what = "request headers" if status == 431 else "request body"
        answer = problem(
            Request(scope),
            status,
            f"the {what} are larger than this API takes ({bound} at most)"
            if status == 431
            else f"the {what} is larger than this API takes ({bound} at most)",
            error="RequestTooLarge",
            headers={"Connection": "close"},
        )
        await answer(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the body read already, then whatever the client sends next."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
