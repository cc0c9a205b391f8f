"""How long `kgraph ingest` takes for a PDF report of N pages (default 50), step by step.

    .venv/bin/python scripts/measure_ingest.py [--pages 50] [--runs 3] [--no-extract]

The PDF is written here (tests/support/originals.py's hand-made PDF writer): the corpus's
final report (document 000) wrapped to 85 characters, 44 lines a page under a running title
with the page number at the foot, the report repeated until the pages are full. Each step is
timed ``--runs`` times (median shown): pypdf's text (``formats.extract``), cleaning into
located passages, the whole ``ingest()`` into a fresh copy of the corpus (both steps, the
hashes, the writes and the manifest's re-read), and the proposals of ``kgraph extract`` for the
new document (spaCy; its models' load time apart). Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.settings import Settings
from loaders.sources.corpus import load_corpus, located_passages
from loaders.sources.formats import extract
from loaders.sources.ingest import ingest
from tests.support.originals import make_pdf

LINES_PER_PAGE = 44
WIDTH = 85
TITLE = "Akkukemian johtajuushanke - loppuraportti 2025"

T = TypeVar("T")


def report_pages(settings: Settings, pages: int) -> list[list[str]]:
    """The corpus's report as ``pages`` pages of wrapped lines, title on top, number below."""
    report = next(d for d in load_corpus(settings.corpus_dir) if d.entry.id.startswith("000_"))
    text = report.cleaned.encode("cp1252", "replace").decode("cp1252")
    lines = [line for block in text.split("\n\n") for line in [*textwrap.wrap(block, WIDTH), ""]]
    body = LINES_PER_PAGE - 2
    out: list[list[str]] = []
    at = 0
    while len(out) < pages:
        chunk = [lines[(at + i) % len(lines)] or " " for i in range(body)]
        at += body
        out.append([TITLE, *chunk, str(len(out) + 1)])
    return out


def timed(runs: int, step: Callable[[], T]) -> tuple[float, T]:
    """The median seconds of ``runs`` calls of ``step`` (at least one), and its last result."""

    def once() -> tuple[float, T]:
        start = time.perf_counter()
        result = step()
        return time.perf_counter() - start, result

    measured = [once() for _ in range(max(runs, 1))]
    return statistics.median(s for s, _ in measured), measured[-1][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-extract", action="store_true", help="skip the spaCy proposals")
    args = parser.parse_args()
    settings = Settings()
    pdf = make_pdf(report_pages(settings, args.pages))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "report.pdf"
        source.write_bytes(pdf)
        t_pdf, extracted = timed(args.runs, lambda: extract(source, pdf))
        text = extracted.text
        t_clean, located = timed(args.runs, lambda: located_passages("x", text, "pdf"))
        cleaned, passages = located

        def fresh_ingest() -> str:
            corpus = root / f"corpus-{time.perf_counter_ns()}"
            shutil.copytree(settings.corpus_dir, corpus)
            return ingest(corpus, source, title="Report", language="fi", kind="report").id

        t_ingest, doc_id = timed(args.runs, fresh_ingest)
        t_cli, _ = timed(args.runs, lambda: cli_ingest(settings, root, source))
        rows = [
            ("pypdf text (formats.extract)", t_pdf),
            ("cleaning into located passages", t_clean),
            ("ingest() whole, without proposals", t_ingest),
            ("`kgraph ingest --no-extract` as a command (a fresh process)", t_cli),
        ]
        if not args.no_extract:
            rows += extract_times(settings, root, str(doc_id))
    print(f"{args.pages} pages, {len(pdf):,} bytes, {len(text):,} characters of text, "
          f"{len(passages)} passages on pages {passages[0].pages}..{passages[-1].pages}; "
          f"running titles left in the text: {cleaned.count(TITLE)}; "
          f"median of {args.runs} runs")  # fmt: skip
    print("| step | seconds |\n|---|---|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} |")


def cli_ingest(settings: Settings, root: Path, source: Path) -> None:
    corpus = root / f"cli-{time.perf_counter_ns()}"
    shutil.copytree(settings.corpus_dir, corpus)
    env = {**os.environ, "KGRAPH_CORPUS_DIR": str(corpus)}
    command = [str(Path(sys.executable).parent / "kgraph"), "ingest", str(source), "--no-extract",
               "--title", "Report", "--language", "fi"]  # fmt: skip
    subprocess.run(command, env=env, cwd=root, check=True, capture_output=True)


def extract_times(settings: Settings, root: Path, doc_id: str) -> list[tuple[str, float]]:
    """The spaCy proposals of the last ingested copy, models loaded once before the timing."""
    from loaders.extract.linking import Linker
    from loaders.extract.nlp import load_pipelines
    from loaders.proposals.run import extract_one
    from loaders.sources.registry import load_registry

    corpus = max(root.glob("corpus-*"))
    start = time.perf_counter()
    pipelines = load_pipelines()
    t_models = time.perf_counter() - start
    linker = Linker.from_registry(load_registry(settings.registry_dir))
    document = next(d for d in load_corpus(corpus) if d.entry.id == doc_id)
    start = time.perf_counter()
    extract_one(document, linker, pipelines, None)
    t_proposals = time.perf_counter() - start
    return [("spaCy models' load (once a process)", t_models),
            ("proposals (kgraph extract) of the document", t_proposals)]  # fmt: skip


if __name__ == "__main__":
    main()
