"""A reference list item becomes a publication (linked by its DOI when the registry has it)
and its authors in order, known or new."""

from __future__ import annotations

import re

from kgraph.ontology import Language
from loaders.extract.drafts import Draft
from loaders.extract.linking import Linker
from loaders.extract.rules_people import Reference, authorship, parse_reference, person_name
from loaders.extract.spans import Span, new_id


def reference_spans(
    text: str, language: Language, linker: Linker
) -> tuple[list[Span], list[Draft]]:
    """The publication and author spans of a reference item, and its AUTHORED facts."""
    reference = parse_reference(text)
    if reference is None:
        return [], []
    pub = _publication(text, reference, linker)
    authors = [_author(text, citation, language, linker) for citation in reference.authors]
    found = [a for a in authors if a is not None]
    if len(found) != len(authors):
        return [], []
    return [pub, *found], authorship(text, reference, pub, found)


def _locate(text: str, words: str, after: int = 0) -> tuple[int, int] | None:
    pattern = r"\s+".join(re.escape(w) for w in words.split())
    m = re.compile(pattern).search(text, after)
    return (m.start(), m.end()) if m else None


def _publication(text: str, reference: Reference, linker: Linker) -> Span:
    at = _locate(text, f"DOI: {reference.doi}") or (0, len(text))
    for entity in linker.entities.values():
        if entity.type == "Publication" and entity.props.get("doi") == reference.doi:
            return Span(
                *at,
                text[at[0] : at[1]],
                "Publication",
                entity.id,
                new=False,
                name=entity.name,
                how="identifier",
            )
    first = reference.authors[0].split(",")[0]
    name = reference.title or f"{first} et al. {reference.year}"
    props: tuple[tuple[str, str | int], ...] = (
        ("doi", reference.doi),
        ("year", reference.year),
        *((("title", reference.title),) if reference.title else ()),
        *((("venue", reference.venue),) if reference.venue else ()),
    )
    pub_id = new_id("Publication", f"{first}-{reference.year}-{(reference.title or '')[:40]}")
    return Span(
        *at,
        text[at[0] : at[1]],
        "Publication",
        pub_id,
        new=True,
        name=name,
        rule="reference-item",
        confidence=0.95,
        props=props,
    )


def _author(text: str, citation: str, language: Language, linker: Linker) -> Span | None:
    at = _locate(text, citation)
    if at is None:
        return None
    surface = text[at[0] : at[1]]
    for mention in linker.index.find(citation, language=language):
        if mention.start == 0 and mention.end == len(citation):
            entity = linker.entities[mention.entity_id]
            if entity.type == "Person":
                return Span(*at, surface, "Person", entity.id, new=False, name=surface, how="alias")
    name = person_name(citation)
    return Span(
        *at,
        surface,
        "Person",
        new_id("Person", name),
        new=True,
        name=name,
        rule="reference-author",
        confidence=0.9,
    )
