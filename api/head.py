"""HEAD on every GET route: the GET runs, its status and headers are sent, its body is not.

FastAPI routes a GET only (HEAD answered 405), and HTTP (RFC 9110 §9.3.2) asks that a server
answering GET answer HEAD too: monitors and link checkers send it. The answer's headers are
the GET's own, ``Content-Length`` and ``ETag`` included.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """ASGI middleware: run a HEAD request as a GET and send no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # the rest of a streamed body: nothing of it is sent
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
