"""What the extractor finds in a passage: spans that name entities, known or new.

A span is in the passage's own offsets (``passage.text[start:end] == surface``). A *linked*
span names an entity of the registry; a *new* span names something the registry does not
hold yet, with the base form of its name, its type and (for organisations) its kind.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from kgraph.ontology import ID_PREFIX, EntityType

if TYPE_CHECKING:
    from loaders.extract.patterns import Rule

#: How a span was tied to a known entity: its name as written, an inflected form, a lemma, a
#: fuzzy match, an alias, or an identifier such as a DOI.
LinkHow = Literal["exact", "inflected", "lemma", "fuzzy", "alias", "identifier"]

PLACE_TYPES: frozenset[EntityType] = frozenset({"City", "Country", "Region"})
#: Kinds whose names are common words ("vety", "akkukemia"): a new name that contains one
#: ("VetyPolku-hanke") is a name, not a mention of the concept.
CONCEPT_TYPES: frozenset[EntityType] = frozenset({"Topic", "ValueChainStage"})
#: Kinds named by a title, whose words may hold other names ("Finland leads the way ...").
TITLED_TYPES: frozenset[EntityType] = frozenset({"Publication", "Event"})


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    surface: str
    type: EntityType
    #: the registry's id for a linked span; the proposed id (filled in later) for a new one
    entity_id: str
    new: bool
    #: base-form name of a new entity (the surface of a linked one)
    name: str
    kind: str | None = None
    name_fi: str | None = None
    rule: str = "link"
    confidence: float = 1.0
    how: LinkHow = "exact"
    props: tuple[tuple[str, str | int], ...] = field(default=())

    def inside(self, other: Span) -> bool:
        return other.start <= self.start and self.end <= other.end and self != other

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def slug(name: str) -> str:
    """The registry's id slug of a name: ASCII, lower case, words joined by hyphens."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9.+]+", "-", folded.lower()).strip("-.") or "x"


def new_id(kind: EntityType, name: str) -> str:
    return f"{ID_PREFIX[kind]}:{slug(name)}"


def proposed(
    start: int,
    end: int,
    name: str,
    of_type: EntityType,
    rule: Rule,
    *,
    surface: str | None = None,
    kind: str | None = None,
    props: tuple[tuple[str, str | int], ...] = (),
) -> Span:
    """A new entity ``rule`` proposes at ``start:end``: named ``name`` (the text there, unless
    ``surface`` says otherwise), its id from its type and name, the rule's id and confidence."""
    return Span(
        start,
        end,
        name if surface is None else surface,
        of_type,
        new_id(of_type, name),
        new=True,
        name=name,
        kind=kind,
        rule=rule.id,
        confidence=rule.confidence,
        props=props,
    )


def _yields(known: Span, new: Span) -> bool:
    """Whether a known name gives way to a longer new one around it: a place or concept word
    always; anything inside a project's own name ("KIP-Kierto -hanke" is not the park KIP)."""
    if known.type in CONCEPT_TYPES and new.rule.startswith("project-shape"):
        return known.start >= new.start and known.end <= new.end
    if not known.inside(new) or (known.start, known.end) == (new.start, new.end):
        return False
    # a title is a name of its own: "BATCircle 2.0 continues to lead ..." names a news item,
    # it does not mention the project
    titled = new.type in TITLED_TYPES
    return known.type in PLACE_TYPES | CONCEPT_TYPES or new.rule == "project-shape-fi" or titled


def resolve_overlaps(linked: list[Span], found: list[Span]) -> list[Span]:
    """One set of spans without overlaps, in order.

    A known name wins over a new one it overlaps, except a place (or a concept word) inside a
    longer new name of something else: "Vaasan yliopisto", "Vasa universitet" and "University
    of Vaasa" are a university, not mentions of the city (the matcher knows only the city's
    name), and "VetyPolku-hanke" is a project, not a mention of hydrogen.
    """
    kept_new: list[Span] = []
    for span in sorted(found, key=lambda s: (s.start, -(s.end - s.start), s.entity_id)):
        blockers = [k for k in linked if k.overlaps(span)]
        if any(not _yields(k, span) for k in blockers):
            continue
        if any(k.overlaps(span) for k in kept_new):
            continue
        kept_new.append(span)
    kept = [k for k in linked if not any(k.overlaps(n) for n in kept_new)]
    return sorted([*kept, *kept_new], key=lambda s: (s.start, s.end, s.entity_id))
