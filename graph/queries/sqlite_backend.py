"""The SQLite backend: the questions' rows read by SQL from the embedded store file, never loading the graph.

Lineage is a recursive CTE bounded by depth, look-ups go through the indexes of
``graph/stores/sqlite_schema.sql``, words through its FTS5 table ``doc_search`` and numbers typed
without diacritics through ``nodes.number_folded``. Rows are the ones :mod:`.embedded_backend`
gives for the same graph (relationships in a set order: layer, then store order).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from graph.queries.backend import (
    AGENCY_TYPES,
    LINEAGE_TYPES,
    STATUS_TYPES,
    SUCCESSION_DEPTH,
    Backend,
    Direction,
    Edge,
    Node,
    Rows,
    check_depth,
)
from graph.queries.shortest_path import NeighbourCache, canonical_path
from graph.vocabulary import AGENCY, DE_RA, DOCUMENT, DOCUMENT_RELATIONS, GOM, KE_THUA, TARGET

CACHE_KIB = 16384  # page cache of a store opened here (KiB)
SMALL_SETS = 200  # _between reads what leaves both sets when they hold no more nodes together
_EACH = "(SELECT value FROM json_each(?))"
CHUNK = 500  # keys per statement (far below SQLite's limit on parameters)
# "+x.label": a label is checked on rows found by key or id, never used to find them (the planner,
# without statistics, would otherwise walk every document of the label index).
_NODE = "{0}.key, {0}.labels, {0}.props"


_scan = json.JSONDecoder().scan_once  # the C scanner json.loads ends in, without its wrappers
_LABELS: dict[str, tuple[str, ...]] = {}  # labels JSON -> tuple (a handful of combinations)


def loads(text: str) -> Any:
    """``json.loads(text)`` for the store's compact JSON, a third faster on the small objects of
    ``props`` (anything else, and every error, goes to ``json.loads``)."""
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def _labels(text: str) -> tuple[str, ...]:
    labels = _LABELS.get(text)
    if labels is None:
        labels = tuple(loads(text))
        if len(_LABELS) < 256:
            _LABELS[text] = labels
    return labels


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _phrase(word: str) -> str:
    """The word as an FTS5 string (quoted: never read as query syntax)."""
    return '"' + word.replace('"', '""') + '"'


def _reach_sql(direction: Direction) -> str:
    """Documents within ``?`` hops of the key along lineage relationships, then each lineage
    relationship leaving (out) or entering (in) them from or to a document, as (depth, near id, far id,
    type, props, far key, far labels, far props), in no order (:meth:`SQLiteBackend.reach` sorts).

    Out, the relationships of a node are read as one range of the primary key (source, type, target)
    (``+e.type``: cheaper than a look-up per type); in, by one look-up per type in ``edges_in``, since
    a much-cited document has many relationships of other types entering it."""
    near, far = ("source", "target") if direction == "out" else ("target", "source")
    types = _marks(len(LINEAGE_TYPES))
    typed = f"{'+' if direction == 'out' else ''}e.type IN ({types})"
    return f"""
