"""Evidence anchors resolved to passages: which passage, under which owner, and who is blamed."""

from __future__ import annotations

import pytest

from kgraph.errors import RegistryError
from kgraph.ontology import EntitySpec, Evidence, FactSpec, OdditySpec
from loaders.sources.corpus import Document, ManifestEntry, split_passages
from loaders.sources.evidence import EvidenceIndex, Resolved, owner_key, resolve_evidence
from loaders.sources.registry import Located, Registry

# Seven passages; "Implementer: Centria." occurs twice (p002 and p006), every other line once.
REPORT = "\n\n".join(
    [
        "Kokkola hosts the plant.",
        "Implementer: Centria.",
        "Filler one.",
        "Midpoint line.",
        "Filler two.",
        "Implementer: Centria.",
        "Project B is in Vaasa.",
    ]
)
# The same repeated line, and a line found only in its sixth passage.
OTHER = "\n\n".join([*(f"Other {n}." for n in range(1, 6)), "Only here in the other."])
REPEATED = "Implementer: Centria"


def _document(doc_id: str, cleaned: str) -> Document:
    entry = ManifestEntry(
        id=doc_id,
        file=f"{doc_id}.txt",
        language="en",
        kind="report",
        title=doc_id,
        publisher="test",
        sha256="0" * 64,
    )
    return Document(
        entry=entry,
        raw_sha256="0" * 64,
        cleaned=cleaned,
        passages=split_passages(doc_id, cleaned),
    )


DOCUMENTS = {"rep": _document("rep", REPORT), "oth": _document("oth", OTHER)}


def _evidence(*anchors: str, doc: str = "rep") -> list[Evidence]:
    return [Evidence(doc=doc, anchor=anchor) for anchor in anchors]


def _city(slug: str, evidence: list[Evidence], line: int = 1) -> Located[EntitySpec]:
    spec = EntitySpec(id=f"city:{slug}", type="City", name=slug.title(), evidence=evidence)
    return Located(spec, "registry/cities.yaml", line)


def _resolve(*entities: Located[EntitySpec]) -> EvidenceIndex:
    return resolve_evidence(Registry(entities=list(entities)), DOCUMENTS)


def _passages(index: EvidenceIndex, entry: Located[EntitySpec]) -> list[str]:
    return [r.passage_id for r in index.all(entry.item.id, entry.item.evidence)]


def test_a_unique_anchor_resolves_to_the_passage_that_holds_it() -> None:
    entry = _city("kokkola", _evidence("Kokkola hosts"))
    index = _resolve(entry)
    assert index.all("city:kokkola", entry.item.evidence) == [
        Resolved(doc_id="rep", passage_id="rep:p001", anchor="Kokkola hosts")
    ]
    assert len(index) == 1


def test_a_repeated_anchor_resolves_next_to_the_entrys_unique_evidence() -> None:
    near_the_end = _city("vaasa", _evidence("Project B is in Vaasa", REPEATED))
    near_the_start = _city("kokkola", _evidence("Kokkola hosts", REPEATED))
    index = _resolve(near_the_end, near_the_start)
    # The owner is part of the key: one line, two owners, two passages.
    assert _passages(index, near_the_end) == ["rep:p007", "rep:p006"]
    assert _passages(index, near_the_start) == ["rep:p001", "rep:p002"]
    assert len(index) == 4


def test_a_repeated_anchor_at_equal_distance_takes_the_earlier_passage() -> None:
    middle = _city("keski", _evidence("Midpoint line", REPEATED))
    assert _passages(_resolve(middle), middle) == ["rep:p004", "rep:p002"]


def test_the_distance_is_to_the_closest_of_several_unique_anchors() -> None:
    # p002 is 1 from p003 and 5 from p007; p006 is 3 from p003 and 1 from p007: a tie at 1.
    # Measured to the farthest anchor instead, p006 (3) would beat p002 (5).
    entry = _city("both", _evidence("Filler one", "Project B is in Vaasa", REPEATED))
    assert _passages(_resolve(entry), entry) == ["rep:p003", "rep:p007", "rep:p002"]


