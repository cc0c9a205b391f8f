"""Time a full build of the corpus graph into an empty database, in fresh processes; then,
each in a process of its own, a load of the same, unchanged inputs (what `kgraph load` does
the second time), and a load after one document changed (a document load) against a full
load of the same changed inputs.

    .venv/bin/python scripts/bench_load.py [--runs 3] [--document 000_82ade397896eee5f]
        [--edit prepend|append] [--extra-documents N] [--kept [--baseline REF]]

Needs a running Neo4j (make up, or kgraph neo4j start) and WIPES its database. Each run is
a new Python process, so one-time costs (the Finnish dictionary of simplemma) are counted.
The changed document is edited in two copies of the corpus in a temporary folder (the
corpus itself is never written): A as it is, B with a new paragraph in ``--document``:
first (``--edit prepend``: every later passage moves one ordinal, so every anchor in it
resolves anew and most of what the document owns is rewritten) or last (``append``).
``--extra-documents N`` adds N generated documents to both (``extra_documents.py``: four
layouts, Finnish and English, the registry's names in them).

``--kept`` (issue "Performance IV") times instead, in the same run, each load with the work
kept by digest off and on (``loaders.build.kept``, in a temporary folder): a full load, a load
after the one changed document, a load after one added document (copy C: A and one more
generated document) and an unchanged load, each against a full load (``--verify``: nothing
kept) of the same inputs. ``--baseline REF`` runs the same loads with the code of git commit
REF too (its ``src`` and ``loaders`` exported to the temporary folder; this tree's registry,
schema and corpus), every run both codes, alternating which goes first, so that a change is
compared with what it changed in one run of a shared machine.
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
from typing import Any

from extra_documents import add_documents  # type: ignore[import-not-found]  # a sibling script

REGISTRY = Path(__file__).resolve().parents[1] / "loaders" / "registry"

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
    (from ``t1``: the load's own part, after what every process pays), closing the driver.
    ``kept``: the folder of kept work the bench names (``BENCH_KEPT``), else None."""
    return f"""
import json, os, resource, time
t0 = time.perf_counter()
from pathlib import Path
from kgraph.settings import Settings
from kgraph.db.graph import Graph, connect
{imports}
s = Settings()
g = Graph(connect(s.bolt_uri, s.auth), s.neo4j_database)
kept = Path(os.environ["BENCH_KEPT"]) if os.environ.get("BENCH_KEPT") else None
t1 = time.perf_counter()
def written(report):
    return sum(report.nodes.summary().values()) + sum(report.relationships.summary().values())
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
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


#: A load with kept work (``BENCH_KEPT``) as ``kgraph load`` plans it, and what it did; like
#: the CLI's, its transaction has ``KGRAPH_LOAD_TIMEOUT_S`` (at 305 documents on a loaded
#: machine, a first load outlasts the library's default of 300 s).
KEPT_RUN = _fresh_process(
    "from loaders.load import Corpus, Options, load",
    """loaded = load(g, Corpus(s.corpus_dir, s.registry_dir, kept_dir=kept), s.schema_file,
              mode="auto", options=Options(timeout_s=s.load_timeout_s))
print(json.dumps({"process": time.perf_counter() - t0, "work": time.perf_counter() - t1,
                  "mode": loaded.mode, "peak_mb": peak_mb()}))""",
)

#: A full load (``--verify``: nothing kept, nothing reused) with its peak memory.
VERIFY_RUN = _fresh_process(
    "from loaders.load import Corpus, Options, load",
    """loaded = load(g, Corpus(s.corpus_dir, s.registry_dir), s.schema_file, mode="verify",
              options=Options(timeout_s=s.load_timeout_s))
print(json.dumps({"process": time.perf_counter() - t0, "work": time.perf_counter() - t1,
                  "mode": loaded.mode, "peak_mb": peak_mb()}))""",
)

WIPE_RUN = _fresh_process(
    "from kgraph.db import cypher",
    """g.run_autocommit(cypher.WIPE)
