"""``CYPHER`` query options: an allow-list (issue 22, item 2). Before, ``debug=tostring``
answered the planner's internal state (JVM class names, identity hashes) and
``debug=printcostcomparisons`` wrote 760 KB of planner traces to the server's console log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    "options", ["debug=tostring", "debug=printcostcomparisons", "debug=inverse_cost"]
)
def test_debug_options_are_refused(corpus_client: TestClient, options: str) -> None:
    response = corpus_client.post("/cypher", json={"query": f"CYPHER {options} RETURN 1 AS one"})
    assert response.status_code == 403, response.text
    assert "query option" in response.json()["detail"]
    assert "org." not in response.text and "@" not in response.text


@pytest.mark.parametrize("options", ["runtime=slotted", "5 planner=cost", "runtime=interpreted"])
def test_allowed_options_run(corpus_client: TestClient, options: str) -> None:
    response = corpus_client.post("/cypher", json={"query": f"CYPHER {options} RETURN 1 AS one"})
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [{"one": 1}]
