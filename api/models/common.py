"""Shapes every answer shares: entity references, evidence, resolved names, pages, problems."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class EntityRef(BaseModel):
    id: str = Field(description="The entity's id (<prefix>:<slug>)")
    name: str | None = Field(default=None, description="Its name")
    type: str | None = Field(default=None, description="Its type")


class EvidenceItem(BaseModel):
    """Where something is stated: a document, the passage in it and the anchor quoted."""

    doc_id: str = Field(description="The document's id (GET /documents/{id})")
    doc_title: str | None = Field(None, description="The document's title, from the manifest")
    doc_kind: str | None = Field(None, description="report, web page, news article, ...")
    passage_id: str = Field(description="The passage that holds the anchor")
    passage_url: str | None = Field(None, description="Where to read the passage whole")
    anchor: str | None = Field(None, description="The phrase the loader found in the passage")
    excerpt: str | None = Field(None, description="The passage around the anchor")
    locator: str | None = Field(
        None,
        description="Where the passage is in the document's original: 'page 12' in a PDF, "
        "'Rahoitetut hankkeet > BATCircle3.0' in a web page or Word file; null for a text "
        "document",
    )
    pages: list[int] | None = Field(None, description="The PDF pages the passage is on, from 1")
    heading_path: list[str] | None = Field(
        None, description="The headings above the passage in a web page or Word file"
    )
    original_url: str | None = Field(
        None,
        description="The original (GET /documents/{id}/original), at the passage's page for a "
        "PDF (#page=12); null for a text document",
    )


class ResolvedName(BaseModel):
    """What one name given in a parameter became (several rows for one name on a tie)."""

    parameter: str = Field(description="The query parameter the name was given in")
    given: str = Field(description="The text as given")
    expected_type: str | None = Field(
        description="The entity type the parameter takes; null when any type will do"
    )
    id: str = Field(description="The entity's id")
    name: str = Field(description="The entity's name")
    type: str = Field(description="The entity's type")
    how: Literal["identifier", "exact", "inflected", "fuzzy"] = Field(
        description="identifier: its id, DOI or acronym; exact: a name or alias; inflected: a "
        "Finnish case form of a name; fuzzy: a close spelling"
    )
    score: float = Field(description="1.0 exact or identifier, 0.95 inflected, below 0.9 fuzzy")
    matched: str = Field(description="The name or form that matched")


RESOLVED_DESCRIPTION = "What each entity name given became, and how it was matched"
WARNINGS_DESCRIPTION = "Things to know before trusting the answer, e.g. a name matched fuzzily"
ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    """One page of a listing: its rows, and where they stand among all that matched.

    Each listing names its page (``class FactPage(Page[Fact])``), so the OpenAPI schema keeps
    a name a client can read rather than ``Page_Fact_``.
    """

    total: int | None = Field(default=None, description="Matches in all, when counted")
    offset: int = Field(description="Rows skipped")
    limit: int = Field(description="Rows asked for at most")
    items: list[ItemT] = Field(description="The rows of this page, in the listing's order")


class Problem(BaseModel):
    """An error answer: RFC 9457 problem details, with kgraph's extension members."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(
        "about:blank",
        description="URI naming the kind of problem: urn:kgraph:error:<Class>, or about:blank",
    )
    title: str = Field(description="Short summary of the kind of problem; the same every time")
    status: int = Field(description="The HTTP status code of this answer")
    detail: str = Field(description="What went wrong this time, for a person to read")
    instance: str = Field(description="The path of the request that had the problem")
    error: str = Field(description="The kgraph error class, or the kind of HTTP error")
    suggestions: list[str] | None = Field(
        None, description="Close names or ids, when the thing asked for does not exist"
    )
    errors: list[dict[str, Any]] | None = Field(
        None, description="Each invalid request field and why, for a 422 validation error"
    )
