"""Every catalogue question is its own typed operation in the OpenAPI (no server needed)."""

from __future__ import annotations

from typing import Any

import pytest

from api.main import create_app
from kgraph.ontology import PREDICATES
from kgraph.query.questions import Catalogue

CATALOGUE = Catalogue()
JSON_TYPE = {"string": "string", "entity": "string", "date": "string", "int": "integer"}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app().openapi()


def _schema(parameter: dict[str, Any]) -> dict[str, Any]:
    """The parameter's schema without the ``anyOf [..., null]`` of an optional one."""
    schema: dict[str, Any] = parameter["schema"]
    options: list[dict[str, Any]] = [
        s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"
    ]
    return options[0]


@pytest.mark.parametrize("name", sorted(CATALOGUE.questions))
def test_each_question_is_an_operation_with_its_parameters(spec: dict[str, Any], name: str) -> None:
    question = CATALOGUE.get(name)
    operation = spec["paths"][f"/questions/{name}"]["get"]
    assert operation["operationId"] == f"question_{name}"
    assert operation["summary"] == question.title
    declared = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
    # Its own parameters, and the provenance filter every question takes.
    assert set(declared) == {*question.params, "provenance"}
    assert declared["provenance"]["required"] is False
    for param_name, param in question.params.items():
        schema = _schema(declared[param_name])
        assert schema["type"] == JSON_TYPE[param.type], (param_name, schema)
        assert declared[param_name]["required"] is param.required
        if param.type == "date":
            assert schema["format"] == "date"
        if param.enum:
            assert schema["enum"] == list(param.enum)
        if param.default is not None:
            assert str(declared[param_name]["schema"]["default"]) == str(param.default)
        if param.example is not None:
            assert declared[param_name]["examples"]["corpus"]["value"] == param.example
    assert {"404", "422", "503"} <= set(operation["responses"])


def test_the_free_string_question_route_is_gone_from_the_document(spec: dict[str, Any]) -> None:
    assert "/questions/{name}" not in spec["paths"]


def test_every_entity_parameter_names_the_type_it_is_resolved_as() -> None:
    untyped = [(q.name, n) for q in CATALOGUE for n, p in q.params.items()
               if p.type == "entity" and p.entity_type is None]  # fmt: skip
    # Only "where is an entity mentioned" takes any kind of entity.
    assert untyped == [("entity_mentions", "entity")]


def test_every_parameter_has_an_example() -> None:
    assert [(q.name, n) for q in CATALOGUE for n, p in q.params.items() if p.example is None] == []


def test_the_predicate_enum_is_the_ontologys() -> None:
    assert CATALOGUE.get("single_source_facts").params["predicate"].enum == tuple(PREDICATES)
