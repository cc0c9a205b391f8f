"""``/desk``: the review desk's writes and what they answer."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

#: A proposal's key (entity id or ``s|P|o``) and an edit (``field=value``), bounded.
DeskKey = Annotated[str, StringConstraints(min_length=1, max_length=400)]
Assignment = Annotated[str, StringConstraints(min_length=2, max_length=2000)]
Reason = Annotated[str, StringConstraints(max_length=2000)]


class DeskDecisions(BaseModel):
    """A reviewer's decisions on one document, by the keys the page showed."""

    accept: list[DeskKey] = Field(default=[], max_length=5000)
    reject: dict[DeskKey, Reason] = Field(default={}, description="Key -> why (3+ characters)")
    edits: dict[DeskKey, list[Assignment]] = Field(
        default={}, description="Key -> edits in order, each 'field=value' ('props.x=value')"
    )
    merge: dict[DeskKey, DeskKey] = Field(
        default={},
        description="A proposed entity's key -> the id of the registry entity it is the same "
        "as (its names join that entity; facts naming it name that entity)",
    )


class DeskReview(DeskDecisions):
    """Decisions to write, and the version of the files the page was made from."""

    version: Annotated[str, StringConstraints(min_length=1, max_length=100)] = Field(
        description="The page's data-version: a save on another version is a 409 conflict"
    )


class DeskEdited(BaseModel):
    key: str = Field(description="The proposal's key after the edits (a name edit may change it)")
    values: dict[str, Any] = Field(description="The editable fields as they would be written")


class DeskChecked(BaseModel):
    """The decisions are valid as ``kgraph review`` takes them; nothing was written."""

    edited: dict[str, DeskEdited] = Field(description="By the key the page showed")
    renamed: dict[str, str] = Field(
        default={}, description="The page's key -> the key it will be written under, where the "
        "decisions change it (a fact naming a merged entity)",
    )  # fmt: skip


class DeskSaved(BaseModel):
    """What the review wrote (as ``kgraph review`` reports it) and the files' new version."""

    accepted: list[str]
    rejected: list[str]
    edited: list[str]
    pending: list[str] = Field(description="Keys that still wait for review")
    files: list[str] = Field(description="Registry files written")
    version: str
    merged: list[str] = Field(default=[], description="'proposed=existing', one per merge")


class DeskLoad(BaseModel):
    """What the load after review did, as ``kgraph load`` prints it."""

    load_id: str
    mode: str = Field(description="unchanged, document or full")
    seconds: float
    lines: list[str]
