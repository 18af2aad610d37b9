"""The Neo4j store: count, read back and clear what :mod:`graph.stores.neo4j_push` loaded.

:class:`Neo4jStore` is the :class:`graph.stores.protocol.Store` side of Neo4j (a connection from
:mod:`graph.stores.neo4j_connection`); the functions take a connection or a bare driver.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

import cypher
from graph.i18n import _
from graph.lineage_graph import Graph, new_graph
from graph.stores.neo4j_connection import Neo4jConnection, as_connection, connect


def counts(conn: Neo4jConnection | Driver) -> dict[str, dict[str, int]]:
    """Node counts by label and relationship counts by type: the shape of ``lineage_graph.counts``."""
    conn = as_connection(conn)
    by_label, by_type = cypher.statements("counts")
    labels = {r["label"]: r["count"] for r in conn.read(by_label)}
    types = {r["type"]: r["count"] for r in conn.read(by_type)}
    return {"nodes": dict(sorted(labels.items())), "relationships": dict(sorted(types.items()))}


def read_graph(conn: Neo4jConnection | Driver) -> Graph:
    """Read the whole graph back into the networkx conventions of :mod:`graph.lineage_graph`."""
    conn = as_connection(conn)
    nodes_statement, edges_statement = cypher.statements("read_graph")
    g = new_graph()
    for record in conn.read(nodes_statement):
        g.add_node(record["key"], **record["props"], labels=tuple(sorted(record["labels"])))
    for record in conn.read(edges_statement):
        g.add_edge(record["source"], record["target"], key=record["type"], type=record["type"],
                   **record["props"])
    return g


def clear(conn: Neo4jConnection | Driver, *, chunk: int = 10_000) -> int:
    """Delete every node and relationship in bounded transactions; return the nodes deleted."""
    conn = as_connection(conn)
    (statement,) = cypher.statements("clear")
    deleted = 0
    with conn.errors(_("clearing the database")), conn.session() as session:
        while True:
            n = session.execute_write(lambda tx: tx.run(statement, limit=chunk).single()["count"])
            deleted += n
            if n == 0:
                return deleted


class Neo4jStore:
    """A Neo4j database as a :class:`~graph.stores.protocol.Store`; closing it closes the connection.

    ``with Neo4jStore.connect(uri) as store: store.counts()``; a bare driver is accepted too.
    """

    def __init__(self, conn: Neo4jConnection | Driver) -> None:
        self.connection = as_connection(conn)

    @classmethod
    def connect(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                **options: Any) -> Neo4jStore:
        """Open a verified connection (see :func:`graph.stores.neo4j_connection.connect`)."""
        return cls(connect(uri, user, password, **options))

    def counts(self) -> dict[str, dict[str, int]]:
        return counts(self.connection)

    def read_graph(self) -> Graph:
        return read_graph(self.connection)

    def clear(self, *, chunk: int = 10_000) -> int:
        """Delete everything (see :func:`clear`); return the nodes deleted."""
        return clear(self.connection, chunk=chunk)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
