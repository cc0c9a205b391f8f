"""Learn extraction patterns from curation and write ``loaders/extract/learned.yaml``.

    .venv/bin/python scripts/learn_patterns.py          # rewrite loaders/extract/learned.yaml
    .venv/bin/python scripts/learn_patterns.py --check  # exit 1 when the file is out of date

Every curated fact's anchor sentence (accepted reviews included: they are written into the
registry) teaches the window and the dependency path between the fact's two ends; a pattern
is kept when, on the curated documents it did not come from, at least nine in ten of the facts
it proposes are curated (``loaders/extract/induce.py`` says exactly how). Rerun after curation
changes; ``tests/unit/test_extract_learned.py`` fails while the file is out of date.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from regenerated import check_or_write  # type: ignore[import-not-found]  # a sibling script

from kgraph.settings import Settings
from loaders.extract.induce import induce
from loaders.extract.learned import read_learned, write_learned
from loaders.extract.nlp import load_pipelines
from loaders.sources.corpus import load_corpus
from loaders.sources.registry import load_registry


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    settings = Settings()
    registry = load_registry(settings.registry_dir)
    documents = load_corpus(settings.corpus_dir)
    fresh = induce(registry, documents, load_pipelines())
    by_predicate = Counter(f"{p.language} {p.predicate}" for p in fresh.patterns)
    for label, count in sorted(by_predicate.items()):
        print(f"{label}: {count} patterns")
    fired = [p for p in fresh.patterns if p.measured.proposed]
    print(
        f"{len(fresh.patterns)} patterns kept; {len(fired)} proposed anything on a document "
        "they did not come from"
    )
    status: int = check_or_write(
        "loaders/extract/learned.yaml", read_learned, fresh, write_learned, args.check
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
