"""Which load the inputs' digests call for: nothing, the changed documents' part, or all."""

from __future__ import annotations

import dataclasses
import json

import pytest

from kgraph.db.writer import GraphInput, NodeRow, RelRow
from kgraph.settings import Settings
from loaders.plan.changes import plan
from loaders.plan.partial import PartsBase, owned, recorded_parts, shares_against
from loaders.sources.inputs import Inputs, read_inputs

BEFORE = Inputs(
    documents={"a": "1", "b": "2", "c": "3"},
    manifest="m",
    registry="r",
    schema="s",
    code="k",
    entries={"a": "ea", "b": "eb", "c": "ec"},
)


def _with(**changes: object) -> Inputs:
    return dataclasses.replace(BEFORE, **changes)  # type: ignore[arg-type]


def test_the_same_inputs_are_unchanged_unless_asked_to_verify() -> None:
    assert plan(BEFORE, _with()).mode == "unchanged"
    verified = plan(BEFORE, _with(), verify=True)
    assert verified.mode == "full" and "--verify" in verified.reason


@pytest.mark.parametrize("name", ["registry", "schema", "code"])
def test_a_changed_registry_schema_or_code_is_a_full_load_saying_which(name: str) -> None:
    now = _with(**{name: "other", "documents": {**BEFORE.documents, "a": "9"}, "manifest": "m2"})
    decided = plan(BEFORE, now)
    assert decided.mode == "full" and decided.reason.startswith(f"the {name} changed")


def test_no_recorded_digests_or_proposals_make_a_full_load() -> None:
    now = _with(documents={**BEFORE.documents, "a": "9"}, manifest="m2")
    assert plan(None, now).mode == "full"
    assert plan(_with(entries={}), now).mode == "full"
    with_proposals = plan(_with(proposals="p"), dataclasses.replace(now, proposals="p"))
    assert with_proposals.mode == "full" and "proposals" in with_proposals.reason


def test_one_edited_document_is_a_document_load_of_that_document() -> None:
    now = _with(documents={**BEFORE.documents, "b": "9"}, manifest="m2",
                entries={**BEFORE.entries, "b": "eb2"})  # fmt: skip
    decided = plan(BEFORE, now)
    assert (decided.mode, decided.documents) == ("document", ("b",))
    assert decided.reason == "only documents changed: changed b"


def test_added_and_removed_documents_are_named_in_the_reason() -> None:
    now = _with(
        documents={"a": "1", "b": "2", "d": "4"}, manifest="m2",
        entries={"a": "ea", "b": "eb", "d": "ed"},
    )  # fmt: skip
    decided = plan(BEFORE, now)
    assert (decided.mode, decided.documents) == ("document", ("c", "d"))
    assert decided.reason == "only documents changed: added d; removed c"


def test_a_manifest_changed_outside_its_entries_rebuilds_no_document() -> None:
    decided = plan(BEFORE, _with(manifest="m2"))
    assert (decided.mode, decided.documents) == ("document", ())


def test_every_document_changed_is_a_full_load() -> None:
    now = _with(documents={"a": "7", "b": "8", "c": "9"}, manifest="m2")
    assert plan(BEFORE, now).mode == "full"


def test_the_recorded_digests_read_back_as_they_were() -> None:
    settings = Settings()
    inputs = read_inputs(settings.corpus_dir, settings.registry_dir, settings.schema_file)
    assert Inputs.from_record(inputs.record()) == inputs
    assert list(inputs.entries) == list(inputs.documents)
    assert Inputs.from_record(None) is None


def _node(label: str, node_id: str, **props: object) -> NodeRow:
    return NodeRow(label, node_id, dict(props))


def _rel(key: str, start: tuple[str, str], end: tuple[str, str], **props: object) -> RelRow:
    return RelRow(key, "T", start[0], start[1], end[0], end[1], dict(props))


def test_a_document_owns_its_rows_and_the_registry_rows_anchored_in_it() -> None:
    rows = GraphInput(
        [
            _node("Document", "a"), _node("Document", "b"),
            _node("Passage", "a:p001", doc_id="a"), _node("Passage", "b:p001", doc_id="b"),
            _node("Entity", "x", evidence_docs=["b", "a"]), _node("Entity", "y"),
            _node("Entity", "z", prop_evidence_docs=["a"]),
            _node("Oddity", "o", evidence_docs=["b"]),
        ],
        [
            _rel("has:a", ("Document", "a"), ("Passage", "a:p001")),
            _rel("m:a", ("Passage", "a:p001"), ("Entity", "x")),
            _rel("m:b", ("Passage", "b:p001"), ("Entity", "x")),
            _rel("ev:o", ("Oddity", "o"), ("Passage", "a:p001")),
            _rel("f1", ("Entity", "x"), ("Entity", "y"), evidence_docs=["a"]),
            _rel("f2", ("Entity", "x"), ("Entity", "y"), evidence_docs=["b"]),
            _rel("i1", ("Entity", "y"), ("Entity", "x"), premise_passages=["b:p001", "a:p001"]),
            _rel("i2", ("Entity", "y"), ("Entity", "z"), premise_passages=["b:p001"]),
            _rel("c", ("Oddity", "o"), ("Entity", "x")),
        ],
    )  # fmt: skip
    mine = owned(rows, {"a"}, {"a:p001"})
    assert [row.id for row in mine.nodes] == ["a", "a:p001", "x", "z"]
    assert [row.key for row in mine.relationships] == ["has:a", "m:a", "ev:o", "f1", "i1"]


def _shares(**mentions: int) -> dict[str, dict[str, int]]:
    return {doc: {"mentions": count} for doc, count in mentions.items()}


FULL = PartsBase("load:full", _shares(a=1, b=2, c=3, d=4, e=5, f=6, g=7))


def test_a_document_load_records_only_the_shares_that_differ_from_the_full_record() -> None:
    # b re-measured, g removed, h added: three of seven documents.
    parts = _shares(a=1, b=20, c=3, d=4, e=5, f=6, h=8)

    base, delta = shares_against(FULL, parts)

    assert (base, delta) == ("load:full", {"b": {"mentions": 20}, "g": None, "h": {"mentions": 8}})
    row = {"id": "load:doc", "parts_base": base, "document_parts": json.dumps(delta),
           "base_parts": json.dumps(FULL.parts)}  # fmt: skip
    assert recorded_parts(row) == (parts, FULL)


def test_shares_differing_in_more_than_half_the_documents_are_recorded_in_full() -> None:
    parts = _shares(a=10, b=20, c=30, d=40, e=5, f=6, g=7)

    assert shares_against(FULL, parts) == (None, {})
    assert shares_against(None, parts) == (None, {})


def test_a_full_record_is_its_own_base_and_a_record_whose_base_is_gone_gives_no_shares() -> None:
    full = {"id": "load:full", "parts_base": None, "document_parts": json.dumps(FULL.parts),
            "base_parts": None}  # fmt: skip
    orphan = {"id": "load:doc", "parts_base": "load:gone", "document_parts": "{}",
              "base_parts": None}  # fmt: skip

    assert recorded_parts(full) == (FULL.parts, FULL)
    assert recorded_parts(orphan) == ({}, None)
