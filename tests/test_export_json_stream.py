"""``lineage export -f json`` and ``-f csv`` of the store file are written as its rows are read, never
the whole graph in memory: byte for byte the files the graph loaded whole gives (``export_graph``, still
the path of a graph in memory and of Neo4j)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.loaders.build import build_graph
from graph.stores.embedded import EmbeddedReader, load_graph, save_graph
from graph.stores.exports import export_graph, export_store
from tests.test_export_stream import CORPUS, ENV, hostile_graph

ROOT = Path(__file__).resolve().parent.parent
DEV_DOCS = Path(os.environ.get("LINEAGE_SHARED") or ROOT.parent / "shared") / "dev" / "docs"


def files(path: Path) -> dict[str, bytes]:
    """The export's bytes: the file's (named ""), or each file's of the CSV folder, by name."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {"": path.read_bytes()}


def whole_graph_export(store: Path, fmt: str, output: Path, safe: bool = False) -> dict[str, bytes]:
    """What the export gives from the graph loaded whole (the code path of a graph in memory)."""
    export_graph(load_graph(store), fmt, output, spreadsheet_safe=safe)
    return files(output)


def cli_export(store: Path, fmt: str, output: Path, *extra: str) -> dict[str, bytes]:
    result = CliRunner().invoke(app, ["export", "-f", fmt, "-o", str(output), "--store", str(store), *extra],
                                env=ENV)
    assert result.exit_code == 0, result.output
    return files(output)


@pytest.fixture
def never_whole(monkeypatch):
    def whole_graph(*args, **kwargs):
        raise AssertionError("the store was loaded whole")

    monkeypatch.setattr(EmbeddedReader, "read_graph", whole_graph)


@pytest.mark.parametrize(("fmt", "extra"), [("json", ()), ("csv", ()), ("csv", ("--spreadsheet-safe",))])
def test_a_hostile_store_exports_the_same_bytes_without_loading_the_graph(tmp_path, fmt, extra, never_whole):
    g = hostile_graph(surrogates=False)
    g.graph.update(format=3, retracted=["doc:<cũ>"], note='"trích"\n')
    store = tmp_path / "hostile.db"
    save_graph(g, store)
    expected = whole_graph_export(store, fmt, tmp_path / "whole", safe=bool(extra))
    assert cli_export(store, fmt, tmp_path / "cli", *extra) == expected
    if fmt == "json":
        data = json.loads(expected[""])
        assert len(data["nodes"]) == 8 and len(data["links"]) == 6 and data["graph"]["format"] == 3
        assert "Kế hoạch số hoá " * 1000 in data["nodes"][3]["title"]
    else:
        assert len(expected) == 2 + 5 + 1, "Document and Node (no label); five types; the import command"
        assert expected["nodes_Document.csv"].count(b"\n") > 3


def test_many_csv_files_are_written_a_few_per_pass_the_same_bytes(tmp_path, monkeypatch, never_whole):
    from graph.stores import csv_stream

    store = tmp_path / "hostile.db"
    save_graph(hostile_graph(surrogates=False), store)
    expected = whole_graph_export(store, "csv", tmp_path / "whole")
    monkeypatch.setattr(csv_stream, "FILES_PER_PASS", 2)
    assert cli_export(store, "csv", tmp_path / "cli") == expected


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    """The samples and, when present, the dev documents, ingested."""
    store = tmp_path_factory.mktemp("samples") / "lineage.db"
    for folder in (CORPUS, DEV_DOCS):
        if folder.is_dir():
            result = CliRunner().invoke(app, ["ingest", str(folder), "--store", str(store)], env=ENV)
            assert result.exit_code in (0, 2), result.output
    return store


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_sample_store_exports_the_same_bytes(sample_store, tmp_path, fmt, never_whole):
    expected = whole_graph_export(sample_store, fmt, tmp_path / "whole")
    assert sum(map(len, expected.values())) > 100_000
    assert cli_export(sample_store, fmt, tmp_path / "cli") == expected


def test_json_to_stdout_is_the_file(sample_store, tmp_path, never_whole):
    expected = whole_graph_export(sample_store, "json", tmp_path / "whole.json")
    result = CliRunner().invoke(app, ["export", "-o", "-", "--store", str(sample_store)], env=ENV)
    assert result.exit_code == 0 and result.stdout_bytes == expected[""]


def test_an_empty_store_and_bare_relationships(tmp_path):
    for i, g in enumerate((nx.MultiDiGraph(), nx.MultiDiGraph([("a", "b")]))):
        store = tmp_path / f"{i}.db"
        save_graph(g, store)
        for fmt in ("json", "csv"):
            expected = whole_graph_export(store, fmt, tmp_path / f"whole{i}.{fmt}")
            with EmbeddedReader(store) as source:
                (path, *_) = export_store(source, fmt, tmp_path / f"s{i}.{fmt}")
            assert files(path.parent if fmt == "csv" else path) == expected


@pytest.mark.slow
def test_a_generated_national_store_exports_the_same_bytes(tmp_path):
    from benchmarks.national_corpus import generate

    store = tmp_path / "national.db"
    save_graph(build_graph(generate(5_000, seed=3)), store)
    for fmt in ("json", "csv"):
        expected = whole_graph_export(store, fmt, tmp_path / f"whole.{fmt}")
        with EmbeddedReader(store) as source:
            export_store(source, fmt, tmp_path / f"s.{fmt}")
        assert files(tmp_path / f"s.{fmt}") == expected, fmt


@pytest.mark.parametrize(("damage", "formats"), [
    ("UPDATE nodes SET props = '{not json' WHERE id = (SELECT max(id) FROM nodes)", ("json", "csv")),
    ("UPDATE edges SET target = 999999 WHERE seq = (SELECT max(seq) FROM edges)", ("json", "csv")),
    # CSV has no graph attributes: only JSON reads them
    ("INSERT INTO meta (name, value) VALUES ('broken', '{not json')", ("json",)),
], ids=["props", "dangling", "meta"])
def test_a_damaged_store_is_said_in_one_line_and_nothing_is_written(sample_store, tmp_path, damage, formats):
    store = tmp_path / "damaged.db"
    shutil.copyfile(sample_store, store)
    with sqlite3.connect(store) as conn:
        conn.execute(damage)
    conn.close()
    for fmt in formats:
        output = tmp_path / f"out.{fmt}"
        result = CliRunner().invoke(app, ["export", "-f", fmt, "-o", str(output), "--store", str(store)],
                                    env=ENV)
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert "store is damaged" in result.stderr and str(store) in result.stderr
        assert not [p for p in tmp_path.iterdir() if p.name.startswith((".out", "out"))], "nothing written"
