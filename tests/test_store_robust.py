"""The store and ``ingest`` against a hostile but ordinary user, each as the real command runs: a damaged
store, a full disk, a store path through a file or in a folder that may not be written, a folder holding
what cannot be read, Ctrl-C in the middle, a Neo4j URI pointing at another server. Each gives one line
naming the file and the problem, a non-zero exit, no traceback, and a store that is as it was."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "graph" / "data" / "corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))


def lineage(*args: str, preexec=None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """``lineage --lang en ARGS`` in a process of its own."""
    return subprocess.run([*prefix, sys.executable, "-m", "graph.cli", "--lang", "en", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, preexec_fn=preexec,
                          env={**os.environ, "COLUMNS": "250", "NO_COLOR": "1"})


def errors(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("error:")]


def stored(tmp_path: Path, name: str = "store.db") -> Path:
    """A store holding the first sample file."""
    store = tmp_path / name
    assert lineage("ingest", str(TEXTS[0]), "--store", str(store)).returncode == 0
    return store


def snapshot(store: Path) -> list[tuple]:
    with sqlite3.connect(store) as conn:
        rows = conn.execute("SELECT key, props FROM nodes ORDER BY id").fetchall()
    conn.close()
    return rows


def test_a_store_with_damaged_pages_is_one_line_for_every_command_and_is_not_written(tmp_path):
    """A good header over damaged pages passes the first checks: what SQLite says later is the error."""
    store = tmp_path / "damaged.db"
    assert lineage("ingest", *map(str, TEXTS[:2]), "--store", str(store)).returncode == 0
    data = bytearray(store.read_bytes())
    for page in range(2 * 4096, len(data), 4096):  # every page after the schema's
        data[page + 100:page + 300] = bytes(range(200))
    store.write_bytes(bytes(data))
    for args in (["ingest", str(TEXTS[2])], ["stats"], ["remove", TEXTS[0].name]):
        result = lineage(*args, "--store", str(store))
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr, args
        assert errors(result.stderr)[0].startswith(f"error: {store}: store is damaged"), (args, result.stderr)
        assert "hint: ingest again into a new store" in result.stderr
    assert store.read_bytes() == bytes(data)
    for args in (["find", "2174"], ["check"], ["bases", "2174"], ["status", "2174"], ["derived", "64/2007"],
                 ["targets"], ["show", "2174", "--html", str(tmp_path / "page.html")]):
        result = lineage(*args, "--store", str(store))  # the questions read the damaged pages too
        assert result.returncode == 2 and "Traceback" not in result.stderr, (args, result.stderr)
        assert errors(result.stderr)[0].startswith(f"error: {store}: store is damaged"), (args, result.stderr)
    assert store.read_bytes() == bytes(data)


def test_a_full_disk_says_so_and_leaves_the_store_as_it_was(tmp_path):
    """A file-size limit (the full disk a user meets) stops the write: SQLite has rolled back already,
    and its reason, not a failed second rollback, is what the user reads."""
    store = stored(tmp_path)
    before = snapshot(store)
    size = store.stat().st_size

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 8192, size + 8192))

    result = lineage("ingest", *map(str, TEXTS[1:]), "--store", str(store), preexec=small_files)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = errors(result.stderr)
    assert line.startswith(f"error: {store}: "), line
    assert "disk" in line and "rollback" not in line, line
    assert snapshot(store) == before


def test_a_store_path_through_a_file_names_that_file(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x", encoding="utf-8")
    result = lineage("ingest", str(TEXTS[0]), "--store", str(blocker / "lineage.db"))
    assert result.returncode == 2
    assert errors(result.stderr) == [f"error: {blocker / 'lineage.db'}: cannot create the store here "
                                     f"({blocker} is a file, not a folder)"], result.stderr


def _unprivileged() -> tuple[str, ...]:
    """A command prefix under which file permissions hold (root without the capabilities that pass them
    by), or a skip."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    prefix = (setpriv, "--bounding-set", "-dac_override,-dac_read_search") if setpriv else ()
    if not prefix or subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("root, and no way to drop the capabilities that pass permissions by")
    return prefix


