"""The embedded store as ``lineage ingest`` uses it: killed at any moment it stays loadable and holds the
old or the new content, never half of it; two ingests at once are serialised and lose nothing; a held
lock and a store from a newer schema give one clear line.

(The library-level checks, kills during transactions and the lock, are in tests/test_embedded_store.py.)
"""

from __future__ import annotations

import contextlib
import functools
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from benchmarks.national_corpus import generate
from graph.loaders.build import build_graph
from graph.stores import sqlite_store
from graph.stores.embedded import EmbeddedStore, load_graph, save_graph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "graph" / "data" / "corpus"
NEW_FILE = CORPUS / "003_a7a611ee86822b52.txt"  # 1578/QĐ-UBND and its plan 37/KH-STTTT
KILLS = int(os.environ.get("LINEAGE_KILLS", "20"))


def lineage_process(*args: str) -> subprocess.Popen:
    """``lineage ARGS`` in its own process group (so a kill reaches its workers too)."""
    return subprocess.Popen([sys.executable, "-m", "graph.cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "COLUMNS": "250", "NO_COLOR": "1"})


def kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    return nx.utils.graphs_equal(a, b)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    """The 'old' store: a synthetic national slice big enough that a save takes a noticeable time."""
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    save_graph(build_graph(generate(1500, seed=3)), path)
    return path


@pytest.fixture(scope="module")
def new_content(seed_store, tmp_path_factory) -> tuple[nx.MultiDiGraph, float]:
    """The 'new' store (the seed plus the new file, ingested without interruption) and how long it took."""
    path = tmp_path_factory.mktemp("new") / "new.db"
    shutil.copy(seed_store, path)
    start = time.monotonic()
    proc = lineage_process("ingest", "--store", str(path), str(NEW_FILE), "--workers", "1")
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return load_graph(path), time.monotonic() - start


def test_ingest_killed_at_random_moments_leaves_the_old_or_the_new_store(seed_store, new_content, tmp_path):
    """SIGKILL ``lineage ingest`` many times: at random moments, and once it has the store open for
    writing (its write-ahead log exists: mid-transaction). After each kill the store loads and equals
    the old or the new graph."""
    old = load_graph(seed_store)
    new, duration = new_content
    assert not same_graph(old, new)
    store = tmp_path / "lineage.db"
    wal = tmp_path / "lineage.db-wal"
    rng = random.Random(2026)
    seen = {"old": 0, "new": 0}
    mid_write = 0
    for i in range(KILLS):
        for journal in (wal, tmp_path / "lineage.db-shm"):  # what the last killed writer left
            journal.unlink(missing_ok=True)
        shutil.copy(seed_store, store)
        proc = lineage_process("ingest", "--store", str(store), str(NEW_FILE), "--workers", "1")
        if i % 2:
            time.sleep(rng.uniform(0.0, duration * 1.1))
        else:  # wait for the writer's journal, then kill within a few ms
            deadline = time.monotonic() + duration * 3 + 10
            while time.monotonic() < deadline and proc.poll() is None:
                if wal.exists():
                    time.sleep(rng.uniform(0.0, 0.05))
                    mid_write += proc.poll() is None
                    break
                time.sleep(0.002)
        kill_group(proc)
        g = load_graph(store)  # must not raise: never a half-written file
        if same_graph(g, old):
            seen["old"] += 1
        else:
            assert same_graph(g, new), f"kill {i}: the store is neither the old nor the new graph"
            seen["new"] += 1
    # a last, uninterrupted run finishes the job, cleaning what the killed writers left behind
    proc = lineage_process("ingest", "--store", str(store), str(NEW_FILE))
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert same_graph(load_graph(store), new)
    assert seen["old"] and mid_write, (seen, mid_write)  # the kills did land before and during the write


def test_two_ingests_at_once_are_serialised_and_lose_nothing(tmp_path):
    store = tmp_path / "both.db"
    a = lineage_process("ingest", "--store", str(store), str(CORPUS / "002_e2aa40ccf522044b.txt"))
    b = lineage_process("ingest", "--store", str(store), str(CORPUS / "003_a7a611ee86822b52.txt"))
    for p in (a, b):
        _out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    numbers = {d.get("number") for _k, d in load_graph(store).nodes(data=True) if d.get("source")}
    assert {"2174/QĐ-UBND", "1578/QĐ-UBND", "37/KH-STTTT"} <= numbers  # neither run overwrote the other


def test_ingest_while_another_process_holds_the_store_says_so_in_one_line(tmp_path, monkeypatch):
    """Another process holds the store's write transaction for longer than ingest waits: one line
    naming the store, what to do, exit code 2, and the store is not touched. (The wait is shortened
    from 30 s to 1 s.)"""
    import graph.ingest
    from graph.cli import app

    store = tmp_path / "held.db"
    save_graph(build_graph([]), store)
    before = list(load_graph(store).nodes)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from graph.stores.embedded import EmbeddedStore
        with EmbeddedStore({str(store)!r}).transaction():
            print("locked", flush=True)
            time.sleep(60)
    """)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(graph.ingest, "EmbeddedStore", functools.partial(EmbeddedStore, timeout=1.0))
        result = CliRunner().invoke(app, ["ingest", "--store", str(store), str(NEW_FILE)])
    finally:
        holder.kill()
        holder.communicate(timeout=10)
    assert result.exit_code == 2, result.output
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert errors == [f"error: {store}: store is locked by another lineage process"], result.output
    assert "hint: wait for it to finish" in result.output
    assert list(load_graph(store).nodes) == before


def _future_store(tmp_path: Path) -> tuple[Path, bytes]:
    """A store whose schema version is the next one; its path and bytes."""
    store = tmp_path / "future.db"
    save_graph(build_graph([]), store)
    with sqlite3.connect(store) as conn:
        conn.execute(f"PRAGMA user_version = {sqlite_store.SCHEMA_VERSION + 1}")
    conn.close()
    return store, store.read_bytes()


def test_a_store_from_a_newer_version_is_refused_by_every_command(tmp_path):
    store, data = _future_store(tmp_path)
    expected = (f"error: {store}: store schema version {sqlite_store.SCHEMA_VERSION + 1} is newer than "
                f"this lineage (reads up to {sqlite_store.SCHEMA_VERSION})")
    for args in (["stats"], ["ingest", str(NEW_FILE)], ["check"], ["export", "-o", str(tmp_path / "x.json")]):
        proc = lineage_process(*args, "--store", str(store))
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 2, (args, err)
        assert next(ln for ln in err.splitlines() if ln.strip()) == expected, (args, err)
        assert "hint: upgrade policy-lineage to read it" in err
        assert "Traceback" not in err
    assert store.read_bytes() == data  # ingest did not overwrite what it cannot read


def test_ingest_refuses_a_newer_store_before_extracting_anything(tmp_path):
    from graph.errors import StoreError
    from graph.ingest import ingest

    store, _ = _future_store(tmp_path)
    extracted: list[str] = []
    with pytest.raises(StoreError, match="newer than this lineage"):
        ingest([NEW_FILE], store, progress=lambda done, total, name: extracted.append(name))
    assert extracted == []
