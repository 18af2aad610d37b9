"""What a first user meets, on the real commands: the succession (KẾ_THỪA) words on the pages, the
extract table in Vietnamese, an export error naming the user's path, and ``find --province`` keeping to
the province. The query commands run on the demo's store (the real sample corpus)."""

from __future__ import annotations

import json
import os
import pty
import re
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import vocabulary as v
from graph.cli import app
from graph.i18n import set_language
from graph.subgraph import SubgraphEdge
from visualizations.render import _edge_payload

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "graph" / "data" / "corpus"
ISO_DATE = re.compile(r"(?<![\d/.-])\d{4}-\d{2}-\d{2}(?![\d-])")
VI_DATE = re.compile(r"(?<![\d/])\d{2}/\d{2}/\d{4}(?![\d/])")



def run(demo, lang: str, *args: str):
    store = str(demo[0].parent / "lineage.db")
    return CliRunner().invoke(app, ["--lang", lang, *args, "--store", store], env={"COLUMNS": "250"})


def page_data(path: str) -> dict:
    text = Path(path).read_text("utf-8")
    return json.loads(re.search(r'<script id="lineage-data" type="application/json">(.*?)</script>',
                                text, re.S).group(1))


# --- 1. KẾ_THỪA: data stays ISO in the store, the page words it dd/mm/yyyy and quotes nothing ----------


def test_the_pages_word_a_succession_with_dd_mm_yyyy_and_quote_no_document(demo):
    _, result = demo
    steps = [e for page in result["pages"] for e in page_data(page["page"]["path"])["edges"]
             if e["rel"] == v.KE_THUA]
    assert steps, "the demo draws units that ended in 2025"
    for e in steps:
        assert e["quote"] == ""  # the tool's own words are no citation
        assert re.search(r"từ \d{2}/\d{2}/2025, căn cứ \S", e["note"]), e["note"]
        shown = [e["title"], e["note"], *(value for _, value in e["details"])]
        assert not any(ISO_DATE.search(s) for s in shown), shown
        assert all(name != "Lời trích dẫn" for name, _ in e["details"])


def test_the_store_keeps_the_succession_facts_and_no_sentence(demo):
    with sqlite3.connect(demo[0].parent / "lineage.db") as db:
        rows = [json.loads(p) for (p,) in db.execute("SELECT props FROM edges WHERE type = ?", (v.KE_THUA,))]
    assert rows
    for props in rows:
        assert "text" not in props
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", props["date"]) and props["legal_basis"]


def test_a_store_written_before_shows_no_iso_sentence_either():
    """A store of an earlier version kept the sentence (ISO date) in ``text``: the page words the facts."""
    edge = SubgraphEdge(source="a", target="b", type=v.KE_THUA, properties={
        "date": "2025-03-01", "legal_basis": ["45/2025/NĐ-CP"], "scope": "quản lý nhà nước về du lịch",
        "text": "A → B: từ 2025-03-01, căn cứ 45/2025/NĐ-CP", "source": "reorg_2025.json"})
    payload = _edge_payload(0, edge, {"a": "Sở A", "b": "Sở B"})
    assert payload["quote"] == ""
    assert payload["note"] == "phần quản lý nhà nước về du lịch, từ 01/03/2025, căn cứ 45/2025/NĐ-CP"
    assert "2025-03-01" not in payload["title"]


# --- 2. extract --format table: Vietnamese words, dates and numbers; English with --lang en ---------


def extract(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph.cli", "--lang", lang, "extract", *args],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "COLUMNS": "200"})


def test_the_extract_table_speaks_vietnamese():
    proc = extract(str(CORPUS / "000_5ff91108e71e8f83.txt"), "--format", "table", lang="vi")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for words in ("loại văn bản", "số hiệu", "cơ quan ban hành", "người ký", "chức vụ người ký", "cấp  ",
                  "địa phương", "22/08/2016", "sửa đổi, bổ sung", "Luật Công nghệ thông tin 29/06/2006"):
        assert words in out, words
    for english in ("doc_type", "signer_title", "provincial", "amends", "2016-08-22", "Luật Luật"):
        assert english not in out, english
    assert not ISO_DATE.search(out)
    assert "1.810.000.000" in out


def test_the_extract_table_in_english_with_lang_en():
    proc = extract(str(CORPUS / "000_5ff91108e71e8f83.txt"), "--format", "table", lang="en")
    assert proc.returncode == 0, proc.stderr
    for words in ("document type", "signer's position", "provincial", "2016-08-22", "amends",
                  "1,810,000,000"):
        assert words in proc.stdout, words
    assert "Luật Luật" not in proc.stdout


def test_the_roles_of_an_assignment_are_words_of_legal_staff():
    proc = extract(str(CORPUS), "--format", "table", "--workers", "1", lang="vi")
    assert proc.returncode == 0, proc.stderr
    roles = re.findall(r"│ (chủ trì|phối hợp|lead|coordinate) +│", proc.stdout)
    assert {"chủ trì", "phối hợp"} <= set(roles) and not {"lead", "coordinate"} & set(roles)


def test_the_progress_bar_label_follows_the_language():
    """The bar is drawn when stderr is a terminal and there are at least 5 files."""
    master, slave = pty.openpty()
    seen = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "--lang", "vi", "extract", str(CORPUS),
                           "--format", "json", "--workers", "1"], stdout=subprocess.PIPE, stderr=slave,
                          timeout=300, cwd=ROOT)
    os.close(slave)
    reader.join(10)
    os.close(master)
    assert proc.returncode == 0
    screen = seen.decode("utf-8", "replace")
    assert "đang trích xuất" in screen and "extracting" not in screen


