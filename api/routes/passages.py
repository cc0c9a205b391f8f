"""``/passages``: full-text search over the passages, and one passage with what it backs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api.cached import cached_json
from api.deps import GraphDep, StateDep
from api.models import PassageDetail, PassagePage
from api.params import Limit, Offset
from kgraph.query import corpus

router = APIRouter(tags=["corpus"])


@router.get("/passages", response_model=PassagePage)
def search_passages(
    graph: GraphDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="Words to find, Finnish or English, in any inflected form",
            examples=["akkujen kierrätys", "Kokkolassa", "battery recycling"],
        ),
    ],
    doc: Annotated[
        str | None, Query(max_length=200, description="Only passages of this document")
    ] = None,
    offset: Offset = 0,
    limit: Limit = 20,
) -> PassagePage:
    """Passages holding every word of ``q`` (as written, or by its Finnish or English stem),
    best first. Any text is safe: Lucene's special characters are escaped."""
    found = corpus.search_passages(graph, q, doc=doc, offset=offset, limit=limit)
    return PassagePage.model_validate({**found, "offset": offset, "limit": limit})


@router.get(
    "/passages/{passage_id}",
    response_model=PassageDetail,
    responses={404: {"description": "No such passage; the body lists close ids"}},
)
async def get_passage(
    state: StateDep, graph: GraphDep, passage_id: Annotated[str, Path(max_length=200)]
) -> Response:
    """A passage's text and document, the entities it mentions, the facts and property values
    whose evidence it holds, and the oddities it evidences."""
    return await cached_json(
        state,
        ("passage", passage_id),
        lambda: PassageDetail.model_validate(corpus.passage(graph, passage_id)),
    )
