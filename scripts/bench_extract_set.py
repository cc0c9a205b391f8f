"""The extractor on the team's own documents (tests/data/extraction_set/), scored.

    .venv/bin/python scripts/bench_extract_set.py [--misses]

Each document is extracted against the whole curated registry with `kgraph extract`'s code,
and its proposals compared with what a person reads there (``<id>.expected.yaml``; scoring in
``tests/support/extraction_set_measure.py``). Prints precision and recall of entities and
facts per document and in all, and every trap proposed; ``--misses`` adds, per document, the
entities and facts missed and the wrong ones proposed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The measurement is test support, not shipped: run from a checkout, the project root is the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.settings import Settings
from loaders.extract.nlp import load_pipelines
from loaders.sources.registry import load_registry
from tests.support.extract_measure import Tally
from tests.support.extraction_set import load_set
from tests.support.extraction_set_measure import Scored, score_set


def _cells(tally: Tally) -> str:
    p, r, tp, pro, exp = tally.pr()
    return f"{p:.2f} | {r:.2f} | {tp}/{pro}/{exp}"


def _misses(scored: Scored) -> list[str]:
    lines = [f"\n{scored.doc}"]
    for label, items in (
        ("entities missed", scored.missed_entities),
        ("entities wrong", scored.wrong_entities),
        ("facts missed", scored.missed_facts),
        ("facts wrong", scored.wrong_facts),
    ):
        lines += [f"  {label}: {item}" for item in items]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list what was missed or wrong")
    args = parser.parse_args()
    registry = load_registry(Settings().registry_dir)
    documents = load_set()
    results = score_set(documents, registry, load_pipelines())
    lines = [
        "| document | entities P | entities R | correct/proposed/expected "
        "| facts P | facts R | correct/proposed/expected |",
        "|---|---|---|---|---|---|---|",
    ]
    entities, facts = Tally(), Tally()
    # the issue asks the English figures to be within 0.10 of the Finnish
    by_language: dict[str, tuple[Tally, Tally]] = {}
    languages = {d.id: d.document.entry.language for d in documents}
    for scored in results:
        entities.add(scored.entities)
        facts.add(scored.facts)
        language = by_language.setdefault(languages[scored.doc], (Tally(), Tally()))
        language[0].add(scored.entities)
        language[1].add(scored.facts)
        lines.append(f"| {scored.doc} | {_cells(scored.entities)} | {_cells(scored.facts)} |")
    for code, (of_entities, of_facts) in sorted(by_language.items()):
        lines.append(f"| all {code} | {_cells(of_entities)} | {_cells(of_facts)} |")
    lines.append(f"| **all** | {_cells(entities)} | {_cells(facts)} |")
    print("\n".join(lines))
    traps = [f"{s.doc}: {t}" for s in results for t in s.traps]
    print(f"\ntraps proposed: {len(traps)}")
    print("\n".join(f"  {t}" for t in traps))
    if args.misses:
        for scored in results:
            print("\n".join(_misses(scored)))


if __name__ == "__main__":
    main()
