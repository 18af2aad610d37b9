"""Store formats 3-4 (before SQLite): the graph as columns, read back as a lazily built, read-only
networkx graph. Only ``lineage migrate`` reads them now; these tests keep that reading exact and safe.

What a reloaded graph must keep: every node and relationship with its attributes (values, types and
order), networkx's iteration order (nodes, successors, predecessors), one shared dict per relationship
(``_pred[v][u] is _succ[u][v]``); and it must build only what is touched.
"""

from __future__ import annotations

import io
import pickle
import struct
import sys

import networkx as nx
import pytest
from g1_samples import gold
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import StoreError
from graph.lineage_graph import counts, edge_types, edges_of_type, new_graph, node_values
from graph.loaders.build import build_graph
from graph.queries.bases import bases
from graph.queries.embedded_backend import EmbeddedBackend
from graph.stores import column_file, columns, graph_file
from graph.stores.column_graph import ColumnGraph
from graph.stores.embedded import EmbeddedStore, load_graph, save_graph


def _reload(g: nx.MultiDiGraph, **kw) -> nx.MultiDiGraph:
    out = io.BytesIO()
    graph_file.dump(g, out)
    return graph_file.load(out.getvalue(), **kw)


def assert_same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph, pred_order: bool = True) -> None:
    """Same content and the same iteration order everywhere, attribute order included (the order
    of predecessors only with ``pred_order``: networkx's own ``copy()`` re-derives it)."""
    assert a.graph == b.graph
    assert list(a._node) == list(b._node)
    for k in a._node:
        assert list(a._node[k].items()) == list(b._node[k].items())
        assert [type(v) for v in a._node[k].values()] == [type(v) for v in b._node[k].values()]
        assert list(a._succ[k]) == list(b._succ[k])
        assert list(a._pred[k]) == list(b._pred[k]) if pred_order else set(a._pred[k]) == set(b._pred[k])
        for v, kd in a._succ[k].items():
            assert [(t, list(d.items())) for t, d in kd.items()] == \
                   [(t, list(d.items())) for t, d in b._succ[k][v].items()]
    for u, v in b.edges():
        assert b._pred[v][u] is b._succ[u][v]  # one dict per relationship, as networkx keeps it


@pytest.fixture(scope="module")
def sample_graph() -> nx.MultiDiGraph:
    return build_graph([gold(n) for n in ("000", "001", "002", "003", "004")])


def test_the_sample_corpus_round_trips_exactly(sample_graph):
    h = _reload(sample_graph)
    assert isinstance(h, ColumnGraph)
    assert_same_graph(sample_graph, h)
    assert counts(h) == counts(sample_graph)
    assert h.number_of_edges() == sample_graph.number_of_edges()


def test_saving_a_loaded_store_writes_the_same_bytes(sample_graph, tmp_path):
    first, second = tmp_path / "a.graph", tmp_path / "b.graph"
    save_graph(sample_graph, first)
    save_graph(load_graph(first, writable=True), second)
    assert first.read_bytes() == second.read_bytes()
    save_graph(load_graph(first), second)  # the read-only graph saves the same too
    assert first.read_bytes() == second.read_bytes()


def test_loading_builds_nothing_and_a_question_builds_only_what_it_reads(sample_graph, tmp_path):
    h = _reload(sample_graph)
    assert (len(h._node._cache), len(h._succ._cache), len(h._pred._cache)) == (0, 0, 0)
    key = next(k for k, d in sample_graph.nodes(data=True) if d.get("number") == "2174/QĐ-UBND")
    answer = bases(EmbeddedBackend(h), key)
    assert answer == bases(EmbeddedBackend(sample_graph), key)
    assert 0 < len(h._succ._cache) < h.number_of_nodes() / 2


def test_a_loaded_graph_is_read_only_and_a_writable_load_is_plain(sample_graph, tmp_path):
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        _reload(sample_graph).add_edge("a", "b", key="CĂN_CỨ")
    w = _reload(sample_graph, writable=True)
    assert type(w) is nx.MultiDiGraph
    assert_same_graph(sample_graph, w)
    w.add_edge("x", "y", key="CĂN_CỨ", type="CĂN_CỨ")
    assert w.has_edge("x", "y", key="CĂN_CỨ") and not sample_graph.has_edge("x", "y")


def test_ingest_edits_a_loaded_store_and_saves_it_again(sample_graph, tmp_path):
    path = tmp_path / "s.graph"
    save_graph(sample_graph, path)
    with EmbeddedStore(path).update() as g:
        g.add_node("extra", key="extra", labels=("Agency",), name="Sở Tư pháp")
    h = load_graph(path)
    assert h.nodes["extra"]["name"] == "Sở Tư pháp"
    assert h.number_of_nodes() == sample_graph.number_of_nodes() + 1


def test_copies_subgraphs_and_pickles_of_a_loaded_graph_are_ordinary_graphs(sample_graph):
    h = _reload(sample_graph)
    for copy in (h.copy(), pickle.loads(pickle.dumps(h))):
        assert type(copy) is nx.MultiDiGraph
        assert_same_graph(sample_graph, copy)
    part = list(sample_graph)[:40]
    assert_same_graph(sample_graph.subgraph(part).copy(), h.subgraph(part).copy(), pred_order=False)
    assert_same_graph(sample_graph.subgraph(part), _reload(h.subgraph(part)))  # a view saved and read


