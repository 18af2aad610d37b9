"""The Neo4j backend: the questions' rows read from Neo4j (or any Bolt server speaking Neo4j 5 Cypher).

It runs only the statements of ``cypher/queries/*.cypher``, with parameters; a depth limit changes a
statement's variable-length bound through :func:`bounded`, never by formatting a value into Cypher.
The driver is imported only when a backend is made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import cypher
from graph.queries.backend import (
    DEFAULT_DEPTH,
    MAX_DEPTH,
    PATH_LIMIT,
    SUCCESSION_DEPTH,
    Backend,
    Direction,
    Edge,
    Node,
    Rows,
    check_depth,
)
from graph.queries.results import jsonable
from graph.vocabulary import GOM

if TYPE_CHECKING:
    from neo4j import Driver

    from graph.stores.neo4j_connection import Neo4jConnection


def _props(data: dict[str, Any], drop: tuple[str, ...] = ("labels",)) -> dict[str, Any]:
    return {k: jsonable(v) for k, v in data.items() if k not in drop and v is not None}


def bounded(statement: str, depth: int, default: int) -> str:
    """The statement with its variable-length bound ``..<default>]`` set to ``..<depth>]``.

    Cypher takes no parameter for a bound; the depth is an int checked against 0..MAX_DEPTH, so the
    statement is one of a fixed set of texts (never a value formatted into Cypher).
    """
    if not isinstance(depth, int) or not 0 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth out of range: {depth!r}")
    marker = f"..{default}]"
    if statement.count(marker) != 1:
        raise ValueError(f"statement has no single bound {marker}")
    return statement.replace(marker, f"..{depth}]")


def _query(name: str) -> str:
    """The statement of ``cypher/queries/<name>.cypher`` without its comment lines."""
    text = cypher.load(f"queries/{name}")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()


class Neo4jBackend(Backend):
    """Answers from Neo4j (or any Bolt server speaking Neo4j 5 Cypher) through the official driver."""

    name = "neo4j"

    def __init__(self, connection: Neo4jConnection | Driver, database: str | None = None) -> None:
        """``connection``: a :class:`graph.stores.neo4j_connection.Neo4jConnection` or a bare driver."""
        from graph.stores.neo4j_connection import Neo4jConnection, Neo4jSettings

        if not isinstance(connection, Neo4jConnection):
            connection = Neo4jConnection(connection, Neo4jSettings(uri="the Bolt server", database=database))
        self.conn = connection

    def run(self, name: str, statement: str | None = None, **params: Any) -> list[dict[str, Any]]:
        """Run ``cypher/queries/<name>.cypher`` (or its bounded variant) in a read transaction."""
        return self.conn.read(statement if statement is not None else _query(name), **params)

    @staticmethod
    def _node(row: dict[str, Any], props: str = "props", labels: str = "labels") -> Node:
        p = _props(row[props] or {})
        return Node(p["key"], tuple(sorted(row.get(labels) or ())), p)

    @staticmethod
    def _edge(row: dict[str, Any]) -> Edge:
        rel = _props(row.get("rel") or {}, ("labels", "type"))
        return Edge(row["source"], row["target"], row["type"], rel)

    def count_documents(self) -> int:
        return int(self.run("count_documents")[0]["n"])

    def documents_by_key(self, keys: list[str]) -> dict[str, Node]:
        return {n.key: n for n in (self._node(r) for r in self.run("find_key", keys=list(keys)))}

    def documents_by_number(self, numbers: list[str]) -> list[Node]:
        return [self._node(r) for r in self.run("find_number", numbers=list(numbers))]

    def documents_by_number_prefix(self, prefix: str) -> list[Node]:
        return [self._node(r) for r in self.run("find_prefix", prefix=prefix)]

    def all_documents(self) -> list[Node]:
        return [self._node(r) for r in self.run("find_all")]

    def reach(self, key: str, direction: Direction, depth: int, fields: Sequence[str] | None = None) -> Rows:
        """Every property of each node, whatever ``fields``."""
        check_depth(depth)
        name = "bases" if direction == "out" else "derived"
        statement = bounded(_query(name), depth - 1, DEFAULT_DEPTH - 1)
        rows = self.run(name, statement, key=key)
        nodes = {}
        edges = []
        for r in rows:
            n = self._node(r, "node", "node_labels")
            nodes[n.key] = n
            edges.append(self._edge(r))
        return nodes, edges

    def replacements(self, keys: list[str]) -> Rows:
        rows = self.run("status", keys=list(keys))
        nodes = {r["node"]["key"]: self._node(r, "node", "node_labels") for r in rows}
        return nodes, [self._edge(r) for r in rows]

    def shortest_paths(self, a: str, b: str) -> list[list[Edge]]:
        rows = self.run("path", a=a, b=b, limit=PATH_LIMIT)
        drop = ("labels", "type")
        return [[Edge(s, t, ty, _props(p or {}, drop)) for s, t, ty, p in r["rels"]] for r in rows]

    def all_agencies(self) -> list[Node]:
        return [self._node(r) for r in self.run("agency_list")]

    def agency_roles(self, keys: list[str]) -> Rows:
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for r in self.run("agency", keys=list(keys)):
            x = self._node(r, "node", "node_labels")
            nodes[x.key] = x
            edges.append(self._edge(r))
            for doc, doc_labels, gom in r["documents"]:
                d = self._node({"props": doc, "labels": doc_labels})
                nodes[d.key] = d
                edges.append(Edge(d.key, x.key, GOM, _props(gom or {}, ("labels", "type"))))
        return nodes, edges

    def successions(self, keys: list[str]) -> Rows:
        statement = bounded(_query("succession"), SUCCESSION_DEPTH - 1, SUCCESSION_DEPTH - 1)
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for r in self.run("succession", statement, keys=list(keys)):
            n = self._node(r, "node", "node_labels")
            nodes[n.key] = n
            edges.append(self._edge(r))
        return nodes, edges

    def targets(self) -> Rows:
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for r in self.run("targets"):
            d = self._node(r, "doc", "doc_labels")
            t = self._node(r, "node", "node_labels")
            nodes[d.key], nodes[t.key] = d, t
            edges.append(self._edge(r))
        return nodes, edges

    def document_relations(self) -> list[Edge]:
        return [self._edge(r) for r in self.run("check")]

    def close(self) -> None:
        self.conn.close()


def cypher_types(statement: str) -> list[str]:
    """Relationship types named in a statement (for the test that files and code agree)."""
    return sorted(set(re.findall(r"`([^`]+)`", statement)))
