"""Hand-written proposals for the news article (doc 003), as an extractor would write them.

Each item is true to the article's text and is *not* in the curated registry, except two
that are there on purpose: one stated the same way (already curated) and one stated with
another title (a disagreement curation must win).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from loaders.proposals.files import (
    Extractor,
    Proposals,
    ProposedEntity,
    ProposedFact,
    proposals_path,
    write_proposals,
)

NEWS = "003_abba59e65f6bad7a"

#: Keys of the items below, for the tests to name them.
NEW_TOPIC = "topic:housing-policy"
COLLABORATION = "org:centria|COLLABORATES_WITH|org:kpedu"
WORKSHOP_TOPIC = "event:competent-workers-workshop|ADDRESSES_TOPIC|topic:housing-policy"
DISAGREEING = "person:ulla-lassi|AFFILIATED_WITH|org:university-of-oulu"
AGREEING = "person:jonne-sandberg|AFFILIATED_WITH|org:city-of-kokkola"


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
