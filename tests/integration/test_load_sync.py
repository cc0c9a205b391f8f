"""Loading is a sync: idempotent, removes what the registry drops, all-or-nothing, recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.db.graph import Graph
from kgraph.db.writer import NodeRow, RelRow, sync
from kgraph.errors import RegistryError
from kgraph.settings import Settings
from tests.support.loading import load_full
from tests.support.small_registry import FUNDING, write_registry

ENTITIES = """\
- id: city:kokkola
  type: City
  name: Kokkola
  name_sv: Karleby
- id: org:university-of-oulu
  type: Organisation
  name: University of Oulu
  name_fi: Oulun yliopisto
  props: {kind: university}
- id: project:batcircle3
  type: Project
  name: BATCircle3.0
  props: {status: ongoing, start_year: 2024, end_year: 2027}
- id: org:business-finland
  type: Organisation
  name: Business Finland
  props: {kind: funder}
"""
PARTICIPATION = """\
- s: org:university-of-oulu
  p: PARTICIPATES_IN
  o: project:batcircle3
  props: {role: partner}
  evidence:
    - {doc: 000_82ade397896eee5f, anchor: "Kokkola (Oulun yliopisto)"}
"""
LOCATION = """\
- s: org:university-of-oulu
  p: LOCATED_IN
  o: city:kokkola
  evidence:
    - {doc: 000_82ade397896eee5f, anchor: "Kokkola (Oulun yliopisto)"}
"""


def registry(root: Path, facts: str) -> Path:
    return write_registry(root, ENTITIES, facts)


def snapshot(graph: Graph) -> list[tuple[str, str, str]]:
    rows = graph.read(
        "MATCH (n) WHERE NOT n:LoadRun OPTIONAL MATCH (n)-[r]->(m) WHERE NOT m:LoadRun "
        "RETURN coalesce(n.id, '') AS n, coalesce(type(r), '') AS r, coalesce(r._hash, '') AS h "
        "ORDER BY n, r, h"
    )
    return [(row["n"], row["r"], row["h"]) for row in rows]


def test_loading_twice_changes_nothing(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    folder = registry(tmp_path, FUNDING + PARTICIPATION + LOCATION)
    _, first = load_full(empty_graph, settings.corpus_dir, folder, settings.schema_file)
    before = snapshot(empty_graph)
    _, second = load_full(empty_graph, settings.corpus_dir, folder, settings.schema_file)
    assert first.nodes.summary()["added"] > 0
    assert second.unchanged
    assert snapshot(empty_graph) == before


def test_stated_fact_carries_evidence_linked_to_its_passage(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    load_full(empty_graph, settings.corpus_dir, registry(tmp_path, FUNDING), settings.schema_file)
    rows = empty_graph.read(
        "MATCH (:Entity {id: 'project:batcircle3'})-[r:FUNDED_BY]->(f:Entity) "
        "MATCH (p:Passage {id: r.evidence_passages[0]}) "
        "RETURN f.name AS funder, r.amount_eur AS amount, r.stated AS stated, "
        "r.evidence_docs AS docs, p.text CONTAINS r.evidence_anchors[0] AS anchored"
    )
    assert rows == [
        {"funder": "Business Finland", "amount": 13_400_000, "stated": True,
         "docs": ["000_82ade397896eee5f"], "anchored": True}
    ]  # fmt: skip


def test_inferred_fact_names_its_rule_and_premises(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    folder = registry(tmp_path, PARTICIPATION + LOCATION)
    load_full(empty_graph, settings.corpus_dir, folder, settings.schema_file)
    rows = empty_graph.read(
        "MATCH (:City {id: 'city:kokkola'})-[r:PARTICIPATES_IN]->(p:Project) "
        "RETURN p.id AS project, r.stated AS stated, r.rule AS rule, r.derived_from AS premises"
    )
    assert rows == [{
        "project": "project:batcircle3", "stated": False,
        "rule": "city_participates_via_organisation",
        "premises": ["org:university-of-oulu|PARTICIPATES_IN|project:batcircle3",
                     "org:university-of-oulu|LOCATED_IN|city:kokkola"],
    }]  # fmt: skip


def test_a_fact_removed_from_the_registry_disappears(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    load_full(empty_graph, settings.corpus_dir, registry(tmp_path, FUNDING + LOCATION),
         settings.schema_file)  # fmt: skip
    _, report = load_full(empty_graph, settings.corpus_dir, registry(tmp_path, LOCATION),
                     settings.schema_file)  # fmt: skip
    assert report.relationships.removed == ["project:batcircle3|FUNDED_BY|org:business-finland"]
    assert empty_graph.read("MATCH ()-[r:FUNDED_BY]->() RETURN count(r) AS n") == [{"n": 0}]


def test_bad_registry_leaves_the_previous_graph_intact(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    load_full(empty_graph, settings.corpus_dir, registry(tmp_path, FUNDING), settings.schema_file)
    before = snapshot(empty_graph)
    runs_before = empty_graph.read("MATCH (r:LoadRun) RETURN count(r) AS n")
    bad = FUNDING.replace("13,4 miljoonaa euroa", "14,3 miljoonaa euroa")
    with pytest.raises(RegistryError, match=r"anchor .* does not occur in document"):
        load_full(empty_graph, settings.corpus_dir, registry(tmp_path, bad), settings.schema_file)
    assert snapshot(empty_graph) == before
    assert empty_graph.read("MATCH (r:LoadRun) RETURN count(r) AS n") == runs_before


def test_each_load_is_recorded_with_hashes_counts_and_changes(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    folder = registry(tmp_path, FUNDING)
    load_full(empty_graph, settings.corpus_dir, folder, settings.schema_file)
    load_full(empty_graph, settings.corpus_dir, registry(tmp_path, FUNDING + LOCATION),
         settings.schema_file)  # fmt: skip
    runs = empty_graph.read(
        "MATCH (r:LoadRun) RETURN r.relationships_added AS added, r.registry_digest AS digest, "
        "r.documents CONTAINS '000_82ade397896eee5f' AS hashed, "
        "EXISTS { (r)-[:FOLLOWS]->(:LoadRun) } AS follows ORDER BY r.started_at"
    )
    assert [r["follows"] for r in runs] == [False, True]
    assert runs[1]["added"] == 1
    assert all(r["hashed"] for r in runs)
    assert runs[0]["digest"] != runs[1]["digest"]


def test_an_entity_whose_type_changes_keeps_its_node_and_relationships(
    empty_graph: Graph,
) -> None:
    def entity(type_: str) -> NodeRow:
        return NodeRow("Entity", "x:one", {"id": "x:one", "type": type_}, (type_,))

    other = NodeRow("Entity", "x:two", {"id": "x:two", "type": "Country"}, ("Country",))
    link = RelRow("x:one|LOCATED_IN|x:two", "LOCATED_IN", "Entity", "x:one", "Entity", "x:two",
                  {"fact_id": "x:one|LOCATED_IN|x:two"})  # fmt: skip
    sync(empty_graph, [entity("City"), other], [link], {})
    report = sync(empty_graph, [entity("Region"), other], [link], {})

    [row] = empty_graph.read(
        "MATCH (n:Entity {id: 'x:one'}) OPTIONAL MATCH (n)-[r:LOCATED_IN]->() "
        "RETURN labels(n) AS labels, count(r) AS links"
    )
    assert sorted(row["labels"]) == ["Entity", "Region"] and row["links"] == 1
    assert report.nodes.summary() == {"added": 1, "changed": 0, "removed": 1}
