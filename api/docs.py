"""``/docs`` and ``/redoc`` from assets the API serves itself: they render without internet.

FastAPI's own pages load Swagger UI and ReDoc from a CDN (and ReDoc its fonts from Google),
so on a machine offline they are blank. The same pages are built here with FastAPI's
``get_swagger_ui_html`` and ``get_redoc_html`` pointing at the static files that the
``fastapi-offline`` package ships (Swagger UI 5 and ReDoc 2), mounted under ``ASSETS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

#: Where the assets are served from.
ASSETS = "/docs-assets"
#: The package's static folder: swagger-ui-bundle.js, swagger-ui.css, redoc.standalone.js.
ASSET_DIR = Path(fastapi_offline.__file__).parent / "static"
OAUTH2_REDIRECT = "/docs/oauth2-redirect"
#: The pages may load only from the API itself: ReDoc's sidebar credit fetches a logo from its
#: CDN (and hides it when that fails), and Swagger UI may show a validator badge from another
#: host. With this policy the browser never sends those requests. Both pages configure their
#: script inline and ReDoc runs its search in a blob worker.
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:"
)


#: Builds a page given the app, the request's root path and the OpenAPI document's URL.
PageBuilder = Callable[[FastAPI, str, str], HTMLResponse]


def _swagger_ui(app: FastAPI, root: str, openapi_url: str) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=openapi_url,
        title=f"{app.title} - Swagger UI",
        oauth2_redirect_url=f"{root}{OAUTH2_REDIRECT}",
        swagger_js_url=f"{root}{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSETS}/favicon.png",
        swagger_ui_parameters=app.swagger_ui_parameters,
    )


def _redoc(app: FastAPI, root: str, openapi_url: str) -> HTMLResponse:
    return get_redoc_html(
        openapi_url=openapi_url,
        title=f"{app.title} - ReDoc",
        redoc_js_url=f"{root}{ASSETS}/redoc.standalone.js",
        redoc_favicon_url=f"{root}{ASSETS}/favicon.png",
        with_google_fonts=False,
    )


#: Each page: its path, its route's name and how it is built.
PAGES: tuple[tuple[str, str, PageBuilder], ...] = (
    ("/docs", "swagger_ui", _swagger_ui),
    ("/redoc", "redoc", _redoc),
)


def install(app: FastAPI) -> None:
    """Mount the assets and add ``/docs`` and ``/redoc`` (made with ``docs_url=None``)."""
    app.mount(ASSETS, StaticFiles(directory=ASSET_DIR), name="docs-assets")
    for path, name, build in PAGES:
        _add_page(app, path, name, build)

    @app.get(OAUTH2_REDIRECT, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()


def _add_page(app: FastAPI, path: str, name: str, build: PageBuilder) -> None:
    """One offline page: the root path the request came in under, and the policy header."""
    openapi_url = app.openapi_url or "/openapi.json"

    async def page(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        html = build(app, root, f"{root}{openapi_url}")
        html.headers["Content-Security-Policy"] = POLICY
        return html

    app.add_api_route(path, page, methods=["GET"], name=name, include_in_schema=False)
