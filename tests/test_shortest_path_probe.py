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
from path_reference import reference_path, small_graph
from query_samples import corpus_graph, sqlite_copy

from graph.queries import shortest_path
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.shortest_path import NeighbourCache, canonical_path
from graph.queries.sqlite_backend import SQLiteBackend
from graph.vocabulary import CAN_CU, DAN_CHIEU, THUC_HIEN


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
    backend = EmbeddedBackend(small_graph(n, edges))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(shortest_path, "PROBE_ABOVE", probe_above)
        mp.setattr(shortest_path, "DEGREE_LIMIT", degree_limit)
        found = canonical_path(_probing(backend), lambda nodes: {u: u for u in nodes},
                               f"d{a:02d}", f"d{b:02d}")
    assert found == reference_path(backend, f"d{a:02d}", f"d{b:02d}")


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
