"""Lineage pages in real headless Chromium, network blocked: offline, no console error, all nodes drawn,
document text shown literally and never run, filters and search work.

Needs Debian's chromium + chromium-driver: missing, these tests skip locally and fail in CI.
The screenshot of the sample page goes to test-output/browser/ (or $LINEAGE_TEST_OUTPUT).
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from browser import Browser
from subgraph_fixtures import gold_graph, to_lineage_graph
from typer.testing import CliRunner

from graph import vocabulary as v
from graph.cli import app
from graph.queries import neighbourhood as nb
from graph.queries.agency import agency
from graph.queries.bases import bases
from graph.queries.compare import compare
from graph.queries.derived import derived
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.path import path as path_between
from graph.stores.embedded import load_graph
from graph.stores.location import STORE_FILE
from graph.subgraph import Subgraph, SubgraphEdge, SubgraphNode
from visualizations.render import render_subgraph

pytestmark = pytest.mark.browser

OUTPUT = Path(os.environ.get("LINEAGE_TEST_OUTPUT", Path(__file__).parent.parent / "test-output")) / "browser"
IMG_XSS = "<img src=x onerror=alert(1)>"
SCRIPT_XSS = "<script>alert(1)</script>"
# The query's own nodes and edges (group nodes "N dự án" and their edges stand for some of them).
QUERY_NODES = "return lineage.nodes.get({filter: function (n) { return !n.is_group; }}).length"
QUERY_EDGES = ("return lineage.edges.get({filter: function (e) { return !e.group_edge && !e.group_link; }})"
               ".length")
# Set before any page script runs: counts alerts and any handler an injected element might fire.
XSS_HOOKS = "window.__xss = 0; window.alert = function () { window.__xss += 1; };"


@pytest.fixture(scope="module")
def chromium():
    from browser import chromium_with_hooks

    yield from chromium_with_hooks(XSS_HOOKS)


@pytest.fixture(scope="module")
def strategy() -> Subgraph:
    """What ``lineage show 2174/QĐ-UBND`` draws, on a store holding the gold facts of the sample corpus."""
    g = to_lineage_graph(gold_graph())
    key = next(k for k, d in g.nodes(data=True) if d.get("number") == "2174/QĐ-UBND")
    return nb.neighbourhood(g, key, depth=3, title="Sơ đồ quan hệ của Quyết định 2174/QĐ-UBND")


def assert_offline_and_clean(b: Browser, path: Path) -> None:
    log = b.open(path)
    time.sleep(0.3)  # let late requests or errors surface
    log.requests += (late := b.drain()).requests
    log.console += late.console
    page_url = path.resolve().as_uri()
    assert log.requests and log.requests[0] == page_url
    assert log.outside_requests(page_url) == []
    assert log.errors() == []


def test_sample_page_is_offline_complete_and_readable(chromium, strategy, tmp_path):
    page = tmp_path / "kien-giang-2022.html"
    info = render_subgraph(strategy, page)
    assert_offline_and_clean(chromium, page)
    assert chromium.js(QUERY_NODES) == len(strategy.nodes) == info.nodes
    assert chromium.js("return lineage.nodeView.length") == len(strategy.nodes)
    assert chromium.js(QUERY_EDGES) == len(strategy.edges)
    # vis placed every node where the layout said (no physics moved them).
    moved = chromium.js(
        "var p = lineage.network.getPositions(); return lineage.nodes.get().filter("
        "function (n) { return Math.abs(p[n.id].x - n.x) > 1 || Math.abs(p[n.id].y - n.y) > 1; }).length"
    )
    assert moved == 0
    # The side panel opens on the strategy with its bases and the citing words.
    panel = chromium.js("return document.getElementById('lineage-details').textContent")
    assert "Chiến lược chuyển đổi số tỉnh Kiên Giang" in panel and "52-NQ/TW" in panel
    assert "Nghị quyết số 52-NQ/TW ngày 27 tháng 9 năm 2019" in panel
    shot = chromium.screenshot(OUTPUT / "kien-giang-2022.png")
    assert shot.stat().st_size > 20_000


def test_hover_shows_the_citing_words(chromium, strategy, tmp_path):
    page = tmp_path / "hover.html"
    render_subgraph(strategy, page)
    chromium.open(page)
    key = next(n.key for n in strategy.nodes if n.properties.get("number") == "749/QĐ-TTg")
    text = _hover_tooltip(chromium, key)
    assert "Số: 749/QĐ-TTg" in text and "Chuyển đổi số quốc gia" in text
    # An edge: click it (as vis reports a click) and read the panel.
    edge_id = chromium.js(
        "var k = arguments[0]; return lineage.edges.get().filter(function (e) { return e.to === k; })[0].id",
        key,
    )
    chromium.js(
        "lineage.network.selectEdges([arguments[0]]);"
        "lineage.network.body.emitter.emit('click', {nodes: [], edges: [arguments[0]]});",
        edge_id,
    )
    panel = chromium.js("return document.getElementById('lineage-details').textContent")
    assert "Quyết định số 749/QĐ-TTg" in panel and "căn cứ" in panel


def _hover_tooltip(b: Browser, key: str) -> str:
    """Move the mouse onto a node and return the tooltip's text."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = b.driver.find_element(By.CSS_SELECTOR, "#lineage-graph canvas")
    b.js("lineage.network.focus(arguments[0], {scale: 1.0, animation: false})", key)
    pos = b.js(
        "var p = lineage.network.getPositions([arguments[0]])[arguments[0]];"
        "return lineage.network.canvasToDOM(p);",
        key,
    )
    size = canvas.size
    ActionChains(b.driver).move_to_element_with_offset(
        canvas, int(pos["x"] - size["width"] / 2), int(pos["y"] - size["height"] / 2)
    ).pause(0.1).move_by_offset(1, 1).pause(0.6).perform()
    return b.js(
        "var t = document.querySelector('div.vis-tooltip');"
        "return t && t.style.visibility !== 'hidden' ? t.textContent : '';"
    )


