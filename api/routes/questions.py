"""``/questions``: the catalogue of named analyst questions, and running one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from api.cached import cached_json
from api.deps import CatalogueDep, GraphDep, ResolverDep, SettingsDep
from api.models import QuestionAnswer, QuestionInfo, QuestionParam
from kgraph.query import questions
from kgraph.query.questions import Question

router = APIRouter(tags=["questions"])


def info(question: Question) -> QuestionInfo:
    return QuestionInfo(
        name=question.name,
        title=question.title,
        description=question.description,
        params=[QuestionParam(name=n, **spec.model_dump()) for n, spec in question.params.items()],
        cypher=question.cypher,
        tags=list(question.tags),
    )


@router.get("/questions", response_model=list[QuestionInfo])
def catalogue(catalogue: CatalogueDep) -> list[QuestionInfo]:
    """Every named question with its description, parameters and the Cypher it runs."""
    return [info(q) for q in catalogue]


@router.get(
    "/questions/{name}",
    response_model=QuestionAnswer,
    responses={404: {"description": "No such question; the body lists close names"}},
)
def ask(
    name: Annotated[str, Path(max_length=80)],
    request: Request,
    graph: GraphDep,
    resolver: ResolverDep,
    settings: SettingsDep,
    catalogue: CatalogueDep,
) -> Response:
    """Run a question; its parameters are query parameters (entity names are resolved).

    Every question also takes `provenance` (curated, extracted, inferred; comma-separated):
    only rows whose facts are all of those kinds.
    """
    question = catalogue.get(name)
    given = dict(request.query_params)
    # Reserved for every question: only rows whose facts are all of these kinds.
    kinds = given.pop("provenance", None)
    provenance = frozenset(k.strip() for k in kinds.split(",") if k.strip()) if kinds else None

    def answer() -> QuestionAnswer:
        params, rows, truncated = questions.run(
            graph, question, given, resolver.ids_for, row_cap=settings.row_cap,
            provenance=provenance,
        )  # fmt: skip
        return QuestionAnswer(
            question=info(question),
            params=params,
            rows=rows,
            row_count=len(rows),
            truncated=truncated,
        )

    key = ("question", name, tuple(sorted(given.items())), tuple(sorted(provenance or ())))
    return cached_json(request, key, answer)
