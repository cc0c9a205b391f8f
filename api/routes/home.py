"""``/``: where to go from here (the docs, the review desk, the Browser guide, health)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.desk import pages

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> HTMLResponse:
    """A page of links: nothing on it comes from the graph."""
    return pages.render(request, "home.html")
