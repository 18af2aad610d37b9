"""Issue 16, the store: a store file is data only (an old pickle store runs nothing unless trusted),
a damaged one is said as damaged, a symlinked one is one store with its permissions kept, and a pipe is
refused rather than waited on. The store is SQLite now; the old formats are only read by ``lineage
migrate``, whose reading of them is checked here too."""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
import stat
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest
from g1_samples import gold

from graph.errors import StoreError
from graph.loaders.build import build_graph
from graph.stores import graph_file
from graph.stores.embedded import EmbeddedStore, load_graph, migrate, save_graph

ROOT = Path(__file__).resolve().parent.parent
_HEADER = struct.Struct(">16sHcQ")
_PREFIX = struct.Struct("<QI4x")


class _Payload:
    """Unpickling this runs ``touch MARKER``: what a crafted store could do to its reader."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def crafted_v3(path: Path, marker: Path) -> Path:
    """A format-3 store (columns, pickled manifest) whose manifest is a pickled callable, CRC right."""
    head = pickle.dumps(_Payload(marker), protocol=5)
    head += b"\x00" * (-len(head) % 8)
    payload = _PREFIX.pack(len(head), zlib.crc32(head)) + head
    path.write_bytes(_HEADER.pack(graph_file.MAGIC, 3, b"C", len(payload)) + payload)
    return path


def crafted_v2(path: Path, marker: Path) -> Path:
    """A format-2 store (a pickled state) that runs code when unpickled."""
    payload = zlib.compress(pickle.dumps(_Payload(marker), protocol=5))
    path.write_bytes(_HEADER.pack(graph_file.MAGIC, 2, b"Z", len(payload)) + payload)
    return path


def _run(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "COLUMNS": "250", "NO_COLOR": "1"})


# --- 1. stores are data ------------------------------------------------------------------------

@pytest.mark.parametrize("craft", [crafted_v3, crafted_v2], ids=["format3", "format2"])
def test_a_crafted_old_store_runs_nothing_without_the_flag(tmp_path, craft):
    marker = tmp_path / "pwned"
    store = craft(tmp_path / "colleague.graph", marker)
    for args in (["stats"], ["find", "2174"], ["export", "-o", str(tmp_path / "x.json")],
                 ["ingest", str(ROOT / "graph/data/corpus")], ["migrate", str(store)]):
        r = _run(*args, "--store", str(store if args[0] != "migrate" else tmp_path / "new.db"))
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr
        assert not marker.exists(), f"lineage {args[0]} ran code from the store"
    r = _run("stats", "--store", str(store))
    assert "old format" in r.stderr and "lineage migrate" in r.stderr and "--trust-old-store" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 2  # the error and its hint
    r = _run("migrate", str(store), "--store", str(tmp_path / "new.db"))
    assert "old format that can run code" in r.stderr and "--trust-old-store" in r.stderr


def _pickled_v2(g, path: Path) -> Path:
    state = {"graph": g.graph, "_node": g._node, "_adj": g._adj, "_pred": g._pred}
    payload = pickle.dumps(state, protocol=5)
    path.write_bytes(_HEADER.pack(graph_file.MAGIC, 2, b"R", len(payload)) + payload)
    return path


def test_migrate_imports_a_trusted_old_store(tmp_path):
    g = build_graph([gold("000")])
    old = _pickled_v2(g, tmp_path / "mine.graph")
    r = _run("migrate", str(old), "--trust-old-store", "--store", str(tmp_path / "new.db"))
    assert r.returncode == 0, r.stderr
    assert list(load_graph(tmp_path / "new.db").nodes(data=True)) == list(g.nodes(data=True))
    r = _run("migrate", str(old), "--trust-old-store", "--store", str(old))  # converted in place
    assert r.returncode == 0, r.stderr
    assert old.read_bytes().startswith(b"SQLite format 3\x00")
    assert sorted(load_graph(old).edges(keys=True)) == sorted(g.edges(keys=True))


def test_migrate_imports_a_format_4_store_without_the_flag_and_never_overwrites(tmp_path):
    g = build_graph([gold("000"), gold("003")])
    old = tmp_path / "lineage.graph"
    with old.open("wb") as f:
        graph_file.dump(g, f)
    new = tmp_path / "lineage.db"
    r = _run("migrate", str(old), "--store", str(new), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["nodes"] == g.number_of_nodes()
    h = load_graph(new)
    assert list(h.nodes(data=True)) == list(g.nodes(data=True))
    assert list(h.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
    r = _run("migrate", str(old), "--store", str(new))
    assert r.returncode == 2 and "already holds a graph" in r.stderr


def test_the_store_is_a_sqlite_file_of_data(tmp_path):
    store = tmp_path / "s.db"
    save_graph(build_graph([gold("000")]), store)
    with sqlite3.connect(store) as conn:
        kinds = {kind for kind, in conn.execute("SELECT type FROM sqlite_master")}
        props = [json.loads(p) for p, in conn.execute("SELECT props FROM nodes")]
    assert "trigger" not in kinds and "view" not in kinds
    assert all(isinstance(p, dict) and p["key"] for p in props)


def test_demo_never_opens_a_store_it_did_not_write(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "lineage-demo").mkdir()
    crafted_v3(tmp_path / "lineage-demo" / "lineage.db", marker)
    r = _run("demo", "--json", cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    assert not marker.exists()
    assert load_graph(tmp_path / "lineage-demo" / "lineage.db").number_of_nodes() > 0
    own = tmp_path / "own.db"
    crafted_v3(own, marker)
    r = _run("demo", "--store", str(own), "-o", str(tmp_path / "d2" / "index.html"), cwd=tmp_path)
    assert r.returncode == 2 and "already exists" in r.stderr and not marker.exists()


# --- 9. range, uniqueness and size checks -------------------------------------------------------

def _rewrite(store: Path, edit) -> None:
    """Edit the JSON manifest of a format-4 store and fix its checksum (a store damaged 'validly')."""
    data = bytearray(store.read_bytes())
    head_len, _ = _PREFIX.unpack_from(data, _HEADER.size)
    start = _HEADER.size + _PREFIX.size
    manifest = json.loads(data[start:start + head_len])
    edit(manifest, data, start + head_len)
    head = json.dumps(manifest).encode()
    head += b" " * (-len(head) % 8)
    rest = bytes(data[start + head_len:])
    payload = _PREFIX.pack(len(head), zlib.crc32(rest, zlib.crc32(head))) + head + rest
    store.write_bytes(_HEADER.pack(graph_file.MAGIC, graph_file.FORMAT_VERSION, b"C", len(payload)) + payload)


def _poke(spec, data: bytearray, base: int, value: int) -> None:
    code, offset, count = spec
    size = {"B": 1, "H": 2, "I": 4, "i": 4, "q": 8, "Q": 8}[code]
    struct.pack_into("<" + {"i": "i", "I": "I", "B": "B", "H": "H", "q": "q", "Q": "Q"}[code], data,
                     base + offset + (count - 1) * size, value)


def _dup_key(m, data, base):
    _, offset, _ = m["keys"]
    struct.pack_into("<i", data, base + offset + 4, struct.unpack_from("<i", data, base + offset)[0])


DAMAGES = {
    "neighbour out of range": lambda m, d, b: _poke(m["adjacency"]["out_nbr"], d, b, 10 ** 6),
    "in-edge out of range": lambda m, d, b: _poke(m["adjacency"]["in_eid"], d, b, 10 ** 6),
    "string index out of range": lambda m, d, b: _poke(m["nodes"]["blocks"][0][2][0][1], d, b, 10 ** 8),
    "duplicate key": _dup_key,
    "type out of range": lambda m, d, b: _poke(m["adjacency"]["out_type"], d, b, 250),
    "section out of bounds": lambda m, d, b: m["adjacency"]["out_nbr"].__setitem__(1, 10 ** 9),
    "bad typecode": lambda m, d, b: m["adjacency"]["out_nbr"].__setitem__(0, "O"),
    "unknown value tag": lambda m, d, b: m.__setitem__("graph", {"x": 1}),
    "deep manifest": lambda m, d, b: m.__setitem__("graph", json.loads("[" * 100000 + "]" * 100000)),
}


def _old_store(g, path: Path) -> Path:
    with path.open("wb") as f:
        graph_file.dump(g, f)
    return path


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_an_old_store_with_a_valid_checksum_but_bad_contents_is_said_damaged(tmp_path, damage):
    store = _old_store(build_graph([gold("000"), gold("001")]), tmp_path / "s.graph")
    if damage == "deep manifest":
        data = bytearray(store.read_bytes())
        head_len, _ = _PREFIX.unpack_from(data, _HEADER.size)
        start = _HEADER.size + _PREFIX.size
        head = data[start:start + head_len].rstrip(b" ")
        head = head[:-1] + b',"x":' + b"[" * 100000 + b"]" * 100000 + b"}"
        head += b" " * (-len(head) % 8)
        rest = bytes(data[start + head_len:])
        payload = _PREFIX.pack(len(head), zlib.crc32(rest, zlib.crc32(head))) + head + rest
        store.write_bytes(_HEADER.pack(graph_file.MAGIC, 4, b"C", len(payload)) + payload)
    else:
        _rewrite(store, DAMAGES[damage])
    # migrate reads every value: it says the store is damaged, in one line and its hint
    r = _run("migrate", str(store), "--store", str(tmp_path / "new.db"))
    assert "Traceback" not in r.stderr, (damage, r.stderr)
    assert r.returncode == 2 and "store is damaged" in r.stderr, (damage, r.stdout, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 2, r.stderr


def test_the_codec_byte_is_checked(tmp_path):
    store = _old_store(build_graph([gold("000")]), tmp_path / "s.graph")
    data = bytearray(store.read_bytes())
    data[18] = ord("Z")
    store.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="store is damaged"):
        migrate(store, tmp_path / "new.db")


def test_a_legacy_store_that_inflates_to_gigabytes_is_refused(tmp_path):
    payload = zlib.compress(b"\x00" * (300 << 20), 9)  # 300 MB of zeros in ~300 KB
    store = tmp_path / "bomb.graph"
    store.write_bytes(_HEADER.pack(graph_file.MAGIC, 2, b"Z", len(payload)) + payload)
    with pytest.raises(StoreError, match="store is damaged \\(inflates to more than"):
        migrate(store, tmp_path / "new.db", trust_old=True)


# --- 6. a symlinked store -----------------------------------------------------------------------

def test_a_symlinked_store_is_one_store_and_keeps_its_mode(tmp_path):
    shared = tmp_path / "shared" / "team.db"
    shared.parent.mkdir()
    save_graph(build_graph([gold("000")]), shared)
    os.chmod(shared, 0o664)
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    a.symlink_to(shared)
    b.symlink_to(shared)
    r = _run("ingest", str(ROOT / "graph/data/corpus/003_a7a611ee86822b52.txt"), "--store", str(a))
    assert r.returncode == 0, r.stderr
    assert a.is_symlink() and b.is_symlink(), "the save replaced the link with a file"
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    assert load_graph(b).number_of_nodes() > build_graph([gold("000")]).number_of_nodes()
    assert EmbeddedStore(a).real == EmbeddedStore(b).real == shared


# --- 10. a FIFO is refused ----------------------------------------------------------------------

@pytest.mark.parametrize("command", [["stats"], ["ingest", "graph/data/corpus/003_a7a611ee86822b52.txt"],
                                     ["bases", "2174"], ["push", "--uri", "bolt://127.0.0.1:9"]])
def test_a_store_that_is_a_pipe_is_refused_not_waited_on(tmp_path, command):
    fifo = tmp_path / "store.fifo"
    os.mkfifo(fifo)
    opened = threading.Event()

    def watch() -> None:  # a writer that would unblock a reader stuck on the pipe; set when it does
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        opened.set()
        os.close(fd)

    r = _run(*command, "--store", str(fifo), timeout=60)
    watch()
    assert r.returncode == 2, r.stderr
    assert "not a regular file" in r.stderr and "Traceback" not in r.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
