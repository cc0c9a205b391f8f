"""Learning patterns from curation: each curated fact's anchor sentence teaches the window
between the fact's two ends (``loaders.extract.learned``), and a pattern is kept only when it
is right on the curated documents it was not learned from.

What teaches: every fact of the registry, of the predicates the extractor states, whose
evidence anchor is a sentence of a document of the corpus naming both its ends (found by the
one matcher, ``loaders.extract.linking``, so in any case form). Accepted reviews are written
into the registry, so they teach like any curated fact. A fact whose ends are not both named in
one sentence of its anchor (a list under a heading, a project named a sentence before) teaches
nothing.

Each anchor gives two patterns: the window alone, and the window with the one word after the
second end. Each is measured on the other documents (those it did not come from, none of the
excluded): applied to every sentence there, a proposal is right when curation states that fact
from that document. A pattern is kept when it proposed nothing there or at least ``THRESHOLD``
of what it proposed was right; of the two patterns of a window, the narrower is kept only when
the wider is not. Its confidence is its measured precision, drawn towards a coin's toss while it
has proposed little: ``(right + 1) / (proposed + 2)``.

``exclude`` names documents that teach nothing and are measured on by nothing: leave one
document out learns from the four others only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from kgraph.ontology import FactSpec
from loaders.extract.learned import (
    LearnedPattern,
    LearnedPatterns,
    Matcher,
    Measured,
    Order,
    Window,
    pattern_id,
    windows,
)
from loaders.extract.linking import Linker
from loaders.extract.nlp import Pipelines
from loaders.extract.spans import Span
from loaders.sources.cleaning import fold
from loaders.sources.corpus import Document, Passage
from loaders.sources.registry import Registry

#: Of what a pattern proposes on the documents it did not come from, this much must be right.
THRESHOLD = 0.9
#: The predicates the extractor states; facts of others teach nothing.
PREDICATES = frozenset(
    {
        "PARTICIPATES_IN",
        "COORDINATES",
        "FUNDED_BY",
        "PART_OF_PROGRAMME",
        "RELATED_TO",
        "MEMBER_OF",
        "LOCATED_IN",
        "AFFILIATED_WITH",
        "AUTHORED",
        "SPECIALISES_IN",
    }
)
#: The props a pattern carries from the facts it learned, where they all agree (a role, a
#: relation); amounts, titles and dates are the sentence's, not the pattern's.
_KEPT_PROPS = ("role", "relation")


@dataclass(frozen=True)
class Parsed:
    """A passage, its parse and the registry's names in it."""

    passage: Passage
    doc: Doc
    spans: list[Span]


@dataclass
class Views:
    """The corpus's documents parsed and linked once, by document id (reused across runs)."""

    by_doc: dict[str, list[Parsed]] = field(default_factory=dict)
    language: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, documents: Iterable[Document], linker: Linker, pipelines: Pipelines) -> Views:
        views = cls()
        for document in documents:
            language = document.entry.language
            nlp = pipelines.for_language(language)
            texts = [p.text for p in document.passages]
            views.by_doc[document.entry.id] = [
                Parsed(p, doc, linker.link(p.text, p.id, language))
                for p, doc in zip(document.passages, nlp.pipe(texts), strict=True)
            ]
            views.language[document.entry.id] = language
        return views


@dataclass(frozen=True)
class _Candidate:
    language: str
    predicate: str
    subject: str
    object: str
    order: Order
    between: tuple[str, ...]
    after: str | None
    path: tuple[str, ...] | None = None


def induce(
    registry: Registry,
    documents: list[Document],
    pipelines: Pipelines,
    exclude: frozenset[str] = frozenset(),
    views: Views | None = None,
) -> LearnedPatterns:
    """The patterns the registry's anchors teach, less those of the ``exclude`` documents."""
    if views is None:
        views = Views.of(documents, Linker.from_registry(registry), pipelines)
    docs = {d.entry.id: d for d in documents if d.entry.id not in exclude}
    taught: dict[_Candidate, dict[tuple[str, str, str], set[str]]] = defaultdict(dict)
    props: dict[_Candidate, list[dict[str, str]]] = defaultdict(list)
    for fact in registry.facts:
        if fact.item.p not in PREDICATES:
            continue
        for evidence in fact.item.evidence:
            if evidence.doc not in docs or evidence.doc not in views.by_doc:
                continue
            window = _anchor_window(docs[evidence.doc], views, fact.item, evidence.anchor)
            if window is None:
                continue
            for candidate in _candidates(views.language[evidence.doc], fact.item, window):
                key = (fact.item.s, fact.item.p, fact.item.o)
                taught[candidate].setdefault(key, set()).add(evidence.doc)
                kept_props = {k: str(v) for k, v in fact.item.props.items() if k in _KEPT_PROPS}
                props[candidate].append(kept_props)
    truth = _truth(registry, set(docs))
    found = _windows(views, set(docs))
    kept: list[LearnedPattern] = []
    for candidate in sorted(taught, key=_order):
        sources = {d for ds in taught[candidate].values() for d in ds}
        measured = _measure(candidate, found, truth, sources)
        if not _passes(measured):
            continue
        if candidate.after is not None and _passes(
            _measure(replace(candidate, after=None), found, truth, sources)
        ):
            continue  # the wider window is kept, and gives all this one gives
        agreed = dict(set.intersection(*(set(p.items()) for p in props[candidate])))
        if candidate.predicate == "RELATED_TO" and "relation" not in agreed:
            continue  # a relation of no one kind
        kept.append(_pattern(candidate, len(taught[candidate]), sources, measured, agreed))
    return LearnedPatterns(
        learned_from=(
            f"the curated registry's anchors in {len(docs)} documents"
            + (f" (excluded: {', '.join(sorted(exclude))})" if exclude else "")
        ),
        threshold=THRESHOLD,
        patterns=tuple(kept),
    )


