"""Precision and recall of the mention matcher on hand-labelled passages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kgraph.names.matcher import MentionIndex
from kgraph.ontology import EntitySpec
from loaders.sources.corpus import Document
from loaders.sources.names import entity_names


@dataclass
class Quality:
    true_positives: int = 0
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    false_negatives: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + len(self.false_negatives)
        return self.true_positives / wanted if wanted else 1.0


def measure(
    sample: Path, documents: list[Document], entities: list[EntitySpec],
    extra_names: dict[str, list[str]] | None = None,
) -> Quality:  # fmt: skip
    """Compare the matcher's entities per passage with the labelled ones (sets, in scope)."""
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    scope = set(data["scope"])
    kinds = {e.id: e.type for e in entities}
    index = MentionIndex(entity_names(entities, extra_names))
    passages = {p.id: (p, d.entry.language) for d in documents for p in d.passages}
    quality = Quality()
    for passage_id, labelled in data["passages"].items():
        passage, language = passages[passage_id]
        found = {m.entity_id for m in index.find(passage.text, passage_id, language=language)}
        found = {e for e in found if kinds.get(e) in scope}
        wanted = set(labelled)
        quality.true_positives += len(found & wanted)
        quality.false_positives += [(passage_id, e) for e in sorted(found - wanted)]
        quality.false_negatives += [(passage_id, e) for e in sorted(wanted - found)]
    return quality