WITH RECURSIVE r(id, d) AS (
    SELECT id, 0 FROM nodes WHERE key = ?
    UNION
    SELECT e.{far}, r.d + 1 FROM r
    JOIN edges e ON e.{near} = r.id AND {typed}
    JOIN nodes n ON n.id = e.{far} AND +n.label = '{DOCUMENT}'
    WHERE r.d < ?
), u AS (SELECT id, min(d) AS d FROM r GROUP BY id)
SELECT u.d, u.id, b.id, e.type, e.props, {_NODE.format('b')}
FROM u JOIN edges e ON e.{near} = u.id AND {typed}
JOIN nodes b ON b.id = e.{far} AND +b.label = '{DOCUMENT}'"""


_REACH = {"out": _reach_sql("out"), "in": _reach_sql("in")}

_SUCCESSIONS = f"""
WITH RECURSIVE r(id, d) AS (
    SELECT id, 0 FROM nodes WHERE key IN (SELECT value FROM json_each(?))
    UNION
    SELECT e.target, r.d + 1 FROM r JOIN edges e ON e.source = r.id AND e.type = ? WHERE r.d < ?
), u AS (SELECT id, min(d) AS d FROM r GROUP BY id)
SELECT a.key, e.props, {_NODE.format('b')}
FROM u JOIN edges e ON e.source = u.id AND e.type = ?
JOIN nodes b ON b.id = e.target JOIN nodes a ON a.id = u.id
ORDER BY u.d, u.id, b.id"""


class SQLiteBackend(Backend):
    """Answers by SQL from the embedded store (``graph/stores/sqlite_schema.sql``)."""

    name = "sqlite"

    def __init__(self, store: sqlite3.Connection | str | os.PathLike[str]) -> None:
        """``store``: an open connection, or the store file (opened read only)."""
        if isinstance(store, sqlite3.Connection):
            self.db, self._owned = store, False
        else:
            from graph.stores.sqlite_store import open_readonly

            self.db, self._owned = open_readonly(store), True
            # a question reads the same pages several times (the lineage, then the statuses of all it
            # found): 16 MB of page cache instead of SQLite's 2 MB keeps them (bases ~1 ms faster)
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    # --- rows ---------------------------------------------------------------------------------------

    @staticmethod
    def _node(key: str, labels: str, props: str) -> Node:
        data = loads(props)
        data.pop("labels", None)
        data.setdefault("key", key)
        return Node(key, _labels(labels), data)

    def _add(self, nodes: dict[str, Node], key: str, labels: str, props: str) -> Node:
        """The node of the answer being built, read from its row the first time only."""
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = self._node(key, labels, props)
        return node

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        return self.db.execute(sql, tuple(params)).fetchall()

    def _nodes_where(self, where: str, params: Iterable[Any] = ()) -> list[Node]:
        rows = self._query(f"SELECT {_NODE.format('n')} FROM nodes n WHERE {where} ORDER BY n.id", params)
        return [self._node(*r) for r in rows]

    def _documents_in(self, column: str, values: Sequence[str]) -> list[Node]:
        """Documents whose ``column`` is one of ``values``, in the store's order."""
        rows = []
        for part in _chunks(list(dict.fromkeys(values))):
            rows += self._query(f"SELECT n.id, {_NODE.format('n')} FROM nodes n WHERE n.{column} IN "
                                f"({_marks(len(part))}) AND +n.label = ?", [*part, DOCUMENT])
        return [self._node(*r[1:]) for r in sorted(rows)]

    # --- documents ----------------------------------------------------------------------------------

    def count_documents(self) -> int:
        return self._query("SELECT count(*) FROM nodes WHERE label = ?", [DOCUMENT])[0][0]

    def documents_by_key(self, keys: list[str]) -> dict[str, Node]:
        return {n.key: n for n in self._documents_in("key", keys)}

    def documents_by_number(self, numbers: list[str]) -> list[Node]:
        return self._documents_in("number", numbers)

    def _prefixed(self, column: str, prefix: str) -> list[Node]:
        if not prefix:
            return self._nodes_where(f"n.{column} IS NOT NULL AND +n.label = ?", [DOCUMENT])
        end = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # every text starting with prefix sorts in [prefix, end)
        return self._nodes_where(f"n.{column} >= ? AND n.{column} < ? AND +n.label = ?",
                                 [prefix, end, DOCUMENT])

    def documents_by_number_prefix(self, prefix: str) -> list[Node]:
        return self._prefixed("number", prefix) if prefix else self.all_documents()  # "" begins every text

    def all_documents(self) -> list[Node]:
        return self._nodes_where("n.label = ?", [DOCUMENT])

    # --- search (the optional methods of Backend, by index instead of folding every document) -------

    def documents_by_folded_number(self, numbers: list[str]) -> list[Node]:
        return self._documents_in("number_folded", numbers)

    def documents_by_folded_number_prefix(self, prefix: str) -> list[Node]:
        return self._prefixed("number_folded", prefix)

    def folded_numbers(self) -> list[str]:
        rows = self._query("SELECT DISTINCT number_folded FROM nodes WHERE label = ? AND number_folded != ''",
                           [DOCUMENT])
        return [r[0] for r in rows]

    def _matching(self, match: str) -> list[int]:
        """Ids of the documents whose folded text matches the FTS5 query."""
        return [r[0] for r in self._query("SELECT rowid FROM doc_search WHERE doc_search MATCH ?", [match])]

    def search_documents(self, words: Iterable[str], at_least: int | None = None) -> list[Node]:
        wanted = sorted({w for w in words if w})
        need = len(wanted) if at_least is None else at_least
        if need <= 0:
            return self.all_documents()
        if need > len(wanted):
            return []
        if need == len(wanted):  # every word: one full-text query
            return self._nodes_where("n.id IN (SELECT rowid FROM doc_search WHERE doc_search MATCH ?) "
                                     "AND +n.label = ?", [" AND ".join(_phrase(w) for w in wanted), DOCUMENT])
        counts: dict[int, int] = {}  # at least `need` of them: count per document
        for w in wanted:
            for rowid in self._matching(_phrase(w)):
                counts[rowid] = counts.get(rowid, 0) + 1
        ids = [i for i, c in counts.items() if c >= need]
        return self._nodes_where("n.id IN (SELECT value FROM json_each(?)) AND +n.label = ?",
                                 [json.dumps(ids), DOCUMENT])

    # --- lineage ------------------------------------------------------------------------------------

    def reach(self, key: str, direction: Direction, depth: int) -> Rows:
        check_depth(depth)
        rows = self._query(_REACH[direction], [key, *LINEAGE_TYPES, depth - 1, *LINEAGE_TYPES])
        rows.sort()  # layer, near node, far node, type: the store's order (a relationship is unique by them)
        nodes: dict[str, Node] = {}
        names: dict[int, str] = {}  # id -> key of the nodes met (each met as "far" before it is "near")
        edges: list[Edge] = []
        out = direction == "out"
        for _, near_id, far_id, rel_type, props, far, labels, far_props in rows:
            if far not in nodes:
                nodes[far] = self._node(far, labels, far_props)
                names[far_id] = far
            near = names.get(near_id, key)  # only the document asked about is never "far" first
            edges.append(Edge(near, far, rel_type, loads(props)) if out
                         else Edge(far, near, rel_type, loads(props)))
        return nodes, edges

    def replacements(self, keys: list[str]) -> Rows:
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for part in _chunks(list(dict.fromkeys(keys))):
            rows = self._query(
                f"SELECT k.key, e.type, e.props, {_NODE.format('u')} FROM nodes k "
                f"JOIN edges e ON e.target = k.id AND e.type IN ({_marks(len(STATUS_TYPES))}) "
                f"JOIN nodes u ON u.id = e.source AND +u.label = ? "
                f"WHERE k.key IN ({_marks(len(part))}) ORDER BY k.id, u.id, e.type",
                [*STATUS_TYPES, DOCUMENT, *part])
            for target, rel_type, props, *source in rows:
                node = self._add(nodes, *source)
                edges.append(Edge(node.key, target, rel_type, loads(props)))
        return nodes, edges

    def _neighbours(self, ids: list[int]) -> dict[int, list[tuple[int, str, bool]]]:
        """(neighbour, type, forward) over document relationships, both directions, of each id (read
        from the two covering indexes of ``edges`` only)."""
        found: dict[int, list[tuple[int, str, bool]]] = {i: [] for i in ids}
        types = _marks(len(DOCUMENT_RELATIONS))
        rows = self._query(
            f"SELECT source, target, type, 1 FROM edges WHERE source IN (SELECT value FROM json_each(?)) "
            f"AND type IN ({types}) UNION ALL SELECT target, source, type, 0 FROM edges "
            f"WHERE target IN (SELECT value FROM json_each(?)) AND type IN ({types})",
            [json.dumps(ids), *DOCUMENT_RELATIONS, json.dumps(ids), *DOCUMENT_RELATIONS])
        for a, b, t, forward in rows:
            found[a].append((b, t, bool(forward)))
        return found

    def _between(self, xs: list[int], ys: list[int]) -> list[tuple[int, int, str, bool]]:
        """(x, y, type, forward) over document relationships joining x in ``xs`` and y in ``ys``.

        Small sets: the relationships leaving each set, read by source (the primary key). Otherwise
        from the smaller set only: those leaving it and those entering it (``edges_in``), looked up in
        the larger one; never a relationship leaving each of thousands of nodes."""
        types = _marks(len(DOCUMENT_RELATIONS))
        small = len(xs) + len(ys) <= SMALL_SETS
        flip = not small and len(xs) > len(ys)
        x, y = (json.dumps(ys), json.dumps(xs)) if flip else (json.dumps(xs), json.dumps(ys))
        leaving = f"FROM edges WHERE source IN {_EACH} AND +type IN ({types}) AND +target IN {_EACH}"
        if small:  # and what leaves y towards x
            back, params = leaving, [y, *DOCUMENT_RELATIONS, x]
        else:  # and what enters x from y
            back = f"FROM edges WHERE target IN {_EACH} AND type IN ({types}) AND +source IN {_EACH}"
            params = [x, *DOCUMENT_RELATIONS, y]
        rows = self._query(f"SELECT source, target, type, 1 {leaving} UNION ALL "
                           f"SELECT target, source, type, 0 {back}", [x, *DOCUMENT_RELATIONS, y, *params])
        if flip:
            return [(b, a, t, not forward) for a, b, t, forward in rows]
        return [(a, b, t, bool(forward)) for a, b, t, forward in rows]

    def _degree(self, ids: list[int]) -> int:
        """How many document relationships leave or enter the nodes (counted in the indexes)."""
        types = _marks(len(DOCUMENT_RELATIONS))
        each = json.dumps(ids)
        return self._query(
            f"SELECT (SELECT count(*) FROM edges WHERE source IN (SELECT value FROM json_each(?)) "
            f"AND type IN ({types})) + (SELECT count(*) FROM edges WHERE target IN "
            f"(SELECT value FROM json_each(?)) AND type IN ({types}))",
            [each, *DOCUMENT_RELATIONS, each, *DOCUMENT_RELATIONS])[0][0]

    def _keys(self, ids: list[int]) -> dict[int, str]:
        return dict(self._query("SELECT id, key FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
                                [json.dumps(ids)]))

    def shortest_paths(self, a: str, b: str) -> list[list[Edge]]:
        """The canonical shortest path only, the one :class:`EmbeddedBackend` gives."""
        ids = {key: i for i, key in self._query("SELECT id, key FROM nodes WHERE key IN (?, ?)", [a, b])}
        if a not in ids or b not in ids:
            return []
        near = NeighbourCache(self._neighbours, self._between, self._degree)
        steps = canonical_path(near, self._keys, ids[a], ids[b])
        if steps is None:
            return []
        keys = self._keys(list({i for s, t, _ in steps for i in (s, t)}))
        path = []
        for s, t, rel_type in steps:
            (props,) = self._query("SELECT props FROM edges WHERE source = ? AND type = ? AND target = ?",
                                   [s, rel_type, t])[0]
            path.append(Edge(keys[s], keys[t], rel_type, loads(props)))
        return [path]

    # --- agencies, targets, all relationships -------------------------------------------------------

    def all_agencies(self) -> list[Node]:
        return self._nodes_where("n.label = ?", [AGENCY])

    def agency_roles(self, keys: list[str]) -> Rows:
        nodes: dict[str, Node] = {}
        roles = []
        for k in keys:
            roles += self._query(
                f"SELECT a.key, e.type, e.props, x.id, {_NODE.format('x')} FROM nodes a "
                f"JOIN edges e ON e.source = a.id AND e.type IN ({_marks(len(AGENCY_TYPES))}) "
                f"JOIN nodes x ON x.id = e.target WHERE a.key = ? ORDER BY x.id, e.type", [*AGENCY_TYPES, k])
        ends = list(dict.fromkeys(r[3] for r in roles))
        gathered: dict[int, list[tuple]] = {x: [] for x in ends}
        for part in _chunks(ends):
            for row in self._query(
                    f"SELECT e.target, e.props, {_NODE.format('d')} FROM edges e "
                    f"JOIN nodes d ON d.id = e.source AND +d.label = ? "
                    f"WHERE e.target IN ({_marks(len(part))}) AND e.type = ? ORDER BY e.target, d.id",
                    [DOCUMENT, *part, GOM]):
                gathered[row[0]].append(row[1:])
        edges: list[Edge] = []
        for agency_key, rel_type, props, x_id, *x in roles:
            end = self._add(nodes, *x)
            edges.append(Edge(agency_key, end.key, rel_type, loads(props)))
            for gom_props, *d in gathered[x_id]:
                doc = self._add(nodes, *d)
                edges.append(Edge(doc.key, end.key, GOM, loads(gom_props)))
        return nodes, edges

    def successions(self, keys: list[str]) -> Rows:
        rows = self._query(_SUCCESSIONS, [json.dumps(list(keys)), KE_THUA, SUCCESSION_DEPTH - 1, KE_THUA])
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for source, props, *far in rows:
            node = self._add(nodes, *far)
            edges.append(Edge(source, node.key, KE_THUA, loads(props)))
        return nodes, edges

    def targets(self) -> Rows:
        rows = self._query(  # from the Target nodes (indexed label) back along ĐỀ_RA (indexed target)
            f"SELECT e.props, {_NODE.format('d')}, {_NODE.format('t')} FROM nodes t "
            f"JOIN edges e ON e.target = t.id AND e.type = ? JOIN nodes d ON d.id = e.source "
            f"WHERE t.label = ? ORDER BY d.id, t.id", [DE_RA, TARGET])
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for props, dk, dl, dp, tk, tl, tp in rows:
            doc = self._add(nodes, dk, dl, dp)
            target = self._add(nodes, tk, tl, tp)
            edges.append(Edge(doc.key, target.key, DE_RA, loads(props)))
        return nodes, edges

    def document_relations(self) -> list[Edge]:
        rows = self._query(
            f"SELECT a.key, b.key, e.type, e.props FROM edges e "
            f"JOIN nodes a ON a.id = e.source AND a.label = ? "
            f"JOIN nodes b ON b.id = e.target AND b.label = ? "
            f"WHERE e.type IN ({_marks(len(DOCUMENT_RELATIONS))}) ORDER BY a.id, b.id, e.type",
            [DOCUMENT, DOCUMENT, *DOCUMENT_RELATIONS])
        return [Edge(u, v, t, loads(p)) for u, v, t, p in rows]

    def close(self) -> None:
        if self._owned:
            self.db.close()
