"""Every catalogue question once, uncached, on whatever graph the configured Neo4j holds.

    .venv/bin/python scripts/bench_questions.py [--runs 5] [--synth]

Runs each question through ``kgraph.query.questions.run`` (as ``/questions/{name}`` does before its
cache) and prints the median and worst wall time of ``--runs`` runs and the rows returned.
With ``--synth`` the entity parameters name synthetic entities (``kgraph synth``) instead of
the corpus defaults, so the questions touch real data on the large graph.
"""

from __future__ import annotations

import argparse
import statistics
import time

from kgraph.db.graph import Graph, connect
from kgraph.names.resolve import Resolver
from kgraph.query.questions import Catalogue, run
from kgraph.settings import Settings

SYNTH_PARAMS = {
    "city": "city:synth-1",
    "entity": "city:synth-1",
    "network": "network:synth-1",
    "organisation": "org:synth-1",
    "person": "person:synth-1",
    "programme": "programme:synth-1",
    "project": "project:synth-1",
    "stage": "stage:synth-5",
    "fact_id": "project:synth-1|PART_OF_PROGRAMME|programme:synth-1",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--synth", action="store_true")
    args = parser.parse_args()
    settings = Settings()
    graph = Graph(connect(settings.bolt_uri, settings.auth), settings.neo4j_database, 120.0)
    resolver = Resolver.from_graph(graph)
    [size] = graph.read("MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r")
    print(f"graph: {size['n']:,} nodes, {size['r']:,} relationships; median of {args.runs}")
    print(f"{'question':40} {'median ms':>10} {'worst ms':>9} {'rows':>6}")
    for question in Catalogue():
        given = {}
        if args.synth:
            given = {name: SYNTH_PARAMS[name] for name in question.params if name in SYNTH_PARAMS}
            given = {
                k: v for k, v in given.items() if k != "fact_id" or "fact_id" in question.params
            }
        times, rows = [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            _, answer, _ = run(
                graph, question, given, lambda _param, text, kind: resolver.ids_for(text, kind)
            )
            times.append((time.perf_counter() - started) * 1000)
            rows = len(answer)
        print(f"{question.name:40} {statistics.median(times):>10.1f} {max(times):>9.1f} {rows:>6}")
    graph.close()


if __name__ == "__main__":
    main()
