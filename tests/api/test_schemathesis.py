"""Property-based requests from the OpenAPI schema: no server error, no answer off its schema.

Schemathesis generates valid and invalid parameters for every operation (hostile strings,
huge numbers, unknown enum values) and they are sent to the real app on the real corpus
graph. Its pytest plugin does not run under pytest 9, so the operations' Hypothesis
strategies are driven here directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import response_schema_conformance
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Err
from schemathesis.schemas import APIOperation

from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings

EXAMPLES_PER_OPERATION = 110
MINIMUM_REQUESTS = 1000


Operation = APIOperation[Any, Any, Any, Any]


def _probe(
    operation: Operation, sent: dict[str, int], failures: list[str], broken: list[str]
) -> Callable[[], None]:
    """A Hypothesis test that sends the operation's generated cases and records 5xx."""
    label = f"{operation.method.upper()} {operation.path}"

    @given(case=operation.as_strategy())
    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def probe(case: schemathesis.Case[Operation]) -> None:
        response = case.call()
        sent[label] = sent.get(label, 0) + 1
        if response.status_code >= 500:
            failures.append(
                f"{label} {case.path_parameters} {case.query} {case.body!r}: "
                f"{response.status_code} {response.text[:200]}"
            )
        try:  # the answer, whatever its status, fits the schema the operation declares
            case.validate_response(response, checks=[response_schema_conformance])
        except FailureGroup as error:  # schemathesis groups its findings in one exception
            broken.append(f"{label} {case.query}: {response.status_code} {str(error)[:300]}")

    return probe


def test_no_generated_request_yields_a_server_error(
    corpus_graph: Graph, settings: Settings
) -> None:
    app = create_app(settings, graph=corpus_graph)
    sent: dict[str, int] = {}
    failures: list[str] = []
    broken: list[str] = []
    with TestClient(app):  # runs the lifespan: caches and catalogue
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        for result in schema.get_all_operations():
            if isinstance(result, Err):
                raise result.err()  # the app's own document does not parse: that is the failure
            _probe(result.ok(), sent, failures, broken)()
    total = sum(sent.values())
    print(
        f"schemathesis: {total} requests over {len(sent)} operations, {len(failures)} 5xx, "
        f"{len(broken)} answers off their schema"
    )
    assert failures == []
    assert broken == []
    assert total >= MINIMUM_REQUESTS, sent
