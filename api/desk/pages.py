"""The desk's HTML (Jinja2 templates, autoescaped) and its assets, served by the API itself.

No CDN and no inline script or style: the pages load one JavaScript module and one style
sheet from ``ASSETS``, and the policy below lets them load nothing else, so a proposal or a
document holding ``<script>`` is text twice over (escaped by Jinja2, and no inline script
would run).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

ASSETS = "/desk-assets"
HERE = Path(__file__).parent
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": POLICY,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

_ENV = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """One page, with the policy headers; ``root`` is the path the API is served under."""
    root = request.scope.get("root_path", "")
    html = _ENV.get_template(template).render(root=root, assets=f"{root}{ASSETS}", **context)
    return HTMLResponse(html, status_code=status_code, headers=HEADERS)


def install(app: FastAPI) -> None:
    """Serve the desk's script and style sheet."""
    app.mount(ASSETS, StaticFiles(directory=HERE / "static"), name="desk-assets")