def xss_subgraph() -> Subgraph:
    title = f"Kế hoạch {IMG_XSS} và {SCRIPT_XSS} chuyển đổi số"
    return Subgraph(
        title=f"Trang thử {IMG_XSS}",
        focus=["doc:evil"],
        nodes=[
            SubgraphNode(
                key="doc:evil",
                labels=[v.DOCUMENT],
                properties={
                    "number": "99/KH-UBND",
                    "doc_type": "Kế hoạch",
                    "title": title,
                    "issuer": f"UBND {SCRIPT_XSS}",
                    "date": "2022-01-01",
                },
            ),
            SubgraphNode(
                key="doc:749",
                labels=[v.DOCUMENT],
                properties={"number": "749/QĐ-TTg", "title": "Phê duyệt Chương trình Chuyển đổi số"},
            ),
            SubgraphNode(key=f"agency:{IMG_XSS}", labels=[v.AGENCY], properties={"name": f"Sở {IMG_XSS}"}),
        ],
        edges=[
            SubgraphEdge(
                source="doc:evil",
                target="doc:749",
                type=v.CAN_CU,
                properties={"text": f"Căn cứ {SCRIPT_XSS}{IMG_XSS}", "source": "x.txt", "line": 3},
            ),
            SubgraphEdge(source=f"agency:{IMG_XSS}", target="doc:evil", type=v.CHU_TRI, properties={}),
        ],
    )


