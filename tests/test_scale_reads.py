"""What a question about one province reads from the SQLite store: not one walk per document, and
not every document of the store (the store of a country holds 160,000 of them, a province ~2,000).

The sample corpus goes through the real pipeline and is written to a SQLite store; answers are compared
with :class:`EmbeddedBackend` on the same graph and with the documents' own ``bases`` one by one.
"""

from __future__ import annotations

import json

import pytest
from query_samples import corpus_graph, recorded_queries, sqlite_copy

from graph.errors import LineageError
from graph.loaders.succession import province_change
from graph.queries import check as check_module
from graph.queries import lineage as lineage_module
from graph.queries import neighbourhood as neighbourhood_module
from graph.queries.check import check
from graph.queries.compare import compare, province_documents
from graph.queries.derived import derived
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.lineage import lineage, link_data, to_link
from graph.queries.sqlite_backend import SQLiteBackend
from graph.queries.sqlite_sql import REACH
from graph.queries.targets import targets
from graph.stores.exports import export_graph, node_link

PROVINCES = ("Kiên Giang", "Tiền Giang")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    g = corpus_graph()
    path = sqlite_copy(g, tmp_path_factory.mktemp("sqlite") / "lineage.db")
    sqlite = SQLiteBackend(path)
    yield EmbeddedBackend(g), sqlite
    sqlite.close()


def decoded_nodes(monkeypatch) -> list[str]:
    """The keys of the nodes the SQLite backend decodes from here on, in order."""
    decoded: list[str] = []
    node = SQLiteBackend._node

    def counted(key, labels, props):
        decoded.append(key)
        return node(key, labels, props)

    monkeypatch.setattr(SQLiteBackend, "_node", staticmethod(counted))
    return decoded


@pytest.mark.parametrize("depth", [1, 3, 6])
def test_compare_provinces_is_the_union_of_each_documents_bases(store, depth):
    embedded, sqlite = store
    answer = compare(sqlite, *PROVINCES, depth=depth, provinces=True)
    assert answer.model_dump() == compare(embedded, *PROVINCES, depth=depth, provinces=True).model_dump()
    for side, bases in ((answer.a, answer.shared + answer.only_a), (answer.b, answer.shared + answer.only_b)):
        own = {d.key for d in side.documents}
        one_by_one = {i.document.key for d in side.documents
                      for i in lineage(sqlite, d, "bases", depth).items}
        assert {d.key for d in bases} == one_by_one - own
    assert answer.shared and answer.only_a and answer.links


def test_compare_provinces_walks_once_per_hop_whatever_the_number_of_documents(store, monkeypatch):
    _embedded, sqlite = store
    statements, _plans = recorded_queries(monkeypatch)

    def hops() -> int:
        """The walk's statements since the last call."""
        n = sum(s in REACH.values() for s in statements)
        statements.clear()
        return n

    longest = []  # per side: the hops of its document walking furthest on its own
    for province in PROVINCES:
        docs = province_documents(sqlite, province)
        assert len(docs) > 1
        walks = []
        for d in docs:
            hops()
            sqlite.reach(d.key, "out", 6)
            walks.append(hops())
        assert sum(walks) > max(walks)  # walking from each document alone would read more
        longest.append(max(walks))
    hops()
    compare(sqlite, *PROVINCES, depth=6, provinces=True)
    assert 0 < hops() <= sum(longest)  # one statement per hop and side, all of its documents together


def test_a_provinces_documents_are_read_without_the_rest_of_the_store(store, monkeypatch):
    embedded, sqlite = store
    decoded = decoded_nodes(monkeypatch)
    docs = province_documents(sqlite, "An Giang")  # today's An Giang: the former Kiên Giang is part of it
    assert [d.key for d in docs] == [d.key for d in province_documents(embedded, "An Giang")]
    assert {d.province for d in docs} == {"Kiên Giang"}
    of_province = [n.key for n in embedded.all_documents() if n.props.get("province") == "Kiên Giang"]
    assert sorted(decoded) == sorted(of_province)  # its documents (read in full or cited) and no other
    assert len(of_province) < embedded.count_documents()


