"""The embedded store: atomic saves (a kill mid-write leaves the previous store), versioned format, lock."""

from __future__ import annotations

import os
import random
import signal
import struct
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
from graph.stores import graph_file
from graph.stores.embedded import EmbeddedStore, load_graph, save_graph
from graph.stores.location import default_store_path

ROOT = Path(__file__).resolve().parent.parent


def _child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_round_trip_keeps_every_node_and_relationship(tmp_path):
    g = build_graph([gold("000"), gold("001")])
    path = tmp_path / "kg.graph"
    size = save_graph(g, path)
    assert size == path.stat().st_size
    h = load_graph(path)
    assert dict(h.nodes(data=True)) == dict(g.nodes(data=True))
    assert counts(h) == counts(g)


def test_missing_store_says_to_ingest_first(tmp_path):
    with pytest.raises(StoreError) as err:
        load_graph(tmp_path / "none.graph")
    assert "no lineage store" in str(err.value)
    assert "run lineage ingest first" in err.value.hint


def test_newer_format_is_refused(tmp_path):
    path = tmp_path / "future.graph"
    save_graph(build_graph([gold("003")]), path)
    data = bytearray(path.read_bytes())
    struct.pack_into(">H", data, len(graph_file.MAGIC), graph_file.FORMAT_VERSION + 1)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="newer than this lineage"):
        load_graph(path)


@pytest.mark.parametrize("damage", ["truncate", "foreign", "garbage"])
def test_damaged_store_is_one_clear_error(tmp_path, damage):
    path = tmp_path / "x.graph"
    save_graph(build_graph([gold("003")]), path)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "foreign":
        path.write_text("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                        encoding="utf-8")
    else:
        path.write_bytes(data[:40] + bytes(len(data) - 40))
    with pytest.raises(StoreError) as err:
        load_graph(path)
    assert str(path) in str(err.value)


def test_default_location_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LINEAGE_STORE", str(tmp_path / "env.graph"))
    assert default_store_path() == tmp_path / "env.graph"
    monkeypatch.delenv("LINEAGE_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "policy-lineage" / "lineage.graph"


def test_kill_during_save_leaves_the_previous_store(tmp_path):
    """SIGKILL a process at random moments while it saves a big graph over and over."""
    path = tmp_path / "national.graph"
    seed_store = tmp_path / "seed" / "big.graph"
    save_graph(build_graph(generate(1500, seed=7)), seed_store)
    child_code = f"""
        from graph.stores.embedded import load_graph, save_graph
        g = load_graph({str(seed_store)!r})
        generation = 0
        while True:
            generation += 1
            g.graph["generation"] = generation
            save_graph(g, {str(path)!r})
            print(generation, flush=True)
    """
    rng = random.Random(1)
    expected_nodes = None
    kills_mid_write = 0
    for _ in range(4):
        child = _child(child_code)
        try:
            first = child.stdout.readline()  # one complete save done
            assert first.strip(), child.stderr.read()
            time.sleep(rng.uniform(0.0, 0.6))
            temp_files = list(tmp_path.glob(".national.graph.*.tmp"))
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        finally:
            if child.poll() is None:
                child.kill()
            child.stdout.close()
            child.stderr.close()
        kills_mid_write += bool(temp_files)
        g = load_graph(path)
        assert g.graph["generation"] >= 1
        expected_nodes = expected_nodes or g.number_of_nodes()
        assert g.number_of_nodes() == expected_nodes
    # the next save cleans up what killed writers left behind
    save_graph(g, path)
    assert not list(tmp_path.glob(".national.graph.*.tmp"))
    assert kills_mid_write >= 1, "no kill landed during a write: the test did not test anything"


def test_second_writer_waits_then_reports_the_lock(tmp_path):
    path = tmp_path / "locked.graph"
    holder = _child(f"""
        import time
        from graph.stores.embedded import EmbeddedStore
        with EmbeddedStore({str(path)!r}).locked():
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
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        holder.stdout.close()
        holder.stderr.close()
    assert not path.exists()


def test_concurrent_updates_are_serialised(tmp_path):
    path = tmp_path / "count.graph"
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
    path = tmp_path / "s.graph"
    save_graph(build_graph([gold("003")]), path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError), EmbeddedStore(path).update() as g:
        g.add_node("half-done")
        raise RuntimeError("stop")
    assert path.read_bytes() == before


def test_version_1_stores_load_only_when_trusted(tmp_path):
    import pickle

    g = build_graph([gold("003")])
    payload = pickle.dumps(g, protocol=5)
    path = tmp_path / "v1.graph"
    header = struct.pack(">16sHcQ", graph_file.MAGIC, 1, graph_file.CODEC_RAW, len(payload))
    path.write_bytes(header + payload)
    with pytest.raises(StoreError, match="old format that can run code"):
        load_graph(path)
    assert dict(load_graph(path, trust_old=True).nodes(data=True)) == dict(g.nodes(data=True))


def test_frozen_load_is_the_same_graph(tmp_path):
    import gc

    g = build_graph([gold("000")])
    path = tmp_path / "f.graph"
    save_graph(g, path)
    try:
        h = load_graph(path, freeze=True)
        assert gc.get_freeze_count() > 0
        assert dict(h.nodes(data=True)) == dict(g.nodes(data=True))
        assert sorted(h.edges(keys=True)) == sorted(g.edges(keys=True))
        assert h.adj is not None and h.succ[next(iter(h))] == h.adj[next(iter(h))]
    finally:
        gc.unfreeze()