def test_document_text_is_shown_literally_and_runs_nothing(chromium, tmp_path):
    sub = xss_subgraph()
    page = tmp_path / "xss.html"
    render_subgraph(sub, page)
    assert_offline_and_clean(chromium, page)  # an <img src=x> that became markup would request ./x
    title = sub.nodes[0].properties["title"]
    assert chromium.js("return document.querySelector('h1').textContent") == sub.title
    panel = chromium.js("return document.getElementById('lineage-details').textContent")
    assert title in panel and f"UBND {SCRIPT_XSS}" in panel
    chromium.js("lineage.select(arguments[0])", "doc:749")
    chromium.js(
        "lineage.network.body.emitter.emit('click', {nodes: [], edges: [lineage.edges.getIds()[0]]});"
    )
    panel = chromium.js("return document.getElementById('lineage-details').textContent")
    assert f"Căn cứ {SCRIPT_XSS}{IMG_XSS}" in panel
    tooltip = _hover_tooltip(chromium, "doc:evil")
    assert title in tooltip
    assert chromium.js("return window.__xss") == 0
    # No element came from the data: no img anywhere, no script outside the page's three, and the
    # tooltip holds only text and the line breaks innerText makes.
    injected = chromium.js(
        "return Array.from(document.querySelectorAll('body img, body script, div.vis-tooltip *, "
        "#lineage-details *')).filter(function (e) { return e.tagName === 'IMG' || "
        "(e.tagName === 'SCRIPT' && e.parentNode !== document.body) || "
        "(e.closest('div.vis-tooltip') && e.tagName !== 'BR') || "
        "(e.closest('#lineage-details') && ['H2','H3','DL','DT','DD','UL','LI','STRONG','SPAN','A']"
        ".indexOf(e.tagName) < 0); }).map(function (e) { return e.outerHTML; })"
    )
    assert injected == []
    assert chromium.js("return document.scripts.length") == 3


def test_filters_and_search(chromium, strategy, tmp_path):
    page = tmp_path / "filters.html"
    render_subgraph(strategy, page)
    chromium.open(page)
    agencies = sum(1 for n in strategy.nodes if v.AGENCY in n.labels)
    assert agencies > 0
    chromium.js("var b = document.querySelector('input[data-kind=agency]'); b.click();")
    assert chromium.js("return lineage.nodeView.length") == len(strategy.nodes) - agencies
    leads = sum(1 for e in strategy.edges if e.type == v.CHU_TRI)
    chromium.js("document.querySelector('input[data-relation=\"' + arguments[0] + '\"]').click()", v.CHU_TRI)
    assert chromium.js("return lineage.edgeView.length") == len(strategy.edges) - leads
    # Search by number, without diacritics: selects and shows the Politburo resolution, even if hidden.
    chromium.js(
        "document.getElementById('lineage-search-input').value = '52-nq/tw';"
        "document.querySelector('#lineage-search button').click();"
    )
    key = next(n.key for n in strategy.nodes if n.properties.get("number") == "52-NQ/TW")
    assert chromium.js("return lineage.network.getSelectedNodes()") == [key]
    assert "Bộ Chính trị" in chromium.js("return document.getElementById('lineage-details').textContent")
    chromium.js(
        "document.getElementById('lineage-search-input').value = '12345/XYZ';"
        "document.querySelector('#lineage-search button').click();"
    )
    assert "Không tìm thấy" in chromium.js(
        "return document.getElementById('lineage-search-status').textContent"
    )


def test_capped_page_says_what_was_left_out(chromium, tmp_path):
    gold = gold_graph()
    focus = next(n.key for n in gold.nodes if n.properties.get("number") == "1891/QĐ-UBND")
    info = render_subgraph(gold.model_copy(update={"focus": [focus]}), tmp_path / "big.html", max_nodes=80)
    assert_offline_and_clean(chromium, tmp_path / "big.html")
    assert chromium.js(QUERY_NODES) == 80 == info.nodes
    note = chromium.js("return document.getElementById('lineage-omitted').textContent")
    assert f"{len(gold.nodes) - 80} nodes" in note and note.strip()



