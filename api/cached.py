"""Answers kept per graph generation: the graph changes only when a load lands.

A route hands over a key and a way to build its answer; the JSON body is built once per
load and served as bytes afterwards, skipping the query, validation and encoding.

A kept answer is served on the event loop: a sync route, or a lookup handed to the thread
pool, cost each request a hop to a worker thread and a wait for the GIL behind the others,
which made the tail of answers from memory. Only a missing answer, or a generation due its
lookup, goes to a thread (it may ask Neo4j).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial

from fastapi import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from api.state import AppState
from kgraph.db.cache import ANY_GENERATION


async def cached_json(
    state: AppState,
    key: Hashable,
    build: Callable[[], BaseModel],
    made_in: object = ANY_GENERATION,
) -> Response:
    """The JSON body for ``key``, from the cache or built now (errors are not kept).
    ``made_in``: the generation (a ``Stamp`` or None) of the resolver ``build`` uses, if any."""
    return await cached_body(
        state, key, lambda: build().model_dump_json(by_alias=True).encode(), made_in
    )


async def cached_body(
    state: AppState,
    key: Hashable,
    encode: Callable[[], bytes],
    made_in: object = ANY_GENERATION,
) -> Response:
    """The JSON body for ``key``, from the cache or encoded now (in a worker thread)."""
    body = state.answers.peek(key, None)
    if body is None:
        body = await run_in_threadpool(
            partial(state.answers.get, made_in=made_in), state.graph, key, encode
        )
    return Response(content=body, media_type="application/json")
