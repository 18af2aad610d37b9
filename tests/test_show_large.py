"""``lineage show`` of a document cited across a national store costs what the page draws.

The page keeps at most ``--max-nodes`` nodes (the nearest to the document): the documents it leaves
out are counted, never read whole nor given a status. The page is the one the whole neighbourhood
gives, cut by :func:`graph.queries.nearest.nearest_part` (the full-read path, kept as the reference).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.queries import status as status_module
from graph.queries.neighbourhood import neighbourhood
from graph.queries.neighbourhood_sql import shown_neighbourhood
from graph.queries.sqlite_backend import SQLiteBackend
from graph.queries.status import annotate
from graph.stores.sqlite_graph import StoreGraph
from visualizations.demo import ingest_sample
from visualizations.render import render_subgraph


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("samples") / "lineage.db"
    ingest_sample(path)
    return path


def _most_cited(store: Path, n: int) -> list[str]:
    """The ``n`` documents most relationships enter: the ones whose pages are cut."""
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
        return [k for (k,) in conn.execute(
            "SELECT n.key FROM nodes n JOIN edges e ON e.target = n.id WHERE n.label = 'Document' "
            "GROUP BY n.id ORDER BY count(*) DESC, n.key LIMIT ?", [n])]


def test_a_cut_page_gives_a_status_only_to_the_documents_it_draws(store, tmp_path, monkeypatch):
    asked: list[str] = []
    real = status_module.document_status

    def counted(backend, keys, *args, **kwargs):
        asked.extend(keys)
        return real(backend, keys, *args, **kwargs)

    monkeypatch.setattr(status_module, "document_status", counted)
    out = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["show", "2174/QĐ-UBND", "--max-nodes", "10", "--store", str(store),
                                      "--html", str(out), "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["nodes"] == 10 and info["omitted"] > 10  # the page is cut: more left out than drawn
    assert 0 < len(asked) <= info["nodes"]  # was one status per document of the neighbourhood


def _pages(store: Path, tmp_path: Path, key: str, **options) -> tuple[bytes, dict, bytes, dict]:
    """The page (bytes, info less the path) of the full-read path, then of the cut read in SQL."""
    max_nodes = options.pop("max_nodes")
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        backend = SQLiteBackend(conn)
        whole = annotate(neighbourhood(StoreGraph(conn), key, title="t", **options), backend)
        reference = render_subgraph(whole, tmp_path / "whole.html", max_nodes=max_nodes)
        cut = shown_neighbourhood(conn, key, title="t", max_nodes=max_nodes, **options)
        annotate(cut.subgraph, backend)
        shown = render_subgraph(cut.subgraph, tmp_path / "cut.html", max_nodes=max_nodes, cut=cut)
    finally:
        conn.close()
    return (Path(reference.path).read_bytes(), reference.model_dump(exclude={"path"}),
            Path(shown.path).read_bytes(), shown.model_dump(exclude={"path"}))


@pytest.mark.parametrize(("direction", "depth", "max_nodes", "targets", "as_of"), [
    ("both", 3, 10, False, "2026-01-01"),
    ("down", 3, 12, False, "2024-12-31"),
    ("up", 1, 10, True, "2026-01-01"),
    ("both", 2, 600, True, "2024-12-31"),  # not cut: the whole neighbourhood
])
def test_the_cut_page_is_the_page_of_the_whole_neighbourhood(store, tmp_path, direction, depth, max_nodes,
                                                             targets, as_of):
    cut_pages = 0
    for key in _most_cited(store, 8):
        whole, whole_info, cut, cut_info = _pages(store, tmp_path, key, depth=depth, direction=direction,
                                                  targets=targets, as_of=as_of, max_nodes=max_nodes)
        assert cut_info == whole_info, key
        assert cut == whole, key
        cut_pages += whole_info["omitted"] > 0
    assert cut_pages if max_nodes < 600 else not cut_pages  # the cut happens (or not) as meant
