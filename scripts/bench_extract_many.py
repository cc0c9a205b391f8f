"""The extractor over many documents: N generated documents (``extra_documents.py``: four
layouts, two in three Finnish, about 7 KB each) extracted with `kgraph extract`'s code against
the curated registry, each timed, with the spaCy pipelines' loading timed apart.

    .venv/bin/python scripts/bench_extract_many.py [--documents 300] [--sample N]

The corpus is copied to a temporary folder with the documents added (the corpus itself is
never written) and no proposals file is written. ``--sample N`` extracts every (documents/N)th
document only, for a machine too busy to extract them all in the time there is. Prints the
time to read the corpus, to build the linker, to load the pipelines, then per document (median,
mean, 90th percentile, slowest; Finnish and English apart) and in all, with peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from extra_documents import add_documents  # type: ignore[import-not-found]  # a sibling script

# The measurement is not shipped: run from a checkout, the project root is the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.settings import Settings
from loaders.extract.linking import Linker
from loaders.extract.nlp import load_pipelines
from loaders.proposals.run import extract_one
from loaders.sources.corpus import load_corpus
from loaders.sources.registry import load_registry


def _summary(label: str, seconds: list[float]) -> str:
    if not seconds:
        return f"{label}: none"
    ordered = sorted(seconds)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (
        f"{label}: {len(seconds)} documents, median {statistics.median(seconds):.2f} s, "
        f"mean {statistics.mean(seconds):.2f} s, p90 {p90:.2f} s, slowest {ordered[-1]:.2f} s, "
        f"total {sum(seconds):.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--sample", type=int, default=0, metavar="N",
                        help="extract only N of the documents, evenly spread")  # fmt: skip
    args = parser.parse_args()
    settings = Settings()
    print(f"load average at the start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        shutil.copytree(settings.corpus_dir, corpus)
        for path in corpus.iterdir():
            path.chmod(0o644)
        add_documents(corpus, args.documents, settings.registry_dir)
        started = time.perf_counter()
        documents = [d for d in load_corpus(corpus) if "_extra_" in d.entry.id]
        read_s = time.perf_counter() - started
    started = time.perf_counter()
    registry = load_registry(settings.registry_dir)
    linker = Linker.from_registry(registry)
    linker_s = time.perf_counter() - started
    started = time.perf_counter()
    pipelines = load_pipelines()
    pipelines_s = time.perf_counter() - started
    print(
        f"corpus read and cleaned ({len(documents)} generated documents) {read_s:.1f} s; "
        f"registry and linker {linker_s:.1f} s; spaCy pipelines loaded {pipelines_s:.1f} s"
    )
    step = max(1, len(documents) // args.sample) if args.sample else 1
    chosen = documents[::step][: args.sample or None]
    by_language: dict[str, list[float]] = {}
    proposed = facts = 0
    started = time.perf_counter()
    for n, document in enumerate(chosen, 1):
        one = time.perf_counter()
        proposals = extract_one(document, linker, pipelines)
        by_language.setdefault(document.entry.language, []).append(time.perf_counter() - one)
        proposed += len(proposals.entities)
        facts += len(proposals.facts)
        if n % 25 == 0:
            print(f"  {n} extracted, {time.perf_counter() - started:.0f} s", flush=True)
    total = time.perf_counter() - started
    every = [s for seconds in by_language.values() for s in seconds]
    print(_summary("all", every))
    for language, seconds in sorted(by_language.items()):
        print(_summary(language, seconds))
    print(
        f"extraction of {len(chosen)} documents: {total:.1f} s ({proposed} new entities, "
        f"{facts} facts proposed); with the pipelines' loading {total + pipelines_s:.1f} s"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB; load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