def test_demo_pages_open_offline(chromium, demo):
    out, result = demo
    chromium.driver.get(out.resolve().as_uri())
    links = chromium.js(
        "return Array.from(document.querySelectorAll('a')).map(function (a) { return a.href; })"
    )
    g = load_graph(out.parent / STORE_FILE)
    assert len(result["pages"]) >= 5
    for page in result["pages"]:
        path = Path(page["page"]["path"])
        assert path.resolve().as_uri() in links
        assert_offline_and_clean(chromium, path)
        expected = nb.neighbourhood(g, page["key"], depth=3)
        assert chromium.js(QUERY_NODES) == len(expected.nodes) == page["page"]["nodes"]
    strategy_page = Path(result["pages"][0]["page"]["path"])
    chromium.open(strategy_page)
    chromium.screenshot(OUTPUT / "demo-2174-QD-UBND.png")


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        (["bases", "2174/QĐ-UBND"], lambda b: bases(b, "2174/QĐ-UBND")),
        (["derived", "64/2007/NĐ-CP"], lambda b: derived(b, "64/2007/NĐ-CP")),
        (["path", "2174/QĐ-UBND", "52-NQ/TW"], lambda b: path_between(b, "2174/QĐ-UBND", "52-NQ/TW")),
        (["compare", "2174/QĐ-UBND", "1891/QĐ-UBND"], lambda b: compare(b, "2174/QĐ-UBND", "1891/QĐ-UBND")),
        (
            ["agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang"],
            lambda b: agency(b, "Sở Thông tin và Truyền thông", "Kiên Giang"),
        ),
    ],
    ids=["bases", "derived", "path", "compare", "agency"],
)
def test_query_html_pages_draw_every_node_of_the_answer(chromium, demo, tmp_path, args, answer):
    out, _ = demo
    store = out.parent / STORE_FILE
    page = tmp_path / f"{args[0]}.html"
    result = CliRunner().invoke(app, [*args, "--store", str(store), "--html", str(page)])
    assert result.exit_code == 0, result.output
    expected = answer(EmbeddedBackend(load_graph(store))).to_subgraph()
    assert expected.nodes
    assert_offline_and_clean(chromium, page)
    assert chromium.js(QUERY_NODES) == min(len(expected.nodes), 600)
    assert chromium.js(QUERY_EDGES) <= len(expected.edges)


def _cli_statuses(store: Path, keys: list[str]) -> dict[str, dict]:
    """The status of every document that ``lineage bases`` / ``lineage derived`` report for ``keys``."""
    found: dict[str, dict] = {}
    for key in keys:
        for command in ("bases", "derived"):
            result = CliRunner().invoke(app, [command, key, "--depth", "10", "--store", str(store), "--json"])
            assert result.exit_code in (0, 1), result.output
            if result.exit_code == 0:
                for item in json.loads(result.stdout)["items"]:
                    found.setdefault(item["document"]["key"], item["status"])
        result = CliRunner().invoke(app, ["status", key, "--depth", "10", "--store", str(store), "--json"])
        if result.exit_code == 0:
            for b in json.loads(result.stdout)["bases"]:
                assert b["summary"] == found[b["basis"]["key"]]["summary"]  # status and bases agree
    return found


def test_pages_and_cli_agree_on_the_status_of_every_node(chromium, demo):
    """Every document drawn on every demo page shows, in its side panel, the status the CLI gives it;
    replaced / repealed / expired nodes carry a mark (not colour alone) and the legend says what it means."""
    out, result = demo
    store = out.parent / STORE_FILE
    cli = _cli_statuses(store, [p["key"] for p in result["pages"]])
    compared, marked = 0, 0
    for page in result["pages"]:
        chromium.open(Path(page["page"]["path"]))
        shown = chromium.js("""
            return lineage.nodes.get().filter(function (n) { return n.kind !== 'agency'; }).map(function (n) {
              lineage.select(n.id);
              var text = document.querySelector('#lineage-details .status-text');
              var chain = document.querySelector('#lineage-details .status-chain');
              return {id: n.id, label: n.label, status: n.status, text: text ? text.textContent : null,
                      chain: chain ? chain.textContent : null};
            });""")
        legend = chromium.js("return Array.from(document.querySelectorAll('#lineage-statuses li'))"
                             ".map(function (li) { return li.textContent; })")
        for node in shown:
            if node["id"] not in cli:
                continue  # the focus document itself, or a document reached only by a reference
            expected = cli[node["id"]]
            assert node["status"] == expected["status"] and node["text"] == expected["summary"], node
            if expected["chain"]:
                assert node["chain"] == "Chuỗi thay thế: " + " → ".join(
                    " ".join(x for x in (d["doc_type"], d["number"]) if x) for d in expected["chain"])
            if expected["status"] in ("replaced", "repealed", "expired"):
                assert node["label"].startswith("⚠ ")
                words = {"replaced": "thay thế", "repealed": "bãi bỏ", "expired": "hết hiệu lực"}
                assert any("⚠" in row and words[expected["status"]] in row for row in legend)
                marked += 1
            compared += 1
    assert compared >= 50 and marked >= 3, (compared, marked)


