"""Worker processes started once, given chunks of files, rendering what travels back (the CLI's JSON
bytes): the output is byte for byte what one process prints, and a file stopped by the watchdog or
a worker that dies leaves the rest of its chunk read by the worker that replaces it."""

from __future__ import annotations

import io
import itertools
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from graph.cli.common import print_json
from graph.model import FileExtraction
from graph.reading import pool
from graph.reading.extract import extract_file

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
SAMPLES = sorted(CORPUS.glob("*.txt"))
PARENT = os.getpid()


def _pid_and_source(result: FileExtraction) -> tuple[int, str]:
    """A render that says which process read the file."""
    return os.getpid(), result.source


def _die_on_crash(result: FileExtraction) -> FileExtraction:
    """A render that kills the worker reading ``crash*.txt`` (as a crash in C code would)."""
    if result.source.startswith("crash") and os.getpid() != PARENT:
        os._exit(3)
    return result


def _copies(tmp_path: Path, names: list[str]) -> list[Path]:
    out = []
    for k, name in enumerate(names):
        path = tmp_path / name
        shutil.copyfile(SAMPLES[k % len(SAMPLES)], path)
        out.append(path)
    return out


def _printed(results: list[FileExtraction]) -> str:
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        print_json(results)
    return buffer.getvalue()


def test_json_rendered_in_the_workers_is_what_one_process_prints(tmp_path: Path) -> None:
    paths = [*SAMPLES, tmp_path / "missing.txt"]
    rendered = [r for _i, r in pool.iter_paths(paths, workers=2, render=pool.as_json)]
    parts = [("[\n" if i == 0 else ",\n") + r.json.decode("utf-8") for i, r in enumerate(rendered)]
    expected = [extract_file(p) for p in SAMPLES] + pool.extract_paths([tmp_path / "missing.txt"], workers=1)
    assert "".join(parts) + "\n]\n" == _printed(expected)
    assert [r.problems for r in rendered] == [r.problems for r in expected]
    assert rendered[-1].problems[0].severity == "error"


def test_cli_json_with_two_workers_is_byte_identical_to_one_process() -> None:
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "extract", *map(str, SAMPLES), "--workers", "2",
                           "--format", "json"], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == _printed([extract_file(p) for p in SAMPLES])


def test_workers_are_started_once_and_take_chunks_of_files(tmp_path: Path) -> None:
    files = _copies(tmp_path, [f"{k:02d}.txt" for k in range(40)])
    got = [r for _i, r in pool.iter_paths(files, workers=2, render=_pid_and_source)]
    assert [source for _pid, source in got] == [f.name for f in files]
    pids = [pid for pid, _s in got]
    assert len(set(pids)) == 2 and PARENT not in pids
    runs = sum(1 for a, b in itertools.pairwise(pids) if a != b) + 1
    assert runs < len(files) / 2, pids  # files come in chunks, not one by one in turn


def test_a_file_stopped_by_the_watchdog_leaves_the_rest_of_its_chunk_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _copies(tmp_path, ["slow.txt", "a.txt", "b.txt", "c.txt", "d.txt"])
    monkeypatch.setattr(pool, "_timeout", lambda p: 0.0 if p.name == "slow.txt" else 300.0)
    results = pool.extract_paths(files, workers=1)
    assert [r.source for r in results] == [f.name for f in files]
    assert results[0].documents == [] and "was stopped" in results[0].problems[0].message
    assert all(r.ok and r.documents for r in results[1:])


def test_a_worker_that_dies_leaves_the_rest_of_its_chunk_read(tmp_path: Path) -> None:
    files = _copies(tmp_path, ["a.txt", "crash.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
    results = [r for _i, r in pool.iter_paths(files, workers=1, render=_die_on_crash)]
    assert [r.source for r in results] == [f.name for f in files]
    assert "stopped unexpectedly" in results[1].problems[0].message
    assert all(r.ok and r.documents for k, r in enumerate(results) if k != 1)


def test_chunks_shrink_towards_the_end() -> None:
    from collections import deque

    queue = deque((i, Path(f"{i}.txt")) for i in range(100))
    sizes = []
    while queue:
        sizes.append(len(pool._chunk(queue, 2)))
    assert sizes[0] == pool.CHUNK_MAX and sizes[-1] == 1 and sum(sizes) == 100
    assert sizes == sorted(sizes, reverse=True)


def test_a_json_result_travels_back_whole_as_plain_values() -> None:
    """The result pickled with its problems as tuples comes back equal, every field of each problem kept
    (a field added to Problem must be added to the tuples: this fails until it is)."""
    import pickle

    from graph.model import Problem

    problems = [Problem(source="a.txt", message="no such file"),
                Problem(source="a.txt", message="a date that does not exist", severity="warning", line=7)]
    result = pool.JsonResult(source="a.txt", path="/x/a.txt", json=b'{"source": "a.txt"}', problems=problems)
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == result and [p.model_dump() for p in back.problems] == [p.model_dump() for p in problems]
    assert set(Problem.model_fields) == {"source", "message", "severity", "line"}
    bare = pool.JsonResult("b.txt", None, b"{}")
    assert pickle.loads(pickle.dumps(bare)) == bare
