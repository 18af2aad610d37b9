"""Schema 3's index of the documents a replacement or an amendment enters: a status question asks only
those, a store before it (no index) still gets every answer, and writing upgrades it.

The sample corpus goes through the real pipeline into a SQLite store; rows are compared with
:class:`EmbeddedBackend` on the same graph.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from query_samples import corpus_graph, sqlite_copy

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


def _asked(backend: SQLiteBackend, monkeypatch) -> list[str]:
    """The statements the backend runs from now on."""
    asked: list[str] = []
    query = SQLiteBackend._query

    def recorded(self, sql, params=()):
        asked.append(sql)
        return query(self, sql, params)

    monkeypatch.setattr(SQLiteBackend, "_query", recorded)
    return asked


def test_the_index_is_what_the_status_question_reads(store):
    """The index's WHERE and the question's must say the same types, or SQLite scans every relationship."""
    _, path = store
    with sqlite3.connect(path) as conn:
        plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + STATUS_TARGETS))
    assert "edges_status" in plan, plan


def test_only_documents_a_status_relationship_enters_are_asked(store, monkeypatch):
    embedded, path = store
    sqlite = SQLiteBackend(path)
    try:
        nodes, _ = sqlite.reach(BASE, "out", 6)
        keys = sorted(nodes)
        expected = _rows(embedded.replacements(keys))
        assert expected[1], "the sample's bases are replaced or amended by other documents"
        assert _rows(sqlite.replacements(keys)) == expected
        unreplaced = [k for k in keys if not embedded.replacements([k])[1]]  # no replacement enters them
        assert unreplaced
        sqlite.reach(BASE, "out", 6)
        asked = _asked(sqlite, monkeypatch)
        assert _rows(sqlite.replacements(unreplaced)) == ([], [])
        assert not [q for q in asked if "JOIN nodes u" in q], asked  # nothing asked of them
    finally:
        sqlite.db.close()


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
        assert conn.execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION == 3
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'edges_status'").fetchone()
    conn.close()
