"""``/guide``: the Neo4j Browser guide, its graph views, parameters and style sheet."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from fastapi.testclient import TestClient

from kgraph import guide
from kgraph.db.graph import Graph
from kgraph.query.questions import Catalogue

RUNNABLE = re.compile(r'<pre class="pre-scrollable code runnable">(.*?)</pre>', re.S)
SELECTOR = re.compile(r"^(\S+) \{", re.M)  # each rule starts a line: "node.City {"


def browser_params() -> dict[str, object]:
    """The parameters as the Browser holds them after the first slide's ``:params``."""
    return {**guide.GUIDE_PARAMS, "date": dt.date(2025, 6, 15)}


def test_the_guide_is_html_any_origin_may_fetch(corpus_client: TestClient) -> None:
    response = corpus_client.get("/guide")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    # The Browser fetches it from its own origin (port 7474).
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.text.startswith('<article class="guide"><carousel class="deck')


@pytest.mark.parametrize("path", ["/guide", "/guide/style.grass"])
def test_the_browser_preflight_is_answered_for_get(corpus_client: TestClient, path: str) -> None:
    response = corpus_client.options(path)
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-methods"] == "GET, OPTIONS"
    assert response.headers["access-control-max-age"] == "600"


def test_no_other_route_is_open_to_other_origins(corpus_client: TestClient) -> None:
    assert "access-control-allow-origin" not in corpus_client.get("/health").headers


def test_the_guide_runs_style_then_params_then_every_view_then_every_question(
    corpus_client: TestClient,
) -> None:
    page = corpus_client.get("/guide").text
    catalogue = Catalogue()
    blocks = [html.unescape(block) for block in RUNNABLE.findall(page)]
    assert blocks == [
        ":style http://testserver/guide/style.grass",
        guide.params_command(),
        *(view.cypher for view in guide.GRAPH_VIEWS),
        *(question.cypher for question in catalogue),
    ]
    # One slide for the model, one per view, one per question, titled in that order.
    titles = [html.unescape(t) for t in re.findall(r"<h3>(.*?)</h3>", page)]
    assert titles == [
        "The Finnish battery value chain",
        "Reading the graph",
        *(view.title for view in guide.GRAPH_VIEWS),
        *(question.title for question in catalogue),
    ]
    assert page.count("<slide ") == len(titles) == 2 + 7 + len(catalogue)


def test_the_first_slide_is_short_and_loads_the_style_by_url(corpus_client: TestClient) -> None:
    page = corpus_client.get("/guide").text
    first = page[: page.index("</slide>")]
    assert len(RUNNABLE.findall(first)) == 2
    assert "node {" not in html.unescape(first) and "<table" not in first
    words = re.sub(r"<[^>]+>", " ", re.sub(RUNNABLE, " ", first)).split()
    assert len(words) < 80, len(words)
    # The command names a URL the Browser can fetch: this API's own style sheet.
    url = html.unescape(RUNNABLE.findall(first)[0]).removeprefix(":style ")
    assert corpus_client.get(url).text == guide.STYLE_FILE.read_text(encoding="utf-8")


def test_the_params_command_sets_every_guide_parameter_and_the_date() -> None:
    assert guide.params_command() == (
        ':params {stage: ["stage:recycling"], programme: ["programme:horizon-europe"], '
        'project: ["project:batcircle3"], city: ["city:kokkola"], '
        'person: ["person:ulla-lassi"], organisation: ["org:university-of-oulu"], '
        'network: null, entity: ["city:kokkola"], predicate: null, '
        'fact_id: "project:batcircle3|FUNDED_BY|org:business-finland", date: date("2025-06-15")}'
    )


def test_the_guide_parameters_are_the_questions_defaults() -> None:
    """The Browser and ``GET /questions/{name}`` answer the same question by default."""
    params = browser_params()
    for question in Catalogue():
        for name, spec in question.params.items():
            assert name in params, f"{question.name} uses ${name}, which the guide never sets"
            if spec.default is None:
                continue
            if spec.type == "entity":
                expected: object = [spec.default]  # entity parameters run as lists of ids
            elif spec.type == "date":
                expected = dt.date.fromisoformat(str(spec.default))
            else:
                expected = spec.default
            assert params[name] == expected, f"{question.name}: ${name}"


def test_every_entity_the_guide_names_is_in_the_graph(corpus_graph: Graph) -> None:
    ids = [i for value in guide.GUIDE_PARAMS.values() if isinstance(value, list) for i in value]
    found = corpus_graph.read(
        "UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) RETURN id, e IS NOT NULL AS found",
        {"ids": ids},
    )
    assert [row["id"] for row in found if not row["found"]] == []
    fact = corpus_graph.read(
        "MATCH ()-[r {fact_id: $fact_id}]->() RETURN count(r) AS n",
        {"fact_id": guide.GUIDE_PARAMS["fact_id"]},
    )
    assert fact == [{"n": 1}]


@pytest.mark.parametrize("view", guide.GRAPH_VIEWS, ids=lambda view: view.title)
def test_every_graph_view_draws_something_with_the_guide_parameters(
    corpus_graph: Graph, view: guide.GraphView
) -> None:
    rows = corpus_graph.read(view.cypher, browser_params())
    assert rows, f"the view {view.title!r} draws nothing on the corpus graph"


