"""Query parameters and paths in one Unicode spelling (NFKC) before any route reads them.

"Jyva\u0308skyla\u0308" (decomposed, as macOS and many PDFs write it) and fullwidth
"ＫＯＫＫＯＬＡ" resolved to nothing, and ``/facts``, ``/search``, ``/paths`` and the questions
answered 404, while the composed spelling answered. The request is rewritten only when a value
changes, so an ordinary URL (and its ETag) stays as sent.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

from kgraph.names.spelling import normal


class NormalSpelling:
    """ASGI middleware: NFKC the path and every query parameter's name and value."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = _normalised(scope)
        await self.app(scope, receive, send)


def _normalised(scope: Scope) -> Scope:
    changed = dict(scope)
    path = scope["path"]
    if not path.isascii() and normal(path) != path:
        changed["path"] = normal(path)
        changed["raw_path"] = quote(changed["path"]).encode("ascii")
    query = scope.get("query_string", b"")
    if query and not _plain_ascii(query):
        # As Starlette reads it: UTF-8, undecodable bytes replaced.
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        normalised = [(normal(k), normal(v)) for k, v in pairs]
        if normalised != pairs:
            changed["query_string"] = urlencode(normalised, quote_via=quote).encode("ascii")
    return changed


def _plain_ascii(query: bytes) -> bool:
    """No percent-encoded byte beyond ASCII and no raw one: nothing NFKC could change."""
    return query.isascii() and not any(
        query[i + 1 : i + 3].upper() >= b"80" for i in range(len(query)) if query[i : i + 1] == b"%"
    )
