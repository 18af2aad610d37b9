"""One number, two documents: the National Assembly numbers its laws and its resolutions apart, with the
same suffix, so "Luật … số 18/2008/QH12" and "Nghị quyết số 18/2008/QH12" share one key. The store cannot
tell them apart; the answers must say so instead of answering about one document.

Two provincial decisions cite the two documents, and a law ends the first one: ``check`` reports the
number as one of two types, and ``bases``, ``derived``, ``status`` and the page mark the node uncertain
(no status claimed), on the in-memory graph, the SQLite store and a real Bolt server alike. Without the
resolution's citation the law's status is said as before.
"""

from __future__ import annotations

import json

import pytest
from bolt_server import wipe
from query_samples import sqlite_copy
from typer.testing import CliRunner

from graph.cli import app
from graph.loaders.build import build_graph
from graph.queries.bases import bases
from graph.queries.check import check
from graph.queries.check_text import on_screen
from graph.queries.derived import derived
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.neo4j_backend import Neo4jBackend
from graph.queries.result_refs import cited_types
from graph.queries.sqlite_backend import SQLiteBackend
from graph.queries.status import annotate, document_status, status
from graph.reading.extract import extract_file
from graph.stores import neo4j_push
from visualizations.panel import panel_rows

KEY = "VN:18/2008/QH12"
TYPES = ["Nghị quyết", "Luật"]  # the type of the first citation read first
SAID = "số hiệu này được dẫn chiếu cho hai loại văn bản: Nghị quyết, Luật — có thể là hai văn bản khác nhau"
SAID_FIRST = SAID[0].upper() + SAID[1:]  # at the head of a sentence (status summary, page panel)
ENV = {"COLUMNS": "250", "NEO4J_URI": "", "LINEAGE_STORE": ""}

_HEAD = """ỦY BAN NHÂN DÂN
TỈNH {PROVINCE}
-------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: {number}

{province}, ngày {day}

QUYẾT ĐỊNH

{title}

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {PROVINCE}

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

{basis}

Xét đề nghị của Giám đốc {agency},

QUYẾT ĐỊNH:

Điều 1. {article}

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:
- Như Điều 2;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

{signer}
"""

#: a decision resting on the law on atomic energy (Luật 18/2008/QH12)
LAW_CITED = _HEAD.format(
    PROVINCE="NINH THUẬN", province="Ninh Thuận", number="512/QĐ-UBND", day="14 tháng 3 năm 2019",
    title="VỀ VIỆC BAN HÀNH KẾ HOẠCH ỨNG PHÓ SỰ CỐ BỨC XẠ TRÊN ĐỊA BÀN TỈNH NINH THUẬN",
    basis="Căn cứ Luật Năng lượng nguyên tử số 18/2008/QH12 ngày 03 tháng 6 năm 2008;",
    agency="Sở Khoa học và Công nghệ", signer="Trần Văn Bình",
    article="Ban hành kèm theo Quyết định này Kế hoạch ứng phó sự cố bức xạ trên địa bàn tỉnh.")
#: a decision resting on the resolution on health services (Nghị quyết 18/2008/QH12, the same day)
RESOLUTION_CITED = _HEAD.format(
    PROVINCE="BẮC KẠN", province="Bắc Kạn", number="237/QĐ-UBND", day="20 tháng 2 năm 2020",
    title="VỀ VIỆC PHÊ DUYỆT ĐỀ ÁN XÃ HỘI HÓA DỊCH VỤ Y TẾ TRÊN ĐỊA BÀN TỈNH BẮC KẠN",
    basis="Căn cứ Nghị quyết số 18/2008/QH12 ngày 03 tháng 6 năm 2008 của Quốc hội về đẩy mạnh thực hiện "
          "chính sách, pháp luật xã hội hóa để nâng cao chất lượng chăm sóc sức khỏe nhân dân;",
    agency="Sở Y tế", signer="Nguyễn Văn An",
    article="Phê duyệt Đề án xã hội hóa dịch vụ y tế trên địa bàn tỉnh Bắc Kạn.")
