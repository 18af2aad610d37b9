"""Writing graphs into the SQLite store, in the caller's transaction.

- :func:`write_diff`: what a :class:`~graph.stores.sqlite_graph.StoreGraph` changed (``ingest``,
  ``remove``): removed rows deleted, changed rows updated, new rows inserted -- the rest untouched.
- :func:`write_graph`: a whole graph into an empty store (``migrate``, the demo, tests).

Nodes keep their row id (the graph's order); relationships get ``seq`` in the order they were made.
``doc_search`` follows the document nodes (their folded search text, :func:`graph.text.search_text`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from graph.lineage_graph import Graph
from graph.stores.sqlite_mappings import Neighbours
from graph.stores.sqlite_rows import dumps, edge_columns, is_document, node_columns, write_meta
from graph.text import search_text

if TYPE_CHECKING:
    from graph.stores.sqlite_graph import StoreGraph

_INSERT_NODE = ("INSERT INTO nodes (id, key, label, labels, number, number_folded, province, source, "
                "props, stem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_UPDATE_NODE = ("UPDATE nodes SET key = ?, label = ?, labels = ?, number = ?, number_folded = ?, "
                "province = ?, source = ?, props = ?, stem = ? WHERE id = ?")
_INSERT_EDGE = ("INSERT OR REPLACE INTO edges (source, type, target, file, line, props, seq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)")
_UPDATE_EDGE = "UPDATE edges SET file = ?, line = ?, props = ? WHERE source = ? AND type = ? AND target = ?"
_DELETE_EDGE = "DELETE FROM edges WHERE source = ? AND type = ? AND target = ?"
_INSERT_SEARCH = "INSERT INTO doc_search (rowid, folded) VALUES (?, ?)"


def _next(conn: sqlite3.Connection, column: str, table: str) -> int:
    return conn.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchone()[0]


def write_graph(conn: sqlite3.Connection, g: Graph) -> None:
    """Insert the whole of ``g`` (the store's tables must be empty)."""
    write_meta(conn, g.graph)
    ids: dict[Any, int] = {}
    first = _next(conn, "id", "nodes")

    def node_rows() -> Iterator[tuple[Any, ...]]:
        for i, (key, d) in enumerate(g.nodes(data=True), start=first):
            ids[key] = i
            yield (i, *node_columns(key, d))

    conn.executemany(_INSERT_NODE, node_rows())
    conn.executemany(_INSERT_SEARCH, ((ids[k], search_text(d)) for k, d in g.nodes(data=True)
                                      if is_document(d)))
    pairs = [(u, v, kd) for u, nbrs in g._succ.items() for v, kd in nbrs.items()]
    rows = ((ids[u], t, ids[v], *edge_columns(d)) for i in made_order(g, pairs)
            for u, v, kd in (pairs[i],) for t, d in kd.items())
    conn.executemany(_INSERT_EDGE, ((*row, seq) for seq, row in enumerate(rows, start=1)))


def made_order(g: Graph, pairs: list[tuple[Any, Any, Any]]) -> list[int]:
    """An order of the related pairs (``pairs``: in successor order) that keeps both every node's
    successors and its predecessors in the graph's order: an order they could have been made in, so
    that the graph read back iterates as ``g`` does."""
    index = {(u, v): i for i, (u, v, _) in enumerate(pairs)}
    after: list[list[int]] = [[] for _ in pairs]
    waiting = [0] * len(pairs)
    for i in range(1, len(pairs)):
        if pairs[i][0] == pairs[i - 1][0]:  # the next successor of the same node
            after[i - 1].append(i)
            waiting[i] += 1
    for v, nbrs in g._pred.items():
        previous = None
        for u in nbrs:
            i = index[(u, v)]
            if previous is not None:
                after[previous].append(i)
                waiting[i] += 1
            previous = i
    order = [i for i in range(len(pairs)) if not waiting[i]]
    for i in order:  # grows while it is read (Kahn's algorithm)
        for j in after[i]:
            waiting[j] -= 1
            if not waiting[j]:
                order.append(j)
    if len(order) < len(pairs):  # no such order (cannot come from insertions): successor order
        done = set(order)
        order += [i for i in range(len(pairs)) if i not in done]
    return order


def _materialised(adj: Any) -> Any:
    """The (neighbour, keydict) pairs of an adjacency that were read or added (not the rest)."""
    return adj.have.items() if isinstance(adj, Neighbours) else adj.items()


def _pair_now(adj: Any, other: str) -> Any:
    """The keydict of a pair as one end knows it: the dict, None (removed), True (not known there)."""
    if isinstance(adj, Neighbours):
        return adj.now(other)
    return True if adj is None else adj.get(other)


def write_diff(g: StoreGraph) -> tuple[int, int]:
    """Write what ``g`` changed since it was read (see the module docstring); returns the number of
    relationships added and removed."""
    s = g._state
    conn = s.conn
    nodes, succ, pred = g._node, g._succ, g._pred
    removed = 0
    # relationships read and now gone (a removed node's go with it below)
    for (u, v, t) in s.orig_edges:
        if u in s.deleted or v in s.deleted:
            continue
        kd = _pair_now(succ.cache.get(u), v)
        if kd is True:
            kd = _pair_now(pred.cache.get(v), u)
        if kd is not True and (kd is None or t not in kd):
            removed += conn.execute(_DELETE_EDGE, (s.ids[u], t, s.ids[v])).rowcount
    for key in s.deleted:
        i = s.ids[key]
        removed += conn.execute("DELETE FROM edges WHERE source = ?", (i,)).rowcount
        removed += conn.execute("DELETE FROM edges WHERE target = ?", (i,)).rowcount
        conn.execute("DELETE FROM doc_search WHERE rowid = ?", (i,))
        conn.execute("DELETE FROM nodes WHERE id = ?", (i,))
    # nodes read and changed
    for key, before in s.orig_nodes.items():
        if key in s.deleted:
            continue
        d = nodes.cache[key]
        cols = node_columns(key, d)
        if cols[7] != before:
            i = s.ids[key]
            conn.execute(_UPDATE_NODE, (*cols, i))
            conn.execute("DELETE FROM doc_search WHERE rowid = ?", (i,))
            if is_document(d):
                conn.execute(_INSERT_SEARCH, (i, search_text(d)))
    # new nodes, in the order they were made
    first = _next(conn, "id", "nodes")
    new_ids = {key: i for i, key in enumerate(s.new, start=first)}
    conn.executemany(_INSERT_NODE, ((new_ids[k], *node_columns(k, nodes.cache[k])) for k in s.new))
    conn.executemany(_INSERT_SEARCH, ((new_ids[k], search_text(nodes.cache[k])) for k in s.new
                                      if is_document(nodes.cache[k])))

    def node_id(key: str) -> int:
        i = new_ids.get(key)
        return s.ids[key] if i is None else i

    # relationships: changed ones updated in place, new ones (or made again) inserted in order made
    made: list[tuple[int, str, str, str, dict[str, Any]]] = []
    replaced = 0  # made again: the row is replaced, not added
    seen: set[tuple[str, str]] = set()
    for u, adj in succ.cache.items():
        for v, kd in _materialised(adj):
            seen.add((u, v))
            for t, d in kd.items():
                when = s.made.get(id(d))
                before = s.orig_edges.get((u, v, t))
                if before is None or when is not None or u in new_ids or v in new_ids:
                    made.append(((1 << 62) + len(made) if when is None else when, u, t, v, d))
                    replaced += before is not None and u not in new_ids and v not in new_ids
                elif dumps(d) != before:
                    conn.execute(_UPDATE_EDGE, (*edge_columns(d), s.ids[u], t, s.ids[v]))
    for v, adj in pred.cache.items():  # changed through a predecessor's view only
        for u, kd in _materialised(adj):
            if (u, v) in seen or u in new_ids or v in new_ids:
                continue
            for t, d in kd.items():
                before = s.orig_edges.get((u, v, t))
                if before is not None and dumps(d) != before:
                    conn.execute(_UPDATE_EDGE, (*edge_columns(d), s.ids[u], t, s.ids[v]))
    made.sort(key=lambda m: m[0])
    seq = _next(conn, "seq", "edges")
    conn.executemany(_INSERT_EDGE, ((node_id(u), t, node_id(v), *edge_columns(d), seq + n)
                                    for n, (_, u, t, v, d) in enumerate(made)))
    if dumps(g.graph) != g._meta:
        write_meta(conn, g.graph)
    return len(made) - replaced, removed
