"""``/entities``: browse and open entities, each with every fact and its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api.cached import cached_json
from api.deps import GraphDep, StateDep, TextsDep
from api.errors import problems
from api.models import EntityDetail, EntityPage
from api.params import Limit, Offset
from kgraph.ontology import EntityType
from kgraph.query import lookups

router = APIRouter(tags=["entities"])


@router.get("/entities", response_model=EntityPage, responses=problems(422, 503))
def list_entities(
    graph: GraphDep,
    type: Annotated[EntityType | None, Query(description="Only entities of this type")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in any name or alias")] = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> EntityPage:
    """Entities sorted by name, filtered by type and text."""
    total, items = lookups.list_entities(graph, type=type, q=q, offset=offset, limit=limit)
    return EntityPage.model_validate(
        {"total": total, "offset": offset, "limit": limit, "items": items}
    )


@router.get(
    "/entities/{entity_id}",
    response_model=EntityDetail,
    responses=problems(422, 503, s404="No such entity; the body lists close ids"),
)
async def get_entity(
    state: StateDep,
    graph: GraphDep,
    texts: TextsDep,
    entity_id: Annotated[str, Path(max_length=200)],
) -> Response:
    """Properties, names, aliases, and every relationship with its evidence."""
    return await cached_json(
        state,
        ("entity", entity_id),
        lambda: EntityDetail.model_validate(lookups.get_entity(graph, entity_id, texts=texts)),
    )
