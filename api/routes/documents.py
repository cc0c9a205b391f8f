"""``/documents``: the corpus's documents, their metadata, hashes and passages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from fastapi.responses import FileResponse

from api.cached import cached_json
from api.deps import GraphDep, SettingsDep, StateDep
from api.models import DocumentDetail, DocumentInfo
from kgraph.query import corpus, originals

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


#: A saved web page is served as it was saved, scripts and all: sandboxed, so none of them runs
#: with the API's origin.
_HTML_POLICY = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"


@router.get(
    "/documents/{doc_id}/original",
    response_class=FileResponse,
    responses={
        200: {
            "description": "The original file (PDF, HTML or DOCX), inline, named by its id",
            "content": {media: {} for media in originals.MEDIA_TYPES.values()},
        },
        404: {"description": "No such document, or it was added as text (no original)"},
        500: {"description": "The original is missing from the corpus folder or changed"},
    },
)
def get_original(
    graph: GraphDep, settings: SettingsDep, doc_id: Annotated[str, Path(max_length=200)]
) -> FileResponse:
    """The file the document's text was extracted from, from the corpus folder only and only
    as the manifest names and hashes it. A PDF passage's evidence links here at its page
    (``#page=12``), which browsers' PDF viewers open at."""
    found = originals.original(graph, settings.corpus_dir, doc_id)
    headers = {"X-Content-Type-Options": "nosniff"}
    if found.format == "html":
        headers["Content-Security-Policy"] = _HTML_POLICY
    return FileResponse(
        found.path,
        media_type=found.media_type,
        filename=found.filename,
        content_disposition_type="inline",
        headers=headers,
    )
