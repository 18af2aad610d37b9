"""Exports: JSON node-link, GraphML and GEXF (what Gephi reads), CSV for neo4j-admin import."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from g1_samples import gold

from graph.loaders.build import build_graph
from graph.stores.exports import export_graph


@pytest.fixture(scope="module")
def g():
    return build_graph([gold(s) for s in ("000", "001", "002", "003", "004")])


def test_json_node_link_keeps_everything(g, tmp_path):
    (path,) = export_graph(g, "json", tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == g.number_of_nodes()
    assert len(data["links"]) == g.number_of_edges()
    node = next(n for n in data["nodes"] if n["id"] == "VN:67/2006/QH11")
    assert node["labels"] == ["Document", "LegalBasis"]
    link = next(e for e in data["links"] if e["target"] == "VN:67/2006/QH11" and e["type"] == "CĂN_CỨ")
    assert link["source"].startswith(("Kiên Giang:", "Tiền Giang:"))
    assert link["properties"]["source"].endswith(".txt")
    assert "Luật Công nghệ thông tin" in link["properties"]["text"]


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_with_flat_values(g, tmp_path, fmt, reader):
    (path,) = export_graph(g, fmt, tmp_path / f"g.{fmt}")
    ET.parse(path)  # well-formed XML
    h = reader(path)
    assert h.number_of_nodes() == g.number_of_nodes()
    assert h.number_of_edges() == g.number_of_edges()
    if fmt == "graphml":
        node = h.nodes["TW:36-NQ/TW:2014"]
        assert node["labels"] == "Document"
        assert node["cited_as"].startswith("date=2014-07-07")
        assert node["label"] == "36-NQ/TW"


def test_csv_for_neo4j_admin_import(g, tmp_path):
    files = export_graph(g, "csv", tmp_path / "csv")
    names = {p.name for p in files}
    assert {"nodes_Document.csv", "nodes_Agency.csv", "nodes_Project.csv", "nodes_Target.csv"} <= names
    assert "relationships_CĂN_CỨ.csv" in names
    ids: set[str] = set()
    for path in files:
        if path.name.startswith("nodes_"):
            with path.open(encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            assert rows[0][:2] == ["key:ID", ":LABEL"]
            ids.update(r[0] for r in rows[1:])
            if path.name == "nodes_Project.csv":
                header = rows[0]
                assert "budget_dong:float" in header
                col = header.index("budget_dong:float")
                assert all(not r[col] or float(r[col]) >= 0 for r in rows[1:])
    assert len(ids) == g.number_of_nodes()
    rel_total = 0
    for path in files:
        if path.name.startswith("relationships_"):
            with path.open(encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            assert rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
            for r in rows[1:]:
                assert r[0] in ids and r[1] in ids
                assert "\n" not in "".join(r)
            rel_total += len(rows) - 1
    assert rel_total == g.number_of_edges()
    command = (tmp_path / "csv" / "neo4j-admin-import.txt").read_text(encoding="utf-8")
    assert "--nodes=nodes_Document.csv" in command and "--array-delimiter" in command


def test_unwritable_output_is_one_clear_error(g, tmp_path):
    from graph.errors import LineageError

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(LineageError, match="cannot write the export"):
        export_graph(g, "csv", blocker / "csv")
