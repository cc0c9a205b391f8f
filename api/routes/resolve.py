"""``GET /resolve``: any surface form to the ranked entities it may denote."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from api.deps import ResolverDep
from api.errors import problems
from api.models import Match
from kgraph.ontology import EntityType

router = APIRouter(tags=["entities"])


@router.get("/resolve", response_model=list[Match], responses=problems(422, 503))
async def resolve(
    resolver: ResolverDep,
    name: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="Any name: Finnish in any case, "
            "English, Swedish, acronym or alias; small misspellings are forgiven",
        ),
    ],
    type: Annotated[EntityType | None, Query(description="Only entities of this type")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> list[Match]:
    """Ranked matches (score 1.0 exact, 0.95 inflected form, below 0.9 fuzzy)."""
    # A name asked before is answered on the event loop; ranking one goes to a worker thread.
    found = resolver.remembered(name, limit=limit, type=type)
    if found is None:
        found = await run_in_threadpool(partial(resolver.resolve, name, limit=limit, type=type))
    return [Match(**asdict(c)) for c in found]
