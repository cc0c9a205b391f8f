"""A parameter that takes one value, given twice, is refused like an unknown one (issue 22,
item 9). Before: /resolve?name=Kokkola&name=Vaasa answered Vaasa alone, and
/paths?max_hops=1&max_hops=6 ran with 6."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/resolve?name=Kokkola&name=Vaasa", "name"),
        ("/paths?from=Kokkola&to=Vaasa&max_hops=1&max_hops=6", "max_hops"),
        ("/facts?subject=Kokkola&subject=Vaasa", "subject"),
        ("/questions/project_funding?project=BATCircle3.0&project=X", "project"),
        ("/passages?q=akku&q=litium", "q"),
    ],
)
def test_a_scalar_parameter_given_twice_is_422(
    corpus_client: TestClient, url: str, name: str
) -> None:
    response = corpus_client.get(url)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["errors"][0]["type"] == "repeated_parameter"
    assert body["errors"][0]["loc"] == ["query", name]
    assert "more than once" in body["detail"]


def test_a_list_parameter_may_repeat(corpus_client: TestClient) -> None:
    response = corpus_client.get("/search?kind=City&stage=recycling&stage=cells")
    assert response.status_code == 200, response.text
