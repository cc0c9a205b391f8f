"""``/proposals``: what an extractor proposed and waits for review, with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import GraphDep, TextsDep
from api.models import DocumentProposals, ProposalsAnswer
from kgraph.query import proposed

router = APIRouter(tags=["proposals"])


@router.get("/proposals", response_model=ProposalsAnswer)
def proposals(graph: GraphDep, texts: TextsDep) -> ProposalsAnswer:
    """Proposed entities and facts by document: confidence, rule, verified evidence, and where
    they disagree with curation (curation wins). Empty unless the load included proposals."""
    return ProposalsAnswer.model_validate(proposed.waiting(graph, texts))


@router.get(
    "/proposals/{doc_id}",
    response_model=DocumentProposals,
    responses={404: {"description": "No such document; the body lists close ids"}},
)
def document_proposals(
    graph: GraphDep, texts: TextsDep, doc_id: Annotated[str, Path(max_length=200)]
) -> DocumentProposals:
    """One document's proposals waiting for review."""
    return DocumentProposals.model_validate(proposed.waiting_for(graph, doc_id, texts))
