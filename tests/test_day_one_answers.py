"""Day one for a legal officer (issue 14 items 3, 4, 5, 7) on the sample corpus: no silent "none found".

3. A misspelt province, agency or metric is a usage error (exit 2) naming the nearest known names.
4. Agencies are found by the abbreviations of the alias table; a name several provinces have is listed.
5. Numbers written in part ("64/2007", "2174/QĐ", "52-NQ") find their document, at part boundaries.
7. A citation that names no document we can identify looks unresolved: table, JSON and page.
"""

from __future__ import annotations

import json

import pytest
from query_samples import corpus_graph
from typer.testing import CliRunner

from graph.cli import app
from graph.errors import AmbiguousError, LineageError
from graph.lineage_graph import merge_node
from graph.queries.agency import agency
from graph.queries.bases import bases
from graph.queries.compare import compare
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.find import find
from graph.queries.resolve import resolve
from graph.queries.result_refs import UNRESOLVED_MARK
from graph.queries.targets import targets
from graph.stores.embedded import save_graph
from graph.vocabulary import DOCUMENT, PROVINCIAL

ENV = {"COLUMNS": "250", "NEO4J_URI": "", "LINEAGE_STORE": ""}
STTTT_KG = "agency:Kiên Giang:Sở Thông tin và Truyền thông"
TYPO = "Luật Tổ chức chính quyền"  # 2174/QĐ-UBND cites "Luật ... của Luật Tổ chức chính quyền và ..."


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend(corpus_graph())


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("day_one") / "corpus.graph"
    save_graph(corpus_graph(), path)
    return path


def run(store, *args: str):
    return CliRunner().invoke(app, [*args, "--store", str(store)], env=ENV)


# --- 3. misspelt names ----------------------------------------------------------------------------

def test_misspelt_agency_is_a_usage_error_naming_the_nearest(backend):
    with pytest.raises(LineageError) as err:
        agency(backend, "Sở Tài chánh", "Kiên Giang")
    assert err.value.exit_code == 2
    assert "Sở Tài chính" in err.value.hint


def test_misspelt_metric_is_a_usage_error_naming_the_nearest(backend):
    with pytest.raises(LineageError) as err:
        targets(backend, "Kiên Giang", "dvc_muc_5")
    assert err.value.exit_code == 2
    assert "dvc_muc_4" in err.value.hint
    # a metric the store knows, but not in that province, is an honest "none found"
    assert targets(backend, "Đồng Tháp", "dvc_muc_4").rows == []


@pytest.mark.parametrize(("args", "nearest"), [
    (["derived", "64/2007/NĐ-CP", "--province", "Tiền Gian"], "Tiền Giang"),
    (["targets", "--province", "Kien Giag"], "Kiên Giang"),
    (["agency", "Sở Thông tin và Truyền thông", "--province", "Kien Giag"], "Kiên Giang"),
    (["find", "1891", "--province", "Tiền Gian"], "Tiền Giang"),
    (["compare", "Kiên Giang", "Tiền Gian", "--provinces"], "Tiền Giang"),
    (["agency", "Sở Tài chánh", "--province", "Kiên Giang"], "Sở Tài chính"),
    (["targets", "--province", "Kiên Giang", "--metric", "dvc_muc_5"], "dvc_muc_4"),
])
def test_cli_misspelt_names_exit_2_with_the_nearest(store, args, nearest):
    result = run(store, *args)
    assert result.exit_code == 2, result.output
    assert "none found" not in result.output and "Traceback" not in result.output
    hint = next(line for line in result.stderr.splitlines() if line.startswith("hint:"))
    assert nearest in hint


@pytest.mark.parametrize("args", [
    ["targets", "--province", "Kien Giang", "--metric", "muc do 4"],
    ["agency", "so thong tin va truyen thong", "--province", "kien giang"],
    ["derived", "64/2007/NĐ-CP", "--province", "Tien Giang"],
])
def test_cli_names_without_accents_still_answer(store, args):
    result = run(store, *args)
    assert result.exit_code == 0, result.output


# --- 4. agencies ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Sở TT&TT", "Sở TTTT", "sở tt & tt", "STTTT", "Sở TT và TT"])
def test_agency_abbreviations_of_the_alias_table_find_the_department(backend, name):
    r = agency(backend, name, "Kiên Giang")
    assert [a.key for a in r.agencies] == [STTTT_KG]
    assert r.roles


def test_agency_named_with_its_province_needs_no_flag(backend):
    assert [a.key for a in agency(backend, "Sở TTTT tỉnh Kiên Giang").agencies] == [STTTT_KG]


@pytest.mark.parametrize("name", ["Sở Thông tin và Truyền thông", "Sở TT&TT"])
def test_agency_of_several_provinces_lists_them_with_the_command(backend, name):
    with pytest.raises(AmbiguousError) as err:
        agency(backend, name)
    assert err.value.exit_code == 2
    assert "Cà Mau" in str(err.value) and "Kiên Giang" in str(err.value)
    for province in ("Cà Mau", "Kiên Giang"):
        assert f'lineage agency "Sở Thông tin và Truyền thông" --province "{province}"' in err.value.hint


