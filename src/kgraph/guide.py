"""The Neo4j Browser guide of this graph, built from the same question files as the API.

``:play http://localhost:8000/guide`` in the Browser opens it (the managed server runs that
command on connect). Slide one loads the style sheet by URL (``:style .../guide/style.grass``)
and sets the parameters; slide two explains the model; then come graph views (drawn on the
canvas) and every catalogue question.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from typing import Any

from kgraph.db import cypher
from kgraph.ontology import ID_PREFIX, PREDICATES
from kgraph.query.questions import Catalogue, ParamSpec, Question
from kgraph.settings import PROJECT_ROOT

STYLE_FILE = PROJECT_ROOT / "graph" / "browser-style.grass"
#: Where the Browser finds the API when the guide is rendered outside a request.
DEFAULT_BASE_URL = "http://localhost:8000"

TYPE_MEANINGS: dict[str, str] = {
    "City": "a city region (Lappeenranta includes Kotka-Hamina, Pori includes Harjavalta)",
    "Region": "a region or a named group of places",
    "Country": "a country",
    "Organisation": "university, research institute, company, city government, funder, ...",
    "IndustrialPark": "an industrial park such as Kokkola Industrial Park",
    "Person": "a person with a role or title",
    "Project": "a prepared, funded, ongoing or ended project, with dates and amounts",
    "FundingProgramme": "Horizon Europe, M-ERA.NET, Business Finland programmes, foundation calls",
    "Network": "EERA, Battery 2030+, BEPA, InnoCities, ECSPP, the ecosystem-agreement cities",
    "ValueChainStage": "raw materials, chemicals, cathode/anode materials, cells, recycling",
    "Topic": "a specialisation or research theme",
    "Strategy": "a strategy or programme document",
    "Publication": "a publication with DOI, year, venue and authors in order",
    "Event": "a seminar, workshop or recurring event",
    "Ranking": "a ranking fact such as BloombergNEF's",
}


@dataclass(frozen=True)
class GraphView:
    title: str
    description: str
    cypher: str


#: Queries that return paths, for the Browser's canvas. They use the guide's parameters.
GRAPH_VIEWS: tuple[GraphView, ...] = (
    GraphView(
        "The value chain and the cities on each stage",
        "Cities linked to the stages they cover; click a link: inferred ones carry a rule.",
        cypher.VIEW_VALUE_CHAIN,
    ),
    GraphView(
        "A project's consortium and funding",
        "Who takes part in the project, who funds it and through which programme.",
        cypher.VIEW_CONSORTIUM,
    ),
    GraphView(
        "A city and everything around it",
        "The city's specialisations, stages, projects, networks and the organisations in it.",
        cypher.VIEW_CITY,
    ),
    GraphView(
        "The collaboration network between cities",
        "Cities and the projects they share.",
        cypher.VIEW_CITY_COLLABORATION,
    ),
    GraphView(
        "Evidence down to the passage",
        "The documents and passages that name the project (click a passage to read it).",
        cypher.VIEW_EVIDENCE,
    ),
    GraphView(
        "Networks and their members",
        "EERA, Battery 2030+, BEPA, InnoCities, ECSPP and who belongs to them.",
        cypher.VIEW_NETWORKS,
    ),
    GraphView(
        "Co-authorship",
        "People and the publications they wrote together.",
        cypher.VIEW_COAUTHORSHIP,
    ),
)

#: The order the first slide sets the parameters in; any other a question takes follows.
_PARAM_ORDER = ("stage", "programme", "project", "city", "person", "organisation", "network",
                "entity", "predicate", "fact_id")  # fmt: skip


def guide_params(catalogue: Catalogue) -> dict[str, Any]:
    """Every parameter the catalogue's questions take, at the questions' default.

    Entity parameters are lists of ids (as a bound question runs them), dates are dates,
    and a parameter no question gives a default is None, so the Browser and
    ``GET /questions/{name}`` answer the same question.
    """
    found: dict[str, Any] = {}
    for question in catalogue:
        for name, spec in question.params.items():
            if found.get(name) is None:
                found[name] = _default(spec)
    ordered = [n for n in _PARAM_ORDER if n in found] + [n for n in found if n not in _PARAM_ORDER]
    return {name: found[name] for name in ordered}


def _default(spec: ParamSpec) -> Any:
    if spec.default is None:
        return None
    if spec.type == "entity":
        return [str(spec.default)]
    if spec.type == "date":
        return dt.date.fromisoformat(str(spec.default))
    return spec.default


#: Parameters set by the guide's first slide: the catalogue's defaults.
GUIDE_PARAMS = guide_params(Catalogue())


def _runnable(code: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{html.escape(code)}</pre>'


def _slide(title: str, body: str) -> str:
    return (
        '<slide class="row-fluid"><div class="col-sm-12">'
        f"<h3>{html.escape(title)}</h3>{body}</div></slide>"
    )


def _cypher_value(value: Any) -> str:
    if isinstance(value, dt.date):
        return f'date("{value.isoformat()}")'
    return json.dumps(value)


def params_command() -> str:
    """The Browser command that sets every parameter the guide's queries use."""
    fields = [f"{name}: {_cypher_value(value)}" for name, value in GUIDE_PARAMS.items()]
    return ":params {" + ", ".join(fields) + "}"