def test_a_provinces_targets_are_read_without_the_other_provinces(store, monkeypatch):
    embedded, sqlite = store
    for province, metric in (("An Giang", None), ("Kiên Giang", "mức độ 4"), ("Tiền Giang", None)):
        expected = targets(embedded, province, metric).model_dump()
        assert targets(sqlite, province, metric).model_dump() == expected
    decoded = decoded_nodes(monkeypatch)
    answer = targets(sqlite, "Kiên Giang")
    assert answer.rows and {r.document.province for r in answer.rows} == {"Kiên Giang"}
    every = embedded.targets()[1]
    assert len(decoded) == len({r.key for r in answer.rows} | {r.document.key for r in answer.rows}) \
        < len(every)  # its targets and their documents: not the other provinces' targets


def test_a_misspelt_metric_in_a_province_names_the_nearest_metrics_of_the_store(store):
    embedded, sqlite = store
    with pytest.raises(LineageError) as from_sqlite:
        targets(sqlite, "Kiên Giang", "muc do bon xyz")
    with pytest.raises(LineageError) as from_embedded:
        targets(embedded, "Kiên Giang", "muc do bon xyz")
    assert str(from_sqlite.value) == str(from_embedded.value)
    assert from_sqlite.value.hint == from_embedded.value.hint


def test_check_makes_a_link_only_of_the_relationships_its_issues_show(store, monkeypatch):
    embedded, sqlite = store
    expected = check(embedded)
    made: list[str] = []

    def counted(e):
        made.append(e.target)
        return to_link(e)

    monkeypatch.setattr(check_module, "to_link", counted)
    answer = check(sqlite)
    assert answer.model_dump() == expected.model_dump()
    shown = sum(len(i.evidence) for i in answer.issues)
    assert shown and answer.counts.get("unresolved_citation")
    assert shown <= len(made) < answer.relationships  # was one per relationship of the store


def test_the_page_of_a_central_document_looks_each_province_up_once(monkeypatch):
    g = corpus_graph()
    decree = next(k for k, d in g.nodes(data=True) if d.get("number") == "64/2007/NĐ-CP")
    expected = neighbourhood_module.neighbourhood(g, decree, depth=3, as_of="2024-12-31")
    asked: list[object] = []

    def counted(name):
        asked.append(name)
        return province_change(name)

    monkeypatch.setattr(neighbourhood_module, "province_change", counted)
    page = neighbourhood_module.neighbourhood(g, decree, depth=3, as_of="2024-12-31")
    assert page.model_dump() == expected.model_dump()
    merged = [n for n in page.nodes if "province_now" in g.nodes[n.key]]
    assert len(merged) > len(set(asked)) > 1  # several documents of each province (was one look-up each)
    assert len(asked) == len(set(asked))


def test_the_json_export_is_written_without_the_whole_text_in_memory(tmp_path, monkeypatch):
    g = corpus_graph()
    expected = json.dumps(node_link(g), ensure_ascii=False, indent=1)

    def whole(*_args, **_kwargs):
        raise AssertionError("the whole export as one string")

    monkeypatch.setattr(json, "dumps", whole)
    (written,) = export_graph(g, "json", tmp_path / "lineage.json")
    assert written.read_text(encoding="utf-8") == expected


def test_derived_in_a_province_makes_links_of_what_it_shows_only(store, monkeypatch):
    embedded, sqlite = store
    decree = "64/2007/NĐ-CP"
    country = derived(sqlite, decree)
    expected = derived(embedded, decree, province="Kiên Giang")
    made: list[tuple] = []

    def counted(e):
        made.append((e.source, e.target, e.type))
        return link_data(e)

    monkeypatch.setattr(lineage_module, "link_data", counted)
    answer = derived(sqlite, decree, province="Kiên Giang")
    assert answer.model_dump() == expected.model_dump()
    assert answer.province == "Kiên Giang" and {i.document.province for i in answer.items} == {"Kiên Giang"}
    shown = {lk.sort_key() for i in answer.items for lk in (*i.path, *i.via)} | {
        lk.sort_key() for lk in answer.links}
    assert len(made) == len(set(made)) == len(shown) < len(country.links)  # was every link of the country
