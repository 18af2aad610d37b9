"""The SQLite backend: the questions' rows read by SQL from the embedded store file, never loading the graph.

Lineage is read breadth first, hop by hop, in one read transaction (the statuses of what it met then
by node id, while the store has not changed); look-ups go through the indexes of
``graph/stores/sqlite_schema.sql``, words through its FTS5 table ``doc_search`` and numbers typed
without diacritics through ``nodes.number_folded``. Rows are the ones :mod:`.embedded_backend`
gives for the same graph (relationships in a set order: layer, then store order). A lineage's documents
can come with only the properties an answer shows (``fields`` of :meth:`SQLiteBackend.reach`, picked
out of ``props`` by ``json_extract``): a long property no answer shows is never decoded in Python.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
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
from graph.queries.sqlite_sql import (
    EACH,
    HAS_STATUS_INDEX,
    NODE,
    REACH,
    REPLACEMENTS,
    REPLACEMENTS_BY_ID,
    STATUS_RANGE,
    STATUS_TARGETS,
    SUCCESSIONS,
    chunks,
    documents_by_id,
    id_list,
    label_tuple,
    loads,
    marks,
    node_columns,
    phrase,
    read_state,
)
from graph.text import fold
from graph.vocabulary import AGENCY, DE_RA, DOCUMENT, DOCUMENT_RELATIONS, GOM, KE_THUA, TARGET

CACHE_KIB = 16384  # page cache of a store opened here (KiB)
SMALL_SETS = 200  # _between reads what leaves both sets when they hold no more nodes together


@cache
def _picked(fields: tuple[str, ...]) -> Callable[[str, str, str], Node]:
    """A node from its key, labels and the JSON array of the values of ``fields``."""

    def node(key: str, labels: str, values: str) -> Node:
        return Node(key, label_tuple(labels), dict(zip(fields, loads(values), strict=True)))

    return node


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
        # the store's state (_snapshot) the last reach read, and the ids of the documents it met by key
        self._met: tuple[tuple[int, int] | None, dict[str, int]] = (None, {})
        # the documents a status relationship enters, in the store's state they were read in (None: a
        # store before schema 3 has no index of them, and every document is asked)
        self._status_targets: tuple[tuple[int, int] | None, frozenset[int] | None] = (None, None)

    # --- rows ---------------------------------------------------------------------------------------

    @contextmanager
    def _snapshot(self) -> Iterator[tuple[int, int]]:
        """The statements inside read one state of the store (a read transaction, unless the caller's
        connection holds one already); yields what tells that state from a later one: ``PRAGMA
        data_version`` (changes by other connections) and this connection's own changes."""
        with read_state(self.db):
            yield self.db.execute("PRAGMA data_version").fetchone()[0], self.db.total_changes

    @staticmethod
    def _node(key: str, labels: str, props: str) -> Node:
        data = loads(props)
        data.pop("labels", None)
        data.setdefault("key", key)
        return Node(key, label_tuple(labels), data)

    def _add(self, nodes: dict[str, Node], key: str, labels: str, props: str) -> Node:
        """The node of the answer being built, read from its row the first time only."""
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = self._node(key, labels, props)
        return node

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        return self.db.execute(sql, tuple(params)).fetchall()

    def _nodes_where(self, where: str, params: Iterable[Any] = ()) -> list[Node]:
        rows = self._query(f"SELECT {NODE.format('n')} FROM nodes n WHERE {where} ORDER BY n.id", params)
        return [self._node(*r) for r in rows]

    def _documents_in(self, column: str, values: Sequence[str]) -> list[Node]:
        """Documents whose ``column`` is one of ``values``, in the store's order."""
        rows = []
        for part in chunks(list(dict.fromkeys(values))):
            rows += self._query(f"SELECT n.id, {NODE.format('n')} FROM nodes n WHERE n.{column} IN "
                                f"({marks(len(part))}) AND +n.label = ?", [*part, DOCUMENT])
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

    def _provinces_named(self, folded: set[str]) -> list[str]:
        """The names in the ``province`` column (a few hundred in a country) folding to one of ``folded``."""
        rows = self._query("SELECT DISTINCT province FROM nodes WHERE province IS NOT NULL")
        return [name for name, in rows if fold(name) in folded]

    def province_documents(self, folded: set[str]) -> list[Node]:
        """By the ``province`` column: the documents of those names only."""
        return self._documents_in("province", self._provinces_named(folded))

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
                                     "AND +n.label = ?", [" AND ".join(phrase(w) for w in wanted), DOCUMENT])
        counts: dict[int, int] = {}  # at least `need` of them: count per document
        for w in wanted:
            for rowid in self._matching(phrase(w)):
                counts[rowid] = counts.get(rowid, 0) + 1
        ids = [i for i, c in counts.items() if c >= need]
        return self._nodes_where("n.id IN (SELECT value FROM json_each(?)) AND +n.label = ?",
                                 [json.dumps(ids), DOCUMENT])

    # --- lineage ------------------------------------------------------------------------------------

    def reach(self, key: str, direction: Direction, depth: int, fields: Sequence[str] | None = None) -> Rows:
        """Breadth first, two statements per hop (its relationships, then the documents it met for the
        first time): each relationship and each node is read once, where a recursive CTE met a node
        once per walk reaching it and read a node's row again for each relationship entering it.
        With ``fields``, a node's props are those fields only (picked out by SQL)."""
        check_depth(depth)
        with self._snapshot() as state:
            picked = None if fields is None else tuple(fields)
            nodes, edges, met = self._reach([key], direction, depth, picked)
        self._met = (state, met)  # one assignment: a state never goes with another reach's ids
        return nodes, edges

    def reach_many(self, keys: Sequence[str], direction: Direction, depth: int,
                   fields: Sequence[str] | None = None) -> Rows:
        """One breadth-first walk from all ``keys`` together: two statements per hop whatever their
        number (a province's documents), where a walk per key read the shared bases once per key."""
        check_depth(depth)
        with self._snapshot():
            nodes, edges, _met = self._reach(list(dict.fromkeys(keys)), direction, depth,
                                             None if fields is None else tuple(fields))
        return nodes, edges

    def _reach(self, keys: list[str], direction: Direction, depth: int, fields: tuple[str, ...] | None
               ) -> tuple[dict[str, Node], list[Edge], dict[str, int]]:
        columns, picks = node_columns("n", fields)
        roots: dict[int, str] = {}  # id -> key of each key found
        docs: dict[int, tuple[str, str, str]] = {}  # the documents met, and the roots
        not_documents: list[int] = []
        for part in chunks(keys):
            for root, *row, root_is_document in self._query(
                    f"SELECT id, {columns}, label = ? FROM nodes n WHERE key IN ({marks(len(part))})",
                    [*picks, DOCUMENT, *part]):
                roots[root] = row[0]
                docs[root] = tuple(row)
                if not root_is_document:
                    not_documents.append(root)
        if not roots:
            return {}, [], {}
        sql = REACH[direction]
        by_id = documents_by_id(fields)
        rows: list[tuple] = []
        frontier = list(roots)
        for _ in range(depth):
            level = self._query(sql, [id_list(frontier), *LINEAGE_TYPES])
            level.sort()  # near node, far node, type: the store's order (a relationship is unique by them)
            rows += level
            new = list(dict.fromkeys(far for _, far, _, _ in level if far not in docs))
            if not new:
                break
            frontier = []
            for i, *far in self._query(by_id[0], [*by_id[1], id_list(new)]):
                docs[i] = tuple(far)
                frontier.append(i)
        for root in not_documents:
            del docs[root]  # a relationship into it is no part of a lineage
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        out = direction == "out"
        make = self._node if fields is None else _picked(fields)
        for near_id, far_id, rel_type, props in rows:
            far = docs.get(far_id)
            if far is None:  # not a document
                continue
            if far[0] not in nodes:
                nodes[far[0]] = make(*far)
            near = roots[near_id] if near_id in roots else docs[near_id][0]
            edges.append(Edge(near, far[0], rel_type, loads(props)) if out
                         else Edge(far[0], near, rel_type, loads(props)))
        return nodes, edges, {far[0]: i for i, far in docs.items()}

    def replacements(self, keys: list[str]) -> Rows:
        """The documents the last :meth:`reach` met (a question asks for its lineage's statuses) by
        their ids, while the store is in the state that reach read (no look-up by key); the others,
        or all once anything changed, by key."""
        wanted = list(dict.fromkeys(keys))
        rows: list[tuple] = []
        met_in, met = self._met
        with self._snapshot() as state:
            by_id = {met[k]: k for k in wanted if k in met} if state == met_in else {}
            if by_id:
                targets = self._targets_of_status(state)
                asked = by_id if targets is None else {i: k for i, k in by_id.items() if i in targets}
                if asked:
                    rows = [(i, asked[i], *row) for i, *row in self._query(
                        REPLACEMENTS_BY_ID, [DOCUMENT, id_list(asked), *STATUS_RANGE, *STATUS_TYPES])]
            for part in chunks([k for k in wanted if k not in met or not by_id]):
                rows += self._query(REPLACEMENTS.format(marks(len(part))), [*STATUS_TYPES, DOCUMENT, *part])
        rows.sort(key=lambda r: (r[0], r[2], r[3]))  # target, source, type (ids): the store's order
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for _, target, _, rel_type, props, *source in rows:
            node = self._add(nodes, *source)
            edges.append(Edge(node.key, target, rel_type, loads(props)))
        return nodes, edges

    def _targets_of_status(self, state: tuple[int, int]) -> frozenset[int] | None:
        """The ids of the documents a status relationship enters, in ``state`` of the store (read once per
        state from the index ``edges_status``); None for a store without that index (before schema 3)."""
        read_in, targets = self._status_targets
        if read_in != state:
            has_index = self._query(HAS_STATUS_INDEX, [])
            targets = frozenset(r[0] for r in self._query(STATUS_TARGETS, [])) if has_index else None
            self._status_targets = (state, targets)
        return targets

    def _neighbours(self, ids: list[int]) -> dict[int, list[tuple[int, str, bool]]]:
        """(neighbour, type, forward) over document relationships, both directions, of each id (read
        from the two covering indexes of ``edges`` only)."""
        found: dict[int, list[tuple[int, str, bool]]] = {i: [] for i in ids}
        types = marks(len(DOCUMENT_RELATIONS))
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
        types = marks(len(DOCUMENT_RELATIONS))
        small = len(xs) + len(ys) <= SMALL_SETS
        flip = not small and len(xs) > len(ys)
        x, y = (json.dumps(ys), json.dumps(xs)) if flip else (json.dumps(xs), json.dumps(ys))
        leaving = f"FROM edges WHERE source IN {EACH} AND +type IN ({types}) AND +target IN {EACH}"
        if small:  # and what leaves y towards x
            back, params = leaving, [y, *DOCUMENT_RELATIONS, x]
        else:  # and what enters x from y
            back = f"FROM edges WHERE target IN {EACH} AND type IN ({types}) AND +source IN {EACH}"
            params = [x, *DOCUMENT_RELATIONS, y]
        rows = self._query(f"SELECT source, target, type, 1 {leaving} UNION ALL "
                           f"SELECT target, source, type, 0 {back}", [x, *DOCUMENT_RELATIONS, y, *params])
        if flip:
            return [(b, a, t, not forward) for a, b, t, forward in rows]
        return [(a, b, t, bool(forward)) for a, b, t, forward in rows]

    def _degree(self, ids: list[int]) -> int:
        """How many document relationships leave or enter the nodes (counted in the indexes)."""
        types = marks(len(DOCUMENT_RELATIONS))
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
                f"SELECT a.key, e.type, e.props, x.id, {NODE.format('x')} FROM nodes a "
                f"JOIN edges e ON e.source = a.id AND e.type IN ({marks(len(AGENCY_TYPES))}) "
                f"JOIN nodes x ON x.id = e.target WHERE a.key = ? ORDER BY x.id, e.type", [*AGENCY_TYPES, k])
        ends = list(dict.fromkeys(r[3] for r in roles))
        gathered: dict[int, list[tuple]] = {x: [] for x in ends}
        for part in chunks(ends):
            for row in self._query(
                    f"SELECT e.target, e.props, {NODE.format('d')} FROM edges e "
                    f"JOIN nodes d ON d.id = e.source AND +d.label = ? "
                    f"WHERE e.target IN ({marks(len(part))}) AND e.type = ? ORDER BY e.target, d.id",
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
        rows = self._query(SUCCESSIONS, [json.dumps(list(keys)), KE_THUA, SUCCESSION_DEPTH - 1, KE_THUA])
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for source, props, *far in rows:
            node = self._add(nodes, *far)
            edges.append(Edge(source, node.key, KE_THUA, loads(props)))
        return nodes, edges

    def targets(self) -> Rows:
        return self._targets(  # from the Target nodes (indexed label) back along ĐỀ_RA (indexed target)
            f"SELECT e.props, {NODE.format('d')}, {NODE.format('t')} FROM nodes t "
            f"JOIN edges e ON e.target = t.id AND e.type = ? JOIN nodes d ON d.id = e.source "
            f"WHERE t.label = ? ORDER BY d.id, t.id", [DE_RA, TARGET])

    def province_targets(self, folded: set[str]) -> Rows:
        """From the province's nodes (the ``province`` column) along ĐỀ_RA: not every target's row."""
        return self._targets(
            f"SELECT e.props, {NODE.format('d')}, {NODE.format('t')} FROM nodes d "
            f"JOIN edges e ON e.source = d.id AND e.type = ? JOIN nodes t ON t.id = e.target AND t.label = ? "
            f"WHERE d.province IN (SELECT value FROM json_each(?)) ORDER BY d.id, t.id",
            [DE_RA, TARGET, json.dumps(self._provinces_named(folded))])

    def _targets(self, sql: str, params: list) -> Rows:
        nodes: dict[str, Node] = {}
        edges: list[Edge] = []
        for props, dk, dl, dp, tk, tl, tp in self._query(sql, params):
            doc = self._add(nodes, dk, dl, dp)
            target = self._add(nodes, tk, tl, tp)
            edges.append(Edge(doc.key, target.key, DE_RA, loads(props)))
        return nodes, edges

    def document_relations(self) -> list[Edge]:
        rows = self._query(
            f"SELECT a.key, b.key, e.type, e.props FROM edges e "
            f"JOIN nodes a ON a.id = e.source AND a.label = ? "
            f"JOIN nodes b ON b.id = e.target AND b.label = ? "
            f"WHERE e.type IN ({marks(len(DOCUMENT_RELATIONS))}) ORDER BY a.id, b.id, e.type",
            [DOCUMENT, DOCUMENT, *DOCUMENT_RELATIONS])
        return [Edge(u, v, t, loads(p)) for u, v, t, p in rows]

    def close(self) -> None:
        if self._owned:
            self.db.close()
