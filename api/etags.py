"""ETags on the answers that follow the graph's loads, and 304 on ``If-None-Match``.

The graph changes only when a load lands (db.generation), so an answer to a GET on these
routes is the same for as long as the load is: its ETag is the generation stamp the answer
cache is at (the same one the reads compare), the API's version and the URL. A client that
sends it back in ``If-None-Match`` gets ``304 Not Modified`` without the route running. The
stamp is taken before the route runs, so an answer is never tagged with a load newer than
its own: at worst a new answer carries the old tag for the cache's ``ttl_s`` and is asked for
once more.
"""

from __future__ import annotations

import enum
import hashlib

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import kgraph_error
from api.state import AppState
from kgraph import __version__
from kgraph.errors import GraphUnavailable, KGraphError, QueryTimeout

#: The GETs whose answers depend on the loaded graph and the URL alone.
TAGGED = (
    "/questions", "/entities", "/search", "/facts", "/paths", "/analytics", "/resolve",
    "/documents", "/passages", "/coverage", "/omissions",
)  # fmt: skip
#: Keep the answer, but ask whether it is still current before using it.
CACHE_CONTROL = "no-cache"


def tagged(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in TAGGED)


def etag(stamp_tag: str, path: str, query: bytes) -> str:
    """The strong ETag of the answer to ``path?query`` under one generation."""
    url = hashlib.sha1(path.encode() + b"?" + query).hexdigest()[:12]
    return f'"{stamp_tag}-{__version__}-{url}"'


def matches(if_none_match: str, current: str) -> bool:
    """``If-None-Match`` names ``current`` (weak comparison, as RFC 9110 has it)."""
    given = [tag.strip() for tag in if_none_match.split(",")]
    return any(tag.removeprefix("W/") == current for tag in given)


def any_tag(if_none_match: str) -> bool:
    """``If-None-Match: *``: it matches only a current representation (RFC 9110 13.1.2), so
    only an answer the route gives with 200 becomes 304, never a 404 or a 422."""
    return "*" in (tag.strip() for tag in if_none_match.split(","))


class ETags:
    """ASGI middleware: tag 200 answers of the ``TAGGED`` routes, answer 304 when asked."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not tagged(scope["path"]):
            await self.app(scope, receive, send)
            return
        try:
            current = await _current_etag(scope)
        except (GraphUnavailable, QueryTimeout) as error:
            # The route would ask the same graph for the same stamp and fail the same way:
            # answer now, so a request spends one deadline, not two.
            await (await kgraph_error(Request(scope), error))(scope, receive, send)
            return
        if current is None:  # no graph to ask: the route answers (and says why) untagged
            await self.app(scope, receive, send)
            return
        asked = Headers(scope=scope).get("if-none-match")
        if asked is not None and matches(asked, current):
            headers = {"ETag": current, "Cache-Control": CACHE_CONTROL}
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return

        unmodified = asked is not None and any_tag(asked)
        swallowing = False

        async def send_tagged(message: Message) -> None:
            nonlocal swallowing
            if message["type"] == "http.response.start" and message["status"] == 200:
                if unmodified:  # the route found a current representation: * matches it
                    swallowing = True
                    message = {"type": "http.response.start", "status": 304, "headers": []}
                tagged = MutableHeaders(scope=message)
                tagged["ETag"] = current
                tagged["Cache-Control"] = CACHE_CONTROL
            elif message["type"] == "http.response.body" and swallowing:
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, send_tagged)


class _Due(enum.Enum):
    """``peek_stamp``'s answer when the generation is due a lookup in Neo4j."""

    DUE = enum.auto()


async def _current_etag(scope: Scope) -> str | None:
    state: AppState | None = getattr(scope["app"].state, "kgraph", None)
    if state is None:  # before the lifespan ran
        return None
    cache, graph = state.answers, state.graph
    stamp = cache.peek_stamp(_Due.DUE)  # from memory: no thread, no query, most of the time
    if stamp is _Due.DUE:
        try:
            stamp = await run_in_threadpool(cache.stamp, graph)
        except (GraphUnavailable, QueryTimeout):
            raise
        except KGraphError:
            return None
    if stamp is None:
        return None
    return etag(stamp.tag(), scope["path"], scope.get("query_string", b""))


def install(app: FastAPI) -> None:
    app.add_middleware(ETags)