# Every drawn edge, sampled on the curve vis-network draws, against the box vis-network reports for
# every drawn node (labels measured: each node drawn once, labels included, with the whole page in view).
CROSSINGS_JS = """
var net = lineage.network;
net.setOptions({nodes: {scaling: {label: {drawThreshold: 0}}}});
net.fit({animation: false});
net.redraw();
var boxes = lineage.nodeView.getIds().map(function (id) {
  var b = net.getBoundingBox(id); return {id: id, l: b.left, r: b.right, t: b.top, b: b.bottom}; });
function meets(p, q, b) {
  var t0 = 0, t1 = 1, dx = q.x - p.x, dy = q.y - p.y;
  var c = [[-dx, p.x - b.l], [dx, b.r - p.x], [-dy, p.y - b.t], [dy, b.b - p.y]];
  for (var i = 0; i < 4; i++) {
    var pp = c[i][0], qq = c[i][1];
    if (pp === 0) { if (qq < 0) { return false; } continue; }
    var r = qq / pp;
    if (pp < 0) { if (r > t1) { return false; } if (r > t0) { t0 = r; } }
    else { if (r < t0) { return false; } if (r < t1) { t1 = r; } }
  }
  return true;
}
var out = [], drawn = 0;
lineage.edgeView.forEach(function (e) {
  var edge = net.body.edges[e.id];
  if (!edge || !edge.connected) { return; }
  drawn += 1;
  var pts = [];
  for (var i = 0; i <= 64; i++) { pts.push(edge.edgeType.getPoint(i / 64)); }
  boxes.forEach(function (b) {
    if (b.id === e.from || b.id === e.to) { return; }
    for (var k = 1; k < pts.length; k++) {
      if (meets(pts[k - 1], pts[k], b)) {
        var label = function (id) { return lineage.nodes.get(id).label; };
        out.push([label(e.from), e.rel, label(e.to), label(b.id)]);
        return;
      }
    }
  });
});
return {crossings: out, edges: drawn};
"""


def crossings(b: Browser) -> list[list[str]]:
    """(from, relation, to, node crossed) of every drawn edge that runs through a node it does not touch."""
    found = b.js(CROSSINGS_JS)
    assert found["edges"] > 0
    return found["crossings"]


def _page(result: dict, number: str) -> Path:
    return Path(next(p["page"]["path"] for p in result["pages"] if p["number"] == number))


def test_big_page_opens_on_the_document_with_projects_folded_per_agency(chromium, demo):
    """176/KH-UBND (120 nodes, 31 projects): at 1400×900 the page opens on the plan, readable, its bases
    above and its agencies below; projects are one group node per lead agency until clicked."""
    _, result = demo
    page = _page(result, "176/KH-UBND")
    assert_offline_and_clean(chromium, page)
    chromium.screenshot(OUTPUT / "demo-176-KH-UBND.png")
    view = chromium.js("""
        var net = lineage.network, id = lineage.focus[0], p = net.canvasToDOM(net.getPositions([id])[id]);
        var c = document.querySelector('#lineage-graph canvas').getBoundingClientRect();
        var near = net.getConnectedNodes(id).filter(function (n) {
          var q = net.canvasToDOM(net.getPositions([n])[n]);
          return q.x >= 0 && q.y >= 0 && q.x <= c.width && q.y <= c.height; });
        return {x: p.x, y: p.y, w: c.width, h: c.height, scale: net.getScale(), near: near.length};""")
    assert 0.25 * view["w"] < view["x"] < 0.75 * view["w"], view  # the document in the middle
    assert 0.2 * view["h"] < view["y"] < 0.8 * view["h"], view
    assert view["scale"] >= 0.6 and view["near"] >= 10, view  # labels readable, its neighbours around it
    projects = [n for n in chromium.js("return lineage.nodes.get()")
                if n["kind"] == "project" and not n.get("is_group")]
    groups = chromium.js("return lineage.nodes.get({filter: function (n) { return n.is_group; }})")
    assert len(projects) >= 20 and groups
    assert sorted(m for g in groups for m in g["members"]) == sorted(p["id"] for p in projects)
    assert all(re.fullmatch(r"\d+ dự án", g["label"]) and int(g["label"].split()[0]) == len(g["members"])
               for g in groups)
    drawn = set(chromium.js("return lineage.nodeView.getIds()"))
    assert not drawn & {p["id"] for p in projects} and {g["id"] for g in groups} <= drawn
    # The lead agency's edge to its group counts the projects it leads.
    biggest = max(groups, key=lambda g: len(g["members"]))
    lead = chromium.js("var id = arguments[0]; return lineage.edges.get({filter: function (e) { "
                       "return e.to === id && e.rel === 'CHỦ_TRÌ'; }})", biggest["id"])
    assert lead and f"({len(biggest['members'])})" in lead[0]["label"]