#: the law that ends the law on atomic energy of 2008 (not the resolution)
NEW_LAW = """QUỐC HỘI
-------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Luật số: 94/2025/QH15

Hà Nội, ngày 27 tháng 6 năm 2025

LUẬT

NĂNG LƯỢNG NGUYÊN TỬ

Quốc hội ban hành Luật Năng lượng nguyên tử.

Điều 1. Hiệu lực thi hành

1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.

2. Luật Năng lượng nguyên tử số 18/2008/QH12 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.

CHỦ TỊCH QUỐC HỘI

Trần Thanh Mẫn
"""
TEXTS = {"ninh_thuan_512.txt": LAW_CITED, "bac_kan_237.txt": RESOLUTION_CITED, "luat_nang_luong.txt": NEW_LAW}


def _graph(folder, names):
    for name in names:
        (folder / name).write_text(TEXTS[name], encoding="utf-8")
    return build_graph(extract_file(folder / name) for name in sorted(names))


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return _graph(tmp_path_factory.mktemp("two_types"), TEXTS)


@pytest.fixture(scope="module")
def store(graph, tmp_path_factory):
    return sqlite_copy(graph, tmp_path_factory.mktemp("two_types_store") / "lineage.db")


@pytest.fixture(scope="module")
def backends(graph, store):
    sqlite = SQLiteBackend(store)
    yield [EmbeddedBackend(graph), sqlite]
    sqlite.close()


def run(store, *args: str):
    return CliRunner().invoke(app, [*args, "--store", str(store)], env=ENV)


# --- 1. check ---------------------------------------------------------------------------------------

def test_check_reports_the_number_cited_as_two_types(backends):
    for backend in backends:
        (issue,) = [i for i in check(backend).issues if i.kind == "conflicting_type"]
        assert issue.documents == [KEY]
        # the first citation read (bac_kan_237.txt, in file order) gave the node its type
        assert issue.message == ("18/2008/QH12 is cited as Nghị quyết at bac_kan_237.txt:21 and as Luật at "
                                 "luat_nang_luong.txt:22, ninh_thuan_512.txt:21: they may be two different "
                                 "documents")
        assert {(e.file, e.line) for e in issue.evidence} == {
            ("ninh_thuan_512.txt", 21), ("bac_kan_237.txt", 21), ("luat_nang_luong.txt", 22)}


def test_check_says_it_in_vietnamese_on_screen_and_english_in_json(store, backends):
    screen = run(store, "--lang", "vi", "check")
    assert screen.exit_code == 0, screen.output
    assert "một số hiệu, hai loại văn bản: 1" in screen.stdout
    (issue,) = [i for i in check(backends[1]).issues if i.kind == "conflicting_type"]
    text = on_screen(issue.message)  # the table's cell (the language is still Vietnamese)
    assert ("số hiệu 18/2008/QH12 được dẫn chiếu là Nghị quyết tại bac_kan_237.txt:21 và là Luật tại "
            "luat_nang_luong.txt:22, ninh_thuan_512.txt:21: có thể là hai văn bản khác nhau") in text
    data = json.loads(run(store, "check", "--json").stdout)
    assert data["counts"]["conflicting_type"] == 1


def test_type_known_from_the_catalog_is_said_so(vietnamese):
    message = ("18/2008/QH12 is cited as Luật at the catalog and as Nghị quyết at a.txt:3: they may be two "
               "different documents")
    assert on_screen(message) == ("số hiệu 18/2008/QH12 được dẫn chiếu là Luật tại danh mục văn bản trung "
                                  "ương và là Nghị quyết tại a.txt:3: có thể là hai văn bản khác nhau")


# --- 2. the answers ---------------------------------------------------------------------------------

