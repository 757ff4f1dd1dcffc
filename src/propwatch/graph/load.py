"""Load the knowledge graph from the store (see :func:`propwatch.store.graph_queries.load_graph`).

The exporters import from here, so they need not know where the graph is stored.
"""

from propwatch.store.graph_queries import load_graph

__all__ = ["load_graph"]
