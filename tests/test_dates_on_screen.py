"""Dates on screen: dd/mm/yyyy wherever a Vietnamese screen or page shows one, ISO in JSON and on English
screens (as they were). Every query command runs on the demo's store (the real sample corpus)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.i18n import set_language
from graph.queries.provinces import province_scope, scope_note_on_screen
from graph.queries.resolve import described_on_screen
from visualizations.panel import panel_rows

ISO_DATE = re.compile(r"(?<![\d/.-])\d{4}-\d{2}-\d{2}(?![\d-])")
VI_DATE = re.compile(r"(?<![\d/])\d{2}/\d{2}/\d{4}(?![\d/])")

#: every query command, with the arguments that make it show dates (scopes of the 2025 reorganisation,
#: agencies that ceased, conflicting dates, statuses, an ambiguous and a misspelt number)
COMMANDS = [
    ["stats"],
    ["find", "chuyen doi so"],
    ["find", "1890"],
    ["bases", "2174/QĐ-UBND", "--depth", "3"],
    ["derived", "64/2007/NĐ-CP", "--province", "Tiền Giang"],
    ["derived", "52-NQ/TW", "--province", "An Giang"],
    ["status", "2174/QĐ-UBND", "--as-of", "2025-12-01"],
    ["status", "1891/QĐ-UBND"],
    ["agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang"],
    ["targets", "--province", "Kiên Giang", "--metric", "mức độ 4"],
    ["path", "176/KH-UBND", "605/QĐ-UBND"],
    ["compare", "Kiên Giang", "Tiền Giang", "--provinces"],
    ["compare", "2174", "1891"],
    ["check"],
    ["bases", "605"],
]



def run(demo, lang: str, *args: str):
    out, _ = demo
    store = str(out.parent / "lineage.db")
    return CliRunner().invoke(app, ["--lang", lang, *args, "--store", store], env={"COLUMNS": "250"})


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_vietnamese_screens_write_dates_dd_mm_yyyy(demo, args):
    result = run(demo, "vi", *args)
    assert "Traceback" not in result.output
    assert not ISO_DATE.findall(result.output), result.output


def test_the_dates_that_were_iso_are_now_written_the_vietnamese_way(demo):
    """The places that showed ISO dates on Vietnamese screens (scope notes, agencies that ceased, the
    documents named in check's issues) say the same dates as dd/mm/yyyy."""
    scope = run(demo, "vi", "derived", "64/2007/NĐ-CP", "--province", "Tiền Giang").output
    assert "cũ: từ 01/07/2025 là một phần của tỉnh Đồng Tháp" in scope
    agency = run(demo, "vi", "agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang").output
    assert "không còn từ 01/03/2025" in agency and "từ 01/07/2025; căn cứ 202/2025/QH15" in agency
    check = run(demo, "vi", "check").output
    assert "Quyết định 2174/QĐ-UBND (26/08/2022, UBND tỉnh Kiên Giang)" in " ".join(check.split())


def test_english_screens_and_json_keep_iso_dates(demo):
    en = run(demo, "en", "agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang").output
    assert "Scope: tỉnh Kiên Giang cũ: từ 2025-07-01" in en and "no longer exists from 2025-03-01" in en
    for lang in ("vi", "en"):
        data = json.loads(run(demo, lang, "derived", "64/2007/NĐ-CP", "--province", "Tiền Giang",
                              "--json").stdout)
        assert "từ 2025-07-01" in data["province_scope"]["note"]
        assert all(ISO_DATE.fullmatch(i["document"]["date"]) for i in data["items"] if i["document"]["date"])
    check = json.loads(run(demo, "vi", "check", "--json").stdout)
    assert any("(2022-08-26, UBND tỉnh Kiên Giang)" in i["message"] for i in check["issues"])


@pytest.mark.parametrize(("text", "vi"), [
    ("Quyết định 749/QĐ-TTg (2020-06-03, Thủ tướng Chính phủ)",
     "Quyết định 749/QĐ-TTg (03/06/2020, Thủ tướng Chính phủ)"),
    ("Luật 77/2015/QH13 (2015-06-19)", "Luật 77/2015/QH13 (19/06/2015)"),
    ("Quyết định 1/QĐ (Kiên Giang)", "Quyết định 1/QĐ (Kiên Giang)"),  # no date
    # a date inside a title, not the one describe() put at the end: kept
    ("Kế hoạch (2020-01-02, bản nháp) số 5 (UBND)", "Kế hoạch (2020-01-02, bản nháp) số 5 (UBND)"),
    ("Nghị quyết 52-NQ/TW", "Nghị quyết 52-NQ/TW"),
])
def test_described_on_screen_rewrites_only_the_date_describe_wrote(text, vi):
    set_language("vi")
    assert described_on_screen(text) == vi
    set_language("en")
    assert described_on_screen(text) == text


@pytest.mark.parametrize("name", ["Kiên Giang", "An Giang", "Tiền Giang", "Hà Nội"])
def test_scope_note_on_screen_is_the_note_with_its_dates_as_the_language_writes_them(name):
    scope = province_scope(name)
    set_language("en")
    assert scope_note_on_screen(scope) == scope.note
    set_language("vi")
    said = scope_note_on_screen(scope)
    assert not ISO_DATE.search(said)
    assert said == ISO_DATE.sub(lambda m: "/".join(reversed(m.group().split("-"))), scope.note)


def test_pages_write_dates_dd_mm_yyyy(demo):
    """What the pages show (labels, tooltips, the panel, the status box, the index, the words of an edge,
    a reorganisation step's included) has no ISO date."""
    out, result = demo
    assert not ISO_DATE.search(out.read_text("utf-8"))
    for page in result["pages"]:
        text = Path(page["page"]["path"]).read_text("utf-8")
        data = json.loads(re.search(r'<script id="lineage-data" type="application/json">(.*?)</script>',
                                    text, re.S).group(1))
        for node in data["nodes"]:
            shown = [node["label"], node["title"], node.get("as_of", ""),
                     *(value for _, value in node["details"]),
                     *(s["date"] + s["what"] for s in node.get("status_sources", ()))]
            assert not any(ISO_DATE.search(str(s)) for s in shown), node["label"]
        for edge in data["edges"]:
            shown = [edge.get("title", ""), edge.get("quote", ""), edge.get("note", ""),
                     *(value for _, value in edge["details"])]
            assert not any(ISO_DATE.search(str(s)) for s in shown), edge["id"]
        dated = [v for n in data["nodes"] for k, v in n["details"] if k == "Ngày"]
        assert dated and all(VI_DATE.fullmatch(v) or re.fullmatch(r"\d{4}", v) for v in dated), dated


def test_the_panel_writes_dates_dd_mm_yyyy_and_what_a_document_was_cited_as_in_words():
    rows = dict(panel_rows({
        "date": "2016-08-22", "effective": "2007-05-18", "ended": "2025", "horizon": 2025,
        "title": "2016-08-22",
        "cited_as": ["date=2014-07-07 @ 001.txt:109", "number=36/NQ-TW @ citation", "doc_type=Chỉ thị"],
    }))
    dates = (rows["Ngày"], rows["Hiệu lực từ"], rows["Ngừng hoạt động từ"])
    assert dates == ("22/08/2016", "18/05/2007", "2025")  # a year alone stays as it is
    assert rows["Trích yếu"] == "2016-08-22"  # words, not a date field: as written
    assert rows["Nhiệm vụ đến năm"] == "2025"
    cited = "Ngày 07/07/2014 (001.txt:109); Số 36/NQ-TW (trích dẫn); Loại Chỉ thị"
    assert rows["Được trích dẫn là"] == cited
