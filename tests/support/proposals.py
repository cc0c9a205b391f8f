"""Hand-written proposals for the news article (doc 003), as an extractor would write them.

Each item is true to the article's text and is *not* in the curated registry, except two
that are there on purpose: one stated the same way (already curated) and one stated with
another title (a disagreement curation must win).

``add_duplicate`` adds a new entity that the registry has already under another name (a
merge to make) and a fact that names it; ``registry_without`` copies the registry without
some curated facts, so that what review adds is what the graph then says.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import yaml

from loaders.proposals.files import (
    Extractor,
    Proposals,
    ProposedEntity,
    ProposedFact,
    proposals_path,
    read_proposals,
    write_proposals,
)

NEWS = "003_abba59e65f6bad7a"

#: Keys of the items below, for the tests to name them.
NEW_TOPIC = "topic:housing-policy"
COLLABORATION = "org:centria|COLLABORATES_WITH|org:kpedu"
WORKSHOP_TOPIC = "event:competent-workers-workshop|ADDRESSES_TOPIC|topic:housing-policy"
DISAGREEING = "person:ulla-lassi|AFFILIATED_WITH|org:university-of-oulu"
AGREEING = "person:jonne-sandberg|AFFILIATED_WITH|org:city-of-kokkola"

#: A proposed topic that is the registry's topic:battery-chemistry, and a fact naming it.
DUPLICATE = "topic:battery-chemistry-research"
SAME_AS = "topic:battery-chemistry"
DUPLICATE_NAMES = ("Battery chemistry research", "akkukemian tutkimus")
DUPLICATE_FACT = f"org:university-of-oulu|SPECIALISES_IN|{DUPLICATE}"
MERGED_FACT = f"org:university-of-oulu|SPECIALISES_IN|{SAME_AS}"
MERGED_ANCHOR = (
    "Researchers at the University of Oulu have been carrying out long-term work on battery "
    "chemistry."
)


def _evidence(anchor: str) -> list[dict[str, str]]:
    return [{"doc": NEWS, "anchor": anchor}]


def news_proposals(corpus_dir: Path) -> Proposals:
    """The proposals for doc 003, pinned to the bytes of that document in ``corpus_dir``."""
    sha = hashlib.sha256((corpus_dir / f"{NEWS}.txt").read_bytes()).hexdigest()
    return Proposals(
        doc=NEWS,
        doc_sha256=sha,
        extractor=Extractor(name="hand-written", version="1"),
        entities=[
            ProposedEntity(
                id=NEW_TOPIC, type="Topic", name="Housing policy",
                evidence=_evidence("seek a solution through housing policy"),  # type: ignore[arg-type]
                confidence=0.7, rule="test-topic",
            ),
        ],
        facts=[
            ProposedFact(
                s="org:centria", p="COLLABORATES_WITH", o="org:kpedu",
                props={"context": "survey of vocational education"},
                evidence=_evidence(  # type: ignore[arg-type]
                    "Centria University of Applied Sciences and the Central Ostrobothnia "
                    "Education Consortium have surveyed"
                ),
                confidence=0.8, rule="test-collaboration",
            ),
            ProposedFact(
                s="event:competent-workers-workshop", p="ADDRESSES_TOPIC", o=NEW_TOPIC,
                evidence=_evidence("seek a solution through housing policy"),  # type: ignore[arg-type]
                confidence=0.6, rule="test-topic",
            ),
            ProposedFact(
                s="person:ulla-lassi", p="AFFILIATED_WITH", o="org:university-of-oulu",
                props={"title": "dean"},
                evidence=_evidence("says Ulla Lassi, professor at the University of Oulu"),  # type: ignore[arg-type]
                confidence=0.5, rule="test-title",
            ),
            ProposedFact(
                s="person:jonne-sandberg", p="AFFILIATED_WITH", o="org:city-of-kokkola",
                props={"title": "development director"},
                evidence=_evidence("Jonne Sandberg, development director at the City of Kokkola"),  # type: ignore[arg-type]
                confidence=0.9, rule="test-title",
            ),
        ],
    )  # fmt: skip


def write_news_proposals(folder: Path, corpus_dir: Path) -> Path:
    """Write the proposals file of doc 003 into ``folder``; returns its path."""
    path = proposals_path(folder, NEWS)
    write_proposals(path, news_proposals(corpus_dir))
    return path


def duplicate_items() -> tuple[ProposedEntity, ProposedFact]:
    """A new topic that is topic:battery-chemistry under another name, and a fact naming it."""
    entity = ProposedEntity(
        id=DUPLICATE, type="Topic", name=DUPLICATE_NAMES[0], name_fi=DUPLICATE_NAMES[1],
        evidence=_evidence("the battery chemistry research in Finland is of a high level"),  # type: ignore[arg-type]
        confidence=0.75, rule="test-topic",
    )  # fmt: skip
    fact = ProposedFact(
        s="org:university-of-oulu", p="SPECIALISES_IN", o=DUPLICATE,
        evidence=_evidence(MERGED_ANCHOR),  # type: ignore[arg-type]
        confidence=0.85, rule="test-specialises",
    )  # fmt: skip
    return entity, fact


def add_duplicate(folder: Path) -> None:
    """Add the duplicate topic and its fact to doc 003's proposals in ``folder``."""
    path = proposals_path(folder, NEWS)
    proposals = read_proposals(path)
    entity, fact = duplicate_items()
    write_proposals(path, proposals.model_copy(update={
        "entities": [*proposals.entities, entity], "facts": [*proposals.facts, fact],
    }))  # fmt: skip


def registry_without(source: Path, target: Path, keys: set[str], file: str) -> None:
    """Copy the registry at ``source`` to ``target`` without the facts ``keys`` of ``file``."""
    shutil.copytree(source, target)
    path = target / file
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = [f for f in facts if f"{f['s']}|{f['p']}|{f['o']}" not in keys]
    assert len(kept) == len(facts) - len(keys)
    path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), encoding="utf-8")