print(json.dumps({}))""",
)


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
        add_documents(copy, extra, REGISTRY)
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


def _added(source: Path, folder: Path, extra: int) -> Path:
    """Copy C: copy A with one generated document more (the next one)."""
    c = folder / "c"
    shutil.copytree(source, c)
    for path in c.iterdir():
        path.chmod(0o644)
    add_documents(c, extra + 1, REGISTRY)
    return c


#: Settings whose defaults are paths next to the code: an exported baseline keeps this tree's.
_PATH_SETTINGS = ("home", "corpus_dir", "registry_dir", "schema_file")


def _export(ref: str, into: Path) -> dict[str, str]:
    """The code of commit ``ref`` in ``into``; the environment that runs it instead of this
    tree's (its modules first on the path, this tree's registry, schema and corpus)."""
    archive = subprocess.run(["git", "archive", ref, "src", "loaders"], cwd=REGISTRY.parents[1],
                             capture_output=True, check=True).stdout  # fmt: skip
    into.mkdir()
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    from kgraph.settings import Settings

    settings = Settings()
    env = {f"KGRAPH_{name.upper()}": str(getattr(settings, name)) for name in _PATH_SETTINGS}
    env["PYTHONPATH"] = f"{into}{os.pathsep}{into / 'src'}"
    return env


#: The environment of the code a load runs (``_export``'s, or none: this tree's).
_code_env: dict[str, str] = {}


def _run(code: str, corpus: Path | None = None, kept: Path | None = None) -> dict[str, Any]:
    env = {**os.environ, **_code_env, **({"KGRAPH_CORPUS_DIR": str(corpus)} if corpus else {}),
           "BENCH_KEPT": str(kept) if kept else ""}  # fmt: skip
    # -P: the working directory (this tree) is not put before the code's own path.
    done = subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True,
                          env=env)  # fmt: skip
    if done.returncode:
        raise SystemExit(f"a timed load failed ({corpus}):\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


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


def _timed(code: str, corpus: Path, kept: Path | None, expect: str) -> dict[str, Any]:
    out = _run(code, corpus, kept)
    if out["mode"] != expect:
        raise SystemExit(f"expected a {expect} load of {corpus.name}, it was {out['mode']}")
    return out


def _kept_run(a: Path, b: Path, c: Path, kept: Path) -> dict[str, float]:
    """One run of ``--kept``: every load timed with kept work off and on; the graph and the
    kept folder brought back to corpus A (as a user's last load left them) before each."""
    run: dict[str, float] = {}

    def note(name: str, out: dict[str, Any]) -> None:
        run[name], run[f"{name}_work"], run[f"{name}_mb"] = (
            out["process"],
            out["work"],
            out["peak_mb"],
        )

    shutil.rmtree(kept, ignore_errors=True)
    _run(WIPE_RUN)
    note("full_kept_cold", _timed(KEPT_RUN, a, kept, "full"))  # nothing kept yet: it all is
    for name, other in (("changed", b), ("added", c)):
        # Each from A to ``other``: the same change, made three ways.
        note(f"{name}_off", _timed(KEPT_RUN, other, None, "document"))
        _timed(KEPT_RUN, a, kept, "document")  # back to A, A's work kept
        note(f"{name}_on", _timed(KEPT_RUN, other, kept, "document"))
        _timed(KEPT_RUN, a, kept, "document")
        note(f"{name}_full", _timed(VERIFY_RUN, other, None, "full"))
        if name == "changed":
            note("unchanged_off", _timed(KEPT_RUN, b, None, "unchanged"))
            note("unchanged_on", _timed(KEPT_RUN, b, kept, "unchanged"))
        _timed(KEPT_RUN, a, kept, "document")
    note("full_a", _timed(VERIFY_RUN, a, None, "full"))
    return run


def _kept_main(args: argparse.Namespace, source: Path) -> None:
    codes: dict[str, dict[str, str]] = {"this tree": {}}
    runs: dict[str, list[dict[str, float]]] = {"this tree": []}
    with tempfile.TemporaryDirectory() as folder:
        a, b = _corpora(source, Path(folder), args.document, args.edit, args.extra_documents)
        c = _added(source, Path(folder), args.extra_documents)
        documents = len(list(a.glob("*.txt")))
        if args.baseline:
            codes[args.baseline] = _export(args.baseline, Path(folder) / "baseline")
            runs[args.baseline] = []
        for number in range(1, args.runs + 1):
            order = list(codes) if number % 2 else list(reversed(codes))
            for name in order:
                _code_env.clear()
                _code_env.update(codes[name])
                # Each code its own kept work: another code's is never used, and its prune
                # would remove what this one keeps beside the documents.
                run = _kept_run(a, b, c, Path(folder) / f"kept-{list(codes).index(name)}")
                runs[name].append(run)
                print(f"run {number}, {name}: " + ", ".join(
                    f"{k} {v:.2f}" for k, v in run.items() if not k.endswith(("_work", "_mb"))
                ))  # fmt: skip
        _code_env.clear()
    print(f"{documents} documents (A), {args.runs} runs, medians; fresh processes, seconds")
    for name, done in runs.items():
        print(f"-- {name}")
        _kept_summary(args, done)
    print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()}")


