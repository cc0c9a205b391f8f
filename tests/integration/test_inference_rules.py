"""The ``member_of_parent_network`` rule, on a small registry of our own where it fires.

On the real corpus it fires zero times: no organisation is stated to be a member of the
EERA Joint Programme Energy Storage. This registry adds that one membership (a hypothetical
fact, anchored on the report's sentence naming Oulu an EERA member, p076) beside the real
fact that JP ES is part of EERA (p077).
"""

from __future__ import annotations

from pathlib import Path

from kgraph.db.graph import Graph
from kgraph.settings import Settings
from tests.support.loading import load_full
from tests.support.small_registry import REPORT, write_registry

ENTITIES = """\
- id: org:university-of-oulu
  type: Organisation
  name: University of Oulu
  name_fi: Oulun yliopisto
  props: {kind: university}
- id: network:eera
  type: Network
  name: European Energy Research Alliance
  aliases: ["EERA"]
- id: network:eera-jp-es
  type: Network
  name: EERA Joint Programme Energy Storage
  aliases: ["JP ES"]
"""
# Doc 000, section 5.1: "EERA toteuttaa useita alaohjelmia (joint program), joissa JP ES".
SUB_NETWORK = f"""\
- s: network:eera-jp-es
  p: PART_OF
  o: network:eera
  evidence:
    - {{doc: {REPORT}, anchor: "EERA Joint Programme Energy Storage - Home"}}
"""
MEMBERSHIP = f"""\
- s: org:university-of-oulu
  p: MEMBER_OF
  o: network:eera-jp-es
  evidence:
    - {{doc: {REPORT}, anchor: "Oulun yliopisto ja Lappeenrannan teknillinen yliopisto"}}
"""
# Doc 000: "Oulun yliopisto ja Lappeenrannan teknillinen yliopisto ovat EERAn jäseniä".
DIRECT_MEMBERSHIP = f"""\
- s: org:university-of-oulu
  p: MEMBER_OF
  o: network:eera
  evidence:
    - {{doc: {REPORT}, anchor: "Oulun yliopisto ja Lappeenrannan teknillinen yliopisto ovat EERAn"}}
"""
MEMBER_KEY = "org:university-of-oulu|MEMBER_OF|network:eera-jp-es"
PART_KEY = "network:eera-jp-es|PART_OF|network:eera"
INFERRED_KEY = "org:university-of-oulu|MEMBER_OF|network:eera|member_of_parent_network"
TO_EERA = (
    "MATCH (:Entity {id: 'org:university-of-oulu'})-[r:MEMBER_OF]->(:Network {id: 'network:eera'}) "
)


def registry(root: Path, facts: str, entities: str = ENTITIES) -> Path:
    return write_registry(root, entities, facts)


def test_a_member_of_a_sub_network_is_inferred_a_member_of_its_parent(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    folder = registry(tmp_path, SUB_NETWORK + MEMBERSHIP)
    result, _ = load_full(empty_graph, settings.corpus_dir, folder, settings.schema_file)
    assert (result.stats["facts_stated"], result.stats["facts_inferred"]) == (2, 1)
    rows = empty_graph.read(
        TO_EERA + "RETURN r.fact_id AS fact_id, r.stated AS stated, r.rule AS rule, "
        "r.derived_from AS premises, r.via AS via, r.evidence_passages AS evidence"
    )
    assert rows == [{
        "fact_id": INFERRED_KEY, "stated": False, "rule": "member_of_parent_network",
        "premises": [MEMBER_KEY, PART_KEY], "via": "network:eera-jp-es", "evidence": None,
    }]  # fmt: skip


def test_the_inferred_membership_points_to_the_passages_of_both_premises(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    folder = registry(tmp_path, SUB_NETWORK + MEMBERSHIP)
    load_full(empty_graph, settings.corpus_dir, folder, settings.schema_file)
    [row] = empty_graph.read(
        TO_EERA + "UNWIND r.derived_from AS key "
        "MATCH ()-[premise {fact_id: key, stated: true}]->() "
        "UNWIND premise.evidence_passages AS passage "
        "RETURN r.premise_passages AS cited, collect(DISTINCT passage) AS behind, "
        "collect(DISTINCT premise.fact_id) AS premises"
    )
    assert sorted(row["premises"]) == sorted([MEMBER_KEY, PART_KEY])
    # One passage per premise: the membership's (p076) and the sub-network's (p077).
    assert sorted(row["cited"]) == sorted(row["behind"]) == [f"{REPORT}:p076", f"{REPORT}:p077"]
    texts = empty_graph.read(
        "MATCH (p:Passage) WHERE p.id IN $ids RETURN p.text AS text", {"ids": row["cited"]}
    )
    joined = " ".join(t["text"] for t in texts)
    assert "EERA Joint Programme Energy Storage - Home" in joined
    assert "Oulun yliopisto ja Lappeenrannan teknillinen yliopisto" in joined


def test_a_stated_membership_of_the_parent_is_not_inferred_again(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    folder = registry(tmp_path, SUB_NETWORK + MEMBERSHIP + DIRECT_MEMBERSHIP)
    result, _ = load_full(empty_graph, settings.corpus_dir, folder, settings.schema_file)
    assert result.stats["facts_inferred"] == 0
    rows = empty_graph.read(TO_EERA + "RETURN r.stated AS stated, r.rule AS rule")
    assert rows == [{"stated": True, "rule": None}]


def test_part_of_between_other_kinds_than_networks_infers_no_membership(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    # The same facts, but JP ES recorded as a project: only network-in-network PART_OF counts.
    as_project = ENTITIES.replace(
        "- id: network:eera-jp-es\n  type: Network", "- id: project:eera-jp-es\n  type: Project"
    )
    facts = (SUB_NETWORK + MEMBERSHIP).replace("network:eera-jp-es", "project:eera-jp-es")
    folder = registry(tmp_path, facts, as_project)
    result, _ = load_full(empty_graph, settings.corpus_dir, folder, settings.schema_file)
    assert result.stats["facts_inferred"] == 0
    assert empty_graph.read(TO_EERA + "RETURN r") == []
