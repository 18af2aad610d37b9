"""What every store answers, whichever holds the graph: :class:`Store`.

Implemented by :class:`graph.stores.embedded.EmbeddedReader` (the store file) and
:class:`graph.stores.neo4j_store.Neo4jStore` (a Neo4j database); ``lineage stats`` counts through it.
Writing is each store's own (``EmbeddedStore.update``, ``neo4j_push.push``), so it is not part of it.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from graph.lineage_graph import Graph


@runtime_checkable
class Store(Protocol):
    """A lineage graph held somewhere: counted, read back whole, then closed."""

    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts by label and relationship counts by type (the shape of ``lineage_graph.counts``)."""
        ...

    def read_graph(self) -> Graph:
        """The whole graph, in the networkx conventions of :mod:`graph.lineage_graph`."""
        ...

    def close(self) -> None:
        """Release what the store holds open (a connection, a loaded graph)."""
        ...