def test_cli_agency_command_the_hint_gives_answers(store):
    listed = run(store, "agency", "Sở TTTT")
    assert listed.exit_code == 2, listed.output
    hint = next(line for line in listed.stderr.splitlines() if line.startswith("hint:"))
    command = hint[hint.index("lineage agency"):].split(" or ")[0]
    name, province = command.split('"')[1], command.split('"')[3]
    answer = run(store, "agency", name, "--province", province, "--json")
    assert answer.exit_code == 0, answer.output
    assert {a["province"] for a in json.loads(answer.stdout)["agencies"]} == {province}


# --- 5. numbers written in part -------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "number"), [
    ("64/2007", "64/2007/NĐ-CP"),
    ("2174/QĐ", "2174/QĐ-UBND"),
    ("2174/qd", "2174/QĐ-UBND"),
    ("52-NQ", "52-NQ/TW"),
    ("749/QD", "749/QĐ-TTg"),
])
def test_number_prefix_finds_the_document(backend, typed, number):
    assert [d.number for d in find(backend, typed).matches] == [number]
    assert resolve(backend, typed).number == number


@pytest.mark.parametrize("typed", ["2174/QĐ-U", "64/200", "52-N"])
def test_number_prefix_stops_at_part_boundaries(backend, typed):
    assert find(backend, typed).matches == []


def test_number_prefix_of_two_documents_lists_both_keys():
    g = corpus_graph()
    merge_node(g, "Cà Mau:1891/QĐ-UBND:2016", (DOCUMENT,), number="1891/QĐ-UBND", province="Cà Mau",
               level=PROVINCIAL, issuer="UBND tỉnh Cà Mau", date="2016-10-03")
    b = EmbeddedBackend(g)
    assert len(find(b, "1891/QĐ").matches) == 2
    with pytest.raises(AmbiguousError) as err:
        resolve(b, "1891/qd")
    assert "Cà Mau:1891/QĐ-UBND:2016" in str(err.value) and "Kiên Giang:1891/QĐ-UBND:2016" in str(err.value)


def test_find_that_finds_nothing_suggests(backend, store):
    r = find(backend, "64/2008")
    assert r.matches == [] and any("64/2007/NĐ-CP" in s for s in r.suggestions)
    result = run(store, "find", "64/2008")
    assert result.exit_code == 1 and "64/2007/NĐ-CP" in result.stderr


@pytest.mark.parametrize("args", [["find", "64/2007"], ["derived", "64/2007"], ["bases", "2174/QĐ"]])
def test_cli_commands_take_a_number_in_part(store, args):
    result = run(store, *args, "--json")
    assert result.exit_code == 0, result.output


# --- 7. an unresolved citation looks unresolved ---------------------------------------------------

def _typo(items):
    return [i for i in items if i.document.title == TYPO]


def test_typo_law_is_unresolved_in_bases(backend):
    r = bases(backend, "2174/QĐ-UBND")
    (item,) = _typo(r.items)
    assert item.document.number is None and item.document.resolved is False
    assert item.document.label.endswith(UNRESOLVED_MARK)
    assert TYPO in item.path[0].text  # the citing words, as the sample writes them
    numbered = [i.document for i in r.items if i.document.number]
    assert numbered and all(d.resolved and UNRESOLVED_MARK not in d.label for d in numbered)


def test_typo_law_is_unresolved_in_compare(backend):
    r = compare(backend, "2174/QĐ-UBND", "1891/QĐ-UBND")
    (doc,) = [d for d in r.shared + r.only_a + r.only_b if d.title == TYPO]
    assert doc.resolved is False
    assert '"resolved": false' in r.model_dump_json(indent=1).replace('"resolved":false', '"resolved": false')


def test_cli_table_marks_it_and_says_what_the_mark_means(store):
    for args in (["bases", "2174/QĐ-UBND"], ["compare", "2174/QĐ-UBND", "1891/QĐ-UBND"]):
        result = run(store, *args)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert any(UNRESOLVED_MARK in line for line in lines if line.startswith("│"))  # in its row
        assert any(line.startswith(UNRESOLVED_MARK) for line in lines)  # the legend
    clean = run(store, "bases", "1891/QĐ-UBND")
    assert clean.exit_code == 0 and UNRESOLVED_MARK not in clean.stdout


def test_cli_json_says_resolved_false(store):
    result = run(store, "bases", "2174/QĐ-UBND", "--json")
    docs = {i["document"]["title"]: i["document"] for i in json.loads(result.stdout)["items"]}
    assert docs[TYPO]["resolved"] is False
    assert all(d["resolved"] for d in docs.values() if d["number"])


def test_page_marks_the_unresolved_node(backend):
    from visualizations.render import build_payload

    payload = build_payload(bases(backend, "2174/QĐ-UBND").to_subgraph())
    (node,) = [n for n in payload["nodes"] if TYPO in n["label"]]
    assert node["label"].endswith(UNRESOLVED_MARK) and node["shapeProperties"]["borderDashes"]
    assert node["details"][0][1].startswith("trích dẫn chưa xác định")
    assert [s["count"] for s in payload["statuses"] if s["status"] == "unresolved"] == [1]
    numbered = [n for n in payload["nodes"] if n["number"]]
    assert numbered and not any(UNRESOLVED_MARK in n["label"] for n in numbered)
