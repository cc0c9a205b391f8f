"""Patterns learned from curation: what one curated anchor teaches, where it applies, what
leave one out may not learn from, and the file they are kept in."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import PatternError
from kgraph.ontology import EntitySpec, EntityType, Evidence, FactSpec
from kgraph.settings import Settings
from loaders.extract.document import extract_document
from loaders.extract.induce import induce
from loaders.extract.learned import LearnedPatterns, dependency_path, read_learned
from loaders.extract.linking import Linker
from loaders.extract.nlp import Pipelines
from loaders.extract.spans import Span
from loaders.extract.words import load_words
from loaders.sources.corpus import load_corpus
from loaders.sources.registry import Located, Registry, load_registry
from tests.support.documents import text_document

#: A shape no hand rule reads (the hand rules' membership needs "member").
TAUGHT = "Aurora Ltd has signed up to the Battery Network."
WINDOW = ("have", "sign", "up", "to", "the")


def registry(*facts: tuple[str, str], anchor: str = "{} has signed up to") -> Registry:
    """Three companies and a network; each fact (company id, doc) a curated MEMBER_OF whose
    anchor is ``anchor`` for that company (by default ``TAUGHT``'s words)."""
    names = {"org:aurora": "Aurora Ltd", "org:borealis": "Borealis Ltd", "org:cirrus": "Cirrus Ltd"}
    entities = [
        EntitySpec(id=i, type="Organisation", name=n, props={"kind": "company"})
        for i, n in names.items()
    ] + [EntitySpec(id="network:battery", type="Network", name="Battery Network")]
    return Registry(
        entities=[Located(e, "test", 1) for e in entities],
        facts=[
            Located(
                FactSpec(
                    s=s,
                    p="MEMBER_OF",
                    o="network:battery",
                    evidence=[Evidence(doc=doc, anchor=anchor.format(names[s]))],
                ),
                "test",
                1,
            )
            for s, doc in facts
        ],
    )


def learned_facts(
    text: str, reg: Registry, learned: LearnedPatterns, pipelines: Pipelines
) -> set[tuple[str, str, str, str, float]]:
    read = extract_document(
        text_document(text, doc_id="new"),
        Linker.from_registry(reg),
        pipelines,
        load_words(),
        learned,
    )
    return {(d.s, d.p, d.o, d.rule, d.confidence) for d in read.drafts}


def test_one_anchor_teaches_a_pattern_that_reads_a_new_sentence_of_its_shape(
    pipelines: Pipelines,
) -> None:
    reg = registry(("org:aurora", "a"))
    learned = induce(reg, [text_document(TAUGHT, doc_id="a")], pipelines)
    window = next(p for p in learned.patterns if p.between is not None and p.after is None)
    assert (window.subject, window.predicate, window.object) == (
        "Organisation",
        "MEMBER_OF",
        "Network",
    )
    assert window.between == WINDOW
    assert (window.support, window.sources) == (1, ("a",))
    found = learned_facts(
        "Cirrus Ltd has signed up to the Battery Network.", reg, learned, pipelines
    )
    assert ("org:cirrus", "MEMBER_OF", "network:battery", window.id, 0.5) in found


def test_a_sentence_of_another_shape_gives_nothing(pipelines: Pipelines) -> None:
    reg = registry(("org:aurora", "a"))
    learned = induce(reg, [text_document(TAUGHT, doc_id="a")], pipelines)
    assert learned.patterns
    for other in (
        "Cirrus Ltd left the Battery Network last year.",
        "Cirrus Ltd has not signed up to the Battery Network.",
    ):
        assert learned_facts(other, reg, learned, pipelines) == set(), other


def test_an_excluded_document_teaches_nothing(pipelines: Pipelines) -> None:
    reg = registry(("org:aurora", "a"))
    learned = induce(reg, [text_document(TAUGHT, doc_id="a")], pipelines, exclude=frozenset({"a"}))
    assert learned.patterns == ()
    assert "excluded: a" in learned.learned_from


def test_a_pattern_wrong_on_a_curated_document_it_did_not_come_from_is_dropped(
    pipelines: Pipelines,
) -> None:
    # Doc b says Borealis is a member, but curation states no such fact from it.
    reg = registry(("org:aurora", "a"))
    shown = "Borealis Ltd has signed up to the Battery Network."
    learned = induce(
        reg, [text_document(TAUGHT, doc_id="a"), text_document(shown, doc_id="b")], pipelines
    )
    assert [p for p in learned.patterns if p.between == WINDOW] == []


def test_a_pattern_right_elsewhere_is_kept_with_its_measured_precision(
    pipelines: Pipelines,
) -> None:
    reg = registry(("org:aurora", "a"), ("org:borealis", "b"))
    shown = "Borealis Ltd has signed up to the Battery Network."
    learned = induce(
        reg, [text_document(TAUGHT, doc_id="a"), text_document(shown, doc_id="b")], pipelines
    )
    window = next(p for p in learned.patterns if p.between == WINDOW)
    assert (window.support, window.sources) == (2, ("a", "b"))
    # taught by both documents, it is measured on neither: a coin's toss until it is
    assert (window.measured.right, window.measured.proposed, window.confidence) == (0, 0, 0.5)


def test_a_fact_a_hand_rule_gives_stays_the_hand_rules(pipelines: Pipelines) -> None:
    # The hand rule membership reads "X and Y are members of Z"; learning the same shape adds
    # no second proposal of the fact.
    reg = registry(("org:aurora", "a"), anchor="{} and Cirrus Ltd are members of")
    text = "Aurora Ltd and Cirrus Ltd are members of the Battery Network."
    learned = induce(reg, [text_document(text, doc_id="a")], pipelines)
    assert learned.patterns
    found = learned_facts(text, reg, learned, pipelines)
    rules = {rule for s, _, _, rule, _ in found if s == "org:cirrus"}
    assert rules and not any(r.startswith("learned-") for r in rules)


#: Places each with its organisation in brackets: a list of places, each with its own.
PLACES = "Hankkeeseen ovat osallistuneet Kokkola (Oulun yliopisto), Lappeenranta (LUT) ja Kuopio."


def test_a_path_across_another_place_of_a_list_pairs_no_wrong_items(pipelines: Pipelines) -> None:
    # "Lappeenranta (LUT)" teaches LUT is in Lappeenranta. The parse climbs a list to its first
    # item, so the path from Lappeenranta to LUT runs through Kokkola and Lappeenranta itself:
    # applied, it would pair LUT with Kokkola too (and with any first place of such a list).
    full = load_registry(Settings().registry_dir)
    taught = FactSpec(
        s="org:lut-university",
        p="LOCATED_IN",
        o="city:lappeenranta",
        evidence=[Evidence(doc="a", anchor="Lappeenranta (LUT)")],
    )
    reg = Registry(entities=full.entities, facts=[Located(taught, "test", 1)])
    learned = induce(reg, [text_document(PLACES, "fi", doc_id="a")], pipelines)
    shown = "Mukana olivat Vaasa (Åbo Akademi), Lappeenranta (LUT) ja Turku."
    read = extract_document(
        text_document(shown, "fi", doc_id="new"),
        Linker.from_registry(reg),
        pipelines,
        load_words(),
        learned,
    )
    paired = {(d.s, d.o) for d in read.drafts if d.rule.startswith("learned-")}
    assert ("org:lut-university", "city:vaasa") not in paired
    assert not [p for p in learned.patterns if p.path and "lappeenranta" in p.path]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("learned_from: x\nthreshold: 0.9\npatterns: [{id: nope}]\n", "patterns.0.id"),
        (
            "learned_from: x\nthreshold: 0.9\npatterns:\n- {id: learned-x, language: fi, "
            "predicate: MEMBER_OF, subject: City, object: Network, order: subject-first, "
            "support: 1, sources: [a], measured: {right: 2, proposed: 1}, confidence: 0.5, "
            "between: [olla]}\n",
            "patterns.0.measured: right \\(2\\) is more than proposed",
        ),
        (
            "learned_from: x\nthreshold: 0.9\npatterns:\n- {id: learned-x, language: fi, "
            "predicate: MEMBER_OF, subject: City, object: Network, order: subject-first, "
            "support: 1, sources: [a], measured: {right: 0, proposed: 0}, confidence: 0.5}\n",
            "needs either a window",
        ),
        ("learned_from: x\nthreshold: 2\n", "threshold"),
        ("learned_from: [\n", "invalid YAML"),
    ],
)
def test_a_bad_learned_file_names_itself_and_the_field(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "learned.yaml"
    path.write_text(text)
    with pytest.raises(PatternError, match=message) as raised:
        read_learned(path)
    assert str(path) in str(raised.value)


def test_the_shipped_file_is_valid() -> None:
    assert read_learned().patterns


def test_the_shipped_file_is_what_curation_teaches_now(pipelines: Pipelines) -> None:
    settings = Settings()
    fresh = induce(
        load_registry(settings.registry_dir), load_corpus(settings.corpus_dir), pipelines
    )
    assert read_learned() == fresh, "curation changed: rerun scripts/learn_patterns.py"


def _name(text: str, surface: str, kind: EntityType) -> Span:
    start = text.index(surface)
    return Span(start, start + len(surface), surface, kind, surface, False, surface)


def test_a_path_keeps_the_list_item_the_other_name_hangs_from(pipelines: Pipelines) -> None:
    """ "Kokkola (Oulun yliopisto), Lappeenranta (LUT) ja Kuopio (UEF)": from Lappeenranta, LUT
    is its own apposition; climbing to the list's head first made the path pass through
    "lappeenranta", so a pattern learned there read LUT as being in every city of the list."""
    text = "Mukana ovat olleet Kokkola (Oulun yliopisto), Lappeenranta (LUT) ja Kuopio (UEF)."
    sent = next(pipelines.fi(text).sents)
    lut = _name(text, "LUT", "Organisation")
    lappeenranta, kuopio = _name(text, "Lappeenranta", "City"), _name(text, "Kuopio", "City")
    names = [
        _name(text, "Kokkola", "City"), _name(text, "Oulun yliopisto", "Organisation"),
        lappeenranta, lut, kuopio, _name(text, "UEF", "Organisation"),
    ]  # fmt: skip
    assert dependency_path(sent, lappeenranta, lut, names) == ("<appos",)
    assert dependency_path(sent, kuopio, lut, names) != ("<appos",)
