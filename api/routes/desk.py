"""``/desk``: the review desk. Pages to read (the documents with proposals waiting; one
document's text beside its proposals) and three writes: check decisions (accept, reject, edit,
merge a new entity into a registry one), save them (the code
of ``kgraph review``, with a version check), and load (``kgraph load``), each needing the
review key from this site (``api.desk.guard``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse

from api.deps import GraphDep, SettingsDep, StateDep
from api.desk import pages
from api.desk.guard import HEADER, ReviewKeyRequired, review_key
from api.errors import problems
from api.models import DeskChecked, DeskDecisions, DeskLoad, DeskReview, DeskSaved
from api.review_port import Decisions, ReviewDesk

router = APIRouter(tags=["desk"])
DocId = Annotated[str, Path(max_length=200, pattern=r"^[A-Za-z0-9_.-]+$")]
_UNAVAILABLE = (
    "the review desk is not part of this app: it is served by `kgraph serve` and `kgraph up`, "
    "which hand it the review code"
)


def get_desk(state: StateDep) -> ReviewDesk:
    """The review code; an app made without it has no desk (404: not a fault of the server)."""
    if state.desk is None:
        raise HTTPException(404, _UNAVAILABLE)
    return state.desk


DeskDep = Annotated[ReviewDesk, Depends(get_desk)]


def _decisions(body: DeskDecisions) -> Decisions:
    return Decisions(list(body.accept), dict(body.reject),
                     {k: list(v) for k, v in body.edits.items()}, dict(body.merge))  # fmt: skip


@router.get("/desk", response_class=HTMLResponse, include_in_schema=False)
def desk_home(request: Request, state: StateDep, settings: SettingsDep) -> HTMLResponse:
    """The documents whose proposals wait for review."""
    if state.desk is None:
        return pages.render(request, "unavailable.html", 404, message=_UNAVAILABLE)
    return pages.render(request, "index.html", documents=state.desk.documents(),
                        writable=review_key(settings) is not None)  # fmt: skip


@router.get("/desk/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
def desk_document(
    request: Request, state: StateDep, settings: SettingsDep, doc_id: DocId
) -> HTMLResponse:
    """One document: its text with every anchor marked, beside its proposals."""
    if state.desk is None:
        return pages.render(request, "unavailable.html", 404, message=_UNAVAILABLE)
    review = state.desk.document(doc_id)
    return pages.render(request, "document.html", review=review, header=HEADER,
                        writable=review_key(settings) is not None)  # fmt: skip


@router.post(
    "/desk/{doc_id}/check", response_model=DeskChecked, responses=problems(404, 409, 422, 503)
)
def desk_check(desk: DeskDep, doc_id: DocId, body: DeskReview) -> DeskChecked:
    """Check decisions as ``kgraph review`` would take them (edits applied and validated),
    on the version the page was made from (else 409); writes nothing, so it needs no key."""
    checked = desk.check(doc_id, body.version, _decisions(body))
    return DeskChecked.model_validate(asdict(checked))


@router.post(
    "/desk/{doc_id}/review",
    response_model=DeskSaved,
    dependencies=[ReviewKeyRequired],
    responses=problems(401, 403, 404, 409, 422, 503),
)
def desk_review(desk: DeskDep, doc_id: DocId, body: DeskReview) -> DeskSaved:
    """Write the decisions through ``kgraph review``'s code: accepted items into the registry,
    rejections with their reasons into the proposals file; all or nothing. A version other
    than the files' current one is a 409: someone else saved first."""
    saved = desk.save(doc_id, body.version, _decisions(body))
    return DeskSaved.model_validate(asdict(saved))


@router.post(
    "/desk/load",
    response_model=DeskLoad,
    dependencies=[ReviewKeyRequired],
    responses=problems(401, 403, 503),
)
def desk_load(desk: DeskDep, graph: GraphDep) -> DeskLoad:
    """Load the registry (``kgraph load``): accepted items become curated facts."""
    return DeskLoad.model_validate(asdict(desk.load(graph)))