def test_a_store_that_may_not_be_written_says_why(tmp_path):
    prefix = _unprivileged()
    (tmp_path / "shelf").mkdir()
    store = stored(tmp_path / "shelf")
    before = snapshot(store)
    try:
        store.chmod(0o444)
        result = lineage("ingest", str(TEXTS[1]), "--store", str(store), prefix=prefix)
        assert result.returncode == 2
        assert errors(result.stderr) == [f"error: {store}: cannot write the store (no permission to write "
                                         "the file); the previous store is unchanged"], result.stderr
        store.chmod(0o644)
        store.parent.chmod(0o555)
        result = lineage("ingest", str(TEXTS[1]), "--store", str(store.parent / "new.db"), prefix=prefix)
        assert errors(result.stderr) == [f"error: {store.parent / 'new.db'}: cannot create the store here "
                                         f"(no permission to write in the folder {store.parent})"]
    finally:
        store.parent.chmod(0o755)
        store.chmod(0o644)
    assert snapshot(store) == before


def test_a_folder_names_what_it_holds_that_cannot_be_read_and_stores_the_rest(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(TEXTS[0], folder)
    shutil.copy(TEXTS[1], folder / "sub")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.json")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "gone.txt").symlink_to(tmp_path / "deleted.txt")  # hidden: skipped
    (folder / "photo.png").symlink_to(tmp_path / "deleted.png")  # not an input file's name
    (folder / "x.txt").mkdir()  # a folder named like a file: its files (none) are read
    store = tmp_path / "s.db"
    result = lineage("ingest", str(folder), "--store", str(store))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert sorted(errors(result.stderr)) == [
        "error: gone.txt: no such file", "error: loop.txt: no such file",
        "error: pipe.json: not a regular file (a pipe, device or socket): give a text file"], result.stderr
    assert "2 of 5 files" in result.stdout, result.stdout


def test_a_subfolder_that_may_not_be_listed_is_named(tmp_path):
    prefix = _unprivileged()
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(TEXTS[0], folder)
    shutil.copy(TEXTS[1], folder / "locked")
    try:
        (folder / "locked").chmod(0o000)
        result = lineage("ingest", str(folder), "--store", str(tmp_path / "s.db"), prefix=prefix)
    finally:
        (folder / "locked").chmod(0o755)
    assert result.returncode == 2
    assert errors(result.stderr) == ["error: locked: permission denied"], result.stderr
    assert "1 of 2 files" in result.stdout


def _wait_for_cpu(pid: int, seconds: float) -> None:
    """Until process ``pid`` has used ``seconds`` of CPU (its own, as /proc says), however loaded the machine
    is; where there is no /proc, that long in wall time."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        time.sleep(seconds)
        return
    ticks = os.sysconf("SC_CLK_TCK")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        if (int(fields[11]) + int(fields[12])) / ticks >= seconds:  # utime + stime
            return
        time.sleep(0.05)


def test_ctrl_c_in_the_middle_of_an_ingest_says_nothing_was_stored(tmp_path):
    store = stored(tmp_path)
    before = snapshot(store)
    many = tmp_path / "many"
    many.mkdir()
    for n in range(100):  # ~20 MB: many seconds in one process, on a fast machine too
        for text in TEXTS:
            shutil.copy(text, many / f"{n:02d}_{text.name}")
    command = ["--lang", "en", "ingest", str(many), "-j", "1", "--store", str(store)]
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", *command], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_for_cpu(proc.pid, 1.5)  # past the start (imports, the store opened), far from the end (500 files)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert errors(err) == [f"error: interrupted: nothing of this run was stored; {store} is as it was"], err
    assert snapshot(store) == before


class _NotBolt:
    """A local server answering a Bolt client with ``reply`` (an HTTP page, an SSH banner)."""

    def __init__(self, reply: bytes) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.reply = reply
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(64)
                conn.sendall(self.reply)

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize(("reply", "said"), [
    (b"HTTP/1.1 400 Bad Request\r\n\r\n", "the server there speaks HTTP, not Bolt"),
    (b"SSH-2.0-OpenSSH_9.6\r\n", "the server there does not speak Bolt (not Neo4j, or the wrong port)"),
])
def test_push_to_a_server_that_is_not_neo4j_is_one_line_and_exit_3(tmp_path, reply, said):
    store = stored(tmp_path)
    server = _NotBolt(reply)
    try:
        result = lineage("push", "--store", str(store), "--neo4j", f"bolt://127.0.0.1:{server.port}",
                         "--password", "x")
    finally:
        server.close()
    assert result.returncode == 3, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines[0].startswith(f"error: cannot reach Neo4j at bolt://127.0.0.1:{server.port}: {said}"), lines
    assert all(ln.startswith(("error:", "hint:")) for ln in lines), lines  # no driver log, no traceback


def test_an_ingest_where_every_file_fails_never_removes_a_store_another_ingest_wrote(tmp_path):
    """Two ingests into a new store at once: the one whose files all fail used to make the file first
    and remove it at the end, after the other (waiting for the lock on that file) had written into it
    and said so. A store is now made at the first file to store."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": 5}\n' * 150_000, encoding="utf-8")  # seconds of failing lines
    store = tmp_path / "new.db"
    failing = subprocess.Popen([sys.executable, "-m", "graph.cli", "ingest", str(bad), "--store", str(store)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    waited = time.monotonic() + 1.5  # past its start: it is reading the lines (~7 s of them here)
    while not store.exists() and time.monotonic() < waited:
        time.sleep(0.05)
    assert failing.poll() is None, "the failing ingest ended too soon: give it more lines"
    good = lineage("ingest", str(TEXTS[0]), "--store", str(store))
    assert failing.wait(timeout=120) == 2
    assert good.returncode == 0, good.stderr
    assert store.is_file() and snapshot(store), "the store the other ingest wrote is gone"


def test_an_ingest_of_nothing_that_exists_makes_no_store(tmp_path):
    result = lineage("ingest", str(tmp_path / "typo.txt"), "--store", str(tmp_path / "new.db"))
    assert result.returncode == 2
    assert errors(result.stderr) == ["error: typo.txt: no such file or folder"]
    assert not (tmp_path / "new.db").exists()


def test_migrate_of_a_store_already_in_the_current_format_says_so(tmp_path):
    store = stored(tmp_path)
    result = lineage("migrate", str(store), "--store", str(tmp_path / "other.db"))
    assert result.returncode == 2
    assert errors(result.stderr) == [f"error: {store}: already a store of the current format (SQLite): "
                                     "nothing to migrate"], result.stderr
    assert f"hint: use it as it is: --store {store}" in result.stderr
    assert not (tmp_path / "other.db").exists()


def test_a_store_that_may_not_be_read_is_said_by_every_command_in_the_users_language(tmp_path):
    """Not typer's English usage box ("Invalid value for '--store'"): the store's own line."""
    prefix = _unprivileged()
    store = stored(tmp_path)
    old = tmp_path / "old.graph"
    shutil.copy(store, old)
    try:
        store.chmod(0o000)
        old.chmod(0o000)
        for args in (["stats"], ["ingest", str(TEXTS[1])], ["remove", TEXTS[0].name], ["migrate", str(old)],
                     ["find", "2174"], ["bases", "2174"], ["check"], ["push", "--neo4j", "bolt://127.0.0.1:9"],
                     ["show", "2174", "--html", str(tmp_path / "page.html")]):
            result = lineage(*args, "--store", str(store), prefix=prefix)
            where = old if args[0] == "migrate" else store
            assert result.returncode == 2, (args, result.stderr)
            assert errors(result.stderr) == [f"error: {where}: cannot read the store (permission denied)"], (
                args, result.stderr)
    finally:
        store.chmod(0o644)
        old.chmod(0o644)


@pytest.fixture()
def read_only_disk(tmp_path):
    """A small tmpfs holding a store, then mounted read-only (root only: else skipped)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        stored(disk)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_store_on_a_read_only_disk_is_read_and_a_write_says_the_disk_is_read_only(read_only_disk):
    """SQLite opens a WAL store read-only only with its -shm file, which a read-only disk cannot get: the
    store used to be called damaged there, by every command."""
    store = read_only_disk / "store.db"
    result = lineage("stats", "--json", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert '"Document"' in result.stdout
    result = lineage("ingest", str(TEXTS[1]), "--store", str(store))
    assert result.returncode == 2
    assert errors(result.stderr) == [f"error: {store}: cannot write the store (the disk is read-only); the "
                                     "previous store is unchanged"], result.stderr
    result = lineage("ingest", str(TEXTS[1]), "--store", str(read_only_disk / "new.db"))
    assert errors(result.stderr) == [f"error: {read_only_disk / 'new.db'}: cannot create the store here "
                                     "(the disk is read-only)"], result.stderr
