"""graph/schema.cypher is what the database holds, and applying it twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.db import cypher, schema
from kgraph.db.graph import Graph
from kgraph.errors import SchemaError
from kgraph.settings import Settings
from loaders.load import Corpus, Synthetic, load


def _show(graph: Graph) -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    constraints = graph.read(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *"
    )
    indexes = graph.read(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint, state "
        "WHERE owningConstraint IS NULL RETURN *"
    )
    return {
        row["name"]: (row["type"], tuple(row["labelsOrTypes"]), tuple(row["properties"]))
        for row in [*constraints, *indexes]
        if row["name"].startswith("kg_")
    }


def test_database_holds_exactly_the_constraints_and_indexes_of_the_file(
    empty_graph: Graph, schema_file: Path
) -> None:
    declared = {item.name: item for item in schema.parse(schema_file)}
    shown = _show(empty_graph)
    assert set(shown) == set(declared)
    for name, (kind, labels, properties) in shown.items():
        item = declared[name]
        assert labels == (item.label,), name
        assert properties == item.properties, name
        if item.kind == "CONSTRAINT":
            assert kind in {"UNIQUENESS", "NODE_PROPERTY_UNIQUENESS"}, name
        else:
            assert kind == item.kind, name


def test_applying_twice_changes_nothing(empty_graph: Graph, schema_file: Path) -> None:
    before = _show(empty_graph)
    again = schema.apply(empty_graph, schema_file)
    assert again.created == [] and again.dropped == []
    assert _show(empty_graph) == before


def test_a_retired_kg_index_is_dropped_and_foreign_ones_kept(
    empty_graph: Graph, schema_file: Path
) -> None:
    empty_graph.run_autocommit("CREATE INDEX kg_retired IF NOT EXISTS FOR (n:Old) ON (n.x)")
    empty_graph.run_autocommit("CREATE INDEX users_own IF NOT EXISTS FOR (n:Mine) ON (n.x)")
    result = schema.apply(empty_graph, schema_file)
    names = {row["name"] for row in empty_graph.read("SHOW INDEXES YIELD name RETURN name")}
    assert result.dropped == ["kg_retired"]
    assert "kg_retired" not in names and "users_own" in names
    empty_graph.run_autocommit("DROP INDEX users_own")


def _without_schema(graph: Graph) -> Graph:
    constraints, indexes = schema.existing_names(graph)
    for name in constraints:
        graph.run_autocommit(cypher.drop_constraint(name))
    for name in indexes:
        graph.run_autocommit(cypher.drop_index(name))
    assert _show(graph) == {}
    return graph


@pytest.mark.parametrize("kind", ["corpus", "synthetic"])
def test_a_full_load_into_a_database_without_the_schema_applies_it_first(
    empty_graph: Graph, schema_file: Path, settings: Settings, kind: str
) -> None:
    # Without the unique constraints every node the sync writes or links is found by a scan
    # of its label: a first load of 305 documents took 444 s instead of seconds.
    source = (
        Corpus(settings.corpus_dir, settings.registry_dir) if kind == "corpus" else Synthetic(1)
    )

    load(_without_schema(empty_graph), source, schema_file, mode="auto")

    assert set(_show(empty_graph)) == {item.name for item in schema.parse(schema_file)}


def test_malformed_statement_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "schema.cypher"
    bad.write_text("// header\n\nCREATE CONSTRAINT kg_x IF NOT EXISTS\nFOR (n:X) REQUIRE n.id;\n")
    with pytest.raises(SchemaError, match=r"schema\.cypher:3: not a"):
        schema.parse(bad)


def test_uniqueness_constraint_rejects_a_duplicate_entity_id(empty_graph: Graph) -> None:
    empty_graph.write("CREATE (:Entity {id: 'city:kokkola'})")
    with pytest.raises(Exception, match="already exists"):
        empty_graph.write("CREATE (:Entity {id: 'city:kokkola'})")
