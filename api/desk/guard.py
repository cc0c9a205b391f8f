"""Who may write through the desk: the review key, from this site only.

A desk write changes the registry, so it needs a key (``KGRAPH_REVIEW_KEY``, else
``KGRAPH_API_KEY``; with neither set the desk only reads) in the ``X-Review-Key`` header,
and the browser must not say it came from another site: ``Sec-Fetch-Site`` other than
``same-origin`` (or ``none``, typed by the user), or an ``Origin`` other than the API's own
host, is refused. The custom header and the JSON body also mean a cross-site page cannot send
the request without a CORS preflight, which the API does not grant for these routes.
"""

from __future__ import annotations

import hmac
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader
from pydantic import SecretStr

from api.state import AppState, get_state
from kgraph.errors import AccessDenied, CrossSiteRefused
from kgraph.settings import Settings

HEADER = "X-Review-Key"
_KEY = APIKeyHeader(
    name=HEADER,
    scheme_name="ReviewKey",
    auto_error=False,
    description="The review key (KGRAPH_REVIEW_KEY, else KGRAPH_API_KEY) for the desk's writes.",
)
_SAME_SITE = {"same-origin", "none"}


def review_key(settings: Settings) -> SecretStr | None:
    """The key desk writes need: the review key, else the API key, else none (read only)."""
    return settings.review_key or settings.api_key


def same_site(request: Request) -> None:
    """Refuse a request the browser marks as started by another site."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in _SAME_SITE:
        raise CrossSiteRefused(f"the review desk takes no writes from another site "
                               f"(Sec-Fetch-Site: {fetch_site})")  # fmt: skip
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        raise CrossSiteRefused(f"the review desk takes no writes from another origin ({origin})")


async def require_review_key(
    request: Request,
    state: Annotated[AppState, Depends(get_state)],
    given: Annotated[str | None, Security(_KEY)],
) -> None:
    """Let a desk write through from this site with the right key; refuse all else."""
    same_site(request)
    expected = review_key(state.settings)
    if expected is None:
        raise AccessDenied(
            "the review desk writes only with a key: set KGRAPH_REVIEW_KEY (or KGRAPH_API_KEY) "
            "for the API and give it on the desk"
        )
    if given is None or not hmac.compare_digest(
        given.encode(), expected.get_secret_value().encode()
    ):
        raise AccessDenied(f"the review desk needs the review key in the {HEADER} header")


ReviewKeyRequired = Depends(require_review_key)
