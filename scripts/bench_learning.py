"""The learning curve: recall and precision on each document as one, two, three and four other
documents teach the learned patterns.

    .venv/bin/python scripts/bench_learning.py

For each of the five documents D (leave one out, as ``scripts/bench_extract.py``: what only D
names hidden, D's facts hidden) and each k of 0 to 4: for every set of k of the other documents,
learn patterns from their anchors only (``loaders/extract/induce.py``; the rest excluded, D
always), extract D with the hand rules and those patterns, and compare with curation. A cell
is the facts' recall and precision summed over the sets of that size, and how many facts the
learned patterns proposed beyond the hand rules and how many of those curation holds; k = 0
is the hand rules alone.
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

# The measurement is test support, not shipped: run from a checkout, the project root is the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.settings import Settings
from loaders.extract.learned import NOTHING
from loaders.extract.nlp import load_pipelines
from loaders.sources.corpus import load_corpus
from loaders.sources.registry import load_registry
from tests.support.extract_measure import Tally, learned_without, leave_one_out


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    settings = Settings()
    registry = load_registry(settings.registry_dir)
    documents = load_corpus(settings.corpus_dir)
    pipelines = load_pipelines()
    ids = [d.entry.id for d in documents]
    sizes = range(len(ids))
    print("| document | " + " | ".join(f"{k} teach" for k in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    totals = {k: (Tally(), Tally()) for k in sizes}
    for document in documents:
        others = [i for i in ids if i != document.entry.id]
        cells = []
        for k in sizes:
            facts, learned = totals[k]
            here, here_learned = Tally(), Tally()
            for teachers in combinations(others, k):
                patterns = (
                    learned_without(
                        registry, documents, pipelines, frozenset(ids) - frozenset(teachers)
                    )
                    if teachers
                    else NOTHING
                )
                outcome = leave_one_out(registry, documents, pipelines, document, patterns)
                for into in (here, facts):
                    into.add(outcome.facts)
                for into in (here_learned, learned):
                    into.add(outcome.learned)
            cells.append(_cell(here, here_learned))
        print(f"| {document.entry.id} | " + " | ".join(cells) + " |")
    print("| **all** | " + " | ".join(_cell(*totals[k]) for k in sizes) + " |")
    print(
        "\ncell: facts R / P over every set of k teaching documents; "
        "+learned: facts the learned patterns added (right/proposed)"
    )


def _cell(facts: Tally, learned: Tally) -> str:
    p, r, *_ = facts.pr()
    _, _, right, proposed, _ = learned.pr()
    return f"R {r:.2f} / P {p:.2f} (+{right}/{proposed})"


if __name__ == "__main__":
    main()
