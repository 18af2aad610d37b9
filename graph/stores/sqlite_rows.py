"""Graph <-> rows of the SQLite store: a node's or a relationship's attributes as the columns and JSON
``props`` of ``sqlite_schema.sql``, and back in the conventions of :mod:`graph.lineage_graph`.

Every attribute is in ``props`` (``labels`` as a JSON array, a tuple again when read); the other columns
repeat what questions filter on. Reading the whole store (:func:`read_graph`) gives the graph the
store was written from: same nodes in the same order, same attributes, same relationships in the
order they were made (``edges.seq``).
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from typing import Any

from graph.lineage_graph import Graph, new_graph
from graph.loaders import documents
from graph.loaders.retract import primary_label
from graph.text import fold_memo as fold  # numbers recur (a law cited by a thousand files)
from graph.vocabulary import DOCUMENT

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def dumps(value: Any) -> str:
    """Compact JSON (UTF-8 text as it is); a value JSON cannot hold is a StoreError-worthy TypeError."""
    return _dumps(value)


def key_stem(key: str) -> str:
    """``nodes.stem``: the key less its year, folded, as the loaders index numbered documents."""
    return documents._stem(key)  # the loaders' own (graph.loaders.documents), so that both agree


def node_columns(key: str, data: dict[str, Any]) -> tuple[Any, ...]:
    """(key, label, labels, number, number_folded, province, source, props, stem) of a node."""
    label, labels_json = _label_columns(tuple(data.get("labels", ())))
    number = data.get("number") or None
    province = data.get("province")
    source = data.get("source")
    return (key, label, labels_json, number if isinstance(number, str) else None,
            fold(number) if isinstance(number, str) else None,
            province if isinstance(province, str) else None,
            source if isinstance(source, str) else None, dumps(data),
            key_stem(key) if data.get("number") else None)


@lru_cache(maxsize=256)
def _label_columns(labels: tuple[str, ...]) -> tuple[str, str]:
    """(label, labels) of a node's labels: a few combinations, shared by thousands of nodes."""
    return primary_label(labels), dumps(list(labels))


def is_document(data: dict[str, Any]) -> bool:
    """Is the node a document (a row of ``doc_search``)?"""
    return DOCUMENT in data.get("labels", ())


def edge_columns(data: dict[str, Any]) -> tuple[Any, Any, str]:
    """(file, line, props) of a relationship."""
    file, line = data.get("source"), data.get("line")
    return (file if isinstance(file, str) else None,
            line if isinstance(line, int) and not isinstance(line, bool) else None, dumps(data))


class NodeReader:
    """props JSON -> a node's attribute dict, with one shared ``labels`` tuple per combination."""

    def __init__(self) -> None:
        self._labels: dict[tuple[str, ...], tuple[str, ...]] = {}

    def __call__(self, props: str) -> dict[str, Any]:
        data = json.loads(props)
        labels = data.get("labels")
        if isinstance(labels, list):
            t = tuple(labels)
            data["labels"] = self._labels.setdefault(t, t)
        return data


def meta(conn: sqlite3.Connection) -> dict[str, Any]:
    """The graph's attributes (table ``meta``)."""
    return {name: json.loads(value) for name, value in conn.execute("SELECT name, value FROM meta")}


def read_graph(conn: sqlite3.Connection) -> Graph:
    """The whole stored graph, as an ordinary (writable) networkx graph."""
    g = new_graph()
    g.graph.update(meta(conn))
    read = NodeReader()
    nodes: dict[str, dict[str, Any]] = {}
    keys: dict[int, str] = {}
    for i, key, props in conn.execute("SELECT id, key, props FROM nodes ORDER BY id"):
        nodes[key] = read(props)
        keys[i] = key
    succ: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in nodes}
    pred: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in nodes}
    loads = json.loads
    for s, t, v, props in conn.execute("SELECT source, type, target, props FROM edges ORDER BY seq"):
        u, w = keys[s], keys[v]
        kd = succ[u].get(w)
        if kd is None:
            kd = succ[u][w] = {}
            pred[w][u] = kd
        kd[t] = loads(props)
    g._node, g._succ, g._pred = nodes, succ, pred
    g._adj = succ
    return g


def write_meta(conn: sqlite3.Connection, attrs: dict[str, Any]) -> None:
    """Replace the graph's attributes."""
    conn.execute("DELETE FROM meta")
    conn.executemany("INSERT INTO meta (name, value) VALUES (?, ?)",
                     ((str(k), dumps(v)) for k, v in attrs.items()))
