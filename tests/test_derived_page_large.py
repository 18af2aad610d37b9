"""``lineage derived … --html``: the page of a much-cited document, drawn without the whole answer.

On the SQLite store, an answer larger than the page (600 documents) is walked by row ids and cut to the
documents nearest the one asked about before any document is read whole or given a status
(:func:`graph.queries.derived_sql.derived_drawn`). The page must be byte for byte the page of the whole
answer (:func:`graph.queries.derived.derived`, drawn by :func:`graph.cli.backend_options.write_html`),
on the sample and dev documents ingested for real and on a generated national store.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from derived_stores import ENV, most_cited
from typer.testing import CliRunner

from graph.cli import app
from graph.cli.backend_options import write_html
from graph.queries import derived as derived_module
from graph.queries import status as status_module
from graph.queries.derived import derived, derived_drawn
from graph.queries.sqlite_backend import SQLiteBackend
from graph.queries.status import annotate
from visualizations.render import DEFAULT_MAX_NODES, render_subgraph


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={**ENV, "LINEAGE_LANG": "vi"})


def cited_at(store: Path, ranks: tuple[int, ...]) -> list[str]:
    """Documents from the most cited down (fewer direct citers: the cut goes further from the root)."""
    keys = most_cited(store, max(ranks) + 1)
    return [keys[r] for r in ranks]


def largest_province(store: Path) -> str:
    with sqlite3.connect(store) as conn:
        return conn.execute("SELECT province FROM nodes WHERE province IS NOT NULL GROUP BY province "
                            "ORDER BY count(*) DESC, province LIMIT 1").fetchone()[0]


def whole_page(store: Path, key: str, depth: int, province: str | None, path: Path,
               max_nodes: int = DEFAULT_MAX_NODES, as_of: dt.date | None = None) -> bytes:
    """The page as it was drawn: the whole answer, each document's status (on ``as_of``), then the cut."""
    backend = SQLiteBackend(store)
    try:
        result = derived(backend, key, depth, province, as_of)
        if max_nodes == DEFAULT_MAX_NODES:
            write_html(result, path, backend, as_of)
        else:
            render_subgraph(annotate(result.to_subgraph(), backend), path, max_nodes=max_nodes)
    finally:
        backend.close()
    return path.read_bytes()


@pytest.mark.parametrize("max_nodes", [2, 25, 120])
@pytest.mark.parametrize("depth", [1, 2, 6])
def test_the_cut_is_the_whole_answers_cut(samples_store, national_store_10k, tmp_path, depth, max_nodes):
    """The part drawn, read by ids, against the whole answer cut, with and without a province."""
    cases = [(samples_store, k, None) for k in most_cited(samples_store, 3)]
    cases += [(national_store_10k, k, p) for k in cited_at(national_store_10k, (0, 100, 399))
              for p in (None, largest_province(national_store_10k))]
    cut_somewhere, degrees = False, 0
    for store, key, province in cases:
        old = whole_page(store, key, depth, province, tmp_path / "old.html", max_nodes)
        backend = SQLiteBackend(store)
        try:
            part = derived_drawn(backend, key, depth, province, max_nodes=max_nodes)
        finally:
            backend.close()
        if part is None:  # the whole answer fits the page
            assert old.count(b'"key":') <= max_nodes
            continue
        cut_somewhere, degrees = True, max(degrees, part.degrees)
        assert len(part.subgraph.nodes) <= max_nodes
        render_subgraph(part.subgraph, tmp_path / "new.html", max_nodes=max_nodes, cut=part)
        assert (tmp_path / "new.html").read_bytes() == old, (key, depth, province, max_nodes)
    assert cut_somewhere
    assert degrees >= 1 or depth == 1 or max_nodes == 2  # not only the root and its nearest


@pytest.mark.parametrize(("depth", "options"), [
    (6, []), (1, []), (3, ["--as-of", "2015-01-01"]), (6, ["--province", "{province}"]),
    (2, ["--limit", "3"])])
def test_the_command_writes_the_whole_answers_page(national_store_10k, tmp_path, depth, options):
    """``derived --html`` on a national store: the page of the whole answer, byte for byte (statuses on
    --as-of, as the rows), and the same screen as without --html."""
    options = [o.format(province=largest_province(national_store_10k)) for o in options]
    province = options[1] if options[:1] == ["--province"] else None
    as_of = dt.date.fromisoformat(options[1]) if options[:1] == ["--as-of"] else None
    for key in cited_at(national_store_10k, (0, 20, 100)):
        old = whole_page(national_store_10k, key, depth, province, tmp_path / "old.html", as_of=as_of)
        args = ["derived", key, "--store", str(national_store_10k), "--depth", str(depth), *options]
        result = run(*args, "--html", str(tmp_path / "new.html"))
        assert result.exit_code == 0, result.output
        assert (tmp_path / "new.html").read_bytes() == old, (key, depth, options)
        assert result.stdout == run(*args).stdout
        assert f"{tmp_path / 'new.html'}" in result.stderr


def test_json_with_the_page_is_the_whole_answer(national_store_10k, tmp_path):
    key = most_cited(national_store_10k, 1)[0]
    args = ["derived", key, "--store", str(national_store_10k), "--json"]
    result = run(*args, "--html", str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.output
    assert result.stdout == run(*args).stdout
    old = whole_page(national_store_10k, key, 6, None, tmp_path / "old.html")
    assert (tmp_path / "page.html").read_bytes() == old


def test_the_samples_pages_are_todays(samples_store, tmp_path):
    """Small answers (drawn whole) through the command, as before."""
    for key in most_cited(samples_store, 4):
        result = run("derived", key, "--store", str(samples_store), "--html", str(tmp_path / "new.html"))
        assert result.exit_code == 0, result.output
        old = whole_page(samples_store, key, 6, None, tmp_path / "old.html")
        assert (tmp_path / "new.html").read_bytes() == old


def test_only_the_drawn_documents_get_a_status(national_store_10k, tmp_path, monkeypatch):
    """The whole answer is never made, and statuses are asked only of what is drawn (and of the rows the
    screen shows)."""
    asked: list[int] = []
    document_status = status_module.document_status

    def counted(backend, keys, *args, **kwargs):
        asked.append(len(keys))
        return document_status(backend, keys, *args, **kwargs)

    def whole(*args, **kwargs):
        raise AssertionError("the whole answer was made")

    monkeypatch.setattr(status_module, "document_status", counted)
    monkeypatch.setattr(derived_module, "document_status", counted)
    monkeypatch.setattr(derived_module, "lineage", whole)
    key = most_cited(national_store_10k, 1)[0]
    result = run("derived", key, "--store", str(national_store_10k), "--html", str(tmp_path / "page.html"))
    assert result.exit_code == 0, result.output
    assert "600" in result.stderr
    assert asked and max(asked) <= DEFAULT_MAX_NODES and sum(asked) <= DEFAULT_MAX_NODES + 50
