"""The cheaper paths of building and writing the public models give what the plain ones gave: clean
text is checked by the validator itself (no Python call per field), the JSON of a file is written as
the serializer's bytes, and ``lineage extract --format json`` writes those bytes unchanged or, when
stdout is not UTF-8, as text the way it did. Workers collect garbage less often, with what they
inherited out of the collector's sight."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

from graph import model as m
from graph.cli.common import print_json
from graph.reading import pool
from graph.reading.extract import extract_file

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "graph" / "data" / "corpus").glob("*.txt"))[:3]


def _calls_of(name: str, build) -> int:
    """How many times the Python function ``name`` is called while ``build()`` runs."""
    calls = 0

    def hook(frame, event, _arg):
        nonlocal calls
        if event == "call" and frame.f_code.co_name == name:
            calls += 1

    sys.setprofile(hook)
    threading.setprofile(hook)
    try:
        build()
    finally:
        sys.setprofile(None)
        threading.setprofile(None)
    return calls


def test_clean_text_is_checked_without_calling_python() -> None:
    clean = {"text": "Căn cứ Nghị định số 163/2016/NĐ-CP", "issuer": "Chính phủ", "restored": ["number"]}
    assert _calls_of("_no_surrogate", lambda: m.Citation(**clean)) == 0
    assert _calls_of("_no_surrogate", lambda: m.Citation(text="a \ud800 b")) == 1
    assert m.Citation(text="a \ud800 b").text == "a \ufffd b"
    assert _calls_of("_no_surrogate", lambda: setattr(m.Citation(**clean), "title", "về kế hoạch")) == 0


def test_text_keeps_the_string_type_error_and_the_plain_json_schema() -> None:
    for bad in (5, None, ["x"]):
        try:
            m.Problem(source="s", message=bad)
        except ValueError as exc:
            assert [e["type"] for e in exc.errors()] == ["string_type"]
            assert [e["loc"] for e in exc.errors()] == [("message",)]
        else:
            raise AssertionError(f"{bad!r} accepted as text")
    props = m.Citation.model_json_schema()["properties"]
    assert props["text"]["type"] == "string"
    assert props["restored"]["items"] == {"type": "string"}
    assert props["number"]["anyOf"] == [{"type": "string"}, {"type": "null"}]


def test_json_bytes_are_what_model_dump_json_gives() -> None:
    results = [extract_file(p) for p in SAMPLES]
    assert all(r.documents for r in results)
    for r in results:
        assert r.json_bytes() == r.model_dump_json(indent=2).encode("utf-8")
    odd = m.FileExtraction(source="s \ud800", problems=[m.Problem(source="s", message="\"ổn\"\n\t")])
    assert odd.json_bytes() == odd.model_dump_json(indent=2).encode("utf-8")


def _printed(paths: list[Path]) -> str:
    from contextlib import redirect_stdout
    from io import StringIO

    buffer = StringIO()
    with redirect_stdout(buffer):
        print_json([extract_file(p) for p in paths])
    return buffer.getvalue()


def test_cli_json_on_a_stdout_that_is_not_utf8_is_written_as_text() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-16"}
    command = [sys.executable, "-m", "graph.cli", "extract", *map(str, SAMPLES[:2]), "-w", "1", "--json"]
    proc = subprocess.run(command, capture_output=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    data = proc.stdout.removeprefix(b"\xff\xfe")  # the text layer's encoding, not the UTF-8 bytes
    assert data.startswith(b"[\x00\n\x00")
    assert data.decode("utf-16-le") == _printed(SAMPLES[:2])


def _gc_state(result: m.FileExtraction) -> tuple[str, int, int]:
    """A worker's render: the file, the collector's first threshold and how many objects it froze."""
    return result.source, gc.get_threshold()[0], gc.get_freeze_count()


def test_workers_collect_less_often_and_not_what_they_inherited() -> None:
    got = [r for _i, r in pool.iter_paths(SAMPLES[:2], workers=2, render=_gc_state)]
    assert [source for source, _t, _f in got] == [p.name for p in SAMPLES[:2]]
    assert all(threshold == pool.WORKER_GC_THRESHOLD for _s, threshold, _f in got)
    assert all(frozen > 10_000 for _s, _t, frozen in got)  # the patterns and vocabularies loaded
    assert gc.get_threshold()[0] != pool.WORKER_GC_THRESHOLD  # the caller's own collector is left alone
