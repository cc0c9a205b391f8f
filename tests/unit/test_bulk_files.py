"""Rows become typed CSV files the importer reads: one file per shape, every cell filled."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from kgraph.db.bulk import import_arguments
from kgraph.db.bulk_files import ARRAY_DELIMITER, write_import_files
from kgraph.db.writer import NodeRow, RelRow, content_hash
from kgraph.errors import LoadInterrupted


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_nodes_of_one_shape_share_a_file_with_a_typed_header(tmp_path: Path) -> None:
    nodes = [
        NodeRow("Entity", "project:a", {"id": "project:a", "name": 'A "q", b', "start":
                dt.date(2024, 1, 1), "aliases": ["x;y", "z"], "budget_eur": 1.5}, ("Project",)),
        NodeRow("Entity", "project:b", {"id": "project:b", "name": "B\nline", "start":
                dt.date(2025, 2, 1), "aliases": ["w"], "budget_eur": 2.0}, ("Project",)),
        NodeRow("Entity", "city:c", {"id": "city:c", "name": "C", "stated": True}, ("City",)),
    ]  # fmt: skip
    files = write_import_files(nodes, [], tmp_path)

    assert files.counts == {"nodes": 3, "relationships": 0}
    assert len(files.nodes) == 2
    header, first, second = _read(files.nodes[0])
    assert header == [
        "id:ID(Entity)", ":LABEL", "_hash:string", "aliases:string[]", "budget_eur:double",
        "name:string", "start:date",
    ]  # fmt: skip
    assert first[:2] == ["project:a", f"Entity{ARRAY_DELIMITER}Project"]
    assert first[3:] == [f"x;y{ARRAY_DELIMITER}z", "1.5", 'A "q", b', "2024-01-01"]
    assert second[5] == "B\nline"
    assert first[2] == content_hash(nodes[0].props)
    assert _read(files.nodes[1])[0][2:] == ["_hash:string", "name:string", "stated:boolean"]


def test_relationships_carry_their_key_and_hash(tmp_path: Path) -> None:
    rel = RelRow("k1", "FUNDED_BY", "Entity", "project:a", "Entity", "org:b", {"amount_eur": 5})
    files = write_import_files([], [rel], tmp_path)

    header, row = _read(files.relationships[0])
    assert header == [
        ":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "_hash:string", "_key:string",
        "amount_eur:long",
    ]  # fmt: skip
    assert row == ["project:a", "org:b", "FUNDED_BY", content_hash({"amount_eur": 5}), "k1", "5"]


@pytest.mark.parametrize(
    ("props", "problem"),
    [
        ({"id": "x", "bad": ["a", 1]}, "bad: a list mixes"),
        ({"id": "x", "bad": {"a": 1}}, "bad: a dict cannot be imported"),
        ({"id": "x", "bad": f"a{ARRAY_DELIMITER}b"}, "bad: text holds the import's list"),
    ],
)
def test_what_the_importer_cannot_take_is_named(
    tmp_path: Path, props: dict[str, object], problem: str
) -> None:
    with pytest.raises(LoadInterrupted, match=f"node Entity x.{problem}"):
        write_import_files([NodeRow("Entity", "x", props)], [], tmp_path)


def test_a_line_break_in_any_value_asks_for_multiline_parsing(tmp_path: Path) -> None:
    plain = NodeRow("Entity", "city:c", {"id": "city:c", "name": "C", "aliases": ["a", "b"]})
    broken = NodeRow("Entity", "city:d", {"id": "city:d", "name": "D", "aliases": ["a\nb"]})

    assert write_import_files([plain], [], tmp_path / "plain").multiline is False
    files = write_import_files([plain, broken], [], tmp_path / "broken")
    assert files.multiline is True
    assert _read(files.nodes[0])[2][3] == "a\nb"  # id, labels, _hash, aliases


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ({"name": f"a{ARRAY_DELIMITER}b"}, "name: text holds the import's list"),
        ({"aliases": ["a", f"b{ARRAY_DELIMITER}"]}, "aliases: text holds the import's list"),
        ({"aliases": ["a", 1]}, "aliases: a list mixes"),
    ],
)
def test_a_bad_row_after_good_ones_of_its_shape_is_named(
    tmp_path: Path, bad: dict[str, object], problem: str
) -> None:
    good = [
        NodeRow("Entity", f"city:{n}", {"id": f"city:{n}", "name": "C", "aliases": ["a", "b"]})
        for n in range(3)
    ]
    row = NodeRow("Entity", "city:x", {"id": "city:x", "name": "C", "aliases": ["a"], **bad})
    with pytest.raises(LoadInterrupted, match=f"^node Entity city:x.{problem}"):
        write_import_files([*good, row], [], tmp_path)


def test_the_importer_parses_multi_line_fields_only_when_a_value_breaks_a_line(
    tmp_path: Path,
) -> None:
    one_line = write_import_files([NodeRow("Entity", "c", {"id": "c", "name": "C"})], [], tmp_path)
    two_lines = write_import_files(
        [NodeRow("Entity", "d", {"id": "d", "name": "D\nE"})], [], tmp_path / "more"
    )

    assert "--multiline-fields=false" in import_arguments("neo4j", one_line, tmp_path / "r")
    arguments = import_arguments("neo4j", two_lines, tmp_path / "r")
    assert "--multiline-fields=true" in arguments
    assert arguments[-1] == f"--nodes={two_lines.nodes[0]}"
