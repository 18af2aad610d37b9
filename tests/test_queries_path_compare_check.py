"""path, compare and check on the sample corpus and on small graphs with known answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from path_reference import reference_path, small_graph
from query_samples import corpus_graph

from graph.errors import LineageError, NotFoundError
from graph.lineage_graph import merge_edge, merge_node, new_graph
from graph.queries.check import check
from graph.queries.compare import compare
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.path import path
from graph.vocabulary import CAN_CU, DAN_CHIEU, DOCUMENT, THUC_HIEN


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend(corpus_graph())


def test_path_between_two_provinces_through_decree_64(backend):
    r = path(backend, "176/KH-UBND", "605/QĐ-UBND")
    assert r.length == 2
    assert [d.number for d in r.documents] == ["176/KH-UBND", "64/2007/NĐ-CP", "605/QĐ-UBND"]
    assert [(s.link.type, s.forward) for s in r.steps] == [(CAN_CU, True), (CAN_CU, False)]


def test_the_2020_plan_cites_the_2016_decision_one_node(backend):
    r = path(backend, "176/KH-UBND", "1891/QĐ-UBND")
    assert r.length == 1 and r.steps[0].link.type == DAN_CHIEU and r.steps[0].forward


def test_path_to_the_politburo(backend):
    r = path(backend, "2174/QĐ-UBND", "52-NQ/TW")
    assert r.length == 1 and r.steps[0].link.type == CAN_CU


def test_path_canonical_among_equal_shortest_paths():
    g = new_graph()
    for k in "abcd":
        merge_node(g, k, (DOCUMENT,), number=f"{k}/QĐ")
    merge_edge(g, "a", "c", CAN_CU)
    merge_edge(g, "a", "b", CAN_CU)
    merge_edge(g, "d", "b", THUC_HIEN)
    merge_edge(g, "d", "c", CAN_CU)
    r = path(EmbeddedBackend(g), "a/QĐ", "d/QĐ")
    assert [d.key for d in r.documents] == ["a", "b", "d"]
    with pytest.raises(LineageError):
        path(EmbeddedBackend(g), "a/QĐ", "a")


def test_no_path(backend):
    g = corpus_graph()
    merge_node(g, "lonely", (DOCUMENT,), number="1/QĐ-LONELY")
    with pytest.raises(NotFoundError):
        path(EmbeddedBackend(g), "1/QĐ-LONELY", "2174")


def test_compare_two_plans(backend):
    r = compare(backend, "176/KH-UBND", "605/QĐ-UBND", depth=1)
    assert "64/2007/NĐ-CP" in [d.number for d in r.shared]
    assert "749/QĐ-TTg" not in [d.number for d in r.only_a + r.shared]
    assert "1448/BBCVT-KHTC" in [d.number for d in r.only_b]
    keys = [d.key for d in r.shared + r.only_a + r.only_b]
    assert len(keys) == len(set(keys))


def test_compare_two_provinces(backend):
    r = compare(backend, "Kiên Giang", "Tiền Giang", depth=1, provinces=True)
    assert {d.province for d in r.a.documents} == {"Kiên Giang"}
    assert "64/2007/NĐ-CP" in [d.number for d in r.shared]
    assert "52-NQ/TW" in [d.number for d in r.only_a]
    with pytest.raises(NotFoundError):
        compare(backend, "Kiên Giang", "Hà Giang", provinces=True)


def test_check_on_the_sample_corpus(backend):
    r = check(backend)
    assert r.documents > 50 and r.counts == {k: sum(1 for i in r.issues if i.kind == k) for k in r.counts}
    # Nghị quyết 36-NQ/TW is cited as of 01/7/2014 in one file and 07/7/2014 in another
    assert any(i.kind == "conflicting_date" and "36-NQ/TW" in i.message for i in r.issues)


def test_check_finds_a_cycle_and_a_basis_dated_after():
    g = new_graph()
    merge_node(g, "a", (DOCUMENT,), number="1/KH-UBND", date="2019-01-01")
    merge_node(g, "b", (DOCUMENT,), number="2/QĐ-UBND", date="2020-01-01")
    merge_edge(g, "a", "b", CAN_CU, source="f.txt", line=3, text="Căn cứ Quyết định số 2/QĐ-UBND")
    merge_edge(g, "b", "a", THUC_HIEN)
    merge_node(g, "c", (DOCUMENT,), doc_type="Luật", title="Luật Gì đó")
    merge_edge(g, "a", "c", CAN_CU)
    r = check(EmbeddedBackend(g))
    assert r.counts == {"basis_after_document": 1, "cycle": 1, "unresolved_citation": 1}
    after = next(i for i in r.issues if i.kind == "basis_after_document")
    assert after.documents == ["a", "b"] and after.evidence[0].line == 3
    assert next(i for i in r.issues if i.kind == "cycle").documents == ["a", "b"]


@settings(max_examples=300, deadline=None)
@given(st.integers(4, 14).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                       st.sampled_from([CAN_CU, THUC_HIEN, DAN_CHIEU])), max_size=3 * n),
    st.integers(0, n - 1), st.integers(0, n - 1))))
def test_bidirectional_search_finds_the_canonical_path(case):
    n, edges, a, b = case
    backend = EmbeddedBackend(small_graph(n, edges))
    found = backend.shortest_paths(f"d{a:02d}", f"d{b:02d}")
    expected = reference_path(backend, f"d{a:02d}", f"d{b:02d}")
    if expected is None:
        assert found == []
    else:
        assert [(e.source, e.target, e.type) for e in found[0]] == expected
