"""``/questions``: the catalogue of named analyst questions, one typed operation each.

Each question's operation (``GET /questions/<name>``) is generated from its ``.cypher``
file's header: the parameters' names, types, enums, defaults and an example that answers on
the corpus, so the OpenAPI document lists them and FastAPI validates them.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import WithJsonSchema

from api.cached import cached_json
from api.deps import CatalogueDep, StateDep
from api.errors import problems
from api.models import QuestionAnswer, QuestionInfo, QuestionParam
from api.naming import Names, NamesDep
from api.state import AppState
from kgraph.errors import NotFound
from kgraph.query import questions
from kgraph.query.questions import Catalogue, ParamSpec, Question

# Dates stay text here: the question's own check answers a bad one with a QuestionError that
# says "an ISO date YYYY-MM-DD"; the schema still says format: date.
_ISO_DATE = Annotated[str, WithJsonSchema({"type": "string", "format": "date"})]
_PYTHON_TYPE: dict[str, Any] = {"string": str, "entity": str, "date": _ISO_DATE, "int": int}


def info(question: Question) -> QuestionInfo:
    return QuestionInfo(
        name=question.name,
        title=question.title,
        description=question.description,
        params=[QuestionParam(name=n, **spec.model_dump()) for n, spec in question.params.items()],
        cypher=question.cypher,
        tags=list(question.tags),
    )


#: Every question takes it: only rows whose facts are all of these kinds.
PROVENANCE_PARAM = "provenance"


async def _answer(question: Question, request: Request, state: AppState, names: Names) -> Response:
    given = dict(request.query_params)
    kinds = given.pop(PROVENANCE_PARAM, None)
    provenance = frozenset(k.strip() for k in kinds.split(",") if k.strip()) if kinds else None
    # Keyed by meaning, not spelling: "inferred, curated" and "curated,inferred" are one answer.
    key = ("question", question.name, tuple(sorted(given.items())),
           tuple(sorted(provenance)) if provenance else None)  # fmt: skip

    def answer() -> QuestionAnswer:
        params, rows, truncated = questions.run(
            state.graph, question, given, names.ids, row_cap=state.settings.row_cap,
            provenance=provenance,
        )  # fmt: skip
        return QuestionAnswer(
            question=info(question), params=params, rows=rows, row_count=len(rows),
            truncated=truncated, resolved=names.resolved, warnings=names.warnings,
        )  # fmt: skip

    # The names were resolved before the answer is built: it is kept only if the resolver
    # was the generation's it is kept for.
    return await cached_json(state, key, answer, made_in=names.resolver.generation)


def _query_parameter(name: str, spec: ParamSpec) -> inspect.Parameter:
    """One keyword parameter of a question's endpoint, typed and documented for OpenAPI."""
    kind: Any = Literal.__getitem__(spec.enum) if spec.enum else _PYTHON_TYPE[spec.type]
    description = spec.description
    if spec.entity_type:
        description += f" (resolved as a {spec.entity_type})"
    examples = {"corpus": {"summary": "answers on the corpus", "value": spec.example}}
    query = Query(
        description=description,
        max_length=200 if spec.type in ("string", "entity") and not spec.enum else None,
        openapi_examples=examples if spec.example is not None else None,  # type: ignore[arg-type]
    )
    default: Any = inspect.Parameter.empty if spec.required else spec.default
    annotation = Annotated[kind if spec.required else kind | None, query]  # type: ignore[valid-type]
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def _operation(question: Question) -> Callable[..., Awaitable[Response]]:
    async def ask(request: Request, state: StateDep, names: NamesDep, **_: Any) -> Response:
        return await _answer(question, request, state, names)

    fixed = [
        inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=a)
        for n, a in (("request", Request), ("state", StateDep), ("names", NamesDep))
    ]
    typed = [_query_parameter(n, spec) for n, spec in question.params.items()]
    typed.append(
        inspect.Parameter(
            PROVENANCE_PARAM, inspect.Parameter.KEYWORD_ONLY, default=None,
            annotation=Annotated[str | None, Query(
                max_length=40,
                description="curated, extracted, inferred (comma-separated): only rows whose "
                "facts are all of those kinds",
            )],
        )
    )  # fmt: skip
    ask.__signature__ = inspect.Signature([*fixed, *typed])  # type: ignore[attr-defined]
    ask.__name__ = f"question_{question.name}"
    ask.__doc__ = question.description
    return ask


def router_for(catalogue: Catalogue) -> APIRouter:
    """The catalogue's routes: the list, one operation per question, then unknown names."""
    router = APIRouter(tags=["questions"])

    @router.get("/questions", response_model=list[QuestionInfo], responses=problems(422))
    def list_questions(catalogue: CatalogueDep) -> list[QuestionInfo]:
        """Every named question with its description, parameters and the Cypher it runs."""
        return [info(q) for q in catalogue]

    for question in catalogue:
        router.add_api_route(
            f"/questions/{question.name}",
            _operation(question),
            methods=["GET"],
            response_model=QuestionAnswer,
            summary=question.title,
            operation_id=f"question_{question.name}",
            responses=problems(422, 503, s404="No entity of the expected type for a name given"),
        )

    @router.get("/questions/{name}", include_in_schema=False)
    def unknown_question(name: Annotated[str, Path(max_length=80)]) -> None:
        """Every known question has its own route above; any other name is a 404."""
        catalogue.get(name)
        raise NotFound("question", name)

    return router


CATALOGUE = Catalogue()
router = router_for(CATALOGUE)