def _anchor_window(document: Document, views: Views, fact: FactSpec, anchor: str) -> Window | None:
    """The window between the fact's ends in the sentence of its anchor, nearest the anchor."""
    needle = fold(anchor)
    at = document.cleaned.find(needle) if needle else -1
    if at < 0:
        return None
    parsed = next((p for p in views.by_doc[document.entry.id] if at < p.passage.end), None)
    if parsed is None:
        return None
    lo = at - parsed.passage.start
    hi = lo + len(needle)
    best: tuple[int, Window] | None = None
    for sent in parsed.doc.sents:
        if sent.end_char <= lo or sent.start_char >= hi:
            continue
        for window in windows(sent, parsed.spans):
            if {window.first.entity_id, window.second.entity_id} != {fact.s, fact.o}:
                continue
            outside = max(0, lo - window.first.start) + max(0, window.second.end - hi)
            if best is None or outside < best[0]:
                best = (outside, window)
    return best[1] if best is not None else None


def _candidates(language: str, fact: FactSpec, window: Window) -> list[_Candidate]:
    """The window (alone, and with the word after), and the dependency path, as patterns;
    none that holds no word (two names side by side, or apart by punctuation only)."""
    order: Order = "subject-first" if window.first.entity_id == fact.s else "object-first"
    subject, obj = (
        (window.first.type, window.second.type)
        if order == "subject-first"
        else (window.second.type, window.first.type)
    )
    wide = _Candidate(language, fact.p, subject, obj, order, window.between, None)
    found: list[_Candidate] = []
    if _has_word(window.between):
        found.append(wide)
        if window.after is not None:
            found.append(replace(wide, after=window.after))
    if window.path is not None and _has_word(window.path):
        found.append(replace(wide, between=(), path=window.path))
    return found


def _has_word(words: tuple[str, ...]) -> bool:
    return any(w[:1].isalnum() and not w.endswith(">") for w in words)


def _order(c: _Candidate) -> tuple[str, ...]:
    return (c.language, c.predicate, c.subject, c.object, c.order,
            repr(c.between), c.after or "", repr(c.path))  # fmt: skip


def _truth(registry: Registry, docs: set[str]) -> dict[str, set[tuple[str, str, str]]]:
    """Per document, the facts curation states from it."""
    truth: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for fact in registry.facts:
        for evidence in fact.item.evidence:
            if evidence.doc in docs:
                truth[evidence.doc].add((fact.item.s, fact.item.p, fact.item.o))
    return truth


def _windows(views: Views, docs: set[str]) -> list[tuple[str, str, Window]]:
    """Every window of every sentence of the documents, with its document and language."""
    return [
        (doc_id, views.language[doc_id], window)
        for doc_id, parsed in views.by_doc.items()
        if doc_id in docs
        for p in parsed
        for sent in p.doc.sents
        for window in windows(sent, p.spans)
    ]


def _measure(
    candidate: _Candidate,
    found: list[tuple[str, str, Window]],
    truth: dict[str, set[tuple[str, str, str]]],
    sources: set[str],
) -> Measured:
    pattern = _pattern(candidate, 1, {"measured"}, Measured(right=0, proposed=0))
    matcher = Matcher.of((pattern,))
    proposed: set[tuple[str, tuple[str, str, str]]] = set()
    for doc_id, language, window in found:
        if doc_id in sources or language != candidate.language or not matcher.matches(window):
            continue
        first, second = window.first.entity_id, window.second.entity_id
        s, o = (first, second) if candidate.order == "subject-first" else (second, first)
        proposed.add((doc_id, (s, candidate.predicate, o)))
    right = sum(fact in truth[doc_id] for doc_id, fact in proposed)
    return Measured(right=right, proposed=len(proposed))


def _passes(measured: Measured) -> bool:
    return measured.proposed == 0 or measured.right >= THRESHOLD * measured.proposed


def _pattern(
    candidate: _Candidate,
    support: int,
    sources: set[str],
    measured: Measured,
    props: dict[str, str] | None = None,
) -> LearnedPattern:
    props = props or {}
    ends = (candidate.subject, candidate.object)
    return LearnedPattern(
        id=pattern_id(
            candidate.predicate,
            props,
            ends,
            candidate.order,
            candidate.between,
            candidate.after,
            candidate.path,
        ),
        language=candidate.language,  # type: ignore[arg-type]
        predicate=candidate.predicate,  # type: ignore[arg-type]
        props=props,
        subject=candidate.subject,  # type: ignore[arg-type]
        object=candidate.object,  # type: ignore[arg-type]
        order=candidate.order,
        between=None if candidate.path is not None else candidate.between,
        after=candidate.after,
        path=candidate.path,
        support=support,
        sources=tuple(sorted(sources)),
        measured=measured,
        confidence=round((measured.right + 1) / (measured.proposed + 2), 3),
    )
