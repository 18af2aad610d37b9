# ruff: noqa: E501  (corpus sentences are quoted whole)
"""``lineage extract`` in a real process: JSON shape, bad inputs named on stderr with exit codes, no traceback,
the other files still extracted; the pipeline's order, folders and watchdog."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.reading import pool as pool_mod
from graph.reading.pool import extract_paths

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
GOLD_FIELDS = {"number", "doc_type", "date", "issuer", "province", "level", "title", "signer", "signer_title",
               "bases", "nested", "references", "attached_to", "proposals", "assignments", "projects", "targets",
               "supersedes"}


def lineage(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.cli", "extract", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    files = {
        "empty": d / "empty.txt",
        "pdf": d / "scan.txt",
        "russian": d / "ru.txt",
        "docx": d / "plan.docx",
    }
    files["empty"].write_bytes(b"")
    files["pdf"].write_bytes(b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n1 0 obj\n<< /Length 2 >>\nstream\nx\nendstream")
    files["russian"].write_bytes("Настоящий документ утверждает план развития. ".encode("koi8-r") * 20)
    files["docx"].write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml" + bytes(200))
    empty_dir = d / "no_text"
    empty_dir.mkdir()
    (empty_dir / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    files["empty_dir"] = empty_dir
    return files


def test_json_shape_and_bad_inputs(bad_inputs: dict[str, Path]) -> None:
    good = CORPUS / "003_a7a611ee86822b52.txt"
    missing = bad_inputs["empty"].parent / "missing.txt"
    args = [str(good), str(bad_inputs["empty"]), str(bad_inputs["pdf"]), str(bad_inputs["russian"]),
            str(bad_inputs["docx"]), str(missing), str(bad_inputs["empty_dir"]), "--format", "json"]
    proc = lineage(*args)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    out = json.loads(proc.stdout)
    assert [o["source"] for o in out] == ["003_a7a611ee86822b52.txt", "empty.txt", "scan.txt", "ru.txt",
                                          "plan.docx", "missing.txt", "no_text"]
    first = out[0]
    assert len(first["documents"]) == 2
    decision = first["documents"][0]
    assert decision.keys() >= GOLD_FIELDS
    assert decision["number"] == "1578/QĐ-UBND"
    assert decision["date"] == "2013-10-26"
    assert all(not o["problems"] for o in out[:1])
    assert all(o["documents"] == [] and o["problems"][0]["severity"] == "error" for o in out[1:])
    err = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    expected = {
        "empty.txt": "empty file",
        "scan.txt": "looks like a PDF",
        "ru.txt": "unknown text encoding",
        "plan.docx": "ZIP archive",
        "missing.txt": "no such file or folder",
        "no_text": "folder has no text files",
    }
    for name, says in expected.items():
        assert any(name in ln and says in ln and ln.startswith("error:") for ln in err), (name, err)
    assert any("pdftotext" in ln for ln in err)


def test_impossible_date_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    text = (CORPUS / "002_e2aa40ccf522044b.txt").read_text(encoding="utf-8")
    bad = tmp_path / "qd_31_02.txt"
    bad.write_text(text.replace("Kiên Giang, ngày 26 tháng 8 năm 2022", "Kiên Giang, ngày 31 tháng 02 năm 2022"),
                   encoding="utf-8")
    proc = lineage(str(bad), str(CORPUS / "003_a7a611ee86822b52.txt"), "--json")
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    assert out[0]["documents"][0]["date"] is None
    assert out[0]["documents"][0]["number"] == "2174/QĐ-UBND"
    assert out[1]["documents"][0]["number"] == "1578/QĐ-UBND"
    assert any(ln.startswith("warning:") and "qd_31_02.txt" in ln and "31" in ln for ln in proc.stderr.splitlines())
    assert "Traceback" not in proc.stderr


def test_table_format_and_folder() -> None:
    proc = lineage(str(CORPUS), "--format", "table", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    for name in ("000_5ff91108e71e8f83.txt", "004_ddc2434da970a981.txt"):
        assert name in proc.stdout
    assert "1891/QĐ-UBND" in proc.stdout
    assert "605/QĐ-UBND  (restored)" in proc.stdout
    assert "Nguyễn Văn Phòng" in proc.stdout


def test_help_has_example_and_exit_codes() -> None:
    proc = lineage("--help")
    assert proc.returncode == 0
    assert "Example:" in proc.stdout and "lineage extract" in proc.stdout
    assert "Exit codes" in proc.stdout


def test_unknown_format_is_a_usage_error() -> None:
    proc = lineage(str(CORPUS / "003_a7a611ee86822b52.txt"), "--format", "xml")
    assert proc.returncode == 2
    assert "unknown format" in proc.stderr and "Traceback" not in proc.stderr


# --- the library pipeline ---------------------------------------------------------------------------

def test_results_in_input_order_with_parallel_workers(tmp_path: Path) -> None:
    files = sorted(CORPUS.glob("*.txt"), reverse=True)
    seen: list[str] = []
    results = extract_paths(files, workers=2, progress=lambda done, total, src: seen.append(src))
    assert [r.source for r in results] == [f.name for f in files]
    assert sorted(seen) == sorted(f.name for f in files)
    assert all(r.ok and r.documents for r in results)


def test_watchdog_stops_a_file_that_takes_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool_mod, "TIMEOUT_BASE", 0.0)
    monkeypatch.setattr(pool_mod, "TIMEOUT_PER_MB", 0.0)
    results = extract_paths([CORPUS / "001_a7c64b5b7379c419.txt"], workers=1)
    assert results[0].documents == []
    assert "was stopped" in results[0].problems[0].message
    monkeypatch.undo()
    again = extract_paths([CORPUS / "003_a7a611ee86822b52.txt"], workers=1)
    assert again[0].ok and again[0].documents


def test_folders_take_their_text_files_recursively(tmp_path: Path) -> None:
    sub = tmp_path / "2013" / "ca-mau"
    sub.mkdir(parents=True)
    (sub / "qd_1578.txt").write_bytes((CORPUS / "003_a7a611ee86822b52.txt").read_bytes())
    (tmp_path / "notes.md").write_text("Căn cứ Luật Công nghệ thông tin ngày 29/6/2006;\n", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n" + bytes(100))  # not text: skipped in a folder
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    results = extract_paths([tmp_path], workers=1)
    assert [r.source for r in results] == ["qd_1578.txt", "notes.md"]
    assert results[0].documents[0].number == "1578/QĐ-UBND"


def test_a_run_ends_with_its_objects_out_of_the_collectors_sight(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process ends after the command: the cyclic collector is not made to walk everything it loaded
    once more at exit (graph.cli.main freezes it)."""
    import gc

    from graph.cli import main

    monkeypatch.setattr(sys, "argv", ["lineage", "extract", "--help"])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit):
            main()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


