"""``GET /ask``: a question as a sentence, in Finnish or English, answered by the catalogue
question or the search it reads as, with what was understood and the other readings.

A sentence the reading rules cannot map is refused (422, ``not_understood`` names the words);
a name not found where a rule expects one is a 404 with close names. Answers are kept per
load like the catalogue's, keyed by the sentence as written (and the day, for "now").
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.cached import cached_json
from api.deps import CatalogueDep, ResolverDep, StateDep
from api.errors import problems
from api.models import AskAnswer, QuestionAnswer, SearchHit, SearchPage
from api.routes.questions import info
from kgraph.ask.answer import Answered, ask

router = APIRouter(tags=["ask"])

EXAMPLE = "which cities cover recycling and also sit in funded Horizon projects"


def today() -> dt.date:
    """The day "now" and "this year" are read on (UTC)."""
    return dt.datetime.now(dt.UTC).date()


def _model(a: Answered) -> AskAnswer:
    answer = search = None
    if a.question is not None:
        answer = QuestionAnswer(
            question=info(a.question), params=a.params, rows=a.rows, row_count=len(a.rows),
            truncated=a.truncated,
        )  # fmt: skip
    elif a.filter is not None:
        search = SearchPage(
            total=a.total, offset=a.filter.offset, limit=a.filter.limit,
            items=[SearchHit(**h) for h in a.hits],
        )  # fmt: skip
    return AskAnswer.model_validate(
        {"sentence": a.sentence, "language": a.language, "understood": a.understood(),
         "items": a.items, "alternatives": a.alternatives, "answer": answer, "search": search}
    )  # fmt: skip


@router.get(
    "/ask",
    response_model=AskAnswer,
    responses=problems(
        503,
        s404="A name in the sentence is not found where the question expects one",
        s422="A word of the sentence is not understood (not_understood lists them)",
    ),
)
async def ask_sentence(
    state: StateDep,
    resolver: ResolverDep,
    catalogue: CatalogueDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=300,
            description="The question as a sentence",
            openapi_examples={"card": {"summary": "the analyst's card", "value": EXAMPLE}},
        ),
    ],
    lang: Annotated[
        Literal["fi", "en"] | None,
        Query(description="Read in this language (default: the one that understands more)"),
    ] = None,
) -> Response:
    """E.g. ``/ask?q=which cities cover recycling and also sit in funded Horizon projects``
    or ``/ask?q=Kuka rahoittaa BATCircle3.0:aa?``."""
    day = today()
    key = ("ask", q, lang, day)

    def answer() -> AskAnswer:
        answered = ask(
            state.graph, catalogue, resolver, q, day, language=lang,
            row_cap=state.settings.row_cap,
        )  # fmt: skip
        return _model(answered)

    return await cached_json(state, key, answer, made_in=resolver.generation)
