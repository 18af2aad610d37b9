"""Hostile values in documents: they reach Neo4j and HTML pages unchanged and change nothing else.

The hostile values are what a document may carry (a title copied from a web page, an OCR'd number)
plus what an attacker would try: quotes, backticks, braces, ``$``, ``//``, newlines, Cypher keywords
(``x'}) DETACH DELETE n //``) and XSS payloads (``<img src=x onerror=alert(1)>``, ``</script>``,
U+2028 ...). They enter through the front door: an extraction JSON (the public pydantic types) that
``lineage ingest`` reads, so the real graph builder makes the keys; then ``lineage push`` loads Neo4j
(the session's real Bolt server) and the query commands answer on both stores; ``lineage show`` and
``--html`` write pages that headless Chromium opens with the network blocked.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.lineage_graph import counts
from graph.model import Assignment, Citation, Document, FileExtraction, Project, Target
from graph.stores import neo4j_store
from graph.stores.embedded import load_graph

ROOT = Path(__file__).resolve().parent.parent
CYPHER = [
    "x'}) DETACH DELETE n //",
    'x"}) DETACH DELETE n //',
    "`CĂN_CỨ`]->(m) DELETE m //",
    "{key: $key} ${rows} $rows $$",
    "// not a comment\nMATCH (n) DETACH DELETE n\r\nRETURN 1",
    "'); DROP CONSTRAINT document_key; //",
    "\\' \\\" \\\\ \\u0027 \\n",
    "1 UNION MATCH (n) RETURN n",
    "CALL db.labels() YIELD label RETURN label",
    "/* */ :Document {key: 'x'}",
]
XSS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "dòng một\u2028dòng hai\u2029hết",
    "'; alert(1); //",
    "{{constructor.constructor('alert(1)')()}}",
    "<iframe src=javascript:alert(1)></iframe>",
    "]]><!-- --><style>*{display:none}</style>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
]
PAYLOADS = CYPHER + XSS
DECREE = "64/2007/NĐ-CP"
# numbers are kept "as printed, whitespace removed": a hostile one without spaces
ODD = "99/QĐ-UBND'})-[r]-()DELETE/**/r//${`x`}\\\""


def hostile_extraction() -> FileExtraction:
    """One document per payload, in the payload's number, title, issuer, agencies, citing words, project
    and target; each cites the decree and the previous one (a chain the queries walk)."""
    docs = []
    for i, p in enumerate(PAYLOADS):
        basis = Citation(doc_type="Nghị định", number=DECREE, date=dt.date(2007, 4, 10), issuer="Chính phủ",
                         text=f"Nghị định số {DECREE} ngày 10/4/2007 của Chính phủ {p}", line=3)
        refs = []
        if i:
            refs.append(Citation(doc_type="Kế hoạch", number=f"{i - 1}/KH-UBND", date=dt.date(2020, 1, 1),
                                 text=f"Kế hoạch số {i - 1}/KH-UBND {p}", line=9,
                                 province="Kiên Giang", level="provincial"))
        docs.append(Document(
            number=f"{i}/KH-UBND", doc_type="Kế hoạch", date=dt.date(2020, 1, 1),
            issuer=f"Ủy ban nhân dân tỉnh Kiên Giang {p}", province="Kiên Giang", level="provincial",
            title=f"Kế hoạch {p} chuyển đổi số", signer=p, bases=[basis], references=refs,
            assignments=[Assignment(agency=f"Sở {p}", role="lead", task=p, text=p, line=12)],
            projects=[Project(name=f"Dự án {p}", lead=f"Sở {p}", budget=5, budget_unit="tỷ đồng",
                              budget_dong=5e9, line=14)],
            targets=[Target(text=f"95% {p} đến năm 2025", value=95, unit="%", deadline=2025, line=16)],
        ))
    # numbers themselves hostile: a document numbered with the Cypher payload
    docs.append(Document(number=ODD, doc_type="Quyết định",
                         date=dt.date(2021, 5, 5), province="Kiên Giang", level="provincial",
                         title="Quyết định có số lạ", bases=[Citation(
                             doc_type="Kế hoạch", number="0/KH-UBND", date=dt.date(2020, 1, 1),
                             text="Kế hoạch số 0/KH-UBND", province="Kiên Giang", level="provincial")]))
    return FileExtraction(source="doc-hai.txt", documents=docs)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    src = d / "hostile.json"
    src.write_text(hostile_extraction().model_dump_json(), encoding="utf-8")
    path = d / "hostile.graph"
    result = CliRunner().invoke(app, ["ingest", "--store", str(path), str(src), "--json"])
    assert result.exit_code == 0, result.output
    return path


def key_of(store: Path, number: str) -> str:
    g = load_graph(store)
    (key,) = [k for k, d in g.nodes(data=True) if d.get("number") == number and d.get("source")]
    return key


def test_the_graph_builder_keeps_every_hostile_value(store):
    g = load_graph(store)
    titles = {d.get("title") for _k, d in g.nodes(data=True)}
    names = {d.get("name") for _k, d in g.nodes(data=True)}
    for p in PAYLOADS:
        assert f"Kế hoạch {p} chuyển đổi số" in titles
        assert any(n and p in n for n in names), p
    assert any(d.get("number") == ODD for _k, d in g.nodes(data=True))


# --- Neo4j: pushed unchanged, queries unchanged ---------------------------------------------------------

def _props(g) -> dict[str, dict]:
    return {k: {p: v for p, v in d.items() if v is not None} for k, d in g.nodes(data=True)}


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=300, cwd=ROOT,
                          env={**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
                               "COLUMNS": "200", "NO_COLOR": "1", **env})


@pytest.mark.bolt
def test_hostile_values_round_trip_through_neo4j_and_never_change_a_query(store, bolt_server, neo4j_driver):
    env = {"NEO4J_URI": bolt_server.uri, "NEO4J_USER": bolt_server.user,
           "NEO4J_PASSWORD": bolt_server.password}
    # a sentinel that must survive everything below
    with neo4j_driver.session() as s:
        s.execute_write(lambda tx: tx.run("CREATE (:Sentinel {key: 'canh-gac'})").consume())
    g = load_graph(store)
    first = _cli("push", "--store", str(store), "--json", env=env)
    assert first.returncode == 0, first.stderr
    again = _cli("push", "--store", str(store), "--json", env=env)
    assert again.returncode == 0, again.stderr
    in_neo4j = neo4j_store.counts(neo4j_driver)
    expected = counts(g)
    assert in_neo4j["relationships"] == expected["relationships"]
    assert in_neo4j["nodes"] == {**expected["nodes"], "Sentinel": 1}
    back = neo4j_store.read_graph(neo4j_driver)
    assert {k: v for k, v in _props(back).items() if k != "canh-gac"} == _props(g)

    # every query, on both stores, with hostile document references: the same answer, nothing deleted
    runner = CliRunner()
    neo = ["--neo4j", bolt_server.uri, "--user", bolt_server.user, "--password", bolt_server.password]
    plan = key_of(store, "3/KH-UBND")
    odd = key_of(store, ODD)
    questions = [["find", p] for p in CYPHER] + [
        ["find", ODD],
        ["bases", odd], ["bases", plan, "--depth", "10"], ["derived", DECREE, "--depth", "10"],
        ["status", plan], ["agency", f"Sở {CYPHER[0]}"], ["agency", f"Sở {CYPHER[4]}"],
        ["targets", "--province", "Kiên Giang", "--metric", CYPHER[1]], ["path", odd, DECREE],
        ["compare", odd, plan], ["check"],
    ]
    for q in questions:
        embedded = runner.invoke(app, [*q, "--store", str(store), "--json"], env={"NEO4J_URI": ""})
        remote = runner.invoke(app, [*q, *neo, "--json"], env={"NEO4J_URI": ""})
        assert "Traceback" not in embedded.output + remote.output
        assert (embedded.exit_code, embedded.stdout) == (remote.exit_code, remote.stdout), q
        assert embedded.exit_code in (0, 1), (q, embedded.output)
    assert neo4j_store.counts(neo4j_driver)["nodes"] == {**expected["nodes"], "Sentinel": 1}
    assert neo4j_store.counts(neo4j_driver)["relationships"] == expected["relationships"]


# --- HTML: every page shows hostile text literally and runs nothing ---------------------------------------

XSS_HOOKS = ("window.__xss = 0; window.alert = window.prompt = window.confirm = "
             "function () { window.__xss += 1; };")


@pytest.fixture(scope="module")
def chromium():
    from browser import chromium_with_hooks

    yield from chromium_with_hooks(XSS_HOOKS)


def _pages(store: Path, out: Path) -> list[tuple[str, Path]]:
    """Pages written by the commands a user runs: show (both directions), bases, derived, agency."""
    runner = CliRunner()
    plan = key_of(store, f"{len(PAYLOADS) - 1}/KH-UBND")
    odd = key_of(store, ODD)
    commands = {
        "show": ["show", plan, "--direction", "both", "--depth", "10"],
        "show-odd": ["show", odd, "--depth", "10"],
        "bases": ["bases", plan, "--depth", "10"],
        "derived": ["derived", DECREE, "--depth", "10"],
        "agency": ["agency", f"Sở {XSS[0]}"],
    }
    pages = []
    for name, args in commands.items():
        page = out / f"{name}.html"
        result = runner.invoke(app, [*args, "--store", str(store), "--html", str(page)],
                               env={"NEO4J_URI": ""})
        assert result.exit_code == 0 and page.exists(), (name, result.output)
        pages.append((name, page))
    return pages


@pytest.mark.browser
def test_every_page_shows_hostile_text_literally_and_runs_nothing(store, chromium, tmp_path):
    from selenium.webdriver.support.ui import WebDriverWait

    for name, page in _pages(store, tmp_path):
        chromium.drain()
        chromium.driver.get(page.resolve().as_uri())
        WebDriverWait(chromium.driver, 20).until(
            lambda d: d.execute_script("return !!(window.lineage && window.lineage.state.drawn)"))
        log = chromium.drain()
        url = page.resolve().as_uri()
        assert log.outside_requests(url) == [], (name, log.outside_requests(url))  # <img src=x> would ask
        assert log.errors() == [], (name, log.errors())
        ids = chromium.js("return lineage.nodes.getIds()")
        shown = []
        for node_id in ids:  # open every node's side panel, as a user clicking through
            chromium.js("lineage.select(arguments[0])", node_id)
            shown.append(chromium.js("return document.getElementById('lineage-details').textContent"))
        for edge_id in chromium.js("return lineage.edges.getIds()"):
            chromium.js("lineage.network.body.emitter.emit('click', {nodes: [], edges: [arguments[0]]});",
                        edge_id)
            shown.append(chromium.js("return document.getElementById('lineage-details').textContent"))
        text = "\n".join(shown)
        literally = [p for p in PAYLOADS if p in text]
        assert literally, (name, "no payload shown at all")
        if name == "show":  # both directions from the last plan: the whole chain, every payload
            assert set(XSS) <= set(literally), (name, set(XSS) - set(literally))
        assert chromium.js("return window.__xss") == 0, name
        injected = chromium.js(
            "return Array.from(document.querySelectorAll('img, svg, iframe, object, embed, style, "
            "a[href^=\"javascript:\"], script')).filter(function (e) { return e.tagName === 'SCRIPT' ? "
            "e.parentNode !== document.body : e.tagName === 'STYLE' ? e.parentNode !== document.head : "
            "!e.closest('#lineage-graph'); }).map(function (e) { return e.outerHTML.slice(0, 80); })")
        assert injected == [], (name, injected)
        assert chromium.js("return document.scripts.length") == 3, name


# --- the neo4j-admin CSV export: hostile values stay values -------------------------------------------

def test_csv_export_for_neo4j_admin_keeps_hostile_values_in_their_cells(store, tmp_path):
    """Read the CSV files the way ``neo4j-admin database import`` does (RFC 4180 quoting, :LABEL and
    arrays split on --array-delimiter): every key, label and value comes back, nothing spills over."""
    import csv

    from graph import vocabulary
    from graph.stores.exports import ARRAY_DELIMITER

    out = tmp_path / "csv"
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--output", str(out),
                                      "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert f"--array-delimiter='{ARRAY_DELIMITER}'" in (out / "neo4j-admin-import.txt").read_text("utf-8")
    g = load_graph(store)
    seen: dict[str, dict[str, str]] = {}
    for path in sorted(out.glob("nodes_*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header = rows[0]
        for row in rows[1:]:
            assert len(row) == len(header), (path.name, row)
            cells = dict(zip(header, row, strict=True))
            seen[cells["key:ID"]] = cells
            labels = cells[":LABEL"].split(ARRAY_DELIMITER)
            assert set(labels) <= set(vocabulary.NODE_LABELS), labels
            assert set(labels) == set(g.nodes[cells["key:ID"]]["labels"])
    assert set(seen) == set(g.nodes)
    for key, data in g.nodes(data=True):
        if data.get("title"):
            assert seen[key]["title"] == " ".join(data["title"].split())  # line breaks become spaces
    keys = set(g.nodes)
    for path in sorted(out.glob("relationships_*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        for row in rows[1:]:
            assert len(row) == len(rows[0]) and row[0] in keys and row[1] in keys, (path.name, row[:3])


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_exports_stay_well_formed_with_control_characters(fmt, tmp_path):
    """A text saved from Word keeps its manual line breaks as \\x0b; the citing words copy them."""
    import networkx as nx

    text = ("ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\nSố: 12/QĐ-UBND\nKiên Giang, ngày 15 tháng 3 năm 2017\n"
            "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch chuyển đổi số\n"
            "Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ về ứng dụng\x0bcông nghệ thông "
            "tin trong hoạt động của cơ quan nhà nước;\n"
            "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ\x1a\x01;\n")
    src = tmp_path / "word.txt"
    src.write_text(text, encoding="utf-8")
    store = tmp_path / "s.graph"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", "--store", str(store), str(src)]).exit_code == 0
    out = tmp_path / f"lineage.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "--output", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
    assert back.number_of_nodes() == load_graph(store).number_of_nodes()
    words = [d.get("text", "") for _u, _v, d in back.edges(data=True)]
    assert any("ứng dụng" in w and "công nghệ thông tin" in w for w in words), words
