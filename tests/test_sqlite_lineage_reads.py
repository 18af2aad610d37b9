"""How the SQLite backend reads a question's rows: the statuses of a lineage by the ids its reach met
(never a look-up by key), unless the store changed in between, and only of the documents schema 3's index
says a replacement or an amendment enters; and commands answer at a slower garbage-collector pace.

The sample corpus goes through the real pipeline and is written to a SQLite store; rows are compared
with :class:`EmbeddedBackend` on the same graph, or with a backend opened after the change.
"""

from __future__ import annotations

import gc
import shutil
import sqlite3
from contextlib import contextmanager

import pytest
from query_samples import corpus_graph, recorded_queries, sqlite_copy

from graph.cli.backend_options import ANSWER_GC_THRESHOLD, open_backend
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.sqlite_backend import SQLiteBackend
from graph.queries.sqlite_sql import STATUS_TARGETS
from graph.stores import sqlite_store

BASE = "Kiên Giang:1891/QĐ-UBND:2016"  # its bases include documents replaced or amended by others


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    g = corpus_graph()
    return EmbeddedBackend(g), sqlite_copy(g, tmp_path_factory.mktemp("sqlite") / "lineage.db")


def _rows(rows) -> tuple[list[str], list[tuple]]:
    nodes, edges = rows
    return sorted(nodes), sorted((e.source, e.target, e.type, sorted(e.props.items())) for e in edges)


@contextmanager
def _lineage(store):
    """The store's SQLiteBackend (closed after), the keys of BASE's lineage it reaches, and their statuses as
    the embedded backend reads them."""
    embedded, path = store
    sqlite = SQLiteBackend(path)
    try:
        keys = sorted(sqlite.reach(BASE, "out", 6)[0])
        expected = _rows(embedded.replacements(keys))
        assert expected[1], "the sample's bases are replaced or amended by other documents"
        yield embedded, sqlite, keys, expected
    finally:
        sqlite.close()


def test_the_statuses_of_a_lineage_are_read_by_id(store, monkeypatch):
    with _lineage(store) as (_embedded, sqlite, keys, expected):
        _, plans = recorded_queries(monkeypatch)
        assert _rows(sqlite.replacements(keys)) == expected
        assert plans and not [p for p in plans if "key=?" in p], plans  # no look-up by key
        plans.clear()
        assert _rows(sqlite.replacements([*keys, "VN:no such key"])) == expected
        assert [p for p in plans if "key=?" in p]  # a key the reach did not meet: by key


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


def test_the_index_is_what_the_status_question_reads(store):
    """The index's WHERE and the question's must say the same types, or SQLite scans every relationship."""
    _, path = store
    with sqlite3.connect(path) as conn:
        plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + STATUS_TARGETS))
    assert "edges_status" in plan, plan


def test_only_documents_a_status_relationship_enters_are_asked(store, monkeypatch):
    with _lineage(store) as (embedded, sqlite, keys, expected):
        assert _rows(sqlite.replacements(keys)) == expected
        unreplaced = [k for k in keys if not embedded.replacements([k])[1]]  # no replacement enters them
        assert unreplaced
        sqlite.reach(BASE, "out", 6)
        asked, _ = recorded_queries(monkeypatch)
        assert _rows(sqlite.replacements(unreplaced)) == ([], [])
        assert not [q for q in asked if "JOIN nodes u" in q], asked  # nothing asked of them


def test_a_store_before_the_index_gives_the_same_answers_and_gets_it_when_written(store, tmp_path):
    embedded, path = store
    old = tmp_path / "v2.db"
    shutil.copy(path, old)
    with sqlite3.connect(old) as conn:  # as schema 2 wrote it
        conn.execute("DROP INDEX edges_status")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    sqlite = SQLiteBackend(old)
    try:
        nodes, _ = sqlite.reach(BASE, "out", 6)
        keys = sorted(nodes)
        assert _rows(sqlite.replacements(keys)) == _rows(embedded.replacements(keys))
    finally:
        sqlite.db.close()
    sqlite_store.open_writable(old).close()  # a writer upgrades it
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION >= 3
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'edges_status'").fetchone()
    conn.close()
