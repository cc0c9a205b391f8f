"""Property values with evidence: the registry checks what it may say, the anchors are verified
by the same code as fact evidence (a bad one named by its own line), and the corpus registry
gives every value a document states its evidence, or marks it derived with the reasoning."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import RegistryError
from kgraph.ontology import SOURCED_PROPS, EntitySpec, Evidence
from kgraph.settings import Settings
from loaders.build.rows import entity_row
from loaders.sources.evidence import prop_evidence, resolve_evidence
from loaders.sources.registry import Located, Registry, load_registry
from tests.unit.test_evidence import DOCUMENTS
from tests.unit.test_registry_validation import (  # noqa: F401 (a fixture)
    CITY,
    ORG,
    in_the_folder_of_the_registry,
    refused,
    write_registry,
)

PROJECT = """\
- id: project:p
  type: Project
  name: P
  props:
    status: ongoing
    status_note: "reasoned from the dates"
    start: "2024-01-01"
  props_evidence:
    start:
      - {doc: rep, anchor: "Kokkola hosts"}
      - {doc: rep, anchor: "Midpoint line"}
  derived: [status]
"""


def _project(**changes: object) -> EntitySpec:
    spec = {
        "id": "project:p", "type": "Project", "name": "P",
        "props": {"status": "ongoing", "status_note": "from the dates", "start": "2024-01-01"},
        "props_evidence": {"start": [Evidence(doc="rep", anchor="Kokkola hosts")]},
        "derived": ["status"],
    }  # fmt: skip
    return EntitySpec.model_validate({**spec, **changes})


def test_evidence_for_a_property_the_entity_lacks_is_refused_at_its_line(tmp_path: Path) -> None:
    entities = CITY + ORG + PROJECT.replace("    start:\n      -", "    end:\n      -")
    error = refused(write_registry(tmp_path, entities=entities))
    assert error.reason == "props_evidence.end backs a property the entity does not have"
    assert (error.file, error.line) == ("registry/entities/all.yaml", 19)


def test_a_derived_value_needs_the_curators_note(tmp_path: Path) -> None:
    entities = CITY + ORG + PROJECT.replace('    status_note: "reasoned from the dates"\n', "")
    error = refused(write_registry(tmp_path, entities=entities))
    assert error.reason == "derived names 'status': give the reasoning in props.status_note"
    assert error.line == 20


def test_derived_must_name_a_property_of_the_entity() -> None:
    with pytest.raises(ValueError, match="derived names 'end', a property the entity"):
        _project(derived=["end"])


def test_a_bad_value_anchor_is_named_by_the_line_of_that_anchor(tmp_path: Path) -> None:
    registry = load_registry(write_registry(tmp_path, entities=CITY + ORG + PROJECT))
    [entry] = [e for e in registry.entities if e.item.id == "project:p"]
    assert entry.prop_lines == {"start": (19, 20)}
    broken = entry.item.model_copy(
        update={"props_evidence": {"start": [Evidence(doc="rep", anchor="Kokkola hosts"),
                                             Evidence(doc="rep", anchor="Rovaniemi hosts")]}}
    )  # fmt: skip
    located = Located(broken, entry.file, entry.line, prop_lines=entry.prop_lines)
    with pytest.raises(RegistryError) as caught:
        resolve_evidence(Registry(entities=[located]), DOCUMENTS)
    assert (caught.value.file, caught.value.line) == ("registry/entities/all.yaml", 20)
    assert caught.value.reason == "anchor 'Rovaniemi hosts' does not occur in document rep"


def test_value_anchors_resolve_to_passages_and_ride_on_the_node() -> None:
    spec = _project()
    entry = Located(spec, "registry/projects.yaml", 1, prop_lines={"start": (9,)})
    index = resolve_evidence(Registry(entities=[entry]), DOCUMENTS)
    found = prop_evidence(index, spec)
    assert [(prop, r.passage_id, r.anchor) for prop, r in found] == [
        ("start", "rep:p001", "Kokkola hosts")
    ]
    props = entity_row(spec, [], [], found).props
    assert (props["prop_evidence_keys"], props["prop_evidence_passages"]) == (
        ["start"], ["rep:p001"],
    )  # fmt: skip
    assert props["derived_props"] == ["status"]


def test_an_entity_without_sourced_values_carries_no_value_lists() -> None:
    props = entity_row(EntitySpec(id="city:x", type="City", name="X"), [], [], []).props
    assert not any(key.startswith("prop_evidence") or key == "derived_props" for key in props)


def test_a_sourced_value_with_neither_evidence_nor_derived_is_unsourced() -> None:
    assert _project().unsourced() == []
    assert _project(derived=[]).unsourced() == ["status"]
    assert _project(props_evidence={}, derived=[]).unsourced() == ["start", "status"]


def test_every_value_the_corpus_registry_holds_for_projects_and_publications_is_sourced() -> None:
    registry = load_registry(Settings().registry_dir)
    entities = [e.item for e in registry.entities if e.item.type in SOURCED_PROPS]
    assert len([e for e in entities if e.type == "Project"]) == 26
    assert {f"{e.id}.{p}": 1 for e in entities for p in e.unsourced()} == {}
    dated = [e for e in entities if e.type == "Project" and ("start" in e.props
             or "start_year" in e.props)]  # fmt: skip
    # Every date is read, never reasoned: the curator reasons statuses only.
    assert dated and all(
        key in e.props_evidence for e in dated for key in ("start", "end", "start_year",
                                                          "end_year") if key in e.props
    )  # fmt: skip
