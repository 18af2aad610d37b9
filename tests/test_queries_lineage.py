"""bases and derived on the sample corpus (through the real pipeline), and their engine on small graphs."""

from __future__ import annotations

import pytest
from query_samples import corpus_graph

from graph.errors import LineageError
from graph.lineage_graph import merge_edge, merge_node, new_graph
from graph.queries.bases import bases
from graph.queries.derived import derived
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.levels import group_names
from graph.vocabulary import CAN_CU, DOCUMENT, THUC_HIEN


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend(corpus_graph())


def _by_number(result):
    return {i.document.number: i for i in result.items}


def test_each_relationship_is_one_link_shared_by_paths_and_via(backend):
    """One Link object per relationship: the paths and "via" lists of the answer hold the answer's links."""
    r = bases(backend, "2174/QĐ-UBND")
    shared = {id(lk) for lk in r.links}
    used = [lk for i in r.items for lk in (*i.path, *i.via)]
    assert used and all(id(lk) in shared for lk in used)


def test_bases_of_the_kien_giang_2022_strategy_reach_the_politburo(backend):
    r = bases(backend, "2174/QĐ-UBND")
    items = _by_number(r)
    assert items["749/QĐ-TTg"].document.group == "Thủ tướng"
    nq52 = items["52-NQ/TW"]
    assert nq52.document.group == "Đảng (Trung ương)" and nq52.document.issuer == "Bộ Chính trị"
    # reached through the Kiên Giang Party programme and the Government's resolution, both implementing it
    numbers = {i.document.key: i.document.number for i in r.items}
    via = {(numbers.get(lk.source), lk.type) for lk in nq52.via}
    assert ("01-CTr/TU", THUC_HIEN) in via and ("50/NQ-CP", THUC_HIEN) in via
    assert items["01-CTr/TU"].document.group == "Tỉnh ủy"
    assert items["50/NQ-CP"].document.group == "Chính phủ"
    # the citing words come from the text
    assert "749/QĐ-TTg" in items["749/QĐ-TTg"].path[-1].text


def test_bases_are_grouped_by_level_in_order(backend):
    r = bases(backend, "2174/QĐ-UBND")
    order = group_names()
    ranks = [order.index(i.document.group) for i in r.items]
    assert ranks == sorted(ranks)
    assert {"Đảng (Trung ương)", "Quốc hội", "Chính phủ", "Thủ tướng", "Bộ, ngành", "Tỉnh ủy", "Tỉnh"} <= {
        i.document.group for i in r.items}


def test_bases_follow_the_chain_and_stop_at_the_depth(backend):
    deep = _by_number(bases(backend, "1891/QĐ-UBND", depth=3))
    # 1891 cites 03/2008/TT-BKH, which guides 04/2008/NĐ-CP, which amends 92/2006/NĐ-CP
    assert {"03/2008/TT-BKH", "04/2008/NĐ-CP", "92/2006/NĐ-CP"} <= deep.keys()
    # 64-CTr/TU (Kiên Giang Party programme) implements 36-NQ/TW of the Politburo: two hops
    assert deep["36-NQ/TW"].depth == 2
    assert [lk.type for lk in deep["36-NQ/TW"].path] == [CAN_CU, THUC_HIEN]
    shallow = _by_number(bases(backend, "1891/QĐ-UBND", depth=1))
    assert "36-NQ/TW" not in shallow and "64-CTr/TU" in shallow


def test_derived_of_decree_64_2007_lists_the_kien_giang_and_tien_giang_plans(backend):
    r = derived(backend, "64/2007/NĐ-CP")
    provinces = {(i.document.province, i.document.number) for i in r.items}
    assert ("Kiên Giang", "176/KH-UBND") in provinces
    assert ("Tiền Giang", "605/QĐ-UBND") in provinces
    tg = [i for i in r.items if i.document.province == "Tiền Giang"]
    assert any(i.document.doc_type == "Kế hoạch" for i in tg)  # the plan issued with 605/QĐ-UBND
    only_tg = derived(backend, "64/2007/NĐ-CP", province="tien giang")
    assert {i.document.province for i in only_tg.items} == {"Tiền Giang"}


def test_derived_is_transitive():
    g = new_graph()
    for key, number in (("a", "1/QĐ-TTg"), ("b", "2/QĐ-UBND"), ("c", "3/KH-UBND")):
        merge_node(g, key, (DOCUMENT,), number=number)
    merge_edge(g, "b", "a", CAN_CU, text="Căn cứ Quyết định số 1/QĐ-TTg")
    merge_edge(g, "c", "b", THUC_HIEN, text="Thực hiện Quyết định số 2/QĐ-UBND")
    r = derived(EmbeddedBackend(g), "1/QĐ-TTg")
    assert [(i.document.key, i.depth) for i in r.items] == [("b", 1), ("c", 2)]
    assert [lk.source for lk in r.items[1].path] == ["b", "c"]
    assert len(derived(EmbeddedBackend(g), "1/QĐ-TTg", depth=1).items) == 1


def test_depth_out_of_range_is_a_usage_error(backend):
    with pytest.raises(LineageError) as err:
        bases(backend, "2174", depth=0)
    assert err.value.exit_code == 2


def test_subgraph_holds_the_answer(backend):
    r = bases(backend, "2174/QĐ-UBND", depth=2)
    sub = r.to_subgraph()
    keys = {n.key for n in sub.nodes}
    assert sub.focus == [r.document.key] and r.document.key in keys
    assert {i.document.key for i in r.items} <= keys
    assert all(e.source in keys and e.target in keys for e in sub.edges)
    assert any(e.type == THUC_HIEN for e in sub.edges)