def test_column_scans_agree_with_the_dicts(sample_graph):
    h = _reload(sample_graph)
    for name in ("labels", "number", "line", "budget_dong"):
        assert sorted(node_values(h, name), key=repr) == sorted(node_values(sample_graph, name), key=repr)
    assert sorted(edge_types(h)) == sorted(edge_types(sample_graph))
    wanted = ["ĐỀ_RA", "CHỦ_TRÌ"]
    assert list(edges_of_type(h, wanted)) == list(edges_of_type(sample_graph, wanted))
    for u, v, t, d in edges_of_type(h, wanted):
        assert d is h._succ[u][v][t]


def test_values_of_every_kind_come_back_with_their_type():
    g = new_graph()
    g.graph["name"] = "kinds"
    g.add_node("a", text="Sở Nội vụ", big=1 << 70, neg=-5, flt=2.5, yes=True, none=None,
               tasks=["Triển khai", "Báo cáo"], pair=("Document", "LegalBasis"), nested=[[1, 2], {"k": 1}],
               nul="a\x00b", lone="\udcff")
    g.add_node("b", text="Sở Nội vụ", tasks=["Triển khai", "Báo cáo"], flt=1)
    g.add_node(7)  # a node with no attributes, keyed by an int
    g.add_node(("t", 1), text="")
    g.add_edge("a", "b", key="CĂN_CỨ", type="CĂN_CỨ", line=3, text="Căn cứ")
    g.add_edge("a", "b", key="DẪN_CHIẾU", type="DẪN_CHIẾU")  # two types between one pair
    g.add_edge("b", "a", key="SUPERSEDES")
    g.add_edge(7, 7, key=0, w=0.5)  # a loop, an int key
    h = _reload(g)
    assert_same_graph(g, h)
    assert h.nodes["a"]["big"] == 1 << 70 and h.nodes["b"]["flt"] == 1 and type(h.nodes["b"]["flt"]) is int
    assert h.nodes["a"]["nul"] == "a\x00b" and h.nodes["a"]["lone"] == "\udcff"
    # equal lists are equal, never the same object: editing one row cannot change another
    a_tasks, b_tasks = h.nodes["a"]["tasks"], h.nodes["b"]["tasks"]
    assert a_tasks == b_tasks and a_tasks is not b_tasks


def test_an_empty_graph_round_trips():
    h = _reload(new_graph())
    assert h.number_of_nodes() == 0 and h.number_of_edges() == 0 and counts(h) == counts(new_graph())


def test_a_store_written_on_a_machine_of_the_other_byte_order_reads_the_same(sample_graph):
    other = "big" if sys.byteorder == "little" else "little"
    payload = b"".join(column_file.to_bytes(columns.encode(sample_graph), byteorder=other))
    assert payload != b"".join(column_file.to_bytes(columns.encode(sample_graph)))
    h = ColumnGraph.from_columns(column_file.from_buffer(memoryview(payload)))
    assert_same_graph(sample_graph, h)


@pytest.mark.parametrize("where", [0.3, 0.6, 0.95])
def test_a_flipped_byte_anywhere_is_reported_at_load(sample_graph, tmp_path, where):
    out = io.BytesIO()
    graph_file.dump(sample_graph, out)
    data = bytearray(out.getvalue())
    data[int(len(data) * where)] ^= 0x40
    with pytest.raises(StoreError, match="store is damaged \\(checksum mismatch\\)"):
        graph_file.load(bytes(data))


def test_format_2_stores_load_only_when_trusted(sample_graph, tmp_path):
    state = {"graph": sample_graph.graph, "_node": sample_graph._node, "_adj": sample_graph._adj,
             "_pred": sample_graph._pred}
    payload = pickle.dumps(state, protocol=5)
    header = struct.pack(">16sHcQ", graph_file.MAGIC, 2, graph_file.CODEC_RAW, len(payload))
    with pytest.raises(StoreError, match="old format that can run code"):
        graph_file.load(header + payload)
    h = graph_file.load(header + payload, trust_old=True)
    assert type(h) is nx.MultiDiGraph
    assert_same_graph(sample_graph, h)


_scalars = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none(),
                     st.floats(allow_nan=False))
_values = st.one_of(_scalars, st.lists(st.text(max_size=5), max_size=3), st.tuples(st.text(max_size=3)))
_names = st.sampled_from(["number", "line", "text", "source", "tasks", "date"])
_edge_attrs = st.dictionaries(_names, _values, max_size=5)
_labels = st.none() | st.tuples(st.sampled_from(["Document", "LegalBasis", "Agency"]))
_node_attrs = st.builds(lambda d, labels: {**d, "labels": labels} if labels is not None else d,
                        _edge_attrs, _labels)


@st.composite
def graphs(draw) -> nx.MultiDiGraph:
    g = new_graph()
    keys = draw(st.lists(st.text(min_size=1, max_size=6), unique=True, max_size=12))
    for k in keys:
        g.add_node(k, **draw(_node_attrs))
    if keys:
        edges = st.tuples(st.sampled_from(keys), st.sampled_from(keys),
                          st.sampled_from(["CĂN_CỨ", "THỰC_HIỆN", "CHỦ_TRÌ", "GỒM"]), _edge_attrs)
        for u, v, t, d in draw(st.lists(edges, max_size=30)):
            g.add_edge(u, v, key=t, **d)
    return g


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_any_graph_round_trips_exactly(g):
    h = _reload(g)
    assert_same_graph(g, h)
    assert_same_graph(g, h.thaw())
    assert counts(h) == counts(g)
