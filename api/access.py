"""Who may call what: the API key of protected endpoints, and CORS for browsers.

Both are off unless configured (``KGRAPH_API_KEY``, ``KGRAPH_CORS_ORIGINS``); the API binds to
loopback by default, so out of the box only this machine reaches it.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, FastAPI, Security
from fastapi.security import APIKeyHeader
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send

from api.state import AppState, get_state
from kgraph.errors import AccessDenied
from kgraph.settings import Settings

_API_KEY = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="Needed by POST /cypher when the server sets KGRAPH_API_KEY.",
)


async def require_api_key(
    state: Annotated[AppState, Depends(get_state)],
    given: Annotated[str | None, Security(_API_KEY)],
) -> None:
    """Let the request through when no key is configured or the right one is given."""
    settings = state.settings
    if settings.api_key is None:
        return
    expected = settings.api_key.get_secret_value().encode()
    if given is None or not hmac.compare_digest(given.encode(), expected):
        raise AccessDenied("this endpoint needs the API key in the X-API-Key header")


ApiKeyRequired = Depends(require_api_key)


class _CORSOutsideGuide(CORSMiddleware):
    """CORS for the configured origins; the Browser guide keeps its own open headers."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/guide"):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def install_cors(app: FastAPI, settings: Settings) -> None:
    """Answer browsers from ``settings.cors_origins`` only; no origins, no CORS at all."""
    if not settings.cors_origins:
        return
    app.add_middleware(
        _CORSOutsideGuide,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "X-API-Key"],
    )
