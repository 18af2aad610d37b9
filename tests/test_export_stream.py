"""GraphML and GEXF are written one node or relationship at a time, byte for byte as networkx writes the
flat graph (``nx.write_graphml`` / ``nx.write_gexf`` of ``flat_graph``), from a graph in memory and
straight from the store file (``lineage export``), which is never loaded whole."""

from __future__ import annotations

import io
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.loaders.build import build_graph
from graph.stores.embedded import EmbeddedReader, load_graph, save_graph
from graph.stores.exports import export_graph, export_store, flat_graph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "graph" / "data" / "corpus"
ENV = {"COLUMNS": "200", "NEO4J_URI": "", "LINEAGE_STORE": "", "LINEAGE_LANG": "en"}
WRITERS = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}


def networkx_bytes(g: nx.MultiDiGraph, fmt: str) -> bytes:
    out = io.BytesIO()
    WRITERS[fmt](flat_graph(g), out, encoding="utf-8")
    return out.getvalue()


def cli_export(store: Path, fmt: str, output: Path) -> bytes:
    result = CliRunner().invoke(app, ["export", "-f", fmt, "-o", str(output), "--store", str(store)], env=ENV)
    assert result.exit_code == 0, result.output
    return output.read_bytes()


def hostile_graph(surrogates: bool = True) -> nx.MultiDiGraph:
    """Values the exports must carry: markup, quotes, line breaks, characters XML forbids, keys that
    differ only there, a lone surrogate, a megabyte of text, decomposed (non-NFC) Vietnamese, numbers of
    one attribute as int and float, infinities, None, lists, and the names GEXF gives a place of its own."""
    g = nx.MultiDiGraph()
    markup = 'Căn cứ <b>&amp;</b> "trích" \'dẫn\' ]]> \r\n\tdòng sau'
    decomposed = unicodedata.normalize("NFD", "Quyết định của Ủy ban nhân dân tỉnh Kiên Giang")
    keys = ["doc\x01a", "doc\x02a", "doc a", "doc\\x01a", "doc\\x01a#2", 'doc:<&>"\'',
            "doc:\ufffe\x0b", "doc:😀"]
    for i, key in enumerate(keys):
        g.add_node(key, key=key, labels=("Document", "LegalBasis") if i % 2 else ("Document",), line=i)
    g.nodes[keys[0]].update(title=markup, number="9988/QĐ-UBND", budget=5, flag=True, empty="", none=None,
                            items=["a", 1, None, {"k": "<v>"}], count=10**20, label="raw label")
    g.nodes[keys[1]].update(budget=2.5, text="chuyển đổi\x0bsố\x1a\x01 toàn diện", name=decomposed,
                            items=[], flag=False)
    g.nodes[keys[2]].update(budget=float("inf"), value=float("nan"), low=float("-inf"), zero=-0.0, count=-3)
    g.nodes[keys[3]].update(title="Kế hoạch số hoá " * 70_000)
    g.nodes[keys[4]].update(pid=7, start="2020-01-01", end="2021-12-31", parents="ab")
    g.nodes[keys[5]].update(id="own id <1>", budget=0)
    if surrogates:
        g.nodes[keys[6]].update(title="lạc \ud800 đơn", issuer="\udfff")
    del g.nodes[keys[7]]["labels"]
    for u, v, kind, data in [
        (keys[0], keys[1], "CĂN_CỨ", {"text": markup, "line": 3, "weight": 1.5, "tasks": ["x", "y"]}),
        (keys[0], keys[2], "CĂN_CỨ", {"text": decomposed, "weight": 2, "date_exact": True, "none": None}),
        (keys[0], keys[1], 'T<&>"', {"id": "1", "label": "nhãn", "start": 2020}),
        (keys[5], keys[0], "SUPERSEDES", {"end": 2.5, "source": "a\x0bb.txt"}),
        (keys[3], keys[3], "CHỦ_TRÌ", {}),
        (keys[6], keys[7], "PHỐI_HỢP", {"text": "\ud800" if surrogates else "x", "line": 1}),
    ]:
        g.add_edge(u, v, key=kind, **({"type": kind} if kind != "CHỦ_TRÌ" else {}), **data)
    return g


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_hostile_values_are_written_as_networkx_writes_them(tmp_path, fmt):
    g = hostile_graph()
    (path,) = export_graph(g, fmt, tmp_path / f"g.{fmt}")
    written = path.read_bytes()
    assert written == networkx_bytes(g, fmt)
    assert b"&#55296;" in written, "a lone surrogate as a character reference, as ElementTree writes it"
    assert "Kế hoạch số hoá ".encode() * 1000 in written
    assert unicodedata.normalize("NFD", "Quyết định").encode() in written, "text is kept as it is"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_a_hostile_store_exports_as_networkx_writes_it_without_loading_the_graph(tmp_path, fmt, monkeypatch):
    store = tmp_path / "hostile.db"
    save_graph(hostile_graph(surrogates=False), store)
    expected = networkx_bytes(load_graph(store), fmt)

    def whole_graph(*args, **kwargs):
        raise AssertionError("the store was loaded whole")

    monkeypatch.setattr(EmbeddedReader, "read_graph", whole_graph)
    assert cli_export(store, fmt, tmp_path / f"cli.{fmt}") == expected
    tags = [element.tag.rsplit("}", 1)[-1] for element in ET.parse(tmp_path / f"cli.{fmt}").iter()]
    assert tags.count("node") == 8 and tags.count("edge") == 6


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("samples") / "lineage.db"
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--store", str(store)], env=ENV)
    assert result.exit_code == 0, result.output
    return store


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_sample_store_exports_as_networkx_writes_it(sample_store, tmp_path, fmt):
    g = load_graph(sample_store)
    assert g.number_of_nodes() > 100 and g.number_of_edges() > 100
    expected = networkx_bytes(g, fmt)
    assert cli_export(sample_store, fmt, tmp_path / f"cli.{fmt}") == expected
    (path,) = export_graph(g, fmt, tmp_path / f"g.{fmt}")
    assert path.read_bytes() == expected