def test_group_nodes_open_on_click(chromium, demo):
    _, result = demo
    chromium.open(_page(result, "176/KH-UBND"))
    groups = chromium.js("return lineage.nodes.get({filter: function (n) { return n.is_group; }})")
    biggest = max(groups, key=lambda g: len(g["members"]))
    before = chromium.js("return lineage.nodeView.length")
    chromium.js("lineage.network.body.emitter.emit('click', {nodes: [arguments[0]], edges: []})",
                biggest["id"])
    time.sleep(0.3)
    drawn = set(chromium.js("return lineage.nodeView.getIds()"))
    assert set(biggest["members"]) <= drawn and biggest["id"] in drawn
    # ... and in view.
    outside = chromium.js("""
        var net = lineage.network;
        var c = document.querySelector('#lineage-graph canvas').getBoundingClientRect();
        return arguments[0].filter(function (id) {
          var q = net.canvasToDOM(net.getPositions([id])[id]);
          return q.x < 0 || q.y < 0 || q.x > c.width || q.y > c.height; });""", biggest["members"])
    assert outside == []
    assert chromium.js("return lineage.nodeView.length") == before + len(biggest["members"])
    panel = chromium.js("return document.getElementById('lineage-details').textContent")
    first = chromium.js("return lineage.nodes.get(arguments[0]).label", biggest["members"][0])
    assert biggest["label"] in panel and first in panel and "Thu gọn nhóm" in panel
    # Under the group, below everything else, every member linked to it.
    pos = chromium.js("return lineage.network.getPositions()")
    others = [pos[k]["y"] for k in pos if k not in biggest["members"]]
    assert all(pos[m]["y"] > max(others) for m in biggest["members"])
    links = chromium.js("return lineage.edgeView.get({filter: function (e) { return e.group_link; }})")
    assert sorted(e["to"] for e in links) == sorted(biggest["members"])
    # "Thu gọn nhóm" folds it again.
    chromium.js("document.querySelector('#lineage-details .group-close').click()")
    assert chromium.js("return lineage.nodeView.length") == before
    # Selecting a member (search, a link in a panel) opens its group; its panel lists all its relations
    # (lead agency, plan, coordinators), drawn or not.
    assert chromium.js("return lineage.select(arguments[0])", biggest["members"][1])
    assert biggest["members"][1] in chromium.js("return lineage.nodeView.getIds()")
    panel = chromium.js("return document.getElementById('lineage-details').textContent")
    assert "chủ trì" in panel and "176/KH-UBND" in panel


def test_no_edge_runs_through_a_node_it_does_not_touch(chromium, demo):
    """On every demo page as it opens, and on the biggest one with every group opened."""
    _, result = demo
    for page in result["pages"]:
        chromium.open(Path(page["page"]["path"]))
        assert crossings(chromium) == [], page["number"]
    chromium.open(_page(result, "176/KH-UBND"))
    for gid in chromium.js("return lineage.nodes.getIds({filter: function (n) { return n.is_group; }})"):
        chromium.js("lineage.open(arguments[0])", gid)
        time.sleep(0.1)
    time.sleep(0.5)
    found = crossings(chromium)  # (the whole page in view)
    chromium.screenshot(OUTPUT / "demo-176-KH-UBND-open.png")
    assert found == []
