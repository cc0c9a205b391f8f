"""kgraph: the Finnish battery value chain as a Neo4j knowledge graph."""

import sys


def _import_driver_without_dataframes() -> None:
    """Import the Neo4j driver with numpy, pandas and pyarrow hidden from it.

    When they are installed (networkx[default] brings numpy and pandas) the driver imports
    all three at its own import, for ``Result.to_df`` and numpy parameters, which kgraph
    never uses: on this project's 2-core machine that was 0.7-1.5 s of every process
    (docs/benchmarks.md), more than a load that finds its inputs unchanged needs for the
    rest. They stay importable: only the driver's optional support for them is off.
    Modules already imported are not hidden (the driver then uses them, at no cost).
    """
    if "neo4j" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas", "pyarrow") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        import neo4j  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_driver_without_dataframes()

__version__ = "0.1.0"

__all__ = ["__version__"]
