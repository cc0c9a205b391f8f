"""``/questions``: the catalogue of named analyst questions, and running one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from api.cached import cached_json
from api.deps import CatalogueDep, GraphDep, ResolverDep, SettingsDep, StateDep
from api.errors import problems
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


@router.get("/questions", response_model=list[QuestionInfo], responses=problems(422))
def catalogue(catalogue: CatalogueDep) -> list[QuestionInfo]:
    """Every named question with its description, parameters and the Cypher it runs."""
    return [info(q) for q in catalogue]


@router.get(
    "/questions/{name}",
    response_model=QuestionAnswer,
    responses=problems(422, 503, s404="No such question, or no entity for a name given"),
)
def ask(
    name: Annotated[str, Path(max_length=80)],
    request: Request,
    state: StateDep,
    graph: GraphDep,
    resolver: ResolverDep,
    settings: SettingsDep,
    catalogue: CatalogueDep,
) -> Response:
    """Run a question; its parameters are query parameters (entity names are resolved)."""
    question = catalogue.get(name)
    given = dict(request.query_params)

    def answer() -> QuestionAnswer:
        params, rows, truncated = questions.run(
            graph, question, given, resolver.ids_for, row_cap=settings.row_cap
        )
        return QuestionAnswer(
            question=info(question),
            params=params,
            rows=rows,
            row_count=len(rows),
            truncated=truncated,
        )

    return cached_json(state, ("question", name, tuple(sorted(given.items()))), answer)
