"""The shortest-path search that counts steps and probes frontiers (what the SQLite backend uses, so
that much-cited documents are never expanded) finds the same canonical path as the plain search.

On small random graphs every frontier is probed (the thresholds are lowered), against a reference
computed the slow way; on the sample corpus the SQLite backend, with both ways of reading the
relationships between two sets, against the in-memory backend.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_samples import corpus_graph, sqlite_copy

from graph.lineage_graph import merge_edge, merge_node, new_graph
from graph.queries import shortest_path
from graph.queries.backend import MAX_DEPTH
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.shortest_path import NeighbourCache, canonical_path
from graph.queries.sqlite_backend import SQLiteBackend
from graph.vocabulary import CAN_CU, DAN_CHIEU, DOCUMENT, THUC_HIEN


def _reference(backend: EmbeddedBackend, a: str, b: str) -> list[tuple[str, str, str]] | None:
    """Distances to b over the whole graph, then the smallest step towards b at each node."""
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


def _probing(backend: EmbeddedBackend) -> NeighbourCache:
    """The in-memory graph behind the interface the SQLite backend gives: fetch, between, degree."""
    def between(xs, ys):
        wanted = set(ys)
        return [(x, y, t, f) for x in xs for y, t, f in backend._undirected(x) if y in wanted]

    return NeighbourCache(lambda nodes: {u: list(backend._undirected(u)) for u in nodes}, between,
                          lambda nodes: sum(1 for u in nodes for _ in backend._undirected(u)))


@settings(max_examples=300, deadline=None)
@given(st.integers(4, 16).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                       st.sampled_from([CAN_CU, THUC_HIEN, DAN_CHIEU])), max_size=3 * n),
    st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from([-1, 2, 6]), st.sampled_from([0, 2, 50]))))
def test_probing_search_finds_the_canonical_path(case):
    n, edges, a, b, probe_above, degree_limit = case
    g = new_graph()
    for i in range(n):
        merge_node(g, f"d{i:02d}", (DOCUMENT,), number=f"{i}/QĐ")
    for u, v, t in edges:
        if u != v:
            merge_edge(g, f"d{u:02d}", f"d{v:02d}", t)
    backend = EmbeddedBackend(g)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(shortest_path, "PROBE_ABOVE", probe_above)
        mp.setattr(shortest_path, "DEGREE_LIMIT", degree_limit)
        found = canonical_path(_probing(backend), lambda nodes: {u: u for u in nodes},
                               f"d{a:02d}", f"d{b:02d}")
    assert found == _reference(backend, f"d{a:02d}", f"d{b:02d}")


@pytest.mark.parametrize("small_sets", [0, 10_000])
def test_sqlite_paths_with_every_frontier_probed(tmp_path, monkeypatch, small_sets):
    """Both ways of reading the relationships between two sets (by source only, or from the smaller
    set in both directions) give the in-memory backend's paths between every two sample documents."""
    g = corpus_graph()
    embedded = EmbeddedBackend(g)
    sqlite = SQLiteBackend(sqlite_copy(g, tmp_path / "lineage.db"))
    monkeypatch.setattr(shortest_path, "PROBE_ABOVE", -1)
    monkeypatch.setattr("graph.queries.sqlite_backend.SMALL_SETS", small_sets)
    docs = [n.key for n in embedded.all_documents()][:40]
    try:
        for a, b in itertools.permutations(docs, 2):
            expected = [[(e.source, e.target, e.type) for e in p] for p in embedded.shortest_paths(a, b)]
            found = [[(e.source, e.target, e.type) for e in p] for p in sqlite.shortest_paths(a, b)]
            assert found == expected, (a, b)
    finally:
        sqlite.close()
