"""Where the questions read the graph: the embedded networkx graph or Neo4j, behind one interface.

A backend only fetches rows (nodes and relationships, as :class:`Node` and :class:`Edge`); the
question modules turn rows into answers with the same code for both, so the stores cannot drift.
The Neo4j backend runs only the statements of ``cypher/queries/*.cypher``, with parameters.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Literal

import cypher
from graph.errors import LineageError
from graph.lineage_graph import edges_of_type, node_values
from graph.queries.results import jsonable
from graph.vocabulary import (
    AGENCY,
    BAN_HANH,
    CAN_CU,
    CHU_TRI,
    DE_NGHI,
    DE_RA,
    DOCUMENT,
    DOCUMENT_RELATIONS,
    GOM,
    HUONG_DAN,
    PHOI_HOP,
    SUA_DOI,
    SUPERSEDES,
    THUC_HIEN,
)

# The relationships a document's foundation is made of (bases follows them out, derived in).
LINEAGE_TYPES = (CAN_CU, THUC_HIEN, HUONG_DAN, SUA_DOI)
STATUS_TYPES = (SUPERSEDES, SUA_DOI)
AGENCY_TYPES = (CHU_TRI, PHOI_HOP, BAN_HANH, DE_NGHI)
PATH_TYPES = DOCUMENT_RELATIONS
MAX_DEPTH = 10  # the largest bound of any variable-length pattern
DEFAULT_DEPTH = 6
PATH_LIMIT = 1000  # shortest paths fetched from Neo4j to choose the canonical one

Direction = Literal["out", "in"]


@dataclass(frozen=True)
class Node:
    key: str
    labels: tuple[str, ...]
    props: dict[str, Any] = field(hash=False, compare=False)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type: str
    props: dict[str, Any] = field(hash=False, compare=False)


Rows = tuple[dict[str, Node], list[Edge]]


def _props(data: dict[str, Any], drop: tuple[str, ...] = ("labels",)) -> dict[str, Any]:
    return {k: jsonable(v) for k, v in data.items() if k not in drop and v is not None}


def check_depth(depth: int) -> int:
    """A depth limit between 1 and :data:`MAX_DEPTH`, or a usage error."""
    if not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise LineageError(f"--depth must be between 1 and {MAX_DEPTH}, not {depth}",
                           hint=f"the default is {DEFAULT_DEPTH}")
    return depth


class Backend(ABC):
    """What the questions need from a store; every method returns plain rows."""

    name: str

    @abstractmethod
    def count_documents(self) -> int: ...

    @abstractmethod
    def documents_by_key(self, keys: list[str]) -> dict[str, Node]: ...

    @abstractmethod
    def documents_by_number(self, numbers: list[str]) -> list[Node]: ...

    @abstractmethod
    def documents_by_number_prefix(self, prefix: str) -> list[Node]: ...

    @abstractmethod
    def all_documents(self) -> list[Node]: ...

    @abstractmethod
    def reach(self, key: str, direction: Direction, depth: int) -> Rows:
        """Lineage relationships leaving (out) or entering (in) every document within depth-1 hops of key."""

    @abstractmethod
    def replacements(self, keys: list[str]) -> Rows:
        """SUPERSEDES / SỬA_ĐỔI relationships entering the given documents, with their sources."""

    @abstractmethod
    def shortest_paths(self, a: str, b: str) -> list[list[Edge]]:
        """Shortest undirected paths from a to b (each as relationships in walking order); [] if none."""

    @abstractmethod
    def all_agencies(self) -> list[Node]: ...

    @abstractmethod
    def agency_roles(self, keys: list[str]) -> Rows:
        """Relationships leaving the agencies (CHỦ_TRÌ ...), their ends, and GỒM into those ends."""

    @abstractmethod
    def targets(self) -> Rows:
        """Every ĐỀ_RA relationship with its document and target."""

    @abstractmethod
    def document_relations(self) -> list[Edge]:
        """Every relationship between two documents."""

    def close(self) -> None:  # noqa: B027 - optional
        """Release connections."""

    _doc_index: list[tuple[Node, str]] | None = None

    def document_index(self) -> list[tuple[Node, str]]:
        """Every document with its folded search text (built once per backend)."""
        if self._doc_index is None:
            from graph.queries.resolve import search_text

            self._doc_index = [(n, search_text(n.props)) for n in self.all_documents()]
        return self._doc_index


# --- embedded (networkx) ------------------------------------------------------------------------

class EmbeddedBackend(Backend):
    """Answers from an in-memory :mod:`graph.lineage_graph` graph (the embedded store, loaded)."""

    name = "embedded"

    def __init__(self, graph) -> None:
        """The graph is only read. Load big graphs with ``load_graph(..., freeze=True)`` so that no
        query pays for a garbage collection scanning the whole graph (5-10 times slower ``bases``)."""
        self.g = graph

    def _node(self, key: str) -> Node:
        data = self.g._node[key]  # shared with the graph, read only: JSON scalars already
        return Node(key, tuple(data.get("labels", ())), data)

    def _is_doc(self, key: str) -> bool:
        return DOCUMENT in self.g._node[key].get("labels", ())

    def _edge(self, u: str, v: str, t: str) -> Edge:
        return Edge(u, v, t, self.g._succ[u][v][t])  # read only

    def _keys_labelled(self, label: str) -> list[str]:
        """Keys of the nodes with ``label``, in the graph's order."""
        keys = {k for k, labels in node_values(self.g, "labels") if label in labels}
        return [k for k in self.g if k in keys] if keys else []

    def count_documents(self) -> int:
        return sum(1 for _, labels in node_values(self.g, "labels") if DOCUMENT in labels)

    def documents_by_key(self, keys: list[str]) -> dict[str, Node]:
        return {k: self._node(k) for k in keys if k in self.g and self._is_doc(k)}

    def _documents_numbered(self, match: Any) -> list[Node]:
        """Documents whose ``number`` satisfies ``match``, in the graph's order."""
        keys = {k for k, number in node_values(self.g, "number") if match(number)}
        return [self._node(k) for k in self.g if k in keys and self._is_doc(k)] if keys else []

    def documents_by_number(self, numbers: list[str]) -> list[Node]:
        wanted = set(numbers)
        return self._documents_numbered(lambda number: number in wanted)

    def documents_by_number_prefix(self, prefix: str) -> list[Node]:
        return self._documents_numbered(lambda number: str(number or "").startswith(prefix))

    def all_documents(self) -> list[Node]:
        return [self._node(k) for k in self._keys_labelled(DOCUMENT)]

    def reach(self, key: str, direction: Direction, depth: int) -> Rows:
        check_depth(depth)
        adj = self.g._succ if direction == "out" else self.g._pred
        types = set(LINEAGE_TYPES)
        seen = {key}
        frontier = [key]
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for _ in range(depth):
            nxt = []
            for u in frontier:
                for v, by_type in adj[u].items():
                    hit = [t for t in by_type if t in types]
                    if not hit or not self._is_doc(v):
                        continue
                    for t in hit:
                        edges.append(self._edge(u, v, t) if direction == "out" else self._edge(v, u, t))
                    if v not in nodes:
                        nodes[v] = self._node(v)
                    if v not in seen:
                        seen.add(v)
                        nxt.append(v)
            frontier = nxt
        return nodes, edges

    def replacements(self, keys: list[str]) -> Rows:
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for k in keys:
            if k not in self.g:
                continue
            for u, by_type in self.g._pred[k].items():
                for t in by_type:
                    if t in STATUS_TYPES and self._is_doc(u):
                        edges.append(self._edge(u, k, t))
                        nodes[u] = self._node(u)
        return nodes, edges

    def _undirected(self, u: str):
        """(neighbour, type, forward) of u over document relationships, both directions."""
        types = set(PATH_TYPES)
        for v, by_type in self.g._succ[u].items():
            for t in by_type:
                if t in types:
                    yield v, t, True
        for v, by_type in self.g._pred[u].items():
            for t in by_type:
                if t in types:
                    yield v, t, False

    def shortest_paths(self, a: str, b: str) -> list[list[Edge]]:
        """The canonical shortest path only: bidirectional breadth-first search, then a greedy walk."""
        dist_a, dist_b, d = self._meet(a, b)
        if d is None:
            return []
        ra = d - max(dist_b.values())  # radius searched from a (layers complete up to it)
        memo: dict[str, bool] = {}

        def on_path(v: str) -> bool:
            """v (in a's ball, before the meeting layer) continues to b in d - dist_a(v) steps."""
            if v not in memo:
                i = dist_a[v]
                memo[v] = any(
                    dist_a.get(w) == i + 1 and (dist_b.get(w) == d - i - 1 if i + 1 == ra else on_path(w))
                    for w, _, _ in self._undirected(v))
            return memo[v]

        path: list[Edge] = []
        cur, k = a, 0
        while cur != b:
            v, t, backward = min(
                (v, t, not fwd) for v, t, fwd in self._undirected(cur)
                if dist_b.get(v) == d - k - 1 or (k + 1 < ra and dist_a.get(v) == k + 1 and on_path(v)))
            path.append(self._edge(v, cur, t) if backward else self._edge(cur, v, t))
            cur, k = v, k + 1
        return [path]

    def _meet(self, a: str, b: str) -> tuple[dict[str, int], dict[str, int], int | None]:
        """Breadth-first from both ends, a full layer at a time on the smaller frontier, until they meet.

        Returns the distances found from a and from b and the length of the shortest path (None when
        there is none within :data:`MAX_DEPTH`). When they meet after ra layers from a and rb from b,
        the shortest path has ra + rb relationships and both searches are complete up to their radius.
        """
        dist_a, dist_b = {a: 0}, {b: 0}
        front_a, front_b = [a], [b]
        if a == b:
            return dist_a, dist_b, 0
        ra = rb = 0
        while front_a and front_b and ra + rb < MAX_DEPTH:
            grow_a = len(front_a) <= len(front_b)
            dist, other, front = (dist_a, dist_b, front_a) if grow_a else (dist_b, dist_a, front_b)
            level = (ra if grow_a else rb) + 1
            nxt = []
            for u in front:
                for v, _, _ in self._undirected(u):
                    if v not in dist:
                        dist[v] = level
                        nxt.append(v)
            if grow_a:
                front_a, ra = nxt, level
            else:
                front_b, rb = nxt, level
            if any(v in other for v in nxt):
                return dist_a, dist_b, ra + rb
        return dist_a, dist_b, None

    def all_agencies(self) -> list[Node]:
        return [self._node(k) for k in self._keys_labelled(AGENCY)]

    def agency_roles(self, keys: list[str]) -> Rows:
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for k in keys:
            for x, by_type in self.g._succ[k].items():
                for t in by_type:
                    if t not in AGENCY_TYPES:
                        continue
                    edges.append(self._edge(k, x, t))
                    nodes[x] = self._node(x)
                    for d, d_types in self.g._pred[x].items():
                        if GOM in d_types and self._is_doc(d):
                            edges.append(self._edge(d, x, GOM))
                            nodes[d] = self._node(d)
        return nodes, edges

    def targets(self) -> Rows:
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for u, v, t, data in edges_of_type(self.g, [DE_RA]):
            edges.append(Edge(u, v, t, data))
            nodes.setdefault(u, self._node(u))
            nodes.setdefault(v, self._node(v))
        return nodes, edges

    def document_relations(self) -> list[Edge]:
        return [Edge(u, v, t, data) for u, v, t, data in edges_of_type(self.g, DOCUMENT_RELATIONS)
                if self._is_doc(u) and self._is_doc(v)]


# --- Neo4j --------------------------------------------------------------------------------------

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

    def __init__(self, connection, database: str | None = None) -> None:
        """``connection``: a :class:`graph.stores.neo4j_store.Neo4jConnection` or a bare driver."""
        from graph.stores.neo4j_store import Neo4jConnection, Neo4jSettings

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

    def reach(self, key: str, direction: Direction, depth: int) -> Rows:
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
