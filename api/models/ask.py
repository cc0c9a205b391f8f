"""``/ask``: a sentence, what it was understood as, and the answer it ran to."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from api.models.common import EntityRef
from api.models.entities import SearchPage
from api.models.queries import QuestionAnswer


class UnderstoodParam(BaseModel):
    """One parameter of what ran, with the words of the sentence it came from."""

    name: str = Field(description="The question's parameter or the search's filter")
    value: Any = Field(description="The value it ran with (ids for entities, ISO dates)")
    words: str = Field(description="The words of the sentence it was read from")
    note: str | None = Field(
        default=None,
        description="start or end: a period (a month, a year) read as its first or last day",
    )
    used: bool = Field(
        default=True,
        description="False for a name that went into a composed parameter (a fact's id)",
    )
    entities: list[EntityRef] = Field(
        default_factory=list, description="The entities the words name, as resolved"
    )


class Understood(BaseModel):
    """What the sentence was read as, as data and as a sentence."""

    rule: str = Field(description="The reading rule that read it (kgraph/ask/rules/<lang>.yaml)")
    run: Literal["question", "search"] = Field(description="A catalogue question or a search")
    question: str | None = Field(default=None, description="The catalogue question's name")
    filter: dict[str, Any] | None = Field(default=None, description="The search's filters")
    params: list[UnderstoodParam] = Field(description="Each parameter with its words")
    said: str = Field(description="The question said back, in the sentence's language")
    link: str = Field(description="The request that runs the same directly")


class AskItem(BaseModel):
    id: str = Field(description="The entity's id")
    name: str = Field(description="Its name")


class Alternative(BaseModel):
    """Another reading of the sentence (an ambiguous word, another question), not run."""

    said: str = Field(description="The other reading, said back")
    link: str = Field(description="The request that runs it")
    rule: str = Field(description="The reading rule behind it")
    run: str = Field(description="The catalogue question's name, or search")
    params: dict[str, Any] = Field(description="Its parameters")


class AskAnswer(BaseModel):
    sentence: str = Field(description="The sentence as asked")
    language: Literal["fi", "en"] = Field(description="The language it was read in")
    understood: Understood = Field(description="What ran, and the sentence said back")
    items: list[AskItem] = Field(
        description="The answer's entities in the answer's order, each once; empty for a "
        "question whose rows name no entity by id (pairs, counts, passages)"
    )
    alternatives: list[Alternative] = Field(
        default_factory=list, description="Other readings, each a link that runs it"
    )
    answer: QuestionAnswer | None = Field(
        default=None, description="The catalogue question's own answer (null for a search)"
    )
    search: SearchPage | None = Field(
        default=None, description="The search's own answer (null for a catalogue question)"
    )
