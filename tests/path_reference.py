"""Shortest paths the slow way, to check the bidirectional search against (shared by the path tests)."""

from __future__ import annotations

from graph.lineage_graph import Graph, merge_edge, merge_node, new_graph
from graph.queries.backend import MAX_DEPTH
from graph.queries.embedded_backend import EmbeddedBackend
from graph.vocabulary import DOCUMENT


def small_graph(n: int, edges: list[tuple[int, int, str]]) -> Graph:
    """Documents d00 … d{n-1} and the typed relationships between them (self-loops left out)."""
    g = new_graph()
    for i in range(n):
        merge_node(g, f"d{i:02d}", (DOCUMENT,), number=f"{i}/QĐ")
    for u, v, t in edges:
        if u != v:
            merge_edge(g, f"d{u:02d}", f"d{v:02d}", t)
    return g


def reference_path(backend: EmbeddedBackend, a: str, b: str) -> list[tuple[str, str, str]] | None:
    """The canonical path: full distances to b, then the smallest step towards b at each node."""
    dist, frontier = {b: 0}, [b]
    while frontier:
        nxt = []
        for u in frontier:
            for v, _, _ in backend._undirected(u):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    nxt.append(v)
        frontier = nxt
    if a not in dist or dist[a] > MAX_DEPTH:
        return None
    out, cur = [], a
    while cur != b:
        v, t, backward = min((v, t, not f) for v, t, f in backend._undirected(cur)
                             if dist.get(v) == dist[cur] - 1)
        out.append((v, cur, t) if backward else (cur, v, t))
        cur = v
    return out
