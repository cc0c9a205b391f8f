"""The graph in networkx: centrality, communities, and export for Gephi."""
