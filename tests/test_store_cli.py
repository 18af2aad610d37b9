"""``lineage ingest`` / ``stats`` / ``export`` as a user runs them: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import shutil

import pytest
from g1_samples import CORPUS, GOLD
from typer.testing import CliRunner

from graph.cli import app
from graph.lineage_graph import counts
from graph.stores.embedded import load_graph

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture()
def gold_dir(tmp_path):
    folder = tmp_path / "gold"
    shutil.copytree(GOLD, folder)
    return folder


def test_ingest_folder_then_stats(tmp_path, gold_dir):
    store = tmp_path / "kg.graph"
    result = run("ingest", str(gold_dir), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "5 of 5 files, 7 documents" in result.stdout
    stats = run("stats", "--store", str(store), "--json")
    assert stats.exit_code == 0
    assert json.loads(stats.stdout) == counts(load_graph(store))
    assert json.loads(stats.stdout)["relationships"]["CĂN_CỨ"] > 40


def test_ingest_again_adds_nothing(tmp_path, gold_dir):
    store = tmp_path / "kg.graph"
    run("ingest", str(gold_dir), "--store", str(store))
    again = run("ingest", str(gold_dir), "--store", str(store), "--json")
    assert again.exit_code == 0
    report = json.loads(again.stdout)
    assert report["nodes_added"] == 0 and report["relationships_added"] == 0
    assert report["documents"] == 7


def test_real_text_files_ingest(tmp_path):
    store = tmp_path / "corpus.graph"
    paths = [str(CORPUS / "000_5ff91108e71e8f83.txt"), str(CORPUS / "001_a7c64b5b7379c419.txt")]
    result = run("ingest", *paths, "--store", str(store), "--workers", "1")
    assert result.exit_code == 0, result.output
    g = load_graph(store)
    assert g.has_edge("Kiên Giang:176/KH-UBND:2019", "Kiên Giang:1891/QĐ-UBND:2016", "DẪN_CHIẾU")


def test_a_bad_file_is_reported_and_the_others_are_stored(tmp_path, gold_dir):
    bad = gold_dir / "broken.json"
    bad.write_text('{"source": "broken.txt", "documents": [{"number": 5}', encoding="utf-8")
    store = tmp_path / "kg.graph"
    result = run("ingest", str(gold_dir), "--store", str(store))
    assert result.exit_code == 2
    assert "broken.json" in result.stderr
    assert "Traceback" not in result.output
    assert "5 of 6 files" in result.stdout
    assert load_graph(store).has_node("Kiên Giang:1891/QĐ-UBND:2016")


def test_missing_path_is_one_line_error(tmp_path):
    result = run("ingest", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s.graph"))
    assert result.exit_code == 2
    assert "nowhere: no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_stats_without_store_says_ingest_first(tmp_path):
    result = run("stats", "--store", str(tmp_path / "none.graph"))
    assert result.exit_code == 2
    assert "run lineage ingest first" in result.stderr
    assert "Traceback" not in result.output


def test_store_from_environment(tmp_path, gold_dir, monkeypatch):
    store = tmp_path / "env.graph"
    monkeypatch.setenv("LINEAGE_STORE", str(store))
    assert run("ingest", str(gold_dir / "003_a7a611ee86822b52.json")).exit_code == 0
    assert store.exists()
    assert json.loads(run("stats", "--json").stdout)["nodes"]["Document"] >= 2


def test_export_unknown_format_is_a_usage_error(tmp_path, gold_dir):
    store = tmp_path / "kg.graph"
    run("ingest", str(gold_dir), "--store", str(store))
    result = run("export", "--format", "xlsx", "--output", str(tmp_path / "x"), "--store", str(store))
    assert result.exit_code == 2
    assert "unknown format" in result.output


@pytest.mark.parametrize("command", ["ingest", "stats", "export"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_parallel_and_sequential_extraction_store_the_same_graph(tmp_path):
    one, two = tmp_path / "one.graph", tmp_path / "two.graph"
    for store, workers in ((one, "1"), (two, "2")):
        result = run("ingest", str(CORPUS), "--store", str(store), "--workers", workers)
        assert result.exit_code == 0, result.stderr
    a, b = load_graph(one), load_graph(two)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))
    assert a.number_of_nodes() > 300


@pytest.mark.bolt
def test_stats_from_neo4j_match_the_embedded_store(tmp_path, gold_dir, clean_neo4j, bolt_server, monkeypatch):
    from graph.stores import neo4j_push

    store = tmp_path / "kg.graph"
    assert run("ingest", str(gold_dir), "--store", str(store)).exit_code == 0
    neo4j_push.push(clean_neo4j, load_graph(store))
    monkeypatch.setenv("NEO4J_USER", bolt_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", bolt_server.password)
    result = run("stats", "--neo4j", bolt_server.uri, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(run("stats", "--store", str(store), "--json").stdout)


def test_stats_from_an_unreachable_neo4j_is_one_line(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    result = run("stats", "--neo4j", "bolt://127.0.0.1:9")
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") <= 3


def test_ingest_json_lines_of_the_synthetic_national_corpus(tmp_path):
    from benchmarks.national_corpus import generate

    lines = tmp_path / "national.jsonl"
    extractions = list(generate(120, seed=3))
    lines.write_text("".join(x.model_dump_json() + "\n" for x in extractions), encoding="utf-8")
    store = tmp_path / "n.graph"
    result = run("ingest", str(lines), "--store", str(store), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["files"] == report["loaded"] == 1
    assert report["documents"] == 120
    g = load_graph(store)
    provinces = {d.get("province") for _, d in g.nodes(data=True) if d.get("level") == "provincial"}
    assert len(provinces) > 20


def test_store_in_an_unwritable_place_is_one_line(tmp_path, gold_dir):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("ingest", str(gold_dir), "--store", str(blocker / "x.graph"))
    assert result.exit_code == 2
    assert "cannot create the store here" in result.stderr
    assert "Traceback" not in result.output
