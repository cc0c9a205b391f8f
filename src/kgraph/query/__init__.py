"""Reading the graph: the catalogue of named questions, search, lookups, read-only Cypher."""
