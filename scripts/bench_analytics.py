"""Centrality on a generated graph of 100,000 nodes and about 1,000,000 edges.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python scripts/bench_analytics.py [--nodes 100000] [--m 10] [--sample 32]

Plain networkx (through kgraph.analysis.analytics.centrality, as the API and notebook use it) and
python-igraph (a C core) on the same scale-free graph, in the same run: time and peak
Python-traced memory per metric. Exact betweenness and closeness are O(n*m) -- days at this
size -- so both libraries use the same ``--sample`` pivots (networkx's ``k``; igraph's
``sources``) and closeness of the same sampled nodes. Also times the corpus graph's metrics
when a Neo4j with the corpus is reachable (``--corpus``).
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import igraph
import networkx as nx

from kgraph.analysis import analytics


def measure(work: Callable[[], Any]) -> tuple[float, float]:
    """Seconds and peak traced MB of one call."""
    tracemalloc.start()
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 1e6


def corpus_figures() -> None:
    from kgraph.settings import Settings

    settings = Settings()
    started = time.perf_counter()
    g = analytics.pull(settings.bolt_uri, settings.auth, settings.neo4j_database)
    print(f"corpus graph pulled in {time.perf_counter() - started:.3f} s "
          f"({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")  # fmt: skip
    for name in ("full", "organisations", "cities", "coauthors"):
        view = analytics.projection(g, name)
        for metric in analytics.METRICS:
            started = time.perf_counter()  # no tracemalloc here: it slows small calls a lot
            analytics.centrality(view, metric, top=10)
            seconds = time.perf_counter() - started
            print(f"  corpus {name:<13} {metric:<12} {seconds * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--m", type=int, default=10, help="edges per new node (BA model)")
    parser.add_argument("--sample", type=int, default=32)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", action="store_true")
    args = parser.parse_args()
    if args.corpus:
        corpus_figures()

    started = time.perf_counter()
    g = nx.barabasi_albert_graph(args.nodes, args.m, seed=args.seed)
    print(f"generated {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    h = igraph.Graph(n=args.nodes, edges=list(g.edges()))
    pivots = random.Random(args.seed).sample(range(args.nodes), args.sample)

    plain: dict[str, Callable[[], Any]] = {
        "degree": lambda: analytics.centrality(g, "degree", top=10),
        "pagerank": lambda: analytics.centrality(g, "pagerank", top=10),
        "eigenvector": lambda: nx.eigenvector_centrality_numpy(g),
        "betweenness (sampled)": lambda: analytics.centrality(
            g, "betweenness", top=10, sample=args.sample, seed=args.seed
        ),
        "closeness (sampled nodes)": lambda: [nx.closeness_centrality(g, u=p) for p in pivots],
    }
    fast: dict[str, Callable[[], Any]] = {
        "degree": lambda: h.degree(),
        "pagerank": lambda: h.pagerank(),
        "eigenvector": lambda: h.eigenvector_centrality(),
        "betweenness (sampled)": lambda: h.betweenness(sources=pivots),
        "closeness (sampled nodes)": lambda: h.closeness(vertices=pivots),
    }
    print(f"\n{'metric':<28}{'networkx s':>12}{'peak MB':>10}{'igraph s':>11}{'peak MB':>10}"
          f"{'speed-up':>10}")  # fmt: skip
    for metric in plain:
        nx_s, nx_mb = measure(plain[metric])
        ig_s, ig_mb = measure(fast[metric])
        print(f"{metric:<28}{nx_s:>12.2f}{nx_mb:>10.0f}{ig_s:>11.3f}{ig_mb:>10.0f}"
              f"{nx_s / max(ig_s, 1e-9):>9.0f}x")  # fmt: skip


if __name__ == "__main__":
    main()
