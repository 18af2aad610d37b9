"""The embedded backend: the questions' rows read from an in-memory :mod:`graph.lineage_graph` graph.

Reads the networkx adjacency directly (never copies it); ``shortest_paths`` gives only the canonical
path, found by a bidirectional breadth-first search.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from graph.lineage_graph import Graph, edges_of_type, node_values
from graph.queries.backend import (
    AGENCY_TYPES,
    LINEAGE_TYPES,
    PATH_TYPES,
    STATUS_TYPES,
    SUCCESSION_DEPTH,
    Backend,
    Direction,
    Edge,
    Node,
    Rows,
    check_depth,
)
from graph.queries.shortest_path import NeighbourCache, canonical_path
from graph.vocabulary import AGENCY, DE_RA, DOCUMENT, DOCUMENT_RELATIONS, GOM, KE_THUA


class EmbeddedBackend(Backend):
    """Answers from an in-memory :mod:`graph.lineage_graph` graph (the embedded store, loaded)."""

    name = "embedded"

    def __init__(self, graph: Graph) -> None:
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

    def reach(self, key: str, direction: Direction, depth: int, fields: Sequence[str] | None = None) -> Rows:
        """Every property of each node, whatever ``fields`` (they cost nothing to give here)."""
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

    def _undirected(self, u: str) -> Iterator[tuple[str, str, bool]]:
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
        """The canonical shortest path only (:mod:`.shortest_path`, as every backend gives it)."""
        near = NeighbourCache(lambda nodes: {u: list(self._undirected(u)) for u in nodes})
        path = canonical_path(near, lambda nodes: {u: u for u in nodes}, a, b)
        return [] if path is None else [[self._edge(u, v, t) for u, v, t in path]]

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

    def successions(self, keys: list[str]) -> Rows:
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        seen = set(keys)
        frontier = [k for k in keys if k in self.g]
        for _ in range(SUCCESSION_DEPTH):
            nxt = []
            for u in frontier:
                for v, by_type in self.g._succ[u].items():
                    if KE_THUA not in by_type:
                        continue
                    edges.append(self._edge(u, v, KE_THUA))
                    nodes.setdefault(v, self._node(v))
                    if v not in seen:
                        seen.add(v)
                        nxt.append(v)
            frontier = nxt
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