#: problem texts rich could print otherwise than as they are: markup, escapes, controls, tabs, wide text
_EDGE_MESSAGES = ["plain", "[bold]x[/]", "a [link=http://x]y[/link] b", "[/]", "x\\[y]", "ends with \\", "a\\b",
                  "tab\there", "\x1b[31mred\x1b[0m", "\x1b[bold]", "two\nlines", "cr\rhere", "\u2028sep", "\u202eltr",
                  ":smile: :warning:", "  spaces  ", "漢字 wide 漢字 " * 20, "e\u0301 zw\u200bj", "[sửa đổi lần 2]",
                  "x" * 300, ""]


def test_problem_lines_written_directly_are_what_rich_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without colours print_problem writes most lines itself: byte for byte what the rich console prints,
    on the problems of the samples (and of the dev documents when present) and on edge cases."""
    import io
    import re

    from graph.cli import common, extract_cmd
    from graph.cli.common import err_console
    from graph.cli.safe_console import SafeConsole
    from graph.model import Problem
    from graph.reading.extract import extract_file

    dev = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "docs"
    files = sorted(CORPUS.glob("*.txt")) + sorted(dev.glob("*.txt"))
    reports = [(str(f), extract_file(f).problems) for f in files]
    reports += [(name, [Problem(source=name, message=m, severity=s, line=k % 3 or None)
                        for k, m in enumerate(_EDGE_MESSAGES) for s in ("error", "warning")])
                for name in ("a.txt", "dir/[b].txt", "c\\d.txt", "g\nh.txt")]

    def printed(direct: bool) -> tuple[str, int, int]:
        out, calls = io.StringIO(), []
        rich_print = SafeConsole.print
        with monkeypatch.context() as m:
            m.setattr(err_console, "_color_system", None)  # as on a pipe, whatever the environment says
            m.setattr(err_console, "_file", out)
            m.setattr(SafeConsole, "print", lambda self, *a, **k: calls.append(1) or rich_print(self, *a, **k))
            if not direct:
                m.setattr(common, "_RICH_REWRITES", re.compile(""))  # every line through rich
            code = extract_cmd._report(reports)
        return out.getvalue(), code, len(calls)

    (direct, code, through_rich), (by_rich, rich_code, _n) = printed(True), printed(False)
    assert direct == by_rich and code == rich_code
    assert 0 < through_rich < by_rich.count("\n") // 2  # both ways were taken, the direct one by most lines


# Runs `lineage ARGS...` as the console script does, then prints whether rich was imported.
_RICH_LOADED = ("import sys\nsys.argv = ['lineage', *sys.argv[1:]]\nfrom graph.cli import main\n"
                "try:\n    main()\nexcept SystemExit as exc:\n    print(exc.code, file=sys.stderr)\n"
                "finally:\n    print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules), file=sys.stderr)\n")


def _rich_loaded(*args: str) -> tuple[str, bool]:
    """(exit code, whether rich was imported) of a whole ``lineage ARGS`` process, stderr a pipe."""
    proc = subprocess.run([sys.executable, "-c", _RICH_LOADED, *args], capture_output=True, text=True,
                          timeout=300, cwd=Path(__file__).resolve().parents[1])
    *_, code, loaded = proc.stderr.strip().splitlines()
    return code, loaded == "True"


def test_rich_is_imported_only_by_runs_that_print_through_it(tmp_path: Path) -> None:
    """A clean JSON extract prints nothing through rich and does not import it (~17 ms a run); a run with
    a problem to report, a table or a usage error does, and prints as before."""
    clean = next(f for f in sorted(CORPUS.glob("*.txt")) if lineage(str(f), "--json").returncode == 0)
    assert _rich_loaded("extract", str(clean), "--format", "json") == ("0", False)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _rich_loaded("extract", str(empty), "--format", "json") == ("2", True)
    assert _rich_loaded("extract", str(clean)) == ("0", True)
    assert _rich_loaded("extract", str(clean), "--format", "xml") == ("2", True)


def test_the_consoles_are_made_once_on_first_use() -> None:
    from graph.cli import common
    from graph.cli.common import console, err_console
    from graph.cli.safe_console import SafeConsole

    assert common.console is console and common.err_console is err_console
    assert isinstance(console, SafeConsole) and isinstance(err_console, SafeConsole)
    assert err_console.stderr and err_console.one_line and not console.stderr
    with pytest.raises(AttributeError):
        common.no_such_console  # noqa: B018


def test_ctrl_c_during_a_run_with_workers_prints_no_traceback(tmp_path):
    """Ctrl-C in a terminal reaches the whole process group: the workers leave the stopping to the
    parent, which exits 130; no worker prints its KeyboardInterrupt."""
    import os
    import shutil
    import signal
    import time

    many = tmp_path / "many"
    many.mkdir()
    for n in range(100):  # ~20 MB: seconds of reading on a fast machine too
        for text in sorted(CORPUS.glob("*.txt")):
            shutil.copy(text, many / f"{n:03d}_{text.name}")
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "extract", str(many), "--workers", "2",
                             "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, cwd=Path(__file__).parent.parent,
                            # a shell starts a background job with SIGINT ignored, and Python keeps an
                            # ignored SIGINT so: the child gets a terminal's handling whoever runs pytest
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(1.5)  # the workers started and reading
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in err, err[-2000:]
