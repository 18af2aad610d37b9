"""The first ingest's shortcuts give what the plain code gives, on the sample corpus.

- a node the loaders know to be new is added without looking it up (``merge_node(new=True)``);
- the name abbreviations are compiled once (``keys.canonical_name``);
- the writer's label columns are made once per combination of labels (``sqlite_rows.node_columns``);
- pure functions of reference data are memoised (``fold_key``, ``_stem``, ``graph_province``,
  ``province_change``, ``current_province``, the province patterns of ``_strip_province``);
- a relationship is looked up once (``edge_data``), not by ``has_edge`` then ``edges[...]``.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from query_samples import CORPUS, corpus_graph

from graph import lineage_graph, text
from graph.ingest import ingest
from graph.lineage_graph import edge_data, merge_node
from graph.loaders import bases, context, documents, keys, succession
from graph.loaders.retract import primary_label
from graph.stores import sqlite_rows

SAMPLES = sorted(CORPUS.glob("*.txt"))


def _words(g) -> set[str]:
    """Names, titles, issuers and citing words of the sample graph: real text to compare on."""
    found = {v for _, d in g.nodes(data=True) for k in ("name", "title", "issuer")
             if isinstance(v := d.get(k), str)}
    found |= {d["text"] for _, _, d in g.edges(data=True) if isinstance(d.get("text"), str)}
    return found


def _plain_canonical_name(name: str) -> str:
    """``canonical_name`` as it was: each abbreviation's pattern made at each call."""
    t = keys._DATE_TAIL.sub("", keys.normalize_text(name)).strip(" .;,:")
    for short, full in keys.rules()["name_words"].items():
        t = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", full, t)
    return t[:1].upper() + t[1:]


def test_canonical_name_as_plain_on_the_samples():
    words = _words(corpus_graph())
    assert len(words) > 100
    changed = 0
    for w in words:
        fast = keys.canonical_name.__wrapped__(w)
        assert fast == _plain_canonical_name(w), w
        changed += fast != keys.normalize_text(w)
    assert changed  # the abbreviations do something on real text


def test_memoised_functions_as_plain_on_the_samples():
    g = corpus_graph()
    for key in g:
        assert keys.fold_key(key) == keys.fold_key.__wrapped__(key)
        assert documents._stem(key) == documents._stem.__wrapped__(key)
    names = {d["province"] for _, d in g.nodes(data=True) if isinstance(d.get("province"), str)}
    names |= {w for w in _words(g) if len(w) < 60}
    assert len(names) > 20
    for name in names:
        assert succession.graph_province(name) == succession.graph_province.__wrapped__(name)
        assert succession.province_change(name) == succession.province_change.__wrapped__(name)
        assert succession.current_province(name) == succession.current_province.__wrapped__(name)
        assert text.fold_memo(name) == text.fold(name)


def test_node_columns_as_plain_on_the_samples():
    g = corpus_graph()
    for key, d in g.nodes(data=True):
        labels = list(d.get("labels", ()))
        cols = sqlite_rows.node_columns(key, d)
        assert cols[1:3] == (primary_label(labels), sqlite_rows.dumps(labels))
        number = d.get("number") or None
        assert cols[4] == (text.fold(number) if isinstance(number, str) else None)
    # labels given as a list (a graph made by hand) give the same columns
    key, d = next(iter(g.nodes(data=True)))
    as_list = {**d, "labels": list(d["labels"])}
    assert sqlite_rows.node_columns(key, as_list) == sqlite_rows.node_columns(key, d)


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def test_store_as_with_every_node_looked_up(tmp_path, monkeypatch):
    """The first ingest of the samples into a new store: the same rows as when every node is looked up
    before it is made (the loaders' ``new`` ignored) and relationships through ``has_edge``."""
    fast = tmp_path / "fast.db"
    ingest(SAMPLES, fast, workers=1)
    calls = []

    def plain(g, key, labels, *, new=False, **props):
        calls.append(new)
        merge_node(g, key, labels, **props)

    def plain_edge(g, u, v, t):
        return g.edges[u, v, t] if g.has_edge(u, v, key=t) else None

    monkeypatch.setattr(context, "merge_node", plain)
    monkeypatch.setattr(lineage_graph, "edge_data", plain_edge)
    monkeypatch.setattr(bases, "edge_data", plain_edge)
    slow = tmp_path / "slow.db"
    ingest(SAMPLES, slow, workers=1)
    assert any(calls) and not all(calls)  # both kinds of call were made
    rows = _dump(fast)
    assert sum(r.startswith('INSERT INTO "edges"') or r.startswith("INSERT INTO edges") for r in rows) > 50
    assert rows == _dump(slow)


@pytest.mark.parametrize("present", [True, False])
def test_known_tells_whether_the_node_exists(present):
    g = corpus_graph()
    cited = [k for k, d in g.nodes(data=True) if d.get("number") and not d.get("source")]
    assert cited
    for key in cited:
        asked = key if present else key + ":1899"
        found, exists = documents._known(g, asked)
        assert exists == (found in g)
        assert found == documents.known_key(g, asked)


def test_province_stripped_as_plain_on_the_samples():
    g = corpus_graph()
    agencies = [(d["name"], d["province"]) for _, d in g.nodes(data=True)
                if "Agency" in d.get("labels", ()) and d.get("name") and d.get("province")]
    prefixes = "|".join(re.escape(p) for p in keys.rules()["province_prefixes"])
    stripped = 0
    for name, province in agencies:
        name = keys.canonical_name(name)
        plain = re.sub(rf"\s*(?:(?:{prefixes})\s+)?{re.escape(province)}\s*$", "", name, flags=re.IGNORECASE)
        assert keys._province_tail(province).sub("", name) == plain, name
        stripped += plain != name
    assert stripped  # real names do end with their province


def test_edge_data_as_has_edge_on_the_samples():
    g = corpus_graph()
    edges = list(g.edges(keys=True))
    assert len(edges) > 100
    nodes = list(g)
    for u, v, t in edges:
        assert edge_data(g, u, v, t) is g.edges[u, v, t]
        for other in (t + "?", "DẪN_CHIẾU"):
            assert (edge_data(g, u, v, other) is None) == (not g.has_edge(u, v, key=other))
        assert edge_data(g, v, u, t) is None or g.has_edge(v, u, key=t)
    assert edge_data(g, nodes[0], "không có", "CĂN_CỨ") is None
    assert edge_data(g, "không có", nodes[0], "CĂN_CỨ") is None
