"""``targets --metric`` finds a goal through its metric's Vietnamese phrases, and ranges keep both ends.

On the sample corpus: the 2022 strategy of Kiên Giang (2174/QĐ-UBND) writes its 2025 goal "dịch vụ công
trực tuyến mức 4", without "độ"; the README's ``--metric "mức độ 4"`` must find it as ``dvc_muc_4`` does.
File 003 (Cà Mau) sets "Tỷ lệ hộ gia đình có máy tính đạt 10-15%" and "... băng rộng đạt 15%-16%".
"""

from __future__ import annotations

import json

import pytest
from query_samples import CORPUS, corpus_graph

from graph.datafiles import read_json
from graph.queries.embedded_backend import EmbeddedBackend
from graph.queries.targets import metrics_named, targets
from graph.reading.extract import extract_file
from graph.reading.tasks.targets import read_targets
from graph.reading.tasks.targets_patterns import _compiled
from graph.reading.text.prepared import PreparedText
from graph.subgraph import SubgraphNode
from graph.text import fold
from graph.vocabulary import TARGET
from visualizations.render import node_label


@pytest.fixture(scope="module")
def backend() -> EmbeddedBackend:
    return EmbeddedBackend(corpus_graph())


def _keys(rows) -> set[str]:
    return {r.key for r in rows}


def test_metric_words_find_every_goal_of_the_metric(backend):
    by_key = targets(backend, province="Kiên Giang", metric="dvc_muc_4").rows
    assert any(r.document.number == "2174/QĐ-UBND" and r.deadline == 2025 for r in by_key)
    for words in ("mức độ 4", "MỨC ĐỘ 4", "muc do 4", "mức 4", "dịch vụ công trực tuyến mức độ 4",
                  "tỷ lệ dịch vụ công mức độ 4"):
        found = targets(backend, province="Kiên Giang", metric=words).rows
        assert _keys(by_key) <= _keys(found), words
        assert all(r.metric and r.metric.startswith("dvc_muc") for r in found), words


def test_metric_words_do_not_widen_to_other_metrics(backend):
    found = targets(backend, province="Kiên Giang", metric="mức độ 3").rows
    assert found and not any(r.metric == "dvc_muc_4" for r in found)
    signed = targets(backend, metric="chữ ký số").rows
    assert all(r.metric == "chu_ky_so" or "chu ky so" in fold(r.text) for r in signed)
    assert _keys(targets(backend, metric="chu_ky_so").rows) <= _keys(signed)
    assert metrics_named("mức độ") >= {"dvc_muc_3", "dvc_muc_4", "dvc_muc_3_4"}
    assert metrics_named("độ 4 dịch") == set()  # words of a phrase, but not a run of them
    assert metrics_named("  ") == set()


def test_target_wording_still_matches(backend):
    # "Tỷ lệ hộ gia đình có điện thoại đạt 95%" has no metric: found by its own words, accents aside
    rows = targets(backend, metric="ho gia dinh co dien thoai").rows
    assert [(r.value, r.metric) for r in rows] == [(95, None)]


def test_every_metric_has_phrases():
    phrases = {k for k in read_json("metric_phrases.json") if not k.startswith("_")}
    assert phrases == {k for k, _ in _compiled()["metrics"]}


def test_ranges_of_the_samples_keep_both_ends():
    cau_mau = extract_file(CORPUS / "003_a7a611ee86822b52.txt")
    goals = {t.text.split()[-1]: t for d in cau_mau.documents for t in d.targets}
    assert (goals["10-15%"].value, goals["10-15%"].high) == (10, 15)
    assert (goals["15%-16%"].value, goals["15%-16%"].high) == (15, 16)
    single = next(t for d in cau_mau.documents for t in d.targets if t.text.endswith("điện thoại đạt 95%"))
    assert single.high is None and "high" not in json.loads(single.model_dump_json())


@pytest.mark.parametrize("words", [
    "Tỷ lệ hộ gia đình kết nối internet băng rộng đạt 15–16%.",
    "Tỷ lệ hộ gia đình kết nối internet băng rộng đạt từ 15 đến 16%.",
    "Tỷ lệ hộ gia đình kết nối internet băng rộng đạt 15-16 %.",
    "Tỷ lệ hộ gia đình kết nối internet băng rộng đạt 15% - 16%.",
], ids=["en-dash", "tu-den", "hyphen-space-percent", "percent-each"])
def test_range_forms(words):
    text = "Mục tiêu đến năm 2014\n" + words + "\n"
    [goal] = read_targets(PreparedText.identity("t.txt", text), 0, len(text))
    assert (goal.value, goal.high, goal.unit, goal.deadline) == (15, 16, "%", 2014)
    assert goal.metric == "ho_gia_dinh_internet"


def test_range_shown_in_json_table_and_page(backend, capsys):
    from graph.cli.tables import targets_table

    r = targets(backend, province="Cà Mau", metric="hộ gia đình có máy tính")
    [row] = [x for x in r.rows if x.metric == "ho_gia_dinh_may_tinh"]
    assert (row.value, row.high) == (10, 15)
    assert json.loads(r.model_dump_json())["rows"][0]["high"] == 15
    targets_table(r)
    assert "10–15%" in capsys.readouterr().out
    props = backend.targets()[0][row.key].props  # what the page of the document draws
    assert node_label(SubgraphNode(key=row.key, labels=[TARGET], properties=props)).startswith("10–15% ")


def test_a_goal_read_from_damaged_text_shows_its_restored_words(backend):
    """The Tiền Giang 2008 plan's PDF layer lost its Vietnamese letters ("m b o trên 90% văn b n c a t nh"):
    the goal keeps those words as provenance and carries the restored ones, which answers show."""
    (doc,) = [d for f in [extract_file(CORPUS / "004_ddc2434da970a981.txt")] for d in f.documents
              if d.targets]
    goal = next(t for t in doc.targets if t.value == 90)
    assert " b n " in goal.text and goal.text_restored.startswith("đảm bảo trên 90% văn bản của tỉnh")
    clean = [t for d in extract_file(CORPUS / "002_e2aa40ccf522044b.txt").documents for t in d.targets]
    assert clean and all(t.text_restored is None for t in clean)  # undamaged text: nothing restored
    rows = [r for r in targets(backend, province="Tiền Giang").rows if r.value == 90]
    assert rows and rows[0].text.startswith("đảm bảo trên 90% văn bản") and " b n " in rows[0].raw_text
    # found by its restored words too
    assert any(r.value == 90 for r in targets(backend, province="Tiền Giang", metric="văn bản của tỉnh").rows)
    node = SubgraphNode(key=rows[0].key, labels=[TARGET],
                        properties={"text": goal.text, "text_restored": goal.text_restored, "value": 90.0,
                                    "unit": "%"})
    assert node_label(node).startswith("90% đảm bảo")  # the page's label reads the restored words
