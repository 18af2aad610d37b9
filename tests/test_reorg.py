"""After the 2025 reorganisation: former provinces, ministries and departments lead to their successors.

The sample corpus (Kiên Giang, now part of An Giang; Tiền Giang, now part of Đồng Tháp; Cà Mau) goes
through the real pipeline; the succession comes from graph/data/reorg_2025.json, checked by its own
checker (tests/reorg_check.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import reorg_check
from query_samples import CORPUS, corpus_graph
from typer.testing import CliRunner

from graph.cli import app
from graph.errors import AmbiguousError, LineageError
from graph.loaders.build import add_extraction
from graph.queries import neighbourhood as nb
from graph.queries.agency import agency
from graph.queries.check import check
from graph.queries.derived import derived
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.find import find
from graph.queries.provinces import province_scope
from graph.queries.targets import targets
from graph.reading.extract import extract_file
from graph.stores.embedded import save_graph
from graph.vocabulary import BAN_HANH, KE_THUA
from visualizations.render import render_subgraph

DATA = Path(__file__).resolve().parent.parent / "graph" / "data" / "reorg_2025.json"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "reorg-2025"
STTTT_KG = "agency:Kiên Giang:Sở Thông tin và Truyền thông"
SKHCN_KG = "agency:Kiên Giang:Sở Khoa học và Công nghệ"
SKHCN_AG = "agency:An Giang:Sở Khoa học và Công nghệ"


@pytest.fixture(scope="module")
def g():
    return corpus_graph()


@pytest.fixture(scope="module")
def backend(g):
    return EmbeddedBackend(g)


# --- the data file and its checker ----------------------------------------------------------------


def _check(path: Path) -> int:
    args = [str(path)] + (["--reference", str(REFERENCE)] if REFERENCE.is_dir() else [])
    return reorg_check.main(args)


def test_the_data_file_passes_its_checker(capsys):
    assert _check(DATA) == 0, capsys.readouterr().out


@pytest.mark.parametrize("breakage", ["duplicate province", "impossible date", "unknown source"])
def test_the_checker_fails_on_a_broken_copy(tmp_path, breakage, capsys):
    data = json.loads(DATA.read_text("utf-8"))
    if breakage == "duplicate province":
        data["provinces"].append(dict(data["provinces"][0]))
    elif breakage == "impossible date":
        data["provinces"][0]["date"] = "2025-02-30"
    else:
        data["ministries"][0]["sources"] = ["S999"]
    broken = tmp_path / "reorg_2025.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert _check(broken) == 1
    assert "FAIL" in capsys.readouterr().out


# --- succession in the graph ----------------------------------------------------------------------


def _edge(g, a: str, b: str) -> dict:
    assert g.has_edge(a, b, KE_THUA), f"no KẾ_THỪA {a} -> {b}"
    return g.edges[a, b, KE_THUA]


def test_a_department_leads_to_its_successor_in_the_new_province(g):
    first = _edge(g, STTTT_KG, SKHCN_KG)
    assert (first["date"], first["date_exact"], first["legal_basis"]) == (
        "2025-03-01",
        False,
        ["45/2025/NĐ-CP"],
    )
    assert first["sources"] and all(s.startswith("http") for s in first["sources"])
    second = _edge(g, SKHCN_KG, SKHCN_AG)
    assert (second["date"], second["legal_basis"]) == ("2025-07-01", ["202/2025/QH15"])
    assert g.nodes[STTTT_KG]["successor"] == "Sở Khoa học và Công nghệ tỉnh An Giang"
    assert g.nodes[STTTT_KG]["ended"] == "2025-03-01"
    press = [
        b for _, b, k, d in g.out_edges(STTTT_KG, keys=True, data=True) if k == KE_THUA and d.get("scope")
    ]
    assert press == ["agency:Kiên Giang:Sở Văn hóa, Thể thao và Du lịch"]


def test_provinces_and_ministries_lead_to_their_successors(g):
    province = _edge(g, "agency:Tiền Giang:Tỉnh Tiền Giang", "agency:Đồng Tháp:Tỉnh Đồng Tháp")
    assert (province["date"], province["legal_basis"]) == ("2025-07-01", ["202/2025/QH15"])
    assert g.nodes["agency:Đồng Tháp:Tỉnh Đồng Tháp"]["formed_from"] == ["Tiền Giang"]
    _edge(g, "agency:Tiền Giang:Ủy ban nhân dân tỉnh", "agency:Đồng Tháp:Ủy ban nhân dân tỉnh")
    ministry = _edge(g, "agency:VN:Bộ Thông tin và Truyền thông", "agency:VN:Bộ Khoa học và Công nghệ")
    assert ministry["date"] == "2025-03-01" and "176/2025/QH15" in ministry["legal_basis"]
    # Cà Mau kept its name (it absorbed Bạc Liêu): its UBND carries on, nothing ended
    assert not g.nodes["agency:Cà Mau:Ủy ban nhân dân tỉnh"].get("ended")


def test_what_is_not_known_is_not_guessed(g):
    district = g.nodes["agency:Kiên Giang:Ủy ban nhân dân huyện Giồng Riềng"]
    assert (district["ended"], district["succession_note"]) == ("2025-07-01", "district_level")
    assert not any(
        k == KE_THUA
        for *_, k in g.out_edges("agency:Kiên Giang:Ủy ban nhân dân huyện Giồng Riềng", keys=True)
    )
    party = g.nodes["agency:Kiên Giang:Tỉnh ủy"]  # Party bodies are not in the reference data
    assert party["succession_note"] == "successor_unknown" and "ended" not in party


def test_documents_keep_their_printed_province_and_know_todays(g):
    plan = g.nodes["Tiền Giang:605/QĐ-UBND:2008#kèm-theo"]
    assert (plan["province"], plan["issuer"], plan["province_now"]) == (
        "Tiền Giang",
        "UBND tỉnh Tiền Giang",
        "Đồng Tháp",
    )
    assert g.nodes["Kiên Giang:2174/QĐ-UBND:2022"]["horizon"] == 2030


def test_a_document_of_the_new_unit_lands_on_the_successor_node():
    """A plan issued after the change by Sở Khoa học và Công nghệ tỉnh An Giang (the Cà Mau plan's text,
    re-dated and re-issued) hangs on the node the former Kiên Giang department leads to."""
    g = corpus_graph()
    source = extract_file(next(CORPUS.glob("003_*.txt")))
    doc = next(d for d in source.documents if d.number and "STTTT" in d.number)
    later = doc.model_copy(
        update={
            "number": "99/KH-SKHCN",
            "issuer": "Sở Khoa học và Công nghệ tỉnh An Giang",
            "province": "An Giang",
            "date": doc.date.replace(year=2025, month=10),
        }
    )
    keys = add_extraction(g, source.model_copy(update={"documents": [later], "source": "later.txt"}))
    issuers = [a for a, _, k in g.in_edges(keys[0], keys=True) if k == BAN_HANH]
    assert issuers == [SKHCN_AG]
    assert g.has_edge(SKHCN_KG, SKHCN_AG, KE_THUA)
    assert g.nodes[keys[0]]["province_now"] == "An Giang"


# --- questions that cross the change --------------------------------------------------------------


def test_derived_in_dong_thap_lists_the_former_tien_giang_documents(backend):
    result = derived(backend, "64/2007/NĐ-CP", province="Đồng Tháp")
    docs = {i.document.key: i.document for i in result.items}
    assert set(docs) == {"Tiền Giang:605/QĐ-UBND:2008", "Tiền Giang:605/QĐ-UBND:2008#kèm-theo"}
    assert all((d.province, d.province_now) == ("Tiền Giang", "Đồng Tháp") for d in docs.values())
    assert result.province_scope.includes_former[0].former == "Tiền Giang"
    assert "Tiền Giang cũ" in result.province_scope.note and "2025-07-01" in result.province_scope.note


def test_a_former_province_still_works_and_says_what_it_is_part_of(backend):
    result = targets(backend, "Kiên Giang", "mức độ 4")
    assert result.rows and {r.document.province for r in result.rows} == {"Kiên Giang"}
    assert result.province_scope.part_of.successor == "An Giang"
    assert "một phần của tỉnh An Giang" in result.province_scope.note
    assert {d.province for d in find(backend, "1891", "An Giang").matches} == {"Kiên Giang"}
    assert find(backend, "1891", "Đồng Tháp").matches == []


def test_agency_names_the_successor_and_the_tasks_that_carry_on(backend):
    result = agency(backend, "Sở Thông tin và Truyền thông", "Kiên Giang")
    (s,) = result.successions
    assert (s.ended, s.current.key) == ("2025-03-01", SKHCN_AG)
    chain = [(st.former.key, st.successor.key) for st in s.steps if "Khoa học" in st.successor.name]
    assert chain == [(STTTT_KG, SKHCN_KG), (SKHCN_KG, SKHCN_AG)]
    handed = {(h.role.document.number, h.deadline, h.to.key) for h in result.handovers}
    assert handed == {("2174/QĐ-UBND", 2030, SKHCN_AG)}  # the 2016-2020 projects are closed, not handed on
    assert all(h.deadline >= 2025 for h in result.handovers)
    today = agency(backend, "Sở Thông tin và Truyền thông", "An Giang")  # the new province finds the old unit
    assert [a.key for a in today.agencies] == [STTTT_KG]


def test_check_lists_the_work_a_successor_inherited(backend):
    issues = [i for i in check(backend).issues if i.kind == "inherited_tasks"]
    assert {i.documents[0] for i in issues} == {
        "Kiên Giang:2174/QĐ-UBND:2022",
        "Kiên Giang:1891/QĐ-UBND:2016",
    }
    assert all("Ủy ban nhân dân tỉnh An Giang" in i.message for i in issues)
    assert all(i.evidence and i.evidence[0].type == BAN_HANH for i in issues)


def test_a_misspelled_province_is_an_error_with_the_nearest_names():
    with pytest.raises(LineageError) as err:
        province_scope("Kien Gang")
    assert err.value.exit_code == 2 and "Kiên Giang" in err.value.hint
    with pytest.raises(AmbiguousError) as err:
        province_scope("Giang")
    assert {"An Giang", "Kiên Giang", "Tiền Giang"} <= set(re.split(r", |: ", str(err.value)))


@pytest.fixture(scope="module")
def store(g, tmp_path_factory):
    path = tmp_path_factory.mktemp("reorg") / "lineage.graph"
    save_graph(g, path)
    return path


@pytest.mark.parametrize(
    "args", [["derived", "64/2007/NĐ-CP", "--province", "Dong Tap"], ["targets", "--province", "Kien Gang"]]
)
def test_cli_misspelled_province_exits_2_not_none_found(store, args):
    result = CliRunner().invoke(app, [*args, "--store", str(store)],
                                env={"COLUMNS": "200", "LINEAGE_LANG": "vi"})
    assert result.exit_code == 2, result.output
    assert "không tìm thấy" not in result.output and "gần nhất" in result.output


def test_cli_agency_says_who_carries_on(store):
    result = CliRunner().invoke(
        app,
        ["agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang", "--store", str(store)],
        env={"COLUMNS": "250", "LINEAGE_LANG": "vi"},
    )
    assert result.exit_code == 0, result.output
    assert "nay là Sở Khoa học và Công nghệ tỉnh An Giang" in result.output
    assert "ngày cụ thể do tỉnh quyết định" in result.output  # the national rule's date, said so
    derived_out = (
        CliRunner()
        .invoke(
            app,
            ["derived", "64/2007/NĐ-CP", "--province", "Đồng Tháp", "--store", str(store)],
            env={"COLUMNS": "250", "LINEAGE_LANG": "vi"},
        )
        .output
    )
    assert "bao gồm cả tỉnh Tiền Giang cũ" in derived_out and "nay thuộc Đồng Tháp" in derived_out


# --- on the page --------------------------------------------------------------------------------


def _page(path: Path) -> dict:
    text = path.read_text("utf-8")
    return json.loads(re.search(r'id="lineage-data"[^>]*>(.*?)</script>', text, re.S).group(1))


def test_the_page_marks_ended_units_and_draws_them_as_they_stood(g, tmp_path):
    key = "Kiên Giang:2174/QĐ-UBND:2022"
    now = _page(
        Path(render_subgraph(nb.neighbourhood(g, key, as_of="2026-01-01"), tmp_path / "now.html").path)
    )
    ubnd = next(n for n in now["nodes"] if n["id"] == "agency:Kiên Giang:Ủy ban nhân dân tỉnh")
    assert ubnd["unit_ended"] == "2025-07-01" and "ngừng hoạt động" in ubnd["label"]
    assert ubnd["shapeProperties"]["borderDashes"]  # not colour alone
    assert ["Đơn vị kế thừa", "Ủy ban nhân dân tỉnh An Giang"] in ubnd["details"]
    doc = next(n for n in now["nodes"] if n["id"] == key)
    assert ["Tỉnh hiện nay", "An Giang"] in doc["details"]
    assert any(e["rel"] == KE_THUA for e in now["edges"])
    before = _page(
        Path(render_subgraph(nb.neighbourhood(g, key, as_of="2024-12-31"), tmp_path / "b.html").path)
    )
    assert not any(n["unit_ended"] for n in before["nodes"]) and not any(
        e["rel"] == KE_THUA for e in before["edges"]
    )
    assert len(before["nodes"]) < len(now["nodes"])  # the successors did not exist yet


@pytest.fixture(scope="module")
def chromium():
    from browser import chromium_with_hooks

    yield from chromium_with_hooks("")


@pytest.mark.browser
def test_a_page_shows_a_merged_province_in_chromium(chromium, g, tmp_path):
    """The panel of the former Kiên Giang UBND names its successor; the plan says its province today."""
    key = "Kiên Giang:2174/QĐ-UBND:2022"
    page = Path(render_subgraph(nb.neighbourhood(g, key, as_of="2026-01-01"), tmp_path / "merged.html").path)
    chromium.open(page)
    panel = "return document.getElementById('lineage-details').textContent"
    assert chromium.js("return lineage.select(arguments[0])", "agency:Kiên Giang:Ủy ban nhân dân tỉnh")
    text = chromium.js(panel)
    assert "Ngừng hoạt động từ01/07/2025" in text and "Đơn vị kế thừaỦy ban nhân dân tỉnh An Giang" in text
    assert "kế thừa →" in text  # the KẾ_THỪA relationship is listed, to the successor node
    assert chromium.js("return lineage.select(arguments[0])", key)
    assert "Tỉnh hiện nayAn Giang" in chromium.js(panel)