@pytest.mark.parametrize(("value", "vi", "en"), [
    (100.0, "100", "100"), (1500.0, "1.500", "1,500"), (15.5, "15,5", "15.5"), (0.25, "0,25", "0.25"),
    (2e-05, "2e-05", "2e-05"),
])
def test_a_target_figure_is_written_the_way_of_the_language(value, vi, en):
    from graph.cli.extract_cmd import _figure

    set_language("vi")
    assert _figure(value) == vi
    set_language("en")
    assert _figure(value) == en


# --- 3. an export that cannot be written names the user's path, not the temporary file ------------------


def test_an_export_error_names_the_output_not_the_temporary_file(demo, tmp_path):
    blocked = tmp_path / "out.json"
    (blocked / "inside").mkdir(parents=True)  # a folder where the file should go: the rename fails
    result = run(demo, "vi", "export", "--format", "json", "--output", str(blocked))
    assert result.exit_code != 0
    assert f"{blocked}: không ghi được tệp xuất" in result.output
    assert ".part" not in result.output


def test_a_csv_export_error_names_the_file_in_the_folder(demo, tmp_path):
    folder = tmp_path / "csv"
    (folder / "nodes_Document.csv" / "inside").mkdir(parents=True)
    result = run(demo, "en", "export", "--format", "csv", "--output", str(folder))
    assert result.exit_code != 0
    assert f"{folder / 'nodes_Document.csv'}: cannot write the export" in result.output
    assert ".part" not in result.output


def test_failed_path_maps_the_temporary_file_to_its_target(tmp_path):
    from graph.stores.exports import failed_path

    output = tmp_path / "out.graphml"
    temporary = OSError(13, "Permission denied", str(tmp_path / ".out.graphml.k2j_9x0a.part"))
    assert failed_path(temporary, output) == output
    renamed = OSError(21, "Is a directory")
    renamed.filename, renamed.filename2 = str(tmp_path / ".a.json.abc.part"), str(tmp_path / "a.json")
    assert failed_path(renamed, output) == tmp_path / "a.json"
    assert failed_path(OSError(28, "No space left on device"), output) == output
    assert failed_path(OSError(2, "No such file", "/nope/dir"), output) == Path("/nope/dir")


# --- 4. find --province: suggestions of the province only; matches elsewhere said to be elsewhere ---------


def test_find_in_a_province_without_the_document_says_where_it_is(demo):
    result = run(demo, "vi", "find", "1891", "--province", "Hà Nội")
    assert result.exit_code == 1
    assert "không có văn bản nào của Hà Nội khớp với '1891'" in result.output
    assert "có 1 văn bản ngoài Hà Nội khớp: Quyết định 1891/QĐ-UBND (22/08/2016" in result.output
    assert "có phải là" not in result.output  # not offered as if it were of Hà Nội


def test_find_in_a_province_suggests_only_its_documents(demo):
    elsewhere = run(demo, "vi", "find", "1892/QĐ-UBND", "--province", "Hà Nội")
    assert elsewhere.exit_code == 1
    assert "Kiên Giang" not in elsewhere.output and "có phải là" not in elsewhere.output
    merged = run(demo, "vi", "find", "1892/QĐ-UBND", "--province", "An Giang")  # Kiên Giang merged into it
    assert "có phải là" in merged.output and "1891/QĐ-UBND" in merged.output
    everywhere = run(demo, "vi", "find", "1892/QĐ-UBND")
    assert "có phải là" in everywhere.output and "1891/QĐ-UBND" in everywhere.output


def test_find_json_in_a_province_lists_the_matches_outside_apart(demo):
    answer = json.loads(run(demo, "en", "find", "1891", "--province", "Hà Nội", "--json").stdout)
    assert answer["matches"] == [] and answer["suggestions"] == []
    assert [d["number"] for d in answer["outside_scope"]] == ["1891/QĐ-UBND"]
    unscoped = json.loads(run(demo, "en", "find", "1891", "--json").stdout)
    assert "outside_scope" not in unscoped and unscoped["total"] == 1
