"""kgraph: the Finnish battery value chain as a Neo4j knowledge graph."""

__version__ = "0.1.0"

__all__ = ["__version__"]
