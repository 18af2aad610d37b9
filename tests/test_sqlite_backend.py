"""The SQLite backend gives the rows and answers of the in-memory graph, by SQL on the store file.

The sample corpus goes through the real pipeline, is written to a SQLite store, and every backend
method and question is compared with :class:`EmbeddedBackend` on the same graph.
"""

from __future__ import annotations

import pytest
from query_samples import QUERIES, corpus_graph, recorded_queries, sqlite_copy

from graph.errors import LineageError, NotFoundError
from graph.queries import bases, find
from graph.queries.backend import MAX_DEPTH, SEARCH_TOKEN, Backend, Edge, Node
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.resolve import find as find_documents
from graph.queries.sqlite_backend import SQLiteBackend
from graph.text import fold


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    g = corpus_graph()
    sqlite = SQLiteBackend(sqlite_copy(g, tmp_path_factory.mktemp("sqlite") / "lineage.db"))
    yield EmbeddedBackend(g), sqlite
    sqlite.close()


def _keys(nodes: list[Node]) -> list[str]:
    return [n.key for n in nodes]


def _edges(edges: list[Edge]) -> list[tuple]:
    return sorted((e.source, e.target, e.type, sorted(e.props.items())) for e in edges)


def _rows(rows: tuple[dict[str, Node], list[Edge]]) -> tuple[list[str], list[tuple]]:
    nodes, edges = rows
    return sorted(nodes), _edges(edges)


def _documents(backend: Backend) -> list[str]:
    return _keys(backend.all_documents())


def test_documents_and_agencies_are_the_same(both):
    embedded, sqlite = both
    assert sqlite.count_documents() == embedded.count_documents() > 50
    assert _documents(sqlite) == _documents(embedded)
    assert _keys(sqlite.all_agencies()) == _keys(embedded.all_agencies())
    docs = _documents(embedded)
    assert sorted(sqlite.documents_by_key([*docs, "no such key"])) == sorted(docs)
    for node in embedded.all_documents():
        number = node.props.get("number") or ""
        assert _keys(sqlite.documents_by_number([number])) == _keys(embedded.documents_by_number([number]))
        for end in range(1, len(number) + 1):
            prefix = number[:end]
            assert _keys(sqlite.documents_by_number_prefix(prefix)) == _keys(
                embedded.documents_by_number_prefix(prefix)), prefix


def test_document_properties_are_the_graph_s(both):
    embedded, sqlite = both
    for node in sqlite.all_documents():
        expected = {k: v for k, v in embedded.g.nodes[node.key].items() if k != "labels"}
        assert node.props == {k: list(v) if isinstance(v, tuple) else v for k, v in expected.items()}
        assert node.labels == tuple(embedded.g.nodes[node.key]["labels"])


@pytest.mark.parametrize("direction", ["out", "in"])
def test_reach_gives_the_same_rows_at_every_depth(both, direction):
    embedded, sqlite = both
    grew = 0
    for key in _documents(embedded):
        before = 0
        for depth in range(1, MAX_DEPTH + 1):
            rows = _rows(sqlite.reach(key, direction, depth))
            assert rows == _rows(embedded.reach(key, direction, depth)), (key, depth)
            assert len(rows[1]) >= before
            grew += len(rows[1]) > before > 0
            before = len(rows[1])
    assert grew, "no lineage deeper than one relationship in the sample corpus"


def test_depth_bounds_the_reach(both):
    _, sqlite = both
    key = next(k for k in _documents(sqlite)
               if len(sqlite.reach(k, "out", 2)[1]) > len(sqlite.reach(k, "out", 1)[1]))
    one = sqlite.reach(key, "out", 1)[1]
    assert one and {e.source for e in one} == {key}  # depth 1: only the document's own relationships
    for bad in (0, MAX_DEPTH + 1, -1):
        with pytest.raises(LineageError, match="--depth"):
            sqlite.reach(key, "out", bad)


def test_status_agency_target_rows_are_the_same(both):
    embedded, sqlite = both
    docs = _documents(embedded)
    agencies = _keys(embedded.all_agencies())
    assert _rows(sqlite.replacements(docs)) == _rows(embedded.replacements(docs))
    assert _rows(sqlite.agency_roles(agencies)) == _rows(embedded.agency_roles(agencies))
    for key in agencies:
        assert _rows(sqlite.agency_roles([key])) == _rows(embedded.agency_roles([key]))
        assert _rows(sqlite.successions([key])) == _rows(embedded.successions([key]))
    assert _rows(sqlite.successions(agencies))[1]
    assert _rows(sqlite.targets()) == _rows(embedded.targets())
    assert _edges(sqlite.document_relations()) == _edges(embedded.document_relations())


def test_shortest_paths_are_the_canonical_ones(both):
    embedded, sqlite = both
    docs = _documents(embedded)[::3]
    found = 0
    for a in docs:
        for b in docs:
            expected = [_edges(p) for p in embedded.shortest_paths(a, b)]
            assert [_edges(p) for p in sqlite.shortest_paths(a, b)] == expected, (a, b)
            found += bool(expected and expected[0])
    assert found > 50