def _kept_summary(args: argparse.Namespace, runs: list[dict[str, float]]) -> None:
    def median(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print(f"full load, nothing kept (--verify): A {median('full_a'):.2f} s, "
          f"peak {median('full_a_mb'):.0f} MB; a first load into an empty graph, keeping all work, "
          f"{median('full_kept_cold'):.2f} s")  # fmt: skip
    for name, what in (("changed", f"{args.document} changed ({args.edit})"),
                       ("added", "one document added")):  # fmt: skip
        full = median(f"{name}_full")
        print(f"{what}: full load {full:.2f} s (peak {median(f'{name}_full_mb'):.0f} MB); "
              f"document load, kept work off {median(f'{name}_off'):.2f} s "
              f"({median(f'{name}_off') / full:.3f}), on {median(f'{name}_on'):.2f} s "
              f"(**{median(f'{name}_on') / full:.3f}**, peak {median(f'{name}_on_mb'):.0f} MB); "
              f"after imports and connect: off {median(f'{name}_off_work'):.2f} s, on "
              f"{median(f'{name}_on_work'):.2f} s against {median(f'{name}_full_work'):.2f} s "
              f"({median(f'{name}_on_work') / median(f'{name}_full_work'):.3f})")  # fmt: skip
    full = median("changed_full")
    print(f"unchanged inputs: off {median('unchanged_off'):.2f} s, on {median('unchanged_on'):.2f}"
          f" s ({median('unchanged_on') / full:.3f} of the full load)")  # fmt: skip
    for name in ("changed", "added"):
        ratios = ", ".join(f"{r[f'{name}_on'] / r[f'{name}_full']:.3f}" for r in runs)
        print(f"{name}: on / full run by run: {ratios}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--document", default="000_82ade397896eee5f",
                        help="The document edited for the one-document-changed load")  # fmt: skip
    parser.add_argument("--edit", choices=("prepend", "append"), default="prepend",
                        help="Where the new paragraph goes: first (every later passage of the "
                        "document moves, and every anchor in it) or last")  # fmt: skip
    parser.add_argument("--extra-documents", type=int, default=0, metavar="N",
                        help="Add N generated documents to both copies (extra_documents.py): "
                        "how the loads compare as the corpus grows")  # fmt: skip
    parser.add_argument("--kept", action="store_true",
                        help="Time each load with kept work off and on")  # fmt: skip
    parser.add_argument("--baseline", metavar="REF",
                        help="With --kept: also time the loads with the code of commit REF, "
                        "in the same runs")  # fmt: skip
    args = parser.parse_args()
    from kgraph.settings import Settings

    if args.kept:
        _kept_main(args, Settings().corpus_dir)
        return
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
