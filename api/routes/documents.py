"""``/documents``: the corpus's documents, their metadata, hashes and passages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.cached import cached_json
from api.deps import GraphDep, StateDep
from api.models import DocumentDetail, DocumentInfo
from kgraph.query import corpus

router = APIRouter(tags=["corpus"])


@router.get("/documents", response_model=list[DocumentInfo])
def list_documents(graph: GraphDep) -> list[DocumentInfo]:
    """Every source document: title, language, kind, publisher, year, file and SHA-256."""
    return [DocumentInfo.model_validate(doc) for doc in corpus.documents(graph)]


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentDetail,
    responses={404: {"description": "No such document; the body lists close ids"}},
)
async def get_document(
    state: StateDep, graph: GraphDep, doc_id: Annotated[str, Path(max_length=200)]
) -> Response:
    """A document's metadata and hash, and its cleaned passages in order."""
    return await cached_json(
        state,
        ("document", doc_id),
        lambda: DocumentDetail.model_validate(corpus.document(graph, doc_id)),
    )
