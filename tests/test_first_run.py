"""What a new user meets on a Vietnamese screen, on the demo's store: no English word in a Vietnamese
message, one line and exit code 2 for a question that cannot be answered (a document or a province
compared with itself), no empty table, the province named as it is written however it was typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("first-run") / "site" / "index.html"
    result = CliRunner().invoke(app, ["demo", "--output", str(out), "--json"])
    assert result.exit_code == 0, result.output
    return str(Path(json.loads(result.stdout)["store"]))


def run(store: str, *args: str, lang: str = "vi"):
    return CliRunner().invoke(app, ["--lang", lang, *args, "--store", store], env={"COLUMNS": "200"})


@pytest.mark.parametrize(("args", "vi", "en"), [
    (["compare", "2174", "2174/QĐ-UBND"], "lỗi: '2174' và '2174/QĐ-UBND' là cùng một văn bản",
     "error: '2174' and '2174/QĐ-UBND' are the same document"),
    (["compare", "Kiên Giang", "kien giang", "--provinces"],
     "lỗi: 'Kiên Giang' và 'kien giang' là cùng một tỉnh, thành phố",
     "error: 'Kiên Giang' and 'kien giang' are the same province"),
])
def test_comparing_a_side_with_itself_is_an_error(store, args, vi, en):
    for lang, said in (("vi", vi), ("en", en)):
        result = run(store, *args, lang=lang)
        assert result.exit_code == 2 and result.stderr.startswith(said), result.output
        assert not result.stdout


def test_a_comparison_of_a_province_of_today_with_a_former_one_in_it_still_answers(store):
    result = run(store, "compare", "An Giang", "Kiên Giang", "--provinces")
    assert result.exit_code == 0 and "chung 43, chỉ An Giang 0, chỉ Kiên Giang 0" in result.stdout


def test_no_targets_is_one_line_naming_what_was_asked(store):
    result = run(store, "targets", "--metric", "mức độ 4", "--province", "ha noi")
    assert result.exit_code == 1
    assert result.stdout.strip() == "không tìm thấy mục tiêu nào (Hà Nội chỉ tiêu ~ 'mức độ 4')"


def test_the_province_is_named_as_written_however_it_was_typed(store):
    result = run(store, "derived", "64/2007/NĐ-CP", "--province", "tien giang")
    assert result.exit_code == 0 and "làm căn cứ tại Tiền Giang —" in result.stdout
    assert "tien giang" not in result.stdout


def test_the_count_of_find_is_vietnamese(store):
    assert run(store, "find", "chuyen doi so").stdout.rstrip().endswith("\n5 văn bản")
    assert run(store, "find", "chuyen doi so", lang="en").stdout.rstrip().endswith("\n5 documents")


def test_an_agency_of_several_provinces_lists_the_commands_in_vietnamese(store):
    result = run(store, "agency", "Sở TT&TT")
    assert result.exit_code == 2
    hint = next(line for line in result.stderr.splitlines() if line.startswith("gợi ý:"))
    assert '--province "Cà Mau" hoặc lineage agency' in hint and " or " not in hint


def test_stats_says_what_each_name_not_in_vietnamese_means(store):
    """Node labels and relationship types stay as the store and Neo4j spell them; those written in
    English (ASCII: "Agency", "SUPERSEDES") have their meaning in Vietnamese beside them."""
    from graph.cli.store_cmds import MEANINGS

    counts = json.loads(run(store, "stats", "--json").stdout)
    english = {name for kind in counts.values() for name in kind if name.isascii()}
    assert english and english <= MEANINGS.keys(), english - MEANINGS.keys()
    rows = {line.split("│")[2].strip(): line.split("│")[3].strip()
            for line in run(store, "stats").stdout.splitlines() if line.count("│") == 5}
    assert rows["Agency"] == "cơ quan" and rows["SUPERSEDES"] == "thay thế, bãi bỏ"
    assert all(rows[name] for name in english) and rows["CĂN_CỨ"] == ""


def test_ingest_into_a_log_writes_no_blank_line(tmp_path):
    """The progress bar is for a terminal: in a pipe or a log it would leave an empty line on stderr."""
    corpus = Path(__file__).resolve().parents[1] / "graph" / "data" / "corpus"
    args = ["--lang", "vi", "ingest", str(corpus), "--store", str(tmp_path / "s.db")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "" not in result.stderr.splitlines() and "5/5 tệp" in result.stderr + result.stdout
