"""``lineage find`` draws the best matches first, says how many there are, and never draws them all by
default (issue 15): --limit, the count line, and the total in the JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app, find_cmd
from graph.stores.location import STORE_FILE

ROOT = Path(__file__).resolve().parents[1]
ENV = {"COLUMNS": "250", "NEO4J_URI": "", "LINEAGE_STORE": "", "LINEAGE_LANG": "en"}
QUERY = "quyet dinh"  # words of many titles of the sample corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    """The sample corpus ingested by the command line into a store of the default format."""
    path = tmp_path_factory.mktemp("find") / STORE_FILE
    corpus = ROOT / "graph" / "data" / "corpus"
    proc = subprocess.run([sys.executable, "-m", "graph.cli", "ingest", str(corpus), "--store", str(path),
                           "--workers", "1", "--json"], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **ENV, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return str(path)


def find(store: str, *args: str):
    return CliRunner().invoke(app, ["find", QUERY, "--store", store, *args], env=ENV)


@pytest.fixture(scope="module")
def every_match(store) -> list[dict]:
    result = find(store, "--json")
    assert result.exit_code == 0, result.output
    matches = json.loads(result.stdout)["matches"]
    assert len(matches) > 10  # enough to cut
    return matches


def drawn_keys(output: str, matches: list[dict]) -> list[str]:
    """The keys of ``matches`` whose row the table drew, in the order drawn."""
    rows = [line for line in output.splitlines() if line.startswith("│")]
    return [m["key"] for line in rows for m in matches if m["key"] in line]


def test_limit_draws_the_best_matches_and_says_how_many(store, every_match):
    result = find(store, "--limit", "3")
    assert result.exit_code == 0, result.output
    assert drawn_keys(result.stdout, every_match) == [m["key"] for m in every_match[:3]]
    total = len(every_match)
    assert f"{total} documents; showing 3" in result.stdout and "--limit" in result.stdout


def test_the_table_stops_at_the_default_limit(store, every_match, monkeypatch):
    monkeypatch.setattr(find_cmd, "DEFAULT_LIMIT", 4)
    result = find(store)
    assert result.exit_code == 0, result.output
    assert drawn_keys(result.stdout, every_match) == [m["key"] for m in every_match[:4]]
    assert f"{len(every_match)} documents; showing 4" in result.stdout


def test_limit_zero_or_above_the_count_draws_all(store, every_match):
    for limit in ("0", str(len(every_match) + 5)):
        result = find(store, "--limit", limit)
        assert len(drawn_keys(result.stdout, every_match)) == len(every_match)
        assert "showing" not in result.stdout and f"{len(every_match)} documents" in result.stdout


def test_json_says_the_total_and_honours_limit(store, every_match):
    data = json.loads(find(store, "--json", "--limit", "2").stdout)
    assert data["query"] == QUERY and data["total"] == len(every_match)
    assert data["matches"] == every_match[:2]
    assert json.loads(find(store, "--json").stdout)["total"] == len(every_match)


def test_a_negative_limit_is_a_usage_error(store):
    result = find(store, "--limit", "-1")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_no_match_still_exits_1(store):
    result = CliRunner().invoke(app, ["find", "zzqx khong co", "--store", store], env=ENV)
    assert result.exit_code == 1 and "documents" not in result.stdout
