"""The SQLite store (issue 15): opened read-only safely, written as a diff of what a file touches, and
the same graph as building everything in memory -- nodes, relationships, properties and their order."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from benchmarks.national_corpus import generate
from graph.errors import StoreError
from graph.ingest import holds_source, ingest, remove
from graph.loaders.build import add_extraction, build_graph
from graph.loaders.retract import retract, settle
from graph.reading.extract import extract_file
from graph.stores import embedded, graph_file, sqlite_store
from graph.stores.embedded import load_graph, save_graph
from graph.text import fold, search_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "graph" / "data" / "corpus").glob("*.txt"))
NEW_FILE = ROOT / "graph" / "data" / "corpus" / "003_a7a611ee86822b52.txt"


def same_order(a, b) -> None:
    """Same nodes, attributes, relationships, in the same iteration order (successors and predecessors)."""
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert all(list(a.pred[n]) == list(b.pred[n]) for n in a)


@pytest.fixture(scope="module")
def extractions():
    return {p.name: extract_file(p) for p in CORPUS}


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A store of 2,000 synthetic documents and the graph it holds."""
    g = build_graph(generate(2000, seed=4))
    path = tmp_path_factory.mktemp("big") / "big.db"
    save_graph(g, path)
    return path, g


def test_open_readonly_refuses_what_is_not_a_lineage_store(tmp_path):
    store = tmp_path / "ok.db"
    save_graph(build_graph([]), store)
    conn = sqlite_store.open_readonly(store)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM nodes")
    conn.close()
    text, other, newer, fifo, old = (tmp_path / n for n in ("t.db", "o.db", "n.db", "f.db", "old.graph"))
    text.write_text("Căn cứ Luật Tổ chức chính quyền địa phương;", encoding="utf-8")
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE things (x)")
    with sqlite3.connect(newer) as c:
        c.executescript(sqlite_store.schema_sql())
        c.execute(f"PRAGMA user_version = {sqlite_store.SCHEMA_VERSION + 1}")
    os.mkfifo(fifo)
    with old.open("wb") as f:
        graph_file.dump(build_graph([]), f)
    said = {
        tmp_path / "missing.db": "no lineage store here",
        tmp_path: "is a folder",
        fifo: "not a regular file",
        text: "not a policy-lineage store (not a SQLite database",
        other: "not a policy-lineage store (a SQLite database without the lineage tables)",
        newer: "newer than this lineage",
        old: "a store of the old format",
    }
    for path, message in said.items():
        with pytest.raises(StoreError) as err:
            sqlite_store.open_readonly(path)
        assert str(path) in str(err.value) and message in str(err.value), (path, err.value)
    with pytest.raises(StoreError) as err:
        sqlite_store.open_readonly(old)
    assert "lineage migrate" in err.value.hint


def test_files_ingested_one_by_one_give_the_graph_built_at_once(tmp_path, extractions):
    store = tmp_path / "one-by-one.db"
    for path in CORPUS:
        report = ingest([path], store, workers=1)
        assert report.loaded == 1
    same_order(load_graph(store), build_graph(extractions[p.name] for p in CORPUS))
    assert report.relationships == load_graph(store).number_of_edges()


def test_a_file_added_to_a_big_store_reads_only_what_it_touches(tmp_path, big, extractions, monkeypatch):
    path, g = big
    store = tmp_path / "big.db"
    store.write_bytes(path.read_bytes())
    loaded = []
    write = embedded.write_diff
    monkeypatch.setattr(embedded, "write_diff", lambda g: (
        loaded.append(len(g._node.cache) - len(g._state.new)), write(g))[1])
    report = ingest([NEW_FILE], store, workers=1)
    assert report.nodes_added > 0 and loaded and loaded[0] < g.number_of_nodes() / 20
    same_order(load_graph(store), build_graph([*generate(2000, seed=4), extractions[NEW_FILE.name]]))


def test_a_corrected_file_in_a_big_store_is_replaced_as_in_memory(tmp_path, big, extractions):
    path, _ = big
    store = tmp_path / "big.db"
    store.write_bytes(path.read_bytes())
    first = extractions[NEW_FILE.name]
    ingest([NEW_FILE], store, workers=1)
    corrected = tmp_path / NEW_FILE.name  # the same file name, one basis less and another year
    text = NEW_FILE.read_text(encoding="utf-8")
    cut = next(line for line in text.splitlines() if line.startswith("Căn cứ"))
    corrected.write_text(text.replace(cut + "\n", ""), encoding="utf-8")
    ingest([corrected], store, workers=1)
    expected = build_graph([*generate(2000, seed=4), first])
    r = retract(expected, {NEW_FILE.name})
    add_extraction(expected, extract_file(corrected))
    settle(expected, r)
    got = load_graph(store)
    assert set(got.nodes) == set(expected.nodes)
    assert {n: d for n, d in got.nodes(data=True)} == dict(expected.nodes(data=True))
    assert sorted((u, v, k) for u, v, k in got.edges(keys=True)) == sorted(expected.edges(keys=True))
    assert got.graph == expected.graph


