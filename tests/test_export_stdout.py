"""``lineage export -o -`` writes the export on stdout (as every Unix tool does), not a file named "-"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from query_samples import gold_graph
from typer.testing import CliRunner

from graph.cli import app
from graph.stores.embedded import save_graph

ENV = {"COLUMNS": "200", "NEO4J_URI": "", "LINEAGE_STORE": "", "LINEAGE_LANG": "en"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "gold.graph"
    save_graph(gold_graph(), path)
    return path


def test_json_to_stdout(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["export", "-f", "json", "-o", "-", "--store", str(store)], env=ENV)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert any(n.get("number") == "2174/QĐ-UBND" for n in data["nodes"])
    assert not Path("-").exists() and list(tmp_path.iterdir()) == []


def test_graphml_to_stdout_is_the_same_as_the_file(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    piped = CliRunner().invoke(app, ["export", "-f", "graphml", "-o", "-", "--store", str(store)], env=ENV)
    assert piped.exit_code == 0 and piped.stdout.startswith("<?xml")
    written = CliRunner().invoke(app, ["export", "-f", "graphml", "-o", "g.graphml", "--store", str(store)],
                                 env=ENV)
    assert written.exit_code == 0
    assert piped.stdout_bytes == (tmp_path / "g.graphml").read_bytes()


def test_csv_cannot_go_to_stdout(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["export", "-f", "csv", "-o", "-", "--store", str(store)], env=ENV)
    assert result.exit_code == 2 and result.stderr.startswith("error:") and "Traceback" not in result.output
    assert not Path("-").exists()
