"""The query commands on the command line: tables, --json, --html, exit codes, one-line errors."""

from __future__ import annotations

import json
import re

import pytest
from bolt_server import free_port, wipe
from query_samples import corpus_graph
from typer.testing import CliRunner

from graph.cli import app
from graph.stores import neo4j_push
from graph.stores.embedded import save_graph

ENV = {"COLUMNS": "200", "NEO4J_URI": "", "LINEAGE_STORE": ""}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "corpus.graph"
    save_graph(corpus_graph(), path)
    return path


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=ENV)


def _one_line_error(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("error:") and all(line.startswith(("error:", "hint:")) for line in lines)


def test_bases_json_answers_the_headline_question(store):
    result = run("bases", "2174/QĐ-UBND", "--store", str(store), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    numbers = {i["document"]["number"]: i for i in data["items"]}
    assert {"749/QĐ-TTg", "52-NQ/TW", "01-CTr/TU", "50/NQ-CP"} <= numbers.keys()
    assert numbers["52-NQ/TW"]["document"]["group"] == "Đảng (Trung ương)"
    assert data["document"]["number"] == "2174/QĐ-UBND" and data["depth"] == 6


def test_bases_table_is_grouped_by_level(store):
    result = run("bases", "chiến lược chuyển đổi số kiên giang", "--store", str(store))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "52-NQ/TW" in out and "749/QĐ-TTg" in out
    assert out.index("Đảng (Trung ương)") < out.index("Thủ tướng") < out.index("Tỉnh ủy")


def test_derived_lists_both_provinces(store):
    result = run("derived", "64/2007/NĐ-CP", "--store", str(store))
    assert result.exit_code == 0
    assert "Kiên Giang" in result.stdout and "Tiền Giang" in result.stdout and "176/KH-UBND" in result.stdout


def test_nothing_found_exits_1(store):
    result = run("derived", "2174/QĐ-UBND", "--store", str(store), "--json")  # nothing rests on it yet
    assert result.exit_code == 1 and json.loads(result.stdout)["items"] == []
    assert run("find", "khong co van ban nay", "--store", str(store)).exit_code == 1


@pytest.mark.parametrize(("args", "code", "words"), [
    (["bases", "749/QĐ-TT"], 1, "did you mean"),
    (["bases", "chuyen doi so kien giang"], 2, "matches 3 documents"),
    (["path", "2174", "2174/QĐ-UBND"], 2, "same document"),
    (["agency", "Sở Không Có", "--province", "Kiên Giang"], 2, "no agency"),  # misspelt: usage error
    (["compare", "Kiên Giang", "Hà Giang", "--provinces"], 1, "Hà Giang"),
])
def test_user_errors_are_one_line_with_a_hint(store, args, code, words):
    result = run(*args, "--store", str(store))
    assert result.exit_code == code, result.output
    assert words in result.stderr
    _one_line_error(result)


def test_bad_usage_exits_2(store):
    assert run("bases", "2174", "--depth", "0", "--store", str(store)).exit_code == 2
    assert run("bases", "--store", str(store)).exit_code == 2


def test_missing_store_says_ingest_first(tmp_path):
    result = run("bases", "2174", "--store", str(tmp_path / "none.graph"))
    assert result.exit_code == 2 and "lineage ingest" in result.stderr
    _one_line_error(result)


def test_unreachable_neo4j_is_one_line(store):
    result = run("bases", "2174", "--neo4j", f"bolt://127.0.0.1:{free_port()}", "--password", "x")
    assert result.exit_code == 3 and "Neo4j" in result.stderr
    _one_line_error(result)


def test_every_query_command_answers_in_json(store):
    for args in (["find", "1891"], ["status", "1891/QĐ-UBND"], ["targets", "--province", "Kiên Giang"],
                 ["agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang"],
                 ["path", "176/KH-UBND", "605/QĐ-UBND"], ["compare", "176/KH-UBND", "605/QĐ-UBND"],
                 ["check"]):
        result = run(*args, "--store", str(store), "--json")
        assert result.exit_code == 0, (args, result.output)
        assert isinstance(json.loads(result.stdout), dict)


def test_tables_of_the_other_commands(store):
    status = CliRunner().invoke(app, ["status", "1891/QĐ-UBND", "--store", str(store), "--as-of",
                                      "2024-01-01"], env={**ENV, "LINEAGE_LANG": "vi"}).stdout
    assert "ngày 01/01/2024" in status
    known, unknown = map(int, re.search(r"(\d+) có thông tin tình trạng kèm nguồn, (\d+) chưa có thông tin",
                                        status).groups())
    assert known + unknown == 11 and known >= 3  # the catalog grows; what it knows is never fewer
    answer = json.loads(run("status", "1891/QĐ-UBND", "--store", str(store), "--as-of", "2024-01-01",
                            "--json").stdout)
    law = next(b for b in answer["bases"] if b["basis"]["number"] == "67/2006/QH11")
    assert law["summary"].startswith("Được sửa đổi, bổ sung bởi Luật 21/2017/QH14 từ ngày 01/01/2019.")
    agency = run("agency", "Sở Thông tin và Truyền thông", "--province", "Kiên Giang", "--store", str(store))
    assert "tỷ đồng" in agency.stdout and "total" in agency.stdout
    targets = run("targets", "--province", "Kiên Giang", "--metric", "mức độ 4", "--store", str(store)).stdout
    assert targets.index("1891/QĐ-UBND") < targets.index("2174/QĐ-UBND")
    path = run("path", "176/KH-UBND", "605/QĐ-UBND", "--store", str(store)).stdout
    assert "—CĂN_CỨ→" in path and "←CĂN_CỨ—" in path


def test_html_output_writes_the_answer(store, tmp_path):
    out = tmp_path / "bases.html"
    result = run("bases", "2174", "--store", str(store), "--html", str(out), "--json")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "52-NQ/TW" in page and "749/QĐ-TTg" in page
    assert json.loads(result.stdout)["items"]


@pytest.mark.bolt
def test_neo4j_answers_like_the_embedded_store(store, _bolt_driver, bolt_server):
    wipe(_bolt_driver)
    neo4j_push.apply_schema(_bolt_driver)
    neo4j_push.push(_bolt_driver, corpus_graph())
    try:
        embedded = run("bases", "2174", "--json", "--store", str(store))
        remote = run("bases", "2174", "--json", "--neo4j", bolt_server.uri, "--user", bolt_server.user,
                     "--password", bolt_server.password)
        assert remote.exit_code == 0, remote.output
        assert json.loads(remote.stdout) == json.loads(embedded.stdout)
    finally:
        wipe(_bolt_driver)
