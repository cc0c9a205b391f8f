"""The core's internal Cypher: labels are checked for real, values are parameters."""

from __future__ import annotations

import re

import pytest

from kgraph.db import cypher, writer
from kgraph.errors import QueryError

LABEL_BUILDERS = [cypher.upsert_nodes, cypher.delete_nodes, cypher.drop_labels]


@pytest.mark.parametrize("build", LABEL_BUILDERS)
@pytest.mark.parametrize("label", cypher.MANAGED_LABELS)
def test_a_managed_label_enters_the_pattern(build: object, label: str) -> None:
    assert f"(n:{label} {{id: " in build(label)  # type: ignore[operator]


@pytest.mark.parametrize("build", LABEL_BUILDERS)
@pytest.mark.parametrize("label", ["City", "LoadRun", "Entity) DETACH DELETE (m", ""])
def test_a_label_the_writer_does_not_manage_is_refused(build: object, label: str) -> None:
    with pytest.raises(QueryError, match="not a label kgraph manages"):
        build(label)  # type: ignore[operator]


def test_both_ends_of_a_relationship_are_checked() -> None:
    text = cypher.write_rels("Entity", "Passage", cypher.CREATE_REL)
    assert "(a:Entity {id: row.start})" in text and "(b:Passage {id: row.end})" in text
    assert text.endswith("RETURN count(r) AS written")
    for start, end in [("Entity", "City"), ("City", "Entity")]:
        with pytest.raises(QueryError, match="'City' is not a label"):
            cypher.write_rels(start, end, cypher.UPDATE_REL)


def test_a_relationship_is_written_only_by_the_two_known_clauses() -> None:
    with pytest.raises(QueryError, match="CREATE_REL or UPDATE_REL"):
        cypher.write_rels("Entity", "Entity", "DETACH DELETE a")


def test_the_writer_manages_the_labels_the_queries_check() -> None:
    assert writer.MANAGED_LABELS is cypher.MANAGED_LABELS


@pytest.mark.parametrize(
    ("name", "quoted"), [("kg_entity_id", "`kg_entity_id`"), ("kg_`x", "`kg_``x`")]
)
def test_schema_names_are_quoted_so_a_backtick_cannot_end_them(name: str, quoted: str) -> None:
    assert cypher.drop_constraint(name) == f"DROP CONSTRAINT {quoted} IF EXISTS"
    assert cypher.drop_index(name) == f"DROP INDEX {quoted} IF EXISTS"


def test_the_index_wait_takes_whole_seconds_only() -> None:
    assert cypher.await_indexes(120) == "CALL db.awaitIndexes(120)"
    with pytest.raises(ValueError):
        cypher.await_indexes("120) CALL dbms.killQueries([]")  # type: ignore[arg-type]


def test_the_wipe_deletes_everything_in_batches() -> None:
    assert re.fullmatch(
        r"MATCH \(n\) CALL \(n\) \{ DETACH DELETE n \} IN TRANSACTIONS OF \d+ ROWS", cypher.WIPE
    )