def test_the_consortium_view_shows_batcircle3_partners_and_funder(corpus_graph: Graph) -> None:
    view = next(v for v in guide.GRAPH_VIEWS if v.title.startswith("A project's consortium"))
    [row] = corpus_graph.read(view.cypher, browser_params())
    # Paths come back as [start, type, end]. Doc 000: Business Finland funds BATCircle3.0.
    funders = {(path[1], path[-1]["id"]) for path in row["funding"]}
    assert ("FUNDED_BY", "org:business-finland") in funders
    partners = {path[0]["id"] for path in row["participants"]}
    assert partners == {
        r["id"]
        for r in corpus_graph.read(
            "MATCH (e:Entity)-[:PARTICIPATES_IN]->(:Project {id: 'project:batcircle3'}) "
            "RETURN e.id AS id"
        )
    }


def test_the_style_sheet_is_served_as_the_file_with_open_cors(corpus_client: TestClient) -> None:
    response = corpus_client.get("/guide/style.grass")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.text == guide.STYLE_FILE.read_text(encoding="utf-8")


def test_the_style_sheet_styles_every_label_of_the_graph(corpus_graph: Graph) -> None:
    text = guide.STYLE_FILE.read_text(encoding="utf-8")
    selectors = SELECTOR.findall(text)
    assert all(re.fullmatch(r"(node|relationship)(\.\w+)?", s) for s in selectors), selectors
    rules = [tuple((s + ".").split(".")[:2]) for s in selectors]
    styled_labels = {name for kind, name in rules if kind == "node" and name}
    # ``Entity`` is the label every entity shares; each also has its own, styled one.
    labels = {
        row["label"]
        for row in corpus_graph.read("MATCH (n) UNWIND labels(n) AS label RETURN DISTINCT label")
    }
    assert labels - {"Entity"} == styled_labels
    styled_types = {name for kind, name in rules if kind == "relationship" and name}
    types = {
        row["type"] for row in corpus_graph.read("MATCH ()-[r]->() RETURN DISTINCT type(r) AS type")
    }
    assert styled_types <= types, "a style for a relationship type the graph never has"


def test_the_guide_explains_every_kind_of_entity_in_the_graph(corpus_graph: Graph) -> None:
    kinds = {
        r["type"] for r in corpus_graph.read("MATCH (e:Entity) RETURN DISTINCT e.type AS type")
    }
    assert kinds <= set(guide.TYPE_MEANINGS)


def captions() -> dict[tuple[str, str], str]:
    """(kind, label or type) -> the caption template the style sheet gives it."""
    text = guide.STYLE_FILE.read_text(encoding="utf-8")
    rules = re.findall(r"^(node|relationship)(?:\.(\w+))? \{(.*?)\}$", text, re.M | re.S)
    found = {}
    for kind, name, body in rules:
        caption = re.search(r"caption: '([^']*)'", body)
        if caption:
            found[(kind, name)] = caption.group(1)
    return found


def test_no_caption_shows_an_internal_key_or_a_hash_like_id() -> None:
    for selector, caption in captions().items():
        for internal in ("{_hash}", "{_key}", "{aliases_text}", "{id}", "{doc_id}"):
            assert internal not in caption, selector


def test_documents_and_passages_are_captioned_by_title_and_number(corpus_graph: Graph) -> None:
    style = captions()
    assert (style[("node", "Document")], style[("node", "Passage")]) == ("{title}", "§{ordinal}")
    missing = corpus_graph.read(
        "MATCH (n) WHERE (n:Document AND n.title IS NULL) OR (n:Passage AND n.ordinal IS NULL) "
        "RETURN count(n) AS n"
    )
    assert missing == [{"n": 0}]


def test_inferred_facts_are_captioned_apart_from_stated_ones(corpus_graph: Graph) -> None:
    """The Browser styles a relationship by its type only, so every fact draws its
    ``caption``: an inferred one starts with "inferred:", a stated one never does."""
    style = captions()
    assert style[("relationship", "")] == "{caption}"
    rows = corpus_graph.read(
        "MATCH (:Entity)-[r]->(:Entity) RETURN r.stated AS stated, r.caption AS caption, "
        "type(r) AS type"
    )
    assert rows and all(row["caption"] for row in rows)
    inferred = [row for row in rows if not row["stated"]]
    assert {row["type"] for row in inferred} == {"COVERS_STAGE", "PARTICIPATES_IN"}
    assert all(row["caption"].startswith("inferred: ") for row in inferred)
    assert not any(row["caption"].startswith("inferred") for row in rows if row["stated"])
    # Types with inferred facts are captioned by that property, not by their type.
    for kind in ("COVERS_STAGE", "PARTICIPATES_IN"):
        assert style[("relationship", kind)] == "{caption}"


def test_amounts_read_as_text_on_the_canvas(corpus_graph: Graph) -> None:
    assert captions()[("relationship", "FUNDED_BY")] == "{caption}"
    # Doc 000: Business Finland granted BATCircle3.0 13.4 million euros.
    [fact] = corpus_graph.read(
        "MATCH ()-[r {fact_id: 'project:batcircle3|FUNDED_BY|org:business-finland'}]->() "
        "RETURN r.amount_eur AS eur, r.amount_text AS text, r.caption AS caption"
    )
    assert fact == {"eur": 13_400_000, "text": "13.4 M€", "caption": "13.4 M€"}
    [project] = corpus_graph.read(
        "MATCH (p:Project {id: 'project:batcircle3'}) RETURN p.grant_eur AS eur, "
        "p.amount_text AS text"
    )
    assert project == {"eur": 13_400_000, "text": "13.4 M€"}


def test_the_guide_links_the_review_desk(corpus_client: TestClient) -> None:
    assert 'href="http://testserver/desk"' in corpus_client.get("/guide").text