def test_search_finds_what_the_document_index_finds(both):
    embedded, sqlite = both
    words = sorted({w for _, text in embedded.document_index() for w in SEARCH_TOKEN.findall(text)})
    assert "dong" in words and "chuyen" in words  # "Đồng", "chuyển": folded by the code, not the tokenizer
    for word in words:
        assert _keys(sqlite.search_documents([word])) == _keys(embedded.search_documents([word])), word
    queries = (["chuyen", "doi", "so"], ["dong", "thap"], ["kien", "giang", "2016"], ["qd", "ubnd", "nope"])
    for query in queries:
        for at_least in (None, 1, 2):
            assert _keys(sqlite.search_documents(query, at_least)) == _keys(
                embedded.search_documents(query, at_least)), (query, at_least)
    assert sqlite.search_documents(["chuyen", "doi", "so"])


def test_numbers_and_partial_numbers_by_the_folded_column(both):
    embedded, sqlite = both
    assert sorted(sqlite.folded_numbers()) == sorted(embedded.folded_numbers())
    assert "64/2007/nd-cp" in sqlite.folded_numbers()
    partial = sqlite.documents_by_folded_number_prefix(fold("64/2007") + "/")
    assert [n.props["number"] for n in partial] == ["64/2007/NĐ-CP"]
    for number in embedded.folded_numbers():
        assert _keys(sqlite.documents_by_folded_number([number])) == _keys(
            embedded.documents_by_folded_number([number]))
        for end in range(1, len(number) + 1):
            assert _keys(sqlite.documents_by_folded_number_prefix(number[:end])) == _keys(
                embedded.documents_by_folded_number_prefix(number[:end])), number[:end]


@pytest.mark.parametrize("name", list(QUERIES))
def test_same_answers_as_the_in_memory_graph(both, name):
    embedded, sqlite = both
    assert QUERIES[name](sqlite).model_dump() == QUERIES[name](embedded).model_dump()


def test_find_and_did_you_mean_never_fold_every_document(both, monkeypatch):
    embedded, sqlite = both

    def refuse(self):
        raise AssertionError("document_index folds every document of the store")

    expected_words = find.find(embedded, "chuyen doi so kien giang")
    expected_number = find_documents(embedded, "64/2007/nd-cp")
    with pytest.raises(NotFoundError) as expected_miss:
        bases.bases(embedded, "749/QĐ-TT")
    monkeypatch.setattr(SQLiteBackend, "document_index", refuse)
    assert find.find(sqlite, "chuyen doi so kien giang") == expected_words
    assert expected_words.matches
    assert find_documents(sqlite, "64/2007/nd-cp") == expected_number
    assert [d.number for d in expected_number] == ["64/2007/NĐ-CP"]
    with pytest.raises(NotFoundError) as miss:
        bases.bases(sqlite, "749/QĐ-TT")
    assert miss.value.hint == expected_miss.value.hint
    assert "749/QĐ-TTg" in miss.value.hint


def test_the_query_commands_answer_by_sql_without_loading_the_graph(both, tmp_path, monkeypatch):
    import json

    from typer.testing import CliRunner

    from graph.cli import app
    from graph.cli.backend_options import open_backend
    from graph.queries import derived
    from graph.stores import embedded as embedded_store

    store = sqlite_copy(both[0].g, tmp_path / "lineage.db")

    def refuse(*args, **kwargs):
        raise AssertionError("the whole graph was loaded")

    monkeypatch.setattr(embedded_store, "load_graph", refuse)
    with open_backend(store, None, None, None) as backend:
        assert isinstance(backend, SQLiteBackend)
    result = CliRunner().invoke(app, ["derived", "64/2007/NĐ-CP", "--store", str(store), "--json"],
                                env={"NEO4J_URI": "", "LINEAGE_STORE": ""})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == derived.derived(both[0], "64/2007/NĐ-CP").model_dump(mode="json")


def test_look_ups_start_from_the_key_never_from_every_document(both, monkeypatch):
    """Without statistics, SQLite may drive a join from the label index (every document: 1.3 s on a
    national store for ``replacements`` of a hundred keys); the label is only checked on rows found."""
    embedded, sqlite = both
    _, plans = recorded_queries(monkeypatch)
    docs = _documents(embedded)
    numbers = [n.props["number"] for n in embedded.all_documents() if n.props.get("number")]
    sqlite.replacements(docs)
    sqlite.documents_by_key(docs)
    sqlite.documents_by_number(numbers)
    sqlite.documents_by_folded_number([fold(n) for n in numbers])
    sqlite.documents_by_number_prefix("64/")
    sqlite.search_documents(["chuyen", "doi", "so"])
    sqlite.search_documents(["chuyen", "doi", "so"], 2)
    for key in docs[:10]:
        sqlite.reach(key, "out", 6)
        sqlite.reach(key, "in", 6)
    sqlite.agency_roles(_keys(embedded.all_agencies()))
    assert plans
    assert not [p for p in plans if "nodes_label" in p], plans