def test_bases_and_derived_mark_the_node(backends):
    for backend in backends:
        (item,) = [i for i in bases(backend, "237/QĐ-UBND").items if i.document.key == KEY]
        assert item.document.cited_types == TYPES
        assert item.document.label == "Nghị quyết / Luật 18/2008/QH12"
        assert item.status is not None and item.status.status == "no information"
        assert SAID_FIRST in item.status.summary
        result = derived(backend, "18/2008/QH12")
        assert result.document.cited_types == TYPES
        assert {i.document.number for i in result.items} == {"512/QĐ-UBND", "237/QĐ-UBND"}


def test_status_claims_no_validity_for_it(backends):
    for backend in backends:
        (basis,) = [b for b in status(backend, "237/QĐ-UBND").bases if b.key == KEY]
        assert basis.status == "no information" and basis.events == [] and basis.since is None
        assert basis.signing is None and not basis.replaced_before_signing
        assert SAID_FIRST in basis.summary
        other = [b for b in status(backend, "237/QĐ-UBND").bases if b.key != KEY]
        assert other and all(b.basis.cited_types == [] for b in other)
        # asked by key alone, the store is read for what the number was cited as
        assert document_status(backend, [KEY])[KEY].events == []


def test_without_the_resolution_the_law_has_its_status(tmp_path):
    backend = EmbeddedBackend(_graph(tmp_path, ["ninh_thuan_512.txt", "luat_nang_luong.txt"]))
    (basis,) = [b for b in status(backend, "512/QĐ-UBND").bases if b.key == KEY]
    assert basis.basis.cited_types == [] and basis.basis.label == "Luật 18/2008/QH12"
    assert basis.status == "expired"


def test_tables_say_it_in_words(store):
    for args in (["bases", "237/QĐ-UBND"], ["status", "512/QĐ-UBND"], ["derived", "18/2008/QH12"]):
        result = run(store, "--lang", "vi", *args)
        assert result.exit_code == 0, result.output
        text = " ".join(result.stdout.split())
        assert f"Nghị quyết / Luật 18/2008/QH12: {SAID}" in text
    english = " ".join(run(store, "--lang", "en", "bases", "512/QĐ-UBND").stdout.split())
    assert ("this number is cited as two types of document: Nghị quyết, Luật — they may be two different "
            "documents") in english


def test_page_panel_warns(graph, backends):
    props = dict(graph.nodes[KEY])
    assert cited_types(props) == TYPES
    rows = panel_rows(props, document=True)
    assert rows[0] == ["Cảnh báo", SAID_FIRST]
    assert panel_rows(dict(graph.nodes["VN:77/2015/QH13"]), document=True)[0][0] != "Cảnh báo"
    sub = annotate(bases(backends[1], "237/QĐ-UBND").to_subgraph(), backends[1])
    (node,) = [n for n in sub.nodes if n.key == KEY]
    assert node.properties["status"]["events"] == []
    assert SAID_FIRST in node.properties["status"]["summary"]


def test_show_page_marks_the_node(store, tmp_path):
    page = tmp_path / "page.html"
    result = run(store, "show", "237/QĐ-UBND", "--html", str(page))
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "Cảnh báo" in html and "18/2008/QH12\\n(Nghị quyết / Luật?)" in html


@pytest.mark.bolt
def test_neo4j_answers_the_same(graph, backends, _bolt_driver):
    wipe(_bolt_driver)
    neo4j_push.apply_schema(_bolt_driver)
    neo4j_push.push(_bolt_driver, graph)
    try:
        neo4j = Neo4jBackend(_bolt_driver)
        embedded = backends[0]
        for question in (lambda b: bases(b, "237/QĐ-UBND"), lambda b: derived(b, "18/2008/QH12"),
                         lambda b: status(b, "237/QĐ-UBND"), check):
            assert question(neo4j).model_dump() == question(embedded).model_dump()
        alone = [document_status(b, [KEY])[KEY].model_dump() for b in (neo4j, embedded)]
        assert alone[0] == alone[1]
    finally:
        wipe(_bolt_driver)