def test_remove_takes_a_file_out_and_nothing_else(tmp_path, extractions):
    store = tmp_path / "s.db"
    ingest(CORPUS, store, workers=1)
    report = remove(NEW_FILE.name, store)
    assert report.nodes_removed > 0 and report.relationships_removed > 0
    others = build_graph(extractions[p.name] for p in CORPUS)
    settle(others, retract(others, {NEW_FILE.name}))
    got = load_graph(store)
    assert dict(got.nodes(data=True)) == dict(others.nodes(data=True))
    assert sorted(got.edges(keys=True)) == sorted(others.edges(keys=True))
    with sqlite3.connect(store) as conn:
        assert not holds_source(conn, NEW_FILE.name) and holds_source(conn, CORPUS[0].name)


def test_search_columns_follow_the_documents(tmp_path, extractions):
    store = tmp_path / "s.db"
    ingest(CORPUS, store, workers=1)
    g = build_graph(extractions[p.name] for p in CORPUS)
    with sqlite3.connect(store) as conn:
        rows = conn.execute("SELECT n.key, n.number, n.number_folded, s.folded FROM nodes n "
                            "JOIN doc_search s ON s.rowid = n.id").fetchall()
        label = dict(conn.execute("SELECT key, label FROM nodes"))
    documents = {k for k, d in g.nodes(data=True) if "Document" in d["labels"]}
    assert {k for k, *_ in rows} == documents
    for key, number, folded, text in rows:
        assert number == g.nodes[key].get("number")
        assert folded == (fold(number) if number else None)
        assert text == search_text(g.nodes[key])
    assert {label[k] for k in documents} == {"Document"}


def test_json_lines_are_read_one_at_a_time_and_a_bad_line_is_named(tmp_path):
    lines = tmp_path / "national.jsonl"
    good = list(generate(30, seed=2))
    rows = [x.model_dump_json() for x in good]
    rows.insert(20, json.dumps({"source": "x", "documents": [{"projects": [{"name": 1, "budget": "a"}]}]}))
    lines.write_text("\n".join(rows) + "\n", encoding="utf-8")
    store = tmp_path / "s.db"
    report = ingest([lines], store)
    assert report.documents == sum(len(x.documents) for x in good)
    assert len(report.failed) == 1 and "national.jsonl" in report.failed[0][1]
    assert "not an extraction JSON file (line 21: documents.0.projects.0.name" in report.failed[0][1]


def test_an_ingest_where_every_file_fails_leaves_no_store(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    store = tmp_path / "s.db"
    report = ingest([bad], store)
    assert report.failed and not store.exists() and not Path(f"{store}-wal").exists()


def test_a_fresh_ingest_where_every_file_fails_keeps_the_store_there(tmp_path):
    store = tmp_path / "s.db"
    ingest([NEW_FILE], store)
    before = load_graph(store)
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    report = ingest([bad], store, fresh=True)
    assert report.failed and report.loaded == 0
    same_order(load_graph(store), before)


def test_a_store_of_schema_version_1_is_read_and_upgraded_when_written(tmp_path, extractions):
    store = tmp_path / "v1.db"
    ingest(CORPUS[:3], store, workers=1)
    with sqlite3.connect(store) as conn:  # as version 1 wrote it: no stems
        conn.execute("UPDATE nodes SET stem = NULL")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    assert load_graph(store).number_of_nodes() > 0  # readers take it as it is
    ingest(CORPUS[3:], store, workers=1)
    same_order(load_graph(store), build_graph(extractions[p.name] for p in CORPUS))
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == sqlite_store.SCHEMA_VERSION == 4
        assert conn.execute("SELECT count(*) FROM nodes WHERE number IS NOT NULL AND stem IS NULL"
                            ).fetchone()[0] == 0


def test_a_long_ingest_writes_as_it_goes_and_gives_the_same_graph(tmp_path, monkeypatch):
    """With little memory allowed (a write every 200 nodes in memory, all in one transaction), JSON
    lines are stored as the graph built at once would be."""
    import graph.ingest

    monkeypatch.setattr(graph.ingest, "FLUSH_NODES", 200)
    writes = []
    write = graph.ingest.write_diff
    monkeypatch.setattr(graph.ingest, "write_diff", lambda g: (writes.append(1), write(g))[1])
    lines = tmp_path / "national.jsonl"
    extractions = list(generate(400, seed=6))
    lines.write_text("".join(x.model_dump_json() + "\n" for x in extractions), encoding="utf-8")
    store = tmp_path / "s.db"
    report = ingest([lines], store)
    assert len(writes) > 5
    g = build_graph(extractions)
    same_order(load_graph(store), g)
    assert (report.nodes, report.relationships) == (g.number_of_nodes(), g.number_of_edges())