@pytest.mark.slow
def test_a_generated_national_store_exports_as_networkx_writes_it(tmp_path):
    from benchmarks.national_corpus import generate

    store = tmp_path / "national.db"
    save_graph(build_graph(generate(5_000, seed=3)), store)
    g = load_graph(store)
    assert g.number_of_edges() > 50_000
    for fmt in ("graphml", "gexf"):
        expected = networkx_bytes(g, fmt)
        with EmbeddedReader(store) as source:
            (path,) = export_store(source, fmt, tmp_path / f"s.{fmt}")
        assert path.read_bytes() == expected, fmt


def test_an_empty_graph_and_bare_relationships(tmp_path):
    for g in (nx.MultiDiGraph(), nx.MultiDiGraph([("a", "b")])):
        for fmt in ("graphml", "gexf"):
            (path,) = export_graph(g, fmt, tmp_path / f"g.{fmt}")
            assert path.read_bytes() == networkx_bytes(g, fmt)


def test_a_value_graphml_cannot_type_is_refused_before_anything_is_written(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("doc:1", labels=("Document",), scope={"tỉnh": "Kiên Giang"})
    with pytest.raises(nx.NetworkXError, match="does not support"):
        networkx_bytes(g, "graphml")
    out = tmp_path / "g.graphml"
    out.write_bytes(b"earlier")
    with pytest.raises(nx.NetworkXError, match="does not support"):
        export_graph(g, "graphml", out)
    assert out.read_bytes() == b"earlier"
    (path,) = export_graph(g, "gexf", tmp_path / "g.gexf")  # GEXF writes it as text, as networkx does
    assert path.read_bytes() == networkx_bytes(g, "gexf")


@pytest.mark.parametrize("damage", [
    "UPDATE nodes SET props = '{not json' WHERE id = (SELECT max(id) FROM nodes)",
    "UPDATE edges SET target = 999999 WHERE seq = (SELECT max(seq) FROM edges)",
], ids=["props", "dangling"])
def test_a_damaged_store_is_said_in_one_line_and_nothing_is_written(sample_store, tmp_path, damage):
    import shutil
    import sqlite3

    store = tmp_path / "damaged.db"
    shutil.copyfile(sample_store, store)
    with sqlite3.connect(store) as conn:
        conn.execute(damage)
    conn.close()
    for fmt in ("graphml", "gexf"):
        output = tmp_path / f"out.{fmt}"
        result = CliRunner().invoke(app, ["export", "-f", fmt, "-o", str(output), "--store", str(store)],
                                    env=ENV)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "store is damaged" in result.stderr and str(store) in result.stderr
        assert not [p for p in tmp_path.iterdir() if p.name.startswith((".out", "out"))], "nothing written"
