"""What a lineage answer reads of each document: the properties :data:`DOCREF_FIELDS` names, which the
SQLite store alone picks out of a node's JSON (a long property no answer shows is never decoded),
and the answers are the ones built from every property.

The sample corpus goes through the real pipeline and is written to a SQLite store.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from query_samples import corpus_graph, sqlite_copy

from graph.queries.backend import Node
from graph.queries.bases import bases
from graph.queries.derived import derived
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.resolve import DOCREF_FIELDS, docref_data
from graph.queries.sqlite_backend import SQLiteBackend
from graph.queries.sqlite_sql import PICKED_IN_PART

BASE = "Kiên Giang:1891/QĐ-UBND:2016"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    g = corpus_graph()
    return EmbeddedBackend(g), sqlite_copy(g, tmp_path_factory.mktemp("sqlite") / "lineage.db")


def _picked(props: dict, field: str):
    """A property as a reach with fields gives it: a list of PICKED_IN_PART, only its entries of the prefix
    (None when it has none)."""
    if field not in PICKED_IN_PART:
        return props.get(field)
    return [x for x in props.get(field) or [] if x.startswith(PICKED_IN_PART[field])] or None


def test_an_answer_reads_no_document_property_but_docref_fields(store):
    embedded, _ = store
    docs = embedded.all_documents()
    assert len(docs) > 20
    for n in docs:
        picked = Node(n.key, n.labels, {f: n.props.get(f) for f in DOCREF_FIELDS})
        assert docref_data(picked) == docref_data(n), n.key


def test_a_reach_with_fields_gives_those_properties_of_the_same_rows(store):
    embedded, path = store
    sqlite = SQLiteBackend(path)
    try:
        reached = 0
        for doc in embedded.all_documents():
            for direction in ("out", "in"):
                full_nodes, full_edges = sqlite.reach(doc.key, direction, 6)
                nodes, edges = sqlite.reach(doc.key, direction, 6, DOCREF_FIELDS)
                assert [(e.source, e.target, e.type, e.props) for e in edges] == \
                       [(e.source, e.target, e.type, e.props) for e in full_edges]
                assert list(nodes) == list(full_nodes)
                for key, n in nodes.items():
                    assert n.labels == full_nodes[key].labels
                    assert n.props == {f: _picked(full_nodes[key].props, f) for f in DOCREF_FIELDS}
                    assert docref_data(n) == docref_data(full_nodes[key])
                reached += len(nodes)
        assert reached > 50
        one = sqlite.reach(BASE, "out", 6, ["title"])[0]  # one field: its value, in the same shape
        assert one and all(set(n.props) == {"title"} for n in one.values())
    finally:
        sqlite.close()


def test_a_long_property_no_answer_shows_is_not_decoded(store, tmp_path):
    _, path = store
    copy = tmp_path / "lineage.db"
    shutil.copy(path, copy)
    sqlite = SQLiteBackend(copy)
    try:
        before = bases(sqlite, BASE).model_dump_json(), derived(sqlite, BASE).model_dump_json()
        nodes, _ = sqlite.reach(BASE, "out", 6)
        far = sorted(nodes)[0]
    finally:
        sqlite.close()
    notes = [f"date=2007-09-03 @ file_{i}.txt:{i}" for i in range(3000)]
    with sqlite3.connect(copy) as db:
        db.execute("UPDATE nodes SET props = json_set(props, '$.cited_as', json(?)) WHERE key = ?",
                   [json.dumps(notes), far])
    sqlite = SQLiteBackend(copy)
    try:
        assert notes == sqlite.reach(BASE, "out", 6)[0][far].props["cited_as"]
        # an answer reads only the notes of another document type (graph/queries/sqlite_sql.py
        # PICKED_IN_PART): the long list of date notes is not decoded
        assert sqlite.reach(BASE, "out", 6, DOCREF_FIELDS)[0][far].props["cited_as"] is None
        assert (bases(sqlite, BASE).model_dump_json(), derived(sqlite, BASE).model_dump_json()) == before
    finally:
        sqlite.close()
