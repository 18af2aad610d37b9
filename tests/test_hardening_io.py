"""Issue 16, items 5, 7, 8, 11, 12, 13 and 15: data is printed as text, bad JSON gives one clear line,
outputs are written whole, exports keep nodes apart and say what they do with formulas, a password
in a Bolt URI is never shown, and a worker's memory is bounded."""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from g1_samples import gold

from graph.loaders.build import build_graph
from graph.model import FileExtraction
from graph.stores.embedded import save_graph
from graph.stores.exports import export_graph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "graph" / "data" / "corpus"


def _run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    full.update({"COLUMNS": "250", "NO_COLOR": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=180, env=full, encoding="utf-8")


def _extraction(title: str, source: str = "hostile.txt") -> dict:
    return {"source": source, "documents": [{
        "number": "99/QĐ-UBND", "doc_type": "Quyết định", "date": "2021-03-04",
        "issuer": "UBND tỉnh Kiên Giang", "province": "Kiên Giang", "level": "provincial", "title": title,
        "bases": [{"number": "749/QĐ-TTg", "doc_type": "Quyết định", "text": "Căn cứ [/] [link=http://x]y[/link]",
                   "line": 3}],
        "projects": [{"name": "Dự án [bold]A[/bold]", "budget": 5.0, "budget_unit": "tỷ đồng", "line": 9}]}]}


# --- 5. square brackets are data ------------------------------------------------------------------

def test_brackets_in_titles_queries_and_paths_are_printed_as_text(tmp_path):
    title = "Kế hoạch [sửa đổi lần 2] [link=http://e.vn]xem[/link] [/]"
    src = tmp_path / "x.json"
    src.write_text(json.dumps(_extraction(title)), encoding="utf-8")
    store = tmp_path / "s.graph"
    assert _run("ingest", str(src), "--store", str(store)).returncode == 0
    r = _run("find", "kế hoạch", "--store", str(store))
    assert r.returncode == 0, r.stderr
    flat = " ".join(r.stdout.split())
    assert "[sửa đổi lần 2]" in flat and "[link=http://e.vn]xem[/link]" in flat and "[/]" in flat
    assert "\x1b]8;" not in r.stdout
    r = _run("bases", "99/QĐ-UBND", "--store", str(store))
    assert r.returncode == 0 and "[/]" in r.stdout and "Traceback" not in r.stderr, r.stderr
    r = _run("find", "[/] không có [bold]", "--store", str(store))
    assert r.returncode == 1 and "Traceback" not in r.stderr and "[/] không có [bold]" in r.stderr, r.stderr
    weird = tmp_path / "[/]" / "[bold]s.graph"
    r = _run("stats", "--store", str(weird))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "[/]/[bold]s.graph" in r.stderr


# --- 13. file names and URIs --------------------------------------------------------------------

def test_a_file_name_with_a_newline_or_an_escape_forges_no_line(tmp_path):
    bad = tmp_path / "a\nerror: forged line \x1b[2J.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    for args in (["extract", str(bad)], ["ingest", str(bad), "--store", str(tmp_path / "s.graph")]):
        r = _run(*args)
        assert r.returncode == 2
        assert "\x1b" not in r.stderr, r.stderr
        errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
        assert len(errors) == 1 and "forged line" in errors[0], r.stderr
        assert "\\n" in errors[0] and "\\x1b" in errors[0]


def test_a_password_in_a_bolt_uri_is_never_echoed(tmp_path):
    store = tmp_path / "s.graph"
    save_graph(build_graph([gold("000")]), store)
    secret = "Pa55-w0rd-xyz"
    for args in (["push", "--store", str(store), "--uri", f"bolt://neo4j:{secret}@127.0.0.1:9"],
                 ["stats", "--neo4j", f"bolt://neo4j:{secret}@127.0.0.1:9"],
                 ["find", "2174", "--neo4j", f"bolt://neo4j:{secret}@127.0.0.1:9"],
                 ["push", "--store", str(store), "--uri", f"ftp://neo4j:{secret}@127.0.0.1:9"]):
        r = _run(*args)
        assert r.returncode in (2, 3), r.stderr
        assert secret not in r.stdout + r.stderr, r.stderr
        assert "127.0.0.1" in r.stderr


@pytest.mark.bolt
def test_a_server_lost_mid_push_prints_no_driver_logs_before_the_error(tmp_path, bolt_server, clean_neo4j):
    from urllib.parse import urlparse

    from tcp_cut import CuttingRelay

    from benchmarks.national_corpus import generate

    store = tmp_path / "s.graph"
    save_graph(build_graph(generate(300, seed=5)), store)
    url = urlparse(bolt_server.uri)
    relay = CuttingRelay(url.hostname, url.port, cut_after=200_000)
    try:
        uri = f"bolt://{bolt_server.user}:{bolt_server.password}@127.0.0.1:{relay.port}"
        r = _run("push", "--store", str(store), "--uri", uri, "--batch-size", "100", "--json")
    finally:
        relay.close()
    assert relay.cut.is_set() and r.returncode == 3, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert lines[0].startswith("error:") and lines[1:] and all(ln.startswith("hint:") for ln in lines[1:]), \
        r.stderr
    assert bolt_server.password not in r.stderr + r.stdout


# --- 7. lone surrogates, atomic outputs ----------------------------------------------------------

def test_a_lone_surrogate_is_replaced_at_the_model_boundary(tmp_path):
    x = FileExtraction.model_validate({"source": "a\ud800.txt", "documents": [
        {"title": "x\udc00y", "bases": [{"text": "Căn cứ \ud801"}],
         "projects": [{"name": "p", "coordinators": ["\udfff"]}]}]})
    assert x.source == "a\ufffd.txt" and x.documents[0].title == "x\ufffdy"
    assert x.documents[0].bases[0].text == "Căn cứ \ufffd"
    assert x.documents[0].projects[0].coordinators == ["\ufffd"]
    src = tmp_path / "s.json"
    src.write_text(json.dumps(_extraction("Kế hoạch \ud800 số hoá")), encoding="utf-8")  # \ud800 escaped
    store = tmp_path / "s.graph"
    assert _run("ingest", str(src), "--store", str(store)).returncode == 0
    for args in (["find", "ke hoach"], ["show", "99/QĐ-UBND", "--html", str(tmp_path / "p.html")],
                 ["export", "-f", "graphml", "-o", str(tmp_path / "g.graphml")]):
        r = _run(*args, "--store", str(store))
        assert r.returncode == 0 and "Traceback" not in r.stderr, (args, r.stderr)
    ET.parse(tmp_path / "g.graphml")


def test_a_failed_export_leaves_the_earlier_file(tmp_path, monkeypatch):
    g = build_graph([gold("000")])
    out = tmp_path / "e.graphml"
    export_graph(g, "graphml", out)
    before = out.read_bytes()

    def fails_half_way(graph, f, **kw):  # as encoding a lone surrogate did, after the first bytes
        f.write(b"<?xml version='1.0' encoding='utf-8'?><graphml")
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr("graph.stores.graphml_stream.write_graphml", fails_half_way)  # imported when it runs
    with pytest.raises(Exception, match="not valid Unicode"):
        export_graph(g, "graphml", out)
    assert out.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary file left"


def test_an_export_to_a_pipe_is_written_into_it_not_renamed_over_it(tmp_path):
    """A FIFO (as /dev/stdout or a device) is written in place: renaming the temporary file over it would
    replace the pipe, or a device, with a regular file."""
    fifo = tmp_path / "graph.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    export_graph(build_graph([gold("000")]), "json", fifo)
    reader.join(30)
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the pipe was replaced by a file"
    assert got and json.loads(got[0])["nodes"]
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"], "no temporary file left"


def test_an_export_to_stdout_by_its_device_name(tmp_path):
    store = tmp_path / "s.db"
    assert _run("ingest", str(CORPUS), "--store", str(store)).returncode == 0
    result = _run("export", "--store", str(store), "-f", "json", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    graph, _ = json.JSONDecoder().raw_decode(result.stdout)  # the summary line follows it
    assert graph["nodes"]


# --- 8. hostile JSON ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, said", [
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("digits.json", '{"source": "x", "documents": [{"projects": [{"name": "p", "budget": '
     + "9" * 5000 + "}]}]}", "thousands of digits"),
    ("nan.json", '{"source": "x", "documents": [{"projects": [{"name": "p", "budget": NaN}]}]}', "NaN"),
    ("inf.json", '{"source": "x", "documents": [{"targets": [{"text": "t", "value": -Infinity}]}]}',
     "Infinity"),
    ("nan.jsonl", '{"source": "x", "documents": [{"projects": [{"name": "p", "budget": NaN}]}]}\n', "finite"),
    ("deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n", "recursion"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 20 and "." in v else "")
def test_hostile_json_gives_one_clear_line(tmp_path, name, text, said):
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    r = _run("ingest", str(src), "--store", str(tmp_path / "s.graph"))
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and name in errors[0] and said in errors[0], r.stderr
    assert "nan" not in r.stdout.lower()


# --- 11. CSV and formulas; 12. keys that differ only by control characters -----------------------

def test_csv_cells_that_start_a_formula_are_raw_by_default_and_quoted_when_asked(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("=HYPERLINK(\"http://x\")", key="=HYPERLINK(\"http://x\")", labels=("Document",),
               title="+cmd|' /C calc'!A0", number="-1", line=-5)
    raw, safe = tmp_path / "raw", tmp_path / "safe"
    export_graph(g, "csv", raw)
    export_graph(g, "csv", safe, spreadsheet_safe=True)
    rows = list(csv.reader((raw / "nodes_Document.csv").open(encoding="utf-8")))
    assert rows[1][0] == "=HYPERLINK(\"http://x\")" and "+cmd|' /C calc'!A0" in rows[1]
    rows = list(csv.reader((safe / "nodes_Document.csv").open(encoding="utf-8")))
    assert rows[1][0] == "'=HYPERLINK(\"http://x\")" and "'+cmd|' /C calc'!A0" in rows[1] and "'-1" in rows[1]
    assert "-5" in rows[1], "numbers stay numbers"
    store = tmp_path / "s.graph"
    save_graph(g, store)
    r = _run("export", "-f", "csv", "--spreadsheet-safe", "-o", str(tmp_path / "cli"), "--store", str(store))
    assert r.returncode == 0, r.stderr
    assert "'=HYPERLINK" in (tmp_path / "cli" / "nodes_Document.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_keep_keys_that_differ_only_by_control_characters(tmp_path, fmt):
    g = nx.MultiDiGraph()
    for key in ("doc\x01a", "doc\x02a", "doc a", "doc\\x01a"):
        g.add_node(key, key=key, labels=("Document",))
    g.add_edge("doc\x01a", "doc\x02a", key="CĂN_CỨ", type="CĂN_CỨ")
    out = tmp_path / f"g.{fmt}"
    export_graph(g, fmt, out)
    h = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
    assert h.number_of_nodes() == 4 and h.number_of_edges() == 1


# --- 15. a worker's memory is bounded -----------------------------------------------------------

def test_a_file_that_needs_more_memory_than_a_worker_may_use_is_reported(tmp_path):
    words = (CORPUS / "001_a7c64b5b7379c419.txt").read_text(encoding="utf-8").split()
    big = tmp_path / "one-line.txt"
    big.write_text(" ".join(words[i % len(words)] for i in range(600_000)), encoding="utf-8")
    r = _run("extract", str(big), str(CORPUS / "000_5ff91108e71e8f83.txt"), "--format", "json",
             env={"LINEAGE_WORKER_MEMORY_MB": "100"})
    assert r.returncode == 2 and "Traceback" not in r.stderr
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "one-line.txt" in errors[0] and "100 MB of memory" in errors[0], r.stderr
    assert [x["source"] for x in json.loads(r.stdout) if x["documents"]] == ["000_5ff91108e71e8f83.txt"]
