"""The notebooks run top to bottom against the real graph, so they cannot rot."""

from __future__ import annotations

from pathlib import Path

import nbformat
import networkx as nx
import pytest
from nbclient import NotebookClient

from kgraph.analysis import analytics
from kgraph.db.graph import Graph
from tests.conftest import Target

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes_against_the_corpus_graph(
    path: Path, corpus_graph: Graph, target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kernel inherits this environment: point the notebook's Settings at the test server.
    monkeypatch.setenv("NEO4J_URI", target.uri)
    monkeypatch.setenv("NEO4J_USER", target.auth[0])
    monkeypatch.setenv("NEO4J_PASSWORD", target.auth[1])
    monkeypatch.setenv("NEO4J_DATABASE", target.database)
    # nbformat publishes no type hints for read(); the notebook is a NotebookNode either way.
    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()  # fmt: skip
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(str(o.get("text", "")) for o in outputs)
    assert "entities," in text and "facts" in text
    assert any("image/png" in o.get("data", {}) for o in outputs), "the plot was not drawn"
    if path.name == "centrality.ipynb":  # it states how every metric weighs the links
        for metric in analytics.METRICS:
            said = analytics.weighting(nx.Graph(weight="newman"), metric)["weighting"]
            assert f"{metric}: {said}" in text, metric
        assert "full graph: unweighted" in text
