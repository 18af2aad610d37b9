"""The JSON node-link export written one node or relationship at a time, byte for byte what
``json.JSONEncoder(ensure_ascii=False, indent=1)`` writes of :func:`graph.stores.exports.node_link`
-- without the whole graph and its node-link copy in memory.

The encoder's indentation is reproduced by encoding each node and relationship alone and indenting
its lines two levels deeper (its text holds no line break of its own: JSON escapes them in strings).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import IO, Any

from graph.errors import StoreError
from graph.i18n import _
from graph.stores.flat_rows import Rows

_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=1)


def _at(value: Any, depth: int) -> str:
    """``value`` as the encoder writes it ``depth`` levels deep."""
    return _ENCODER.encode(value).replace("\n", "\n" + " " * depth)


def _node(key: Any, data: dict[str, Any]) -> dict[str, Any]:
    """A node as :func:`graph.stores.exports.node_link` holds it."""
    return {"id": key, **{k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}}


def _link(source: Any, target: Any, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """A relationship as :func:`graph.stores.exports.node_link` holds it."""
    return {"source": source, "target": target, "type": kind,
            "properties": {a: b for a, b in data.items() if a != "type"}}


def _write_list(out: IO[str], items: Iterable[dict[str, Any]]) -> None:
    """A list one level deep (inside the top object), one item at a time."""
    opened = False
    for item in items:
        out.write(("," if opened else "[") + "\n  " + _at(item, 2))
        opened = True
    out.write("\n ]" if opened else "[]")


def write_json(rows: Rows, graph: dict[str, Any], out: IO[str]) -> None:
    """Write the node-link JSON of ``rows`` (``graph``: the graph's attributes) into the text ``out``."""
    out.write('{\n "directed": true,\n "multigraph": true,\n "graph": ' + _at(graph, 1) + ',\n "nodes": ')
    _write_list(out, (_node(n, d) for n, d in rows.nodes()))
    out.write(',\n "links": ')
    _write_list(out, (_link(u, v, k, d) for u, v, k, d in rows.edges()))
    out.write("\n}")


def store_meta(conn: sqlite3.Connection, store: str) -> dict[str, Any]:
    """The graph's attributes as loading the store gives them (a damaged table said as loading says it)."""
    from graph.stores.sqlite_rows import meta

    try:
        return meta(conn)
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise StoreError(_("{store}: store is damaged ({why})").format(
            store=store, why=f"{type(exc).__name__}: {exc}"), hint=_("ingest again to rebuild it")) from None
