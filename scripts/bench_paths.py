"""Time GET /paths' query on the corpus graph for every max_hops from 1 to the most.

    .venv/bin/python scripts/bench_paths.py [--runs 5]

Needs a running Neo4j with the corpus graph loaded (make up, or kgraph neo4j start and
kgraph load; KGRAPH_BOLT_PORT etc. as for the CLI). Names are resolved as the route resolves
them; each case runs once to warm the plan cache, then ``--runs`` times. Prints the median
and the slowest run in milliseconds, and how many paths came back, per case. A case that
reaches the time limit prints ``timeout`` (the API answers 503 there).
"""

from __future__ import annotations

import argparse
import statistics
import time

from kgraph.db.graph import Graph, connect
from kgraph.errors import QueryTimeout
from kgraph.names.resolve import Resolver
from kgraph.query import lookups
from kgraph.settings import Settings

#: (from, to): the issue's two slow cases, a person to a funder, and a project to a city.
CASES = [
    ("a", "a"),
    ("Kokkola", "Business Finland"),
    ("Ulla Lassi", "Business Finland"),
    ("BATCircle3.0", "Vaasa"),
]


def timed(graph: Graph, sources: list[str], targets: list[str], hops: int, runs: int) -> str:
    try:
        found = lookups.paths(graph, sources, targets, hops)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            lookups.paths(graph, sources, targets, hops)
            times.append((time.perf_counter() - started) * 1000)
    except QueryTimeout:
        return "timeout"
    median = statistics.median(times)
    return f"{median:8.1f} ms median, {max(times):8.1f} ms max, {len(found)} paths"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    graph = Graph(connect(settings.bolt_uri, settings.auth), settings.neo4j_database, 10.0)
    resolver = Resolver.from_graph(graph)
    try:
        for source, target in CASES:
            sources, targets = resolver.ids_for(source), resolver.ids_for(target)
            print(f"{source} ({len(sources)} ids) -> {target} ({len(targets)} ids)")
            for hops in range(1, lookups.MAX_HOPS + 1):
                print(f"  max_hops={hops}: {timed(graph, sources, targets, hops, args.runs)}")
    finally:
        graph.close()


if __name__ == "__main__":
    main()
