"""The answer cache keys a request by its meaning and is bounded in bytes (issue 22, item 6).

Before: the same provenance list in another order or spacing was a new Neo4j query and a new
550 KB entry (60 spellings: +26 MB), the entry cap counted entries whatever their size, and the
analytics cache had no cap and kept one entry per value of ``top``.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from api import state as app_state
from api.main import create_app
from kgraph.db.graph import Graph
from kgraph.settings import Settings

QUESTION = "/questions/cities_on_stage_in_programme_projects"


def _state(client: TestClient) -> app_state.AppState:
    return app_state.of(client.app)  # type: ignore[arg-type]


def test_spellings_of_one_provenance_list_share_an_entry(corpus_client: TestClient) -> None:
    spellings = [
        "curated,inferred",
        "inferred,curated",
        " inferred , curated",
        "curated, inferred,",
    ]
    answers = [corpus_client.get(QUESTION, params={"provenance": p}) for p in spellings]
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    assert len(_state(corpus_client).answers) == 1


def test_the_answers_kept_stay_under_the_byte_bound(
    corpus_graph: Graph, settings: Settings
) -> None:
    small = settings.model_copy(update={"api_cache_max_bytes": 50_000})
    with TestClient(create_app(small, graph=corpus_graph)) as client:
        for entity in ("city:kokkola", "city:vaasa", "city:pori", "city:turku", "city:oulu"):
            assert client.get(f"/entities/{entity}").status_code == 200
            client.get(QUESTION)
        cache = _state(client).answers
        assert 0 < cache.bytes <= 50_000


def test_centrality_is_ranked_once_whatever_the_top(corpus_client: TestClient) -> None:
    params = {"metric": "degree", "projection": "full"}
    tops = [corpus_client.get("/analytics/centrality", params={**params, "top": t}).json()
            for t in (3, 10, 50)]  # fmt: skip
    assert [len(t["items"]) for t in tops] == [3, 10, 50]
    assert tops[1]["items"][:3] == tops[0]["items"] and tops[2]["items"][:10] == tops[1]["items"]
    analytics = _state(corpus_client).analytics
    assert len(analytics) == 2  # the networkx graph and one ranking
    assert analytics.max_entries is not None
