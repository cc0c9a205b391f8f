"""A synthetic ecosystem loads through the corpus's writer, and the catalogue plans use indexes."""

from __future__ import annotations

import pytest

from kgraph.db.graph import Graph
from kgraph.db.writer import sync
from kgraph.query.questions import Catalogue
from loaders.synth import Synth
from tests.support.plans import indexed_properties, missed_indexes

UNITS = 3
CATALOGUE = Catalogue()


@pytest.fixture(scope="module")
def synth_graph(module_empty_graph: Graph) -> Graph:
    """The synthetic graph, loaded once; the tests here only read it."""
    synth = Synth(UNITS)
    sync(module_empty_graph, synth.nodes(), synth.relationships(), synth.run_properties(),
         batch_size=1000)  # fmt: skip
    return module_empty_graph


def test_the_graph_holds_exactly_what_the_generator_yields(synth_graph: Graph) -> None:
    synth = Synth(UNITS)
    rels = sum(1 for _ in synth.relationships())
    [counts] = synth_graph.read(
        "MATCH (n) WHERE NOT n:LoadRun WITH count(n) AS nodes "
        "MATCH ()-[r]->() WHERE r._key IS NOT NULL RETURN nodes, count(r) AS rels"
    )
    assert counts == {"nodes": synth.node_count(), "rels": rels}


def test_a_catalogue_question_answers_on_synthetic_data(synth_graph: Graph) -> None:
    rows = synth_graph.read(CATALOGUE.get("funding_by_funder").cypher)
    assert rows, "every synthetic project has a funder"


@pytest.mark.parametrize("question", sorted(CATALOGUE.questions))
def test_no_catalogue_question_scans_where_an_index_serves(
    synth_graph: Graph, question: str
) -> None:
    q = CATALOGUE.get(question)
    params = {
        name: ([value] if q.params[name].type == "entity" and value is not None else value)
        for name, value in q.bind({}).items()
    }
    plan = synth_graph.plan(q.cypher, params)

    assert plan, "the server returned a plan"
    assert missed_indexes(plan, indexed_properties(synth_graph)) == []


@pytest.mark.parametrize(
    ("query", "operator"),
    [
        ("MATCH (n:Entity) USING SCAN n:Entity WHERE n.id = $id RETURN n", "NodeByLabelScan"),
        ("MATCH (n) WHERE n.id = $id RETURN n", "AllNodesScan"),
    ],
)
def test_the_plan_check_catches_a_scan_that_an_index_would_replace(
    synth_graph: Graph, query: str, operator: str
) -> None:
    plan = synth_graph.plan(query, {"id": "city:synth-1"})

    [missed] = missed_indexes(plan, indexed_properties(synth_graph))

    assert missed.operator == operator


def test_the_plan_check_passes_an_index_seek(synth_graph: Graph) -> None:
    plan = synth_graph.plan("MATCH (n:Entity {id: $id}) RETURN n", {"id": "city:synth-1"})

    assert missed_indexes(plan, indexed_properties(synth_graph)) == []
