"""The embedded store (a SQLite file): transactions (a kill mid-write leaves the old or the new state),
a versioned schema, writers serialised, readers never blocked."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from g1_samples import gold

from benchmarks.national_corpus import generate
from graph.errors import StoreError
from graph.lineage_graph import counts
from graph.loaders.build import build_graph
from graph.stores import sqlite_store
from graph.stores.embedded import EmbeddedReader, EmbeddedStore, load_graph, save_graph
from graph.stores.location import default_store_path

ROOT = Path(__file__).resolve().parent.parent


def _child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    child.stdout.close()
    child.stderr.close()


def test_round_trip_keeps_every_node_relationship_and_their_order(tmp_path):
    g = build_graph([gold("000"), gold("001")])
    path = tmp_path / "kg.db"
    save_graph(g, path)
    h = load_graph(path)
    assert list(h.nodes(data=True)) == list(g.nodes(data=True))
    assert list(h.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
    assert all(list(h.pred[n]) == list(g.pred[n]) for n in g)
    assert counts(h) == counts(g) == EmbeddedReader(path).counts()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_missing_store_says_to_ingest_first(tmp_path):
    with pytest.raises(StoreError) as err:
        load_graph(tmp_path / "none.db")
    assert "no lineage store" in str(err.value)
    assert "run lineage ingest first" in err.value.hint


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    save_graph(build_graph([gold("003")]), path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {sqlite_store.SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this lineage") as err:
        load_graph(path)
    assert err.value.hint == "upgrade policy-lineage to read it"
    with pytest.raises(StoreError, match="newer than this lineage"), EmbeddedStore(path).update():
        pass


@pytest.mark.parametrize("damage", ["truncate", "foreign", "garbage", "other program", "trigger", "empty"])
def test_a_file_that_is_not_a_lineage_store_is_one_clear_error(tmp_path, damage):
    path = tmp_path / "x.db"
    save_graph(build_graph(generate(300, seed=1)), path)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "foreign":
        path.write_text("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                        encoding="utf-8")
    elif damage == "garbage":
        path.write_bytes(data[:100] + bytes(len(data) - 100))
    elif damage == "other program":
        path.unlink()
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE nodes (x)")
    elif damage == "trigger":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TRIGGER t AFTER INSERT ON nodes BEGIN DELETE FROM edges; END")
    else:
        path.write_bytes(b"")
    with pytest.raises(StoreError) as err:
        load_graph(path)
    assert str(path) in str(err.value)


def test_folders_and_pipes_are_refused_before_opening(tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    for path in (tmp_path, fifo):
        with pytest.raises(StoreError, match=r"folder|not a regular file"):
            load_graph(path)
        with pytest.raises(StoreError, match=r"folder|not a regular file"), EmbeddedStore(path).update():
            pass


def test_default_location_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LINEAGE_STORE", str(tmp_path / "env.db"))
    assert default_store_path() == tmp_path / "env.db"
    monkeypatch.delenv("LINEAGE_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "policy-lineage" / "lineage.db"


def test_kill_during_updates_leaves_the_old_or_the_new_state(tmp_path):
    """SIGKILL a process at random moments while it adds 500 nodes per transaction, over and over:
    the store always holds a whole number of transactions."""
    path = tmp_path / "national.db"
    save_graph(build_graph([]), path)
    child_code = f"""
        from graph.stores.embedded import EmbeddedStore
        while True:
            with EmbeddedStore({str(path)!r}).update() as g:
                generation = g.graph.get("generation", 0) + 1
                g.graph["generation"] = generation
                for i in range(500):
                    a, b = f"n{{generation}}-{{i}}", f"n{{generation}}-{{i + 1}}"
                    g.add_edge(a, b, key="R", text="x" * 200)
            print(generation, flush=True)
    """
    rng = random.Random(1)
    for _ in range(6):
        child = _child(child_code)
        try:
            assert child.stdout.readline().strip(), child.stderr.read()
            time.sleep(rng.uniform(0.0, 0.4))
        finally:
            _stop(child)
        g = load_graph(path)
        generation = g.graph["generation"]
        assert g.number_of_nodes() == 501 * generation
        assert g.number_of_edges() == 500 * generation


def test_second_writer_waits_then_reports_the_lock(tmp_path):
    path = tmp_path / "locked.db"
    save_graph(build_graph([gold("003")]), path)
    holder = _child(f"""
        import time
        from graph.stores.embedded import EmbeddedStore
        with EmbeddedStore({str(path)!r}).update() as g:
            g.add_node("held")
            print("locked", flush=True)
            time.sleep(20)
    """)
    try:
        assert holder.stdout.readline().strip() == "locked"
        start = time.monotonic()
        with pytest.raises(StoreError, match="store is locked by another lineage process"), \
                EmbeddedStore(path, timeout=0.5).update():
            pass
        assert time.monotonic() - start >= 0.5
    finally:
        _stop(holder)
    assert "held" not in load_graph(path)


def test_readers_never_wait_for_a_writer(tmp_path):
    """While a writer holds its transaction open (changes made, not committed), a reader loads the
    last committed graph at once."""
    path = tmp_path / "busy.db"
    g = build_graph([gold("003")])
    save_graph(g, path)
    holder = _child(f"""
        import time
        from graph.stores.embedded import EmbeddedStore
        with EmbeddedStore({str(path)!r}).transaction() as conn:
            conn.execute("DELETE FROM edges")
            conn.execute("DELETE FROM nodes")
            print("writing", flush=True)
            time.sleep(20)
    """)
    try:
        assert holder.stdout.readline().strip() == "writing"
        start = time.monotonic()
        h = load_graph(path)
        assert time.monotonic() - start < 5
        assert h.number_of_nodes() == g.number_of_nodes()
    finally:
        _stop(holder)
    assert load_graph(path).number_of_nodes() == g.number_of_nodes()  # killed: rolled back


def test_concurrent_updates_are_serialised(tmp_path):
    path = tmp_path / "count.db"
    code = f"""
        from graph.stores.embedded import EmbeddedStore
        for _ in range(15):
            with EmbeddedStore({str(path)!r}).update() as g:
                g.graph["counter"] = g.graph.get("counter", 0) + 1
                g.add_node(f"n{{g.graph['counter']}}")
    """
    workers = [_child(code) for _ in range(2)]
    for w in workers:
        _, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    g = load_graph(path)
    assert g.graph["counter"] == 30
    assert g.number_of_nodes() == 30


def test_update_saves_nothing_when_the_block_fails(tmp_path):
    path = tmp_path / "s.db"
    save_graph(build_graph([gold("003")]), path)
    before = list(load_graph(path).nodes(data=True))
    with pytest.raises(RuntimeError), EmbeddedStore(path).update() as g:
        g.add_node("half-done")
        g.remove_node(next(iter(g)))
        raise RuntimeError("stop")
    assert list(load_graph(path).nodes(data=True)) == before


def test_an_update_reads_only_what_it_touches_and_writes_the_difference(tmp_path):
    """Adding a relationship between two nodes of a stored graph reads those two nodes (not the
    others) and gives the graph that networkx would: the same nodes, relationships and order."""
    path = tmp_path / "big.db"
    g = build_graph(generate(200, seed=5))
    save_graph(g, path)
    a, b, *_ = list(g)
    with EmbeddedStore(path).update() as s:
        s.add_edge(a, b, key="DẪN_CHIẾU", type="DẪN_CHIẾU", source="x.txt")
        s.nodes[b]["note"] = "touched"
        s.remove_edge(*next((u, v, k) for u, v, k in g.out_edges(a, keys=True)))
        loaded = len(s._node.cache)
    first = next((u, v, k) for u, v, k in g.out_edges(a, keys=True))
    g.remove_edge(*first)
    g.add_edge(a, b, key="DẪN_CHIẾU", type="DẪN_CHIẾU", source="x.txt")
    g.nodes[b]["note"] = "touched"
    assert loaded < g.number_of_nodes() / 10
    h = load_graph(path)
    assert list(h.nodes(data=True)) == list(g.nodes(data=True))
    assert list(h.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))


def test_removed_and_renamed_nodes_are_written(tmp_path):
    import networkx as nx

    path = tmp_path / "r.db"
    g = build_graph([gold("000"), gold("003")])
    save_graph(g, path)
    old, gone = list(g)[3], list(g)[5]
    with EmbeddedStore(path).update() as s:
        nx.relabel_nodes(s, {old: "renamed"}, copy=False)
        s.remove_node(gone)
    nx.relabel_nodes(g, {old: "renamed"}, copy=False)
    g.remove_node(gone)
    h = load_graph(path)
    assert list(h.nodes(data=True)) == list(g.nodes(data=True))
    assert sorted(h.edges(keys=True)) == sorted(g.edges(keys=True))
    with sqlite3.connect(path) as conn:  # no relationship left pointing at a removed row
        assert conn.execute("SELECT count(*) FROM edges WHERE source NOT IN (SELECT id FROM nodes) "
                            "OR target NOT IN (SELECT id FROM nodes)").fetchone()[0] == 0


def test_frozen_load_is_the_same_graph(tmp_path):
    import gc

    g = build_graph([gold("000")])
    path = tmp_path / "f.db"
    save_graph(g, path)
    try:
        h = load_graph(path, freeze=True)
        assert gc.get_freeze_count() > 0
        assert dict(h.nodes(data=True)) == dict(g.nodes(data=True))
        assert sorted(h.edges(keys=True)) == sorted(g.edges(keys=True))
    finally:
        gc.unfreeze()