def test_a_repeated_anchor_without_unique_evidence_takes_the_first_passage() -> None:
    entry = _city("alone", _evidence(REPEATED))
    assert _passages(_resolve(entry), entry) == ["rep:p002"]


def test_unique_evidence_in_another_document_does_not_place_a_repeated_anchor() -> None:
    # The other document's anchor sits in its sixth passage: were it counted, p006 would win.
    entry = _city("apart", [*_evidence("Only here", doc="oth"), *_evidence(REPEATED)])
    assert _passages(_resolve(entry), entry) == ["oth:p006", "rep:p002"]


def test_facts_and_oddities_are_resolved_under_their_own_keys() -> None:
    fact = FactSpec(
        s="city:kokkola", p="LOCATED_IN", o="country:fi", evidence=_evidence("Kokkola hosts")
    )
    oddity = OdditySpec(
        id="odd:twice", kind="other", description="said twice", evidence=_evidence(REPEATED)
    )
    registry = Registry(
        facts=[Located(fact, "registry/facts.yaml", 3)],
        oddities=[Located(oddity, "registry/oddities.yaml", 5)],
    )
    index = resolve_evidence(registry, DOCUMENTS)
    assert owner_key(fact) == "city:kokkola|LOCATED_IN|country:fi"
    assert owner_key(oddity) == "odd:twice"
    assert index.all(owner_key(fact), fact.evidence) == [
        Resolved("rep", "rep:p001", "Kokkola hosts")
    ]
    assert index.all("odd:twice", oddity.evidence) == [Resolved("rep", "rep:p002", REPEATED)]


def test_an_anchor_that_does_not_occur_is_refused_with_file_and_line() -> None:
    entry = _city("nowhere", _evidence("Kokkola hosts", "Rovaniemi hosts"), line=14)
    with pytest.raises(RegistryError) as caught:
        _resolve(entry)
    assert (caught.value.file, caught.value.line) == ("registry/cities.yaml", 14)
    assert caught.value.reason == "anchor 'Rovaniemi hosts' does not occur in document rep"


def test_evidence_from_an_unknown_document_is_refused_with_file_and_line() -> None:
    entry = _city("lost", _evidence("Kokkola hosts", doc="missing"), line=9)
    with pytest.raises(RegistryError) as caught:
        _resolve(entry)
    assert str(caught.value) == (
        "registry/cities.yaml:9: evidence names document 'missing', which is not in the manifest"
    )


def test_a_fact_stated_in_two_files_blames_the_file_that_gave_the_bad_evidence() -> None:
    fact = FactSpec(
        s="city:kokkola",
        p="LOCATED_IN",
        o="country:fi",
        evidence=_evidence("Kokkola hosts", "Rovaniemi hosts"),
    )
    located = Located(fact, "registry/a.yaml", 2, (("registry/a.yaml", 2), ("registry/b.yaml", 7)))
    with pytest.raises(RegistryError) as caught:
        resolve_evidence(Registry(facts=[located]), DOCUMENTS)
    assert (caught.value.file, caught.value.line) == ("registry/b.yaml", 7)


def test_every_anchor_citing_a_changed_sentence_is_named_not_only_the_first() -> None:
    # The document now says "Project B is in Vaasa."; three entries in two files cite the
    # sentence as it was.
    changed = "Project B lies in Vaasa"
    fact = FactSpec(s="project:b", p="LOCATED_IN", o="city:vaasa", evidence=_evidence(changed))
    entries = [
        _city("vaasa", _evidence("Kokkola hosts", changed), line=4),
        _city("b-town", _evidence(changed), line=11),
    ]
    registry = Registry(entities=entries, facts=[Located(fact, "registry/facts.yaml", 30)])
    with pytest.raises(RegistryError) as caught:
        resolve_evidence(registry, DOCUMENTS)
    error = caught.value
    assert (error.file, error.line) == ("registry/cities.yaml", 4)
    not_found = f"anchor '{changed}' does not occur in document rep"
    assert error.reason == (
        f"{not_found} (and 2 more anchors not found: registry/cities.yaml:11: {not_found}; "
        f"registry/facts.yaml:30: {not_found})"
    )
