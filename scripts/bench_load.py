"""Time a full build of the corpus graph into an empty database, in fresh processes; then,
each in a process of its own, a load of the same, unchanged inputs (what `kgraph load` does
the second time), and a load after one document changed (a document load) against a full
load of the same changed inputs.

    .venv/bin/python scripts/bench_load.py [--runs 3] [--document 000_82ade397896eee5f]
        [--edit prepend|append]

Needs a running Neo4j (make up, or kgraph neo4j start) and WIPES its database. Each run is
a new Python process, so one-time costs (the Finnish dictionary of simplemma) are counted.
The changed document is edited in two copies of the corpus in a temporary folder (the
corpus itself is never written): A as it is, B with a new paragraph in ``--document``:
first (``--edit prepend``: every later passage moves one ordinal, so every anchor in it
resolves anew and most of what the document owns is rewritten) or last (``append``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ONE_RUN = r"""
import json, time
from kgraph.settings import Settings
from kgraph.db.graph import Graph, connect
from kgraph.db import cypher, schema
from loaders.sources.inputs import read_inputs
from loaders.build.pipeline import build, run_properties
from kgraph.db.writer import sync
s = Settings()
g = Graph(connect(s.bolt_uri, s.auth), s.neo4j_database)
g.run_autocommit(cypher.WIPE)
schema.apply(g, s.schema_file)
t0 = time.perf_counter()
inputs = read_inputs(s.corpus_dir, s.registry_dir, s.schema_file)
result = build(s.corpus_dir, s.registry_dir)
t1 = time.perf_counter()
report = sync(g, result.graph_input.nodes, result.graph_input.relationships,
              run_properties(result, inputs))
t2 = time.perf_counter()
again = sync(g, result.graph_input.nodes, result.graph_input.relationships,
              run_properties(result, inputs))
t3 = time.perf_counter()
print(json.dumps({"build": t1 - t0, "write": t2 - t1, "total": t2 - t0, "resync": t3 - t2,
                  "nodes": report.counts["nodes"], "relationships": report.counts["relationships"],
                  "unchanged_on_resync": again.unchanged}))
g.close()
"""


def _fresh_process(imports: str, work: str) -> str:
    """A program for a fresh process: import and connect (timed from ``t0``), then ``work``
    (from ``t1``: the load's own part, after what every process pays), closing the driver."""
    return f"""
import json, time
t0 = time.perf_counter()
from kgraph.settings import Settings
from kgraph.db.graph import Graph, connect
{imports}
s = Settings()
g = Graph(connect(s.bolt_uri, s.auth), s.neo4j_database)
t1 = time.perf_counter()
def written(report):
    return sum(report.nodes.summary().values()) + sum(report.relationships.summary().values())
{work}
g.close()
"""


UNCHANGED_RUN = _fresh_process(
    "from loaders.load import Corpus, load",
    """outcome = load(g, Corpus(s.corpus_dir, s.registry_dir), s.schema_file, mode="auto")
print(json.dumps({"unchanged": time.perf_counter() - t0, "unchanged_work": time.perf_counter() - t1,
                  "skipped": outcome.mode == "unchanged"}))""",
)

#: A whole `kgraph load` of changed inputs in a fresh process, imports included (the baseline
#: the unchanged-input load is compared with). The graph holds the corpus already: --verify.
FULL_RUN = _fresh_process(
    "from loaders.load import Corpus, load",
    """report = load(g, Corpus(s.corpus_dir, s.registry_dir), s.schema_file).synced
print(json.dumps({"full_process": time.perf_counter() - t0, "full_work": time.perf_counter() - t1,
                  "changed_rows": written(report)}))""",
)

#: What `kgraph load` does after one document changed: plan, then a document load.
DOCUMENT_RUN = _fresh_process(
    "from loaders.load import Corpus, load",
    """loaded = load(g, Corpus(s.corpus_dir, s.registry_dir), s.schema_file, mode="auto")
result, report = loaded.built, loaded.synced
print(json.dumps({"document_process": time.perf_counter() - t0,
                  "document_work": time.perf_counter() - t1, "mode": result.mode,
                  "changed_rows": written(report),
                  "compared_rows": report.counts["nodes"] + report.counts["relationships"]}))""",
)


def _add_documents(corpus: Path, count: int) -> None:
    """``count`` more documents in ``corpus``: the corpus's own texts in turn, each under a
    new id and with a first line of its own (what a user's next documents would be before
    extraction: text the registry anchors nothing in, full of names the matcher finds)."""
    originals = sorted(corpus.glob("*.txt"))
    entries = []
    for number in range(count):
        original = originals[number % len(originals)]
        doc_id = f"{900 + number:03d}_copy_of_{original.stem[4:]}"
        data = f"Copy {number} of {original.stem}.\n\n".encode() + original.read_bytes()
        (corpus / f"{doc_id}.txt").write_bytes(data)
        language = "en" if original.stem.startswith(("003", "004")) else "fi"
        entries.append(
            f"  - id: {doc_id}\n    file: {doc_id}.txt\n    language: {language}\n"
            f"    kind: copy\n    title: Copy {number} of {original.stem}\n"
            f"    publisher: bench_load.py\n"
            f"    sha256: {hashlib.sha256(data).hexdigest()}\n"
        )  # fmt: skip
    manifest = corpus / "corpus.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "".join(entries), encoding="utf-8")


def _corpora(
    source: Path, folder: Path, document: str, edit: str, extra: int = 0
) -> tuple[Path, Path]:
    """Copy A of the corpus, and copy B with a new paragraph first or last in ``document``;
    both with ``extra`` more documents."""
    a, b = folder / "a", folder / "b"
    for copy in (a, b):
        shutil.copytree(source, copy)
        for path in copy.iterdir():
            path.chmod(0o644)
        _add_documents(copy, extra)
    path = b / f"{document}.txt"
    old = hashlib.sha256(path.read_bytes()).hexdigest()
    paragraph = b"Kokkola, Vaasa and Business Finland in a new paragraph."
    data = path.read_bytes()
    path.write_bytes(paragraph + b"\n\n" + data if edit == "prepend" else
                     data + b"\n\n" + paragraph + b"\n")  # fmt: skip
    new = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = b / "corpus.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return a, b


def _run(code: str, corpus: Path | None = None) -> dict[str, float]:
    env = {**os.environ, **({"KGRAPH_CORPUS_DIR": str(corpus)} if corpus else {})}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env).stdout  # fmt: skip
    return dict(json.loads(out.strip().splitlines()[-1]))


