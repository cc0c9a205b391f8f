"""Answers kept per graph generation: the graph changes only when a load lands.

A route hands over a key and a way to build its answer; the JSON body is built once per
load and served as bytes afterwards, skipping the query, validation and encoding.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from fastapi import Response
from pydantic import BaseModel

from api.state import AppState


def cached_json(state: AppState, key: Hashable, build: Callable[[], BaseModel]) -> Response:
    """The JSON body for ``key``, from the cache or built now (errors are not kept)."""
    body = state.answers.get(
        state.graph, key, lambda: build().model_dump_json(by_alias=True).encode()
    )
    return Response(content=body, media_type="application/json")
