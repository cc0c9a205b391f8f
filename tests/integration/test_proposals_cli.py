"""A new document end to end, as a user types it: ``kgraph ingest ... --load`` into a copy of
the corpus, with unreviewed proposals loaded and the disagreement with curation printed."""

from __future__ import annotations

import shutil
from pathlib import Path

from kgraph.db.graph import Graph
from kgraph.settings import Settings
from tests.conftest import Target
from tests.integration.test_cli import kgraph, on
from tests.support.proposals import COLLABORATION, DISAGREEING, write_news_proposals

PAGE = "Akkuhanke Vaasassa\n\nVaasan yliopisto ja Centria toteuttavat hankkeen.\n"
DOCUMENT_IDS = "MATCH (d:Document) RETURN d.id AS id ORDER BY id"
PROVENANCE = "MATCH ()-[r]->() WHERE r.fact_id = $key RETURN r.provenance AS provenance"


def test_ingest_with_load_adds_the_document_and_loads_the_proposals(
    empty_graph: Graph, target: Target, settings: Settings, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    proposals = tmp_path / "proposals"
    write_news_proposals(proposals, corpus)
    page = tmp_path / "vaasa.txt"
    page.write_text(PAGE, encoding="utf-8")
    env = {**on(target), "KGRAPH_CORPUS_DIR": str(corpus), "KGRAPH_PROPOSALS_DIR": str(proposals),
           "KGRAPH_LOAD_PROPOSALS": "true"}  # fmt: skip

    run = kgraph("ingest", str(page), "--title", "Akkuhanke Vaasassa", "--language", "fi",
                 "--no-extract", "--load", cwd=tmp_path, **env)  # fmt: skip

    assert run.code == 0, run
    new_id = run.out.split()[1]
    assert new_id.startswith("005_") and len(new_id) == 20
    assert "entities_extracted 1, facts_extracted 2" in run.out
    assert f"curation wins (fact_differs) {DISAGREEING} at 003_abba59e65f6bad7a.yaml:" in run.out
    ids = [row["id"] for row in empty_graph.read(DOCUMENT_IDS)]
    assert ids[-1] == new_id and len(ids) == 6
    (row,) = empty_graph.read(PROVENANCE, {"key": COLLABORATION})
    assert row["provenance"] == "extracted"

    again = kgraph("ingest", str(page), "--title", "Other title", "--language", "fi",
                   cwd=tmp_path, **env)  # fmt: skip
    assert (again.code, again.out) == (1, "")
    assert again.err == f"error: {page}: the corpus holds this document already, as {new_id}\n"
