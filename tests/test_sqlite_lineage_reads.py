"""How the SQLite backend reads a question's rows: the statuses of a lineage by the ids its reach met
(never a look-up by key), unless the store changed in between; and commands answer at a slower
garbage-collector pace.

The sample corpus goes through the real pipeline and is written to a SQLite store; rows are compared
with :class:`EmbeddedBackend` on the same graph, or with a backend opened after the change.
"""

from __future__ import annotations

import gc
import shutil
import sqlite3

import pytest
from query_samples import corpus_graph, sqlite_copy

from graph.cli.backend_options import ANSWER_GC_THRESHOLD, open_backend
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.sqlite_backend import SQLiteBackend

BASE = "Kiên Giang:1891/QĐ-UBND:2016"  # its bases include documents replaced or amended by others


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    g = corpus_graph()
    return EmbeddedBackend(g), sqlite_copy(g, tmp_path_factory.mktemp("sqlite") / "lineage.db")


def _rows(rows) -> tuple[list[str], list[tuple]]:
    nodes, edges = rows
    return sorted(nodes), sorted((e.source, e.target, e.type, sorted(e.props.items())) for e in edges)


def _plans(backend: SQLiteBackend, monkeypatch) -> list[str]:
    plans: list[str] = []
    query = SQLiteBackend._query

    def explained(self, sql, params=()):
        params = tuple(params)
        plans.extend(r[3] for r in self.db.execute("EXPLAIN QUERY PLAN " + sql, params))
        return query(self, sql, params)

    monkeypatch.setattr(SQLiteBackend, "_query", explained)
    return plans


def test_the_statuses_of_a_lineage_are_read_by_id(store, monkeypatch):
    embedded, path = store
    sqlite = SQLiteBackend(path)
    try:
        nodes, _ = sqlite.reach(BASE, "out", 6)
        keys = sorted(nodes)
        expected = _rows(embedded.replacements(keys))
        assert expected[1], "the sample's bases are replaced or amended by other documents"
        plans = _plans(sqlite, monkeypatch)
        assert _rows(sqlite.replacements(keys)) == expected
        assert plans and not [p for p in plans if "key=?" in p], plans  # no look-up by key
        plans.clear()
        assert _rows(sqlite.replacements([*keys, "VN:no such key"])) == expected
        assert [p for p in plans if "key=?" in p]  # a key the reach did not meet: by key
    finally:
        sqlite.close()


@pytest.mark.parametrize("own_connection", [False, True])
def test_a_change_after_the_lineage_is_read_by_key(store, tmp_path, own_connection):
    """Another writer (or the backend's own connection) swaps the keys of two documents of the lineage
    after its reach: their statuses follow the keys, as a backend opened afterwards reads them."""
    embedded, path = store
    copy = tmp_path / "lineage.db"
    shutil.copy(path, copy)
    _, edges = embedded.replacements(list(embedded.reach(BASE, "out", 6)[0]))
    replaced = sorted({e.target for e in edges})[0]
    writer = sqlite3.connect(copy, isolation_level=None)
    sqlite = SQLiteBackend(writer if own_connection else sqlite3.connect(copy, isolation_level=None))
    try:
        met = sorted(sqlite.reach(BASE, "out", 6)[0])
        other = next(k for k in met if k not in {e.target for e in edges})
        writer.execute("BEGIN")
        for old, new in ((replaced, "swap"), (other, replaced), ("swap", other)):
            writer.execute("UPDATE nodes SET key = ? WHERE key = ?", (new, old))
        writer.execute("COMMIT")
        fresh = SQLiteBackend(copy)
        try:
            for keys in ([replaced], [other], met):
                assert _rows(sqlite.replacements(keys)) == _rows(fresh.replacements(keys)), keys
            assert _rows(sqlite.replacements([replaced]))[1] != _rows(embedded.replacements([replaced]))[1]
        finally:
            fresh.close()
    finally:
        sqlite.db.close()
        writer.close()


def test_commands_answer_at_a_slower_garbage_collector_pace(store):
    _, path = store
    before = gc.get_threshold()
    with open_backend(path, None, None, None) as backend:
        assert gc.get_threshold() == (ANSWER_GC_THRESHOLD, *before[1:])
        assert backend.count_documents() > 50
    assert gc.get_threshold() == before
    with pytest.raises(KeyError), open_backend(path, None, None, None):
        raise KeyError("a failing command")
    assert gc.get_threshold() == before
