"""``/guide``: the Neo4j Browser guide and style sheet (``:play http://localhost:8000/guide``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from api.deps import CatalogueDep
from api.errors import problems
from kgraph import guide

router = APIRouter(tags=["browser"])

# Neo4j Browser fetches the guide from its own origin (port 7474): the guide is public
# documentation without data, so any origin may read it. No other route sends CORS headers.
_OPEN = {"Access-Control-Allow-Origin": "*"}
_PREFLIGHT = {
    **_OPEN,
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Max-Age": "600",
}


@router.options("/guide", include_in_schema=False)
@router.options("/guide/style.grass", include_in_schema=False)
def preflight() -> Response:
    """The Browser asks before fetching the guide from another origin; say yes, for GET."""
    return Response(status_code=204, headers=_PREFLIGHT)


@router.get("/guide", response_class=HTMLResponse, responses=problems(422))
def browser_guide(catalogue: CatalogueDep, request: Request) -> HTMLResponse:
    """The Browser guide: the style (loaded from this API), parameters, the model, graph views
    and every question."""
    return HTMLResponse(guide.render(catalogue, str(request.base_url)), headers=_OPEN)


@router.get("/guide/style.grass", response_class=PlainTextResponse, responses=problems(422))
def browser_style() -> PlainTextResponse:
    """The Browser style sheet (GRASS): colours, sizes and captions per label."""
    return PlainTextResponse(guide.STYLE_FILE.read_text(encoding="utf-8"), headers=_OPEN)
