"""``/coverage`` and ``/omissions``: how much of the corpus the graph accounts for, and what
the registry leaves out on purpose, both as the newest load recorded them."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import GraphDep
from api.models import CoverageReport, OmissionList
from kgraph.query import corpus

router = APIRouter(tags=["corpus"])


@router.get(
    "/coverage",
    response_model=CoverageReport,
    responses={404: {"description": "No load has been recorded yet"}},
)
def coverage(graph: GraphDep) -> CoverageReport:
    """What ``kgraph coverage`` reports: findings accounted for, left out and unexplained,
    entities never named, and values without evidence."""
    return CoverageReport.model_validate(corpus.coverage(graph))


@router.get(
    "/omissions",
    response_model=OmissionList,
    responses={404: {"description": "No load has been recorded yet"}},
)
def omissions(graph: GraphDep) -> OmissionList:
    """Things the corpus names that the graph leaves out on purpose, each with the reason."""
    return OmissionList.model_validate(corpus.omissions(graph))
