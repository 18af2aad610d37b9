"""Bad input files, as a user meets them: the exact message and exit code of ``lineage extract`` and
``lineage ingest`` for each, no traceback, and the good file of the same run still read and stored.

One row per kind of bad input (the README's troubleshooting table lists the same rows). Files are
built at test time from the sample corpus (the 200 MB one sparse-free but generated in tmp).
Rows that show a bug not fixed yet are ``xfail(strict=True)`` with the bug in the reason.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.reading.text.legacy import to_legacy
from graph.stores.embedded import load_graph

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
GOOD = CORPUS / "002_e2aa40ccf522044b.txt"  # 2174/QĐ-UBND, Kiên Giang 2022
GOOD_NUMBER = "2174/QĐ-UBND"
SAMPLE = CORPUS / "003_a7a611ee86822b52.txt"  # 1578/QĐ-UBND, Cà Mau 2013: the bad files are made of it
SAMPLE_NUMBER = "1578/QĐ-UBND"
TEXT = SAMPLE.read_text(encoding="utf-8")
EXIT_OK, EXIT_WARN, EXIT_BAD = 0, 1, 2


def run_lineage(*args: str, timeout: float = 120,
                prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """``lineage ARGS`` in a new process group; on timeout the whole group is killed (no orphans)."""
    env = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1"}
    proc = subprocess.Popen([*prefix, sys.executable, "-m", "graph.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return subprocess.CompletedProcess(proc.args, -9, out, err + f"\n[killed after {timeout} s]")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


# --- the rows ----------------------------------------------------------------------------------------

def _zip(name: str, content: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, content)
    return buf.getvalue()


def _cut_inside_last_character(data: bytes) -> bytes:
    i = len(data) - 1
    while data[i] < 0xC0:  # back to the lead byte of the last multi-byte character
        i -= 1
    return data[: i + 1]


HALF = TEXT.index("Điều 1")  # header and bases in UTF-8, the articles pasted from an old file

@dataclass(frozen=True)
class Row:
    """A bad file: how to make it, and what the user must see."""

    name: str  # file name (its suffix matters to the user's reading of the message)
    make: Callable[[], bytes]
    says: tuple[str, ...]  # fragments of the one "error:" line naming the file ('' = the file is read)
    code: int  # exit code of extract and ingest when run with the good file and this one
    number: str | None = None  # a file that must be read: the number that must come out of it
    bug: str | None = None  # xfail(strict) reason while the bug is not fixed
    warns: tuple[str, ...] = ()  # fragments of the one "warning:" line naming the file, if any

    @property
    def ingest_code(self) -> int:
        """ingest stores what it can read: warnings do not change its exit code."""
        return EXIT_BAD if self.code == EXIT_BAD else EXIT_OK


ROWS = [
    Row("empty.txt", lambda: b"", ("empty file", "check the file was saved"), EXIT_BAD),
    Row("blank.txt", lambda: b"\xef\xbb\xbf \r\n\t\n", ("empty file",), EXIT_BAD),
    Row("scan.pdf", lambda: b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n1 0 obj\n<< /Length 2 >>\nstream\nx\nendstream",
        ("looks like a PDF, not a text file", "pdftotext -layout FILE FILE.txt"), EXIT_BAD),
    Row("ke-hoach.docx", lambda: _zip("word/document.xml", b"<w:document/>"),
        ("looks like a ZIP archive (Word .docx / .xlsx / .odt), not a text file",
         "libreoffice --headless --convert-to txt FILE"), EXIT_BAD),
    Row("corpus.zip", lambda: _zip("003.txt", TEXT.encode()), ("looks like a ZIP archive",), EXIT_BAD),
    Row("old-word.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        ("looks like an old Microsoft Office file (.doc / .xls)", "save it as plain text (UTF-8)"), EXIT_BAD),
    Row("scan.png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(64), ("looks like a PNG image", "tesseract"),
        EXIT_BAD),
    Row("binary.bin", lambda: bytes(range(256)) * 8, ("binary file (contains NUL bytes)",), EXIT_BAD),
    Row("russian.txt", lambda: "Настоящий документ утверждает план развития. ".encode("koi8-r") * 20,
        ("unknown text encoding", "iconv -f ENCODING -t UTF-8 FILE > FILE.txt"), EXIT_BAD),
    Row("utf16.txt", lambda: TEXT.encode("utf-16"), (), EXIT_OK, SAMPLE_NUMBER),
    Row("utf16be-nobom.txt", lambda: TEXT.encode("utf-16-be"), (), EXIT_OK, SAMPLE_NUMBER),
    Row("windows-1258.txt", lambda: to_legacy(TEXT, "cp1258"), (), EXIT_OK, SAMPLE_NUMBER),
    Row("vni.txt", lambda: to_legacy(TEXT, "vni"), (), EXIT_OK, SAMPLE_NUMBER),
    Row("tcvn3.txt", lambda: to_legacy(TEXT, "tcvn3"), (), EXIT_OK, SAMPLE_NUMBER),
    Row("mixed-1258.txt", lambda: TEXT[:HALF].encode() + to_legacy(TEXT[HALF:], "cp1258"), (), EXIT_OK,
        SAMPLE_NUMBER),
    Row("mixed-tcvn3.txt", lambda: TEXT[:HALF].encode() + to_legacy(TEXT[HALF:], "tcvn3"), (), EXIT_OK,
        SAMPLE_NUMBER),
    Row("cut-utf8.txt", lambda: _cut_inside_last_character(TEXT.encode()), (), EXIT_WARN, SAMPLE_NUMBER,
        warns=("not valid UTF-8: 1 invalid bytes replaced",)),
    Row("cut-utf16.txt", lambda: TEXT.encode("utf-16")[:-1], (), EXIT_OK, SAMPLE_NUMBER),
    Row("stray-nul.txt", lambda: TEXT.replace("\n", "\n\x00", 2).encode(), (), EXIT_OK, SAMPLE_NUMBER),
]


def _param(row: Row):
    marks = [pytest.mark.xfail(strict=True, reason=row.bug)] if row.bug else []
    return pytest.param(row, id=row.name, marks=marks)


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bad")
    for row in ROWS:
        (d / row.name).write_bytes(row.make())
    return d


def _error_lines(stderr: str, name: str | None = None, kind: str = "error:") -> list[str]:
    """The "error:" (or ``kind``) lines of stderr naming the file ``name`` (as a path or a bare name)."""
    lines = [ln for ln in stderr.splitlines() if ln.startswith(kind)]
    if name is None:
        return lines
    return [ln for ln in lines if f" {name}:" in ln or f"/{name}:" in ln]


def _assert_row_message(row: Row, stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    mine = _error_lines(stderr, row.name)
    if not row.says:
        assert mine == [], mine
        _assert_row_warning(row, stderr)
        return
    assert len(mine) == 1, stderr
    for fragment in row.says:
        assert fragment in mine[0], (fragment, mine[0])


def _assert_row_warning(row: Row, stderr: str) -> None:
    warnings = _error_lines(stderr, row.name, "warning:")
    if row.warns:
        assert len(warnings) == 1 and all(w in warnings[0] for w in row.warns), (row.warns, warnings)


# --- lineage extract: every content row in one run ---------------------------------------------------

@pytest.fixture(scope="module")
def extract_all(bad_dir) -> tuple[subprocess.CompletedProcess, dict[str, dict]]:
    proc = run_lineage("extract", "--json", str(GOOD), *(str(bad_dir / r.name) for r in ROWS))
    by_source = {x["source"]: x for x in json.loads(proc.stdout)}
    return proc, by_source


def test_extract_reads_the_good_file_whatever_else_is_given(extract_all):
    proc, by_source = extract_all
    assert proc.returncode == EXIT_BAD  # some rows are errors
    assert "Traceback" not in proc.stderr
    assert [d["number"] for d in by_source[GOOD.name]["documents"]][:1] == [GOOD_NUMBER]


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_extract_row(row: Row, extract_all, bad_dir):
    proc, by_source = extract_all
    _assert_row_message(row, proc.stderr)
    result = by_source[row.name]
    if row.number:
        assert [d["number"] for d in result["documents"]][:1] == [row.number], result["problems"]
        assert result["encoding"]
        alone = run_lineage("extract", "--json", str(bad_dir / row.name))
        assert alone.returncode == row.code, alone.stderr
    else:
        assert result["documents"] == []
        assert [p["severity"] for p in result["problems"]] == ["error"]


# --- lineage ingest: every content row in one run; the good documents are stored ---------------------

@pytest.fixture(scope="module")
def ingest_all(bad_dir, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    store = tmp_path_factory.mktemp("store") / "bad.graph"
    proc = run_lineage("ingest", "--store", str(store), str(GOOD), *(str(bad_dir / r.name) for r in ROWS))
    return proc, store


def _numbers(store: Path) -> set[str]:
    return {d.get("number") for _k, d in load_graph(store).nodes(data=True) if d.get("source")}


def test_ingest_stores_the_good_file_whatever_else_is_given(ingest_all):
    proc, store = ingest_all
    assert proc.returncode == EXIT_BAD
    assert "Traceback" not in proc.stderr
    assert GOOD_NUMBER in _numbers(store)


@pytest.mark.parametrize("row", [_param(r) for r in ROWS])
def test_ingest_row(row: Row, ingest_all, bad_dir, tmp_path):
    proc, _store = ingest_all
    _assert_row_message(row, proc.stderr)
    if row.number:
        alone_store = tmp_path / "one.graph"
        alone = run_lineage("ingest", "--store", str(alone_store), str(bad_dir / row.name))
        assert alone.returncode == row.ingest_code, alone.stderr
        assert row.number in _numbers(alone_store)
        assert "Traceback" not in alone.stderr


# --- paths that are not files to read -----------------------------------------------------------------

BOTH = ["extract", "ingest"]


def _run_both(command: str, bad: Path, store: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    if command == "extract":
        return run_lineage("extract", "--json", str(GOOD), str(bad), timeout=timeout)
    return run_lineage("ingest", "--store", str(store), str(GOOD), str(bad), timeout=timeout)


def _assert_good_survived(command: str, proc: subprocess.CompletedProcess, store: Path) -> None:
    if command == "extract":
        out = {x["source"]: x for x in json.loads(proc.stdout)}
        assert out[GOOD.name]["documents"][0]["number"] == GOOD_NUMBER
    else:
        assert GOOD_NUMBER in _numbers(store), proc.stderr


def _path_case(command: str, bad: Path, says: tuple[str, ...], tmp_path: Path, timeout: float = 60) -> None:
    store = tmp_path / "s.graph"
    proc = _run_both(command, bad, store, timeout)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == EXIT_BAD, proc.stderr
    lines = _error_lines(proc.stderr, bad.name)
    assert len(lines) == 1, proc.stderr
    assert all(s in lines[0] for s in says), (says, lines)
    _assert_good_survived(command, proc, store)


@pytest.mark.parametrize("command", BOTH)
def test_a_path_that_does_not_exist(command, tmp_path):
    _path_case(command, tmp_path / "khong-co.txt", ("no such file or folder",), tmp_path)


@pytest.mark.parametrize("command", BOTH)
def test_a_folder_with_no_text_files(command, tmp_path):
    folder = tmp_path / "thu-muc-rong"
    folder.mkdir()
    _path_case(command, folder, ("folder has no text files",), tmp_path)


@pytest.mark.parametrize("command", BOTH)
def test_a_file_that_cannot_be_read(command, tmp_path):
    """chmod 000. Root reads anything, so as root the command runs without CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH (``setpriv``), which makes the permission bits apply to it."""
    bad = tmp_path / "khong-doc-duoc.txt"
    shutil.copy(SAMPLE, bad)
    bad.chmod(0)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux): cannot make a file unreadable")
        drop = "-dac_override,-dac_read_search"
        prefix = (setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}")
    store = tmp_path / "s.graph"
    args = (("extract", "--json", str(GOOD), str(bad)) if command == "extract"
            else ("ingest", "--store", str(store), str(GOOD), str(bad)))
    proc = run_lineage(*args, prefix=prefix)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == EXIT_BAD
    lines = _error_lines(proc.stderr, bad.name)
    assert len(lines) == 1 and "permission denied" in lines[0], proc.stderr
    _assert_good_survived(command, proc, store)


@pytest.mark.parametrize("command", BOTH)
def test_a_named_pipe_is_refused_at_once(command, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    _path_case(command, fifo, ("not a regular file",), tmp_path, timeout=15)


# --- a 200 MB file -------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("command", BOTH)
def test_a_200_mb_file_is_refused_at_once_with_what_to_do(command, tmp_path):
    """Sparse-free but cheap: the sample text repeated to 200 MB (written in tmp, removed after)."""
    huge = tmp_path / "gop-200mb.txt"
    block = TEXT.encode() * 64
    with huge.open("wb") as out:
        while out.tell() < 200_000_000:
            out.write(block)
    try:
        _path_case(command, huge, ("MB", "split"), tmp_path, timeout=30)
    finally:
        huge.unlink()
