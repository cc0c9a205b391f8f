"""The HTTP contract as OpenAPI states it: every route says what it answers (no server needed)."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest

import api.routes
from api.main import create_app

FILES = {"/export", "/guide", "/guide/style.grass", "/documents/{doc_id}/original"}  # files


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app().openapi()


def _ok_content(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    content: dict[str, Any] = spec["paths"][path][method]["responses"]["200"].get("content", {})
    return content


def test_every_json_route_declares_a_response_schema(spec: dict[str, Any]) -> None:
    untyped = [
        f"{method.upper()} {path}"
        for path, operations in spec["paths"].items()
        if path not in FILES
        for method in operations
        if not _ok_content(spec, path, method).get("application/json", {}).get("schema")
    ]
    assert untyped == []


def test_json_answers_are_named_schemas_or_lists_of_them(spec: dict[str, Any]) -> None:
    for path, operations in spec["paths"].items():
        if path in FILES:
            continue
        for method in operations:
            schema = _ok_content(spec, path, method)["application/json"]["schema"]
            ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
            assert ref and ref.startswith("#/components/schemas/"), (path, schema)


def test_export_declares_the_media_types_it_sends(spec: dict[str, Any]) -> None:
    # Not "application/json" alone, as FastAPI says of a route it knows nothing about.
    content = _ok_content(spec, "/export", "get")
    assert set(content) == {
        "application/graphml+xml",
        "application/json",
        "application/zip",
        "text/csv",
    }
    assert content["application/zip"]["schema"] == {"type": "string", "format": "binary"}
    assert content["text/csv"]["schema"] == {"type": "string"}


def test_paths_answers_with_from_as_the_public_name(spec: dict[str, Any]) -> None:
    properties = spec["components"]["schemas"]["PathsAnswer"]["properties"]
    assert set(properties) == {"from", "to", "paths", "resolved", "warnings"}


def test_one_router_per_resource() -> None:
    """Each first path segment (a resource) is served by exactly one module of api.routes."""
    owners: dict[str, set[str]] = {}
    for info in pkgutil.iter_modules(api.routes.__path__):
        module = importlib.import_module(f"api.routes.{info.name}")
        for route in module.router.routes:
            resource = route.path.strip("/").split("/")[0]
            owners.setdefault(resource, set()).add(info.name)
    assert {r: m for r, m in owners.items() if len(m) > 1} == {}
    assert owners["paths"] == {"paths"}
    assert owners["export"] == {"export"}
    assert owners["cypher"] == {"cypher"}
