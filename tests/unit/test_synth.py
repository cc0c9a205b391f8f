"""The synthetic ecosystem: deterministic, linear in size, and valid in the corpus's model."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import orjson

from kgraph.db.writer import NodeRow, RelRow
from kgraph.ontology import ID_PREFIX, PREDICATES, EntitySpec
from loaders.synth import Synth


def digest(synth: Synth) -> str:
    h = hashlib.sha256()
    for node in synth.nodes():
        h.update(orjson.dumps([node.key, node.props], default=str, option=orjson.OPT_SORT_KEYS))
    for rel in synth.relationships():
        h.update(orjson.dumps([rel.key, rel.props], default=str, option=orjson.OPT_SORT_KEYS))
    return h.hexdigest()


def test_the_same_seed_gives_the_same_graph_and_another_seed_another() -> None:
    assert digest(Synth(2, seed=1)) == digest(Synth(2, seed=1))
    assert digest(Synth(2, seed=1)) != digest(Synth(2, seed=2))


def test_size_grows_linearly_with_the_scale() -> None:
    small, large = Synth(2), Synth(6)
    small_rels = sum(1 for _ in small.relationships())
    large_rels = sum(1 for _ in large.relationships())

    assert sum(1 for _ in small.nodes()) == small.node_count()
    assert sum(1 for _ in large.nodes()) == large.node_count()
    assert large.node_count() - len(large.fixed) == 3 * (small.node_count() - len(small.fixed))
    assert 2.7 < large_rels / small_rels < 3.3


def test_every_entity_is_valid_in_the_registry_model() -> None:
    synth = Synth(2)
    for entity in synth.entities():
        spec = EntitySpec(id=entity.id, type=entity.type, name=entity.name, props=entity.props)
        assert spec.id.startswith(ID_PREFIX[spec.type] + ":")


def test_every_fact_is_stated_by_its_passage_and_names_existing_entities() -> None:
    synth = Synth(2)
    nodes = {node.id: node for node in synth.nodes()}
    keys: set[str] = set()
    inferred: list[RelRow] = []
    facts = 0
    for rel in synth.relationships():
        assert rel.key not in keys, f"duplicate relationship {rel.key}"
        keys.add(rel.key)
        assert rel.start in nodes and rel.end in nodes
        if rel.type in PREDICATES and rel.props["stated"] is False:
            assert rel.props["rule"] == "city_participates_via_organisation"
            for premise in rel.props["premise_passages"]:
                assert nodes[premise].label == "Passage"
            inferred.append(rel)
        elif rel.type in PREDICATES:
            facts += 1
            [passage_id] = rel.props["evidence_passages"]
            [anchor] = rel.props["evidence_anchors"]
            assert anchor in nodes[passage_id].props["text"], (rel.key, anchor)
    assert facts > 1000
    for rel in inferred:  # inferred facts stand on stated ones
        assert set(rel.props["derived_from"]) <= keys


def test_a_city_takes_part_in_a_project_through_each_of_its_organisations() -> None:
    synth = Synth(2)
    passages = {n.id: n.props["text"] for n in synth.nodes() if n.label == "Passage"}
    via_city = [r for r in synth.relationships() if r.props.get("rule")]
    assert via_city
    for rel in via_city:
        org = rel.props["via"]
        org_index = int(org.rsplit("-", 1)[1])
        assert synth.city(synth.org_city(org_index)) == rel.start
        assert synth.org_entity(org_index).name in passages[synth.org_passage(org_index)]


def test_projects_have_a_coordinator_a_funder_and_a_period() -> None:
    synth = Synth(1)
    coordinators: dict[str, int] = {}
    funded: set[str] = set()
    for rel in synth.relationships():
        if rel.type == "PARTICIPATES_IN" and rel.props["role"] == "coordinator":
            coordinators[rel.end] = coordinators.get(rel.end, 0) + 1
            assert rel.props["valid_from"] < rel.props["valid_to"]
        if rel.type == "FUNDED_BY":
            assert rel.props["amount_eur"] > 0
            funded.add(rel.start)
    projects = {e.id for e in synth.entities() if e.type == "Project"}
    assert set(coordinators) == projects and set(coordinators.values()) == {1}
    assert funded == projects


def _rows(rows: Iterable[NodeRow | RelRow]) -> list[bytes]:
    return sorted(
        orjson.dumps([type(r).__name__, repr(r)], default=str, option=orjson.OPT_SORT_KEYS)
        for r in rows
    )


def test_the_shares_of_a_landscape_hold_its_rows_once_each_whatever_the_cut() -> None:
    synth = Synth(3)
    whole = _rows([*synth.nodes(), *synth.relationships()])

    for count in (1, 2, 4):
        shares = synth.shares(count)
        assert len(shares) == min(count, 3)  # at most one a unit
        assert _rows(row for share in shares for row in share()) == whole
