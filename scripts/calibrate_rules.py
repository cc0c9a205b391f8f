"""Measure every extraction rule and write its calibrated confidence.

    .venv/bin/python scripts/calibrate_rules.py          # rewrite loaders/extract/calibration.yaml
    .venv/bin/python scripts/calibrate_rules.py --check  # exit 1 when the file is out of date

Leave one document out on the corpus (``tests/support/extract_measure.py``): for each rule,
the new entities and the facts of the measured predicates it proposed, and how many of them
curation holds. ``loaders/extract/calibration.py`` turns the counts into confidences; a rule
that proposed nothing keeps its pattern file's confidence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from regenerated import check_or_write  # type: ignore[import-not-found]  # a sibling script

# The measurement is test support, not shipped: run from a checkout, the project root is the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.settings import Settings
from loaders.extract.calibration import read_calibration, write_calibration
from loaders.extract.nlp import load_pipelines
from loaders.extract.patterns import PATTERNS_DIR, read_rules
from loaders.sources.corpus import load_corpus
from loaders.sources.registry import load_registry
from tests.support.extract_measure import calibration_of, leave_one_out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    settings = Settings()
    registry = load_registry(settings.registry_dir)
    documents = load_corpus(settings.corpus_dir)
    outcomes = [leave_one_out(registry, documents, load_pipelines(), d) for d in documents]
    fresh = calibration_of(outcomes)
    for language, rules in fresh.rules.items():
        stated = {
            r.rule.id: r.rule.confidence for r in read_rules(PATTERNS_DIR / f"{language}.yaml")
        }
        for rule, m in rules.items():
            print(
                f"{language} {rule}: {m.right} of {m.proposed} right, stated {stated[rule]} "
                f"-> {m.confidence(stated[rule])}"
            )
    status: int = check_or_write(
        "loaders/extract/calibration.yaml", read_calibration, fresh, write_calibration, args.check
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
