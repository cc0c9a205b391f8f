"""Answers kept per graph generation: the graph changes only when a load lands.

A route hands over a key and a way to build its answer; the JSON body is built once per
load and served as bytes afterwards, skipping the query, validation and encoding.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from fastapi import Request, Response
from pydantic import BaseModel

from kgraph.db.cache import GenerationCache

#: How many distinct answers to keep; the least recently used goes first.
MAX_ANSWERS = 4096


def answer_cache() -> GenerationCache[bytes]:
    return GenerationCache[bytes](max_entries=MAX_ANSWERS)


def cached_json(request: Request, key: Hashable, build: Callable[[], BaseModel]) -> Response:
    """The JSON body for ``key``, from the cache or built now (errors are not kept)."""
    cache: GenerationCache[bytes] = request.app.state.answers
    body = cache.get(
        request.app.state.graph, key, lambda: build().model_dump_json(by_alias=True).encode()
    )
    return Response(content=body, media_type="application/json")