def _one_run(a: Path, b: Path) -> dict[str, float]:
    run = _run(ONE_RUN)
    _run(FULL_RUN, a)  # the graph and its newest LoadRun: corpus A
    run.update(_run(DOCUMENT_RUN, b))  # A -> B, rebuilding one document's part
    _run(FULL_RUN, a)  # back to A
    full = _run(FULL_RUN, b)  # A -> B, the same change as a full load
    run.update(full_changed=full["full_process"], full_changed_rows=full["changed_rows"],
               full_changed_work=full["full_work"])  # fmt: skip
    run.update(_run(UNCHANGED_RUN, b))
    again = _run(FULL_RUN, b)  # B again, nothing to change
    run.update(full_process=again["full_process"], full_work=again["full_work"])
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--document", default="000_82ade397896eee5f",
                        help="The document edited for the one-document-changed load")  # fmt: skip
    parser.add_argument("--edit", choices=("prepend", "append"), default="prepend",
                        help="Where the new paragraph goes: first (every later passage of the "
                        "document moves, and every anchor in it) or last")  # fmt: skip
    parser.add_argument("--extra-documents", type=int, default=0, metavar="N",
                        help="Add N documents to both copies (the corpus's texts under new "
                        "ids): how the loads compare as the corpus grows")  # fmt: skip
    args = parser.parse_args()
    from kgraph.settings import Settings

    runs = []
    with tempfile.TemporaryDirectory() as folder:
        a, b = _corpora(
            Settings().corpus_dir, Path(folder), args.document, args.edit, args.extra_documents
        )
        for number in range(1, args.runs + 1):
            run = _one_run(a, b)
            runs.append(run)
            print(f"run {number}: build {run['build']:.2f} s + write {run['write']:.2f} s = "
                  f"{run['total']:.2f} s ({run['nodes']} nodes, {run['relationships']} "
                  f"relationships); re-sync {run['resync']:.2f} s, "
                  f"unchanged: {run['unchanged_on_resync']}")  # fmt: skip
            print(
                f"  fresh process: full `load` {run['full_process']:.2f} s; unchanged inputs "
                f"{run['unchanged']:.2f} s (skipped: {bool(run['skipped'])})"
            )
            print(
                f"  {args.document} changed ({args.edit}): {run['mode']} load "
                f"{run['document_process']:.2f} s "
                f"({run['changed_rows']} rows written of {run['compared_rows']} compared); "
                f"full load {run['full_changed']:.2f} s ({run['full_changed_rows']} rows written)"
            )
    keys = ("build", "write", "total", "resync", "full_process", "unchanged",
            "full_changed", "document_process")  # fmt: skip
    for key in keys:
        print(f"median {key}: {statistics.median(r[key] for r in runs):.2f} s")
    full = statistics.median(r["full_process"] for r in runs)
    unchanged = statistics.median(r["unchanged"] for r in runs)
    print(f"unchanged-input load / full load (same run): {unchanged / full:.3f}")
    changed = statistics.median(r["full_changed"] for r in runs)
    document = statistics.median(r["document_process"] for r in runs)
    print(f"one-document-changed load / full load of the same inputs: {document / changed:.3f}")
    # The same ratios without what every process pays before a load starts (Python, the
    # driver, pydantic-settings; the same for both sides): the loads' own work.
    for name, part, whole in (
        ("unchanged-input", "unchanged_work", "full_work"),
        ("one-document-changed", "document_work", "full_changed_work"),
    ):
        ratio = statistics.median(r[part] for r in runs) / statistics.median(r[whole] for r in runs)
        print(f"{name} load / full load, after imports and connect: {ratio:.3f} "
              f"(median {statistics.median(r[part] for r in runs):.2f} s / "
              f"{statistics.median(r[whole] for r in runs):.2f} s)")  # fmt: skip
    print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
