"""The HTML lineage page without a browser: offline assets, escaping, hierarchy layout, size limit, CLI.

Subgraphs come from the gold annotations of the sample corpus (tests/subgraph_fixtures.py).
The same pages are opened in real headless Chromium in tests/test_browser.py.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from subgraph_fixtures import gold_graph, neighbourhood, to_lineage_graph
from typer.testing import CliRunner

from graph import vocabulary as v
from graph.cli import app
from graph.queries import neighbourhood as nb
from graph.queries.nearest import nearest_part
from graph.stores.embedded import save_graph
from graph.stores.location import STORE_FILE
from graph.subgraph import Subgraph, SubgraphEdge, SubgraphNode
from visualizations.layout import tier_of
from visualizations.page import script_json
from visualizations.render import render_subgraph

XSS_TITLE = "Kế hoạch <img src=x onerror=alert(1)> và <script>alert(1)</script> “</script>” \u2028 & xong"


@pytest.fixture(scope="module")
def gold() -> Subgraph:
    return gold_graph()


@pytest.fixture(scope="module")
def strategy(gold: Subgraph) -> Subgraph:
    """The Kiên Giang 2022 digital-transformation strategy and what lies within 2 relations of it."""
    return neighbourhood(gold, "2174/QĐ-UBND", 2, with_targets=False)


def page_data(path) -> dict:
    text = path.read_text("utf-8")
    m = re.search(r'<script id="lineage-data" type="application/json">(.*?)</script>', text, re.S)
    assert m, "the page embeds its data"
    return json.loads(m.group(1))


def by_number(data: dict) -> dict[str, dict]:
    return {n["number"]: n for n in data["nodes"] if n["number"]}


def test_script_json_is_inert_inside_script_and_round_trips():
    data = {"title": XSS_TITLE, "list": ["a<b", "c>d", "e&f"]}
    text = script_json(data)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == data


def test_page_is_self_contained(strategy, tmp_path):
    info = render_subgraph(strategy, tmp_path / "kg.html")
    html = (tmp_path / "kg.html").read_text("utf-8")
    assert info.nodes == len(strategy.nodes) and info.omitted == 0
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)\s*=", html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:|//)", html, re.I)
    assert not re.search(r"sourceMappingURL", html)
    # data, vis-network, page script: all inline, and nothing inside them closes a script early.
    assert len(re.findall(r"^<script", html, re.M)) == 3 and html.count("</script") == 3
    assert "default-src 'none'" in html  # and the page forbids itself any request


def test_vis_network_comes_from_the_installed_pyvis(strategy, tmp_path):
    """No vendored copy: the page inlines the build pyvis ships, less its source-map comment."""
    from importlib import resources

    from visualizations.page import VIS_VERSION

    shipped = resources.files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}", "vis-network.min.js")
    js = shipped.read_text("utf-8")
    assert "sourceMappingURL" in js
    render_subgraph(strategy, tmp_path / "kg.html")
    html = (tmp_path / "kg.html").read_text("utf-8")
    assert js.rpartition("//# sourceMappingURL")[0] in html
    assets = resources.files("visualizations").joinpath("assets").iterdir()
    assert not [a.name for a in assets if a.name.startswith("vis-network")]


def test_page_data_matches_the_query(strategy, tmp_path):
    render_subgraph(strategy, tmp_path / "kg.html")
    data = page_data(tmp_path / "kg.html")
    assert len(data["nodes"]) == len(strategy.nodes)
    assert len(data["edges"]) == len(strategy.edges)
    assert data["focus"] == strategy.focus
    nodes = by_number(data)
    focus = nodes["2174/QĐ-UBND"]
    title = dict(focus["details"])["Trích yếu"]
    assert "Chiến lược chuyển đổi số tỉnh Kiên Giang" in title
    # Citing words and source on the edge to the Prime Minister's decision, in tooltip and panel data.
    to_749 = next(e for e in data["edges"] if e["to"] == nodes["749/QĐ-TTg"]["id"] and e["rel"] == v.CAN_CU)
    assert "Quyết định số 749/QĐ-TTg" in to_749["quote"]
    assert "Quyết định số 749/QĐ-TTg" in to_749["title"]
    assert to_749["label"] == "căn cứ" and to_749["arrows"] == "to"
    assert to_749["from"] == focus["id"]
    kinds = {k["id"] for k in data["kinds"]}
    assert {"party", "prime_minister", "ubnd", "agency"} <= kinds
    assert {r["type"] for r in data["relations"]} >= {v.CAN_CU, v.CHU_TRI}


def test_layout_follows_the_hierarchy_of_authority(strategy, tmp_path):
    render_subgraph(strategy, tmp_path / "kg.html")
    nodes = by_number(page_data(tmp_path / "kg.html"))
    order = ["52-NQ/TW", "50/NQ-CP", "749/QĐ-TTg", "922/QĐ-BTTTT", "01-CTr/TU", "2174/QĐ-UBND"]
    ys = [nodes[n]["y"] for n in order]
    assert ys == sorted(ys) and len(set(ys)) == len(ys), dict(zip(order, ys, strict=True))
    agencies = [n for n in page_data(tmp_path / "kg.html")["nodes"] if n["kind"] == "agency"]
    assert agencies and all(a["y"] > nodes["2174/QĐ-UBND"]["y"] for a in agencies if "Sở" in a["label"])
    # Older documents to the left within a tier: the 2016 plan before the 2022 strategy.
    assert nodes["1891/QĐ-UBND"]["y"] == nodes["2174/QĐ-UBND"]["y"]
    assert nodes["1891/QĐ-UBND"]["x"] < nodes["2174/QĐ-UBND"]["x"]


@pytest.mark.parametrize(
    ("props", "tier"),
    [
        ({"number": "52-NQ/TW", "level": "party"}, "party"),
        ({"doc_type": "Luật", "title": "Luật Công nghệ thông tin"}, "assembly"),
        ({"number": "64/2007/NĐ-CP"}, "government"),
        ({"number": "749/QĐ-TTg"}, "prime_minister"),
        ({"number": "1178/BTTTT-THH"}, "ministry"),
        ({"number": "03/2008/TT-BKH"}, "ministry"),
        ({"number": "64-CTr/TU", "level": "party", "province": "Kiên Giang"}, "province_party"),
        ({"number": "261/2019/NQ-HĐND"}, "council"),
        ({"number": "1891/QĐ-UBND"}, "ubnd"),
        ({"number": "37/KH-STTTT", "issuer": "Sở Thông tin và Truyền thông tỉnh Cà Mau"}, "department"),
        ({"issuer": "Thủ tướng Chính phủ"}, "prime_minister"),
        ({"level": "party", "province": "Tiền Giang"}, "province_party"),
        ({"group": "Thủ tướng", "number": "x"}, "prime_minister"),
    ],
)
def test_tier_of_documents(props, tier):
    assert tier_of(SubgraphNode(key="k", labels=[v.DOCUMENT], properties=props)) == tier


@pytest.mark.parametrize(
    ("name", "tier"),
    [
        ("Bộ Chính trị", "party"),
        ("Bộ Thông tin và Truyền thông", "ministry"),
        ("UBND tỉnh Kiên Giang", "ubnd"),
        ("UBND các huyện, thành phố", "department"),
        ("Sở Thông tin và Truyền thông", "department"),
    ],
)
def test_tier_of_agencies(name, tier):
    assert tier_of(SubgraphNode(key=name, labels=[v.AGENCY], properties={"name": name})) == tier


def test_big_results_keep_the_nearest_part_and_say_what_is_left_out(gold, tmp_path):
    focus = next(n.key for n in gold.nodes if n.properties.get("number") == "2174/QĐ-UBND")
    big = gold.model_copy(update={"focus": [focus]})
    part = nearest_part(big, 60)
    assert len(part.subgraph.nodes) == 60 and part.omitted == len(gold.nodes) - 60
    assert focus in {n.key for n in part.subgraph.nodes}
    # Every drawn node is within degrees + 1 of the focus; every node within `degrees` is drawn.
    kept = {n.key for n in part.subgraph.nodes}
    assert all(e.source in kept and e.target in kept for e in part.subgraph.edges)
    near = neighbourhood(gold, "2174/QĐ-UBND", part.degrees)
    assert {n.key for n in near.nodes} <= kept
    info = render_subgraph(big, tmp_path / "big.html", max_nodes=60)
    assert info.nodes == 60 and info.omitted == len(gold.nodes) - 60
    html = (tmp_path / "big.html").read_text("utf-8")
    assert f"{info.omitted} nodes" in html and "not shown" in html
    assert len(page_data(tmp_path / "big.html")["nodes"]) == 60


def test_document_text_is_never_markup(tmp_path):
    sub = Subgraph(
        title=XSS_TITLE,
        focus=["a"],
        nodes=[
            SubgraphNode(
                key="a", labels=[v.DOCUMENT], properties={"number": "1/KH-UBND", "title": XSS_TITLE}
            ),
            SubgraphNode(key="b", labels=[v.DOCUMENT], properties={"number": "<b>2</b>/QĐ-TTg"}),
        ],
        edges=[SubgraphEdge(source="a", target="b", type=v.CAN_CU, properties={"text": XSS_TITLE})],
    )
    render_subgraph(sub, tmp_path / "x.html")
    html = (tmp_path / "x.html").read_text("utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html and "<b>2</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the header shows it as text
    assert page_data(tmp_path / "x.html")["nodes"][0]["details"][1] == ["Trích yếu", XSS_TITLE]


# --- neighbourhood and the CLI on a store ---------------------------------------------------------


@pytest.fixture(scope="module")
def store(gold, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "gold.graph"
    save_graph(to_lineage_graph(gold), path)
    return path


def by_key_number(g, number: str) -> str:
    return next(k for k, d in g.nodes(data=True) if d.get("number") == number)


def test_neighbourhood_up_reaches_the_politburo_and_brings_the_agencies(gold):
    g = to_lineage_graph(gold)
    key = by_key_number(g, "2174/QĐ-UBND")
    sub = nb.neighbourhood(g, key, depth=3, direction="up")
    numbers = {n.properties.get("number") for n in sub.nodes}
    assert {"52-NQ/TW", "50/NQ-CP", "749/QĐ-TTg", "01-CTr/TU"} <= numbers
    assert "1891/QĐ-UBND" not in numbers  # that is a sibling, not a basis
    leads = {e.source for e in sub.edges if e.type == v.CHU_TRI and e.target == key}
    assert "agency:Sở Thông tin và Truyền thông" in leads
    down = nb.neighbourhood(g, by_key_number(g, "52-NQ/TW"), depth=2, direction="down")
    assert "2174/QĐ-UBND" in {n.properties.get("number") for n in down.nodes}


def test_show_writes_the_page(store, tmp_path):
    out = tmp_path / "show.html"
    result = CliRunner().invoke(app, ["show", "2174", "--store", str(store), "--html", str(out), "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["nodes"] == len(page_data(out)["nodes"]) > 10
    assert "52-NQ/TW" in by_number(page_data(out))


def test_show_reads_the_store_as_the_page_needs_it_never_whole(store, tmp_path, monkeypatch):
    """A national store holds half a million nodes: the page of one document reads its neighbourhood
    (the same page as from the whole graph), never every row."""
    from graph.stores import embedded

    whole = render_subgraph(nb.neighbourhood(embedded.load_graph(store), _key_of(store, "2174/QĐ-UBND"),
                                             depth=3, title="x"), tmp_path / "whole.html")

    def refuse(*_a, **_k):
        raise AssertionError("show loaded the whole graph")

    monkeypatch.setattr(embedded, "load_graph", refuse)
    out = tmp_path / "show.html"
    result = CliRunner().invoke(app, ["show", "2174", "--store", str(store), "--html", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["nodes"] == whole.nodes


def _key_of(store, number: str) -> str:
    import sqlite3

    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT key FROM nodes WHERE number = ?", [number]).fetchone()[0]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["show", "9999/QĐ-XYZ"], 1, "no document matches"),
        (["show", "cong nghe thong tin"], 2, "matches"),
    ],
)
def test_show_user_errors_are_one_line(store, tmp_path, args, code, words):
    result = CliRunner().invoke(app, [*args, "--store", str(store), "--html", str(tmp_path / "x.html")])
    assert result.exit_code == code
    assert words in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_show_without_a_store_says_to_ingest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no demo store beside it either (the hint would point there)
    result = CliRunner().invoke(
        app, ["show", "2174", "--store", str(tmp_path / "none.graph"), "--html", str(tmp_path / "x.html")]
    )
    assert result.exit_code == 2 and "lineage ingest" in result.output


@pytest.mark.parametrize("command", ["show", "demo"])
def test_help_has_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


# --- the one-command demo, on the real sample corpus (real extraction, real store) ----------------



def test_demo_writes_the_kien_giang_strategy_with_bases_up_to_the_politburo(demo):
    out, result = demo
    assert out.is_file() and (out.parent / STORE_FILE).is_file()
    first = result["pages"][0]  # newest first: the 2022 strategy
    assert first["number"] == "2174/QĐ-UBND" and "Chiến lược chuyển đổi số" in first["title"]
    data = page_data(Path(first["page"]["path"]))
    nodes = by_number(data)
    assert {"52-NQ/TW", "50/NQ-CP", "749/QĐ-TTg", "01-CTr/TU"} <= set(nodes)
    assert nodes["52-NQ/TW"]["kind"] == "party" and nodes["749/QĐ-TTg"]["kind"] == "prime_minister"
    assert nodes["52-NQ/TW"]["y"] < nodes["749/QĐ-TTg"]["y"] < nodes["2174/QĐ-UBND"]["y"]
    to_749 = next(e for e in data["edges"] if e["to"] == nodes["749/QĐ-TTg"]["id"])
    assert "749/QĐ-TTg" in to_749["title"] and to_749["where"].startswith("002_e2aa40ccf522044b.txt")
    index = out.read_text("utf-8")
    assert all(Path(p["page"]["path"]).name in index for p in result["pages"])


def test_demo_shows_the_agencies_that_lead_the_strategys_tasks(demo):
    _, result = demo
    data = page_data(Path(result["pages"][0]["page"]["path"]))
    focus = data["focus"][0]
    leads = [e for e in data["edges"] if e["rel"] == v.CHU_TRI and e["to"] == focus]
    names = {n["label"] for n in data["nodes"] for e in leads if n["id"] == e["from"]}
    assert any("Sở Thông tin và Truyền thông" in name for name in names), names


def test_demo_twice_changes_nothing(demo, tmp_path):
    out, result = demo
    again = CliRunner().invoke(app, ["demo", "--output", str(out), "--json"])
    assert again.exit_code == 0
    assert [p["page"]["nodes"] for p in json.loads(again.stdout)["pages"]] == [
        p["page"]["nodes"] for p in result["pages"]
    ]


def test_big_page_folds_projects_per_lead_agency_and_stands_the_focus_in_the_middle(demo):
    """176/KH-UBND: its projects become one group node per lead agency, whose edges stand for theirs."""
    _, result = demo
    page = next(p for p in result["pages"] if p["number"] == "176/KH-UBND")
    data = page_data(Path(page["page"]["path"]))
    ids = {n["id"] for n in data["nodes"]} | {g["id"] for g in data["groups"]}
    projects = {n["id"] for n in data["nodes"] if n["kind"] == "project"}
    assert len(projects) >= 20 and data["groups"]
    assert sorted(m for g in data["groups"] for m in g["members"]) == sorted(projects)
    for group in data["groups"]:
        member_of = {n["member_of"] for n in data["nodes"] if n["id"] in group["members"]}
        assert member_of == {group["id"]} and group["label"] == f"{len(group['members'])} dự án"
        leads = [e for e in data["edges"] if e["rel"] == v.CHU_TRI and e["to"] in group["members"]]
        lead = {e["from"] for e in leads}
        assert lead == {group["owner"]}  # one lead agency per group
        edge = next(e for e in data["group_edges"] if e.get("rel") == v.CHU_TRI and e["to"] == group["id"])
        assert edge["from"] == group["owner"] and int(dict(edge["details"])["Số quan hệ"]) == len(leads)
    assert all(e["from"] in ids and e["to"] in ids for e in data["group_edges"])
    # The focus stands at x = 0, the middle of the rows above and below it, whatever its date.
    nodes = by_number(data)
    assert nodes["176/KH-UBND"]["x"] == 0
    assert nodes["1891/QĐ-UBND"]["x"] < 0 and nodes["1891/QĐ-UBND"]["y"] == nodes["176/KH-UBND"]["y"]
    # Drawn boxes of a row do not touch: each keeps a gap for the edges that pass.
    row = sorted((n for n in data["nodes"] if n["y"] == nodes["176/KH-UBND"]["y"]), key=lambda n: n["x"])
    assert all(b["x"] - a["x"] >= 100 for a, b in itertools.pairwise(row))