def style_command(base_url: str) -> str:
    """The Browser command that loads the style sheet from the API serving the guide."""
    return f":style {base_url.rstrip('/')}/guide/style.grass"


def desk_url(base_url: str) -> str:
    """The review desk on the API serving the guide."""
    return f"{base_url.rstrip('/')}/desk"


def _intro(base_url: str) -> str:
    body = (
        "<p>Finland's battery chemistry ecosystem from five public documents: who works on "
        "which stage of the value chain, in which projects, funded by whom, and the passage "
        "that says so. Two clicks to start:</p>"
        "<p>1. Load the style (colours, names as captions, amounts as text):</p>"
        + _runnable(style_command(base_url))
        + "<p>2. Set the parameters the next slides use:</p>"
        + _runnable(params_command())
        + "<p>Then page on (&rarr;) for the model, graph views and the questions.</p>"
        + "<p>Review extracted proposals on the desk: "
        + f'<a href="{html.escape(desk_url(base_url))}" target="_blank">'
        + f"{html.escape(desk_url(base_url))}</a></p>"
    )
    return _slide("The Finnish battery value chain", body)


#: What the researcher sees on the canvas and in the property panel, and what to ignore there.
_READING = (
    "<p><b>Stated and inferred facts.</b> A stated fact (a relationship with "
    "<code>stated: true</code>) names its evidence: <code>evidence_docs</code>, "
    "<code>evidence_passages</code> and the anchor phrase. An inferred fact has "
    "<code>stated: false</code>, the <code>rule</code> that made it and the facts it stands on "
    "(<code>derived_from</code>); on the canvas its caption starts with <b>inferred:</b>. "
    "(The Browser colours a relationship by its type only, so the caption is what tells them "
    "apart.) Amounts read as <code>amount_text</code> (13.4 M&euro;); the figure stays in "
    "<code>amount_eur</code> and <code>grant_eur</code>.</p>"
    "<p><b>Documents</b> are captioned by title and split into <b>Passage</b> nodes "
    "(captioned &sect; and their number) that <b>MENTIONS</b> entities. A document added "
    "from a PDF, a saved web page or a Word file keeps its <code>original</code>; its "
    "passages say where they are in it: <code>locator</code> is <b>page 12</b> in a PDF "
    "(<code>pages</code> lists them) or the headings above the passage in a web page "
    "(<code>heading_path</code>, shown as <b>Rahoitetut hankkeet &gt; BATCircle3.0</b>). "
    "The API serves the original at <code>/documents/{id}/original</code>, a PDF at the "
    "passage's page with <code>#page=12</code>.</p>"
    "<p><b>Not for reading:</b> <code>_hash</code> and <code>_key</code> are the loader's "
    "change tracking, <code>aliases_text</code> the search index's copy of "
    "<code>aliases</code>, and <code>caption</code> the text drawn on a fact.</p>"
)


def _model() -> str:
    types = "".join(
        f"<tr><td><b>{kind}</b></td><td><code>{ID_PREFIX[kind]}:</code></td>"
        f"<td>{html.escape(meaning)}</td></tr>"
        for kind, meaning in TYPE_MEANINGS.items()
    )
    rels = "".join(
        f"<tr><td><b>{p}</b></td><td>{html.escape(m)}</td></tr>" for p, m in PREDICATES.items()
    )
    body = (
        _READING
        + f"<h4>Node kinds</h4><table class='table'>{types}</table>"
        + f"<h4>Relationship kinds</h4><table class='table'>{rels}</table>"
    )
    return _slide("Reading the graph", body)


def _question_slide(question: Question) -> str:
    params = ", ".join(f"${name}" for name in question.params) or "none"
    body = (
        f"<p>{html.escape(question.description)}</p>"
        f"<p><small>Parameters: {html.escape(params)} · also at "
        f"<code>GET /questions/{question.name}</code></small></p>" + _runnable(question.cypher)
    )
    return _slide(question.title, body)


def render(catalogue: Catalogue, base_url: str = DEFAULT_BASE_URL) -> str:
    """The guide as the HTML page Neo4j Browser plays; ``base_url`` is the API's address as
    the Browser reaches it (the style sheet is loaded from there)."""
    slides = [_intro(base_url), _model()]
    slides += [
        _slide(view.title, f"<p>{html.escape(view.description)}</p>" + _runnable(view.cypher))
        for view in GRAPH_VIEWS
    ]
    slides += [_question_slide(q) for q in catalogue]
    return (
        '<article class="guide"><carousel class="deck container-fluid">'
        + "".join(slides)
        + "</carousel></article>"
    )
