"""``lineage derived`` on the embedded store, read in proportion to what it prints.

The same rows, in the same order, as :func:`graph.queries.derived.derived` (the engine of
:mod:`graph.queries.lineage`), read by row ids (150,000 documents of a national store rest on a central
decree): :func:`derived_rows` gives the first ones and the counts of the whole answer (from ids and
indexed columns; only the rows printed are read whole, with their canonical paths, the relationships
that reach them and their statuses); :func:`derived_all` the whole answer, made a few thousand rows at a
time as ``--json`` writes them; :func:`derived_drawn` what the ``--html`` page of a larger answer draws
(the documents nearest the one asked about, :mod:`graph.queries.nearest`), only those read whole.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from graph.queries.backend import LINEAGE_TYPES, Edge, Node
from graph.queries.lineage import ITEMS, LINKS, Statuses, derived_order, link_data
from graph.queries.nearest import NearestPart, nearest_keys
from graph.queries.provinces import in_scope
from graph.queries.resolve import DOCREF_FIELDS, docref_data
from graph.queries.result_refs import DocRef, Link, ProvinceScope, subgraph_of
from graph.queries.results import LineageItem
from graph.queries.sqlite_sql import (
    EACH,
    chunks,
    id_list,
    label_tuple,
    loads,
    marks,
    node_columns,
    read_state,
)
from graph.text import fold
from graph.vocabulary import DOCUMENT

CHUNK = 2000  # rows of the whole answer made at a time
_TYPES = marks(len(LINEAGE_TYPES))
# one hop against the lineage relationships, from the index edges_in alone (no props read)
_HOP = f"SELECT DISTINCT source FROM edges WHERE target IN {EACH} AND type IN ({_TYPES})"
_DOCUMENTS = f"SELECT id FROM nodes WHERE id IN {EACH} AND label = ?"
_PROVINCES = f"SELECT id, province FROM nodes WHERE id IN {EACH}"
_KEYS = f"SELECT id, key FROM nodes WHERE id IN {EACH}"
# the lineage relationships leaving some documents: a range of the primary key (source, type, target)
_OUT = f"SELECT source, target, type, props FROM edges WHERE source IN {EACH} AND +type IN ({_TYPES})"
_CITED = f"SELECT DISTINCT target FROM edges WHERE source IN {EACH} AND +type IN ({_TYPES})"


@dataclass(frozen=True)
class DerivedRows:
    """The first rows of a derived answer and the counts of all of it."""

    items: list[LineageItem]
    total: int
    by_depth: dict[int, int]
    by_province: Counter[str | None]  # stored province name (None: central) -> documents
    names: dict[str, str]  # short names of the documents the rows' relationships reach


def _column(conn: sqlite3.Connection, sql: str, params: Iterable[Any]) -> list[Any]:
    return [r[0] for r in conn.execute(sql, list(params))]


def walk(conn: sqlite3.Connection, root: int, depth: int) -> dict[int, int]:
    """Hops from ``root`` of every document resting on it within ``depth`` (the root: 0), as
    :meth:`SQLiteBackend.reach` walks them, by ids only."""
    hops = {root: 0}
    frontier = [root]
    for hop in range(1, depth + 1):
        new = [i for i in _column(conn, _HOP, [id_list(frontier), *LINEAGE_TYPES]) if i not in hops]
        if not new:
            break
        frontier = _column(conn, _DOCUMENTS, [id_list(new), DOCUMENT])
        hops.update(dict.fromkeys(frontier, hop))
    return hops


def _docrefs(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, dict]:
    """The fields of :class:`DocRef` of documents, by id (read as :meth:`SQLiteBackend.reach` reads them)."""
    columns, picks = node_columns("n", DOCREF_FIELDS)
    sql = f"SELECT n.id, {columns} FROM nodes n WHERE n.id IN {EACH}"
    rows = conn.execute(sql, [*picks, id_list(ids)])
    return {i: docref_data(Node(key, label_tuple(labels), dict(zip(DOCREF_FIELDS, loads(v), strict=True))))
            for i, key, labels, v in rows}


class _Paths:
    """The canonical path of a document to the root, as :func:`graph.queries.lineage.walk` takes it:
    breadth first, each level in the order its parents were met, then by key; a document's parent is
    the first one met of the documents one hop nearer it rests on (by the first type)."""

    def __init__(self, conn: sqlite3.Connection, hops: dict[int, int], root: int, depth: int) -> None:
        self.conn, self.hops, self.depth = conn, hops, depth
        self.out: dict[int, list[tuple[int, str, str]]] = {}
        self.keys: dict[int, str] = {}
        self.rank: dict[int, tuple[str, ...]] = {root: ()}
        self.parent: dict[int, tuple[int, str, str]] = {}
        self.up: dict[int, Link] = {}  # a document's relationship to its parent, shared by the paths

    def read(self, ids: Iterable[int]) -> None:
        """The relationships leaving ``ids`` inside the answer, and what their parents need in turn."""
        todo = [i for i in ids if i not in self.out]
        new: list[int] = []
        while todo:
            for i in todo:
                self.out[i] = []
            for source, target, rel, props in self.conn.execute(_OUT, [id_list(todo), *LINEAGE_TYPES]):
                if self.hops.get(target, self.depth) < self.depth:  # walked from: inside the answer
                    self.out[source].append((target, rel, props))
            new += todo
            nearer = {t for i in todo for t, _, _ in self.out[i] if self.hops[t] == self.hops[i] - 1}
            todo = [t for t in nearer if t not in self.out and t not in self.rank]
        wanted = {*new, *(t for i in new for t, _, _ in self.out[i])}.difference(self.keys)
        if wanted:
            self.keys.update(self.conn.execute(_KEYS, [id_list(wanted)]))

    def ranked(self, i: int) -> tuple[str, ...]:
        """Where ``i`` stands in the walk's order: its parent's place, then its key."""
        if i not in self.rank:
            candidates = [(self.ranked(t), self.keys[t], rel, t, props) for t, rel, props in self.out[i]
                          if self.hops[t] == self.hops[i] - 1]
            _, _, rel, parent, props = min(candidates)
            self.parent[i] = (parent, rel, props)
            self.rank[i] = (*self.rank[parent], self.keys[i])
        return self.rank[i]

    def _link(self, source: int, target: int, rel: str, props: str) -> Link:
        return Link(**link_data(Edge(self.keys[source], self.keys[target], rel, loads(props))))

    def path(self, i: int) -> list[Link]:
        """The relationships from ``i`` to the root, from the root's end."""
        steps: list[Link] = []
        self.ranked(i)
        while i in self.parent:
            parent, rel, props = self.parent[i]
            if i not in self.up:
                self.up[i] = self._link(i, parent, rel, props)
            steps.append(self.up[i])
            i = parent
        return steps[::-1]

    def via(self, i: int) -> list[Link]:
        """Every relationship inside the answer leaving ``i``, by (target key, type)."""
        up = self.up.get(i)
        parent = self.parent[i][:2] if up is not None else None
        links = [up if (t, rel) == parent else self._link(i, t, rel, props) for t, rel, props in self.out[i]]
        return sorted(links, key=lambda lk: (lk.target, lk.type))


def _first(conn: sqlite3.Connection, ids: list[int], province: dict[int, str | None],
           limit: int) -> list[tuple[int, dict]]:
    """The first ``limit`` of ``ids`` in the answer's order, with their document fields: only the
    documents of the first provinces (by folded name) are read."""
    folded = {name: fold(name) for name in set(province.values())}  # a country's few hundred names
    by_folded: dict[str, list[int]] = {}
    for i in ids:
        by_folded.setdefault(folded[province[i]], []).append(i)
    wanted: list[int] = []
    for name in sorted(by_folded):
        if len(wanted) >= limit:
            break
        wanted += by_folded[name]
    refs = _docrefs(conn, wanted)
    return sorted(refs.items(), key=lambda r: derived_order((r[1],)))[:limit]


class _Answer:
    """The documents of a derived answer, by id: their hops and provinces, and those in scope."""

    def __init__(self, conn: sqlite3.Connection, root: int, depth: int, scope: ProvinceScope | None) -> None:
        self.conn, self.root, self.depth = conn, root, depth
        self.hops = walk(conn, root, depth)
        self.province = dict(conn.execute(_PROVINCES, [id_list(i for i in self.hops if i != root)]))
        inside = {name: in_scope(scope, name) for name in set(self.province.values())}
        self.ids = [i for i, name in self.province.items() if inside[name]]
        self.paths = _Paths(conn, self.hops, root, depth)

    def rows(self, refs: Iterable[tuple[int, dict]]) -> list[tuple[int, dict, list[Link], list[Link]]]:
        """Each document with its path and the relationships that reach it (read if not yet)."""
        refs = list(refs)
        self.paths.read(i for i, _ in refs)
        rows = []
        for i, ref in refs:
            path = self.paths.path(i)  # first: its last relationship is one of the via
            rows.append((i, ref, path, self.paths.via(i)))
        return rows

    def items(self, rows: list[tuple[int, dict, list[Link], list[Link]]], statuses: Statuses
              ) -> list[LineageItem]:
        """The rows as the items of :func:`graph.queries.lineage.lineage`, with their statuses."""
        found = statuses([ref["key"] for _, ref, _, _ in rows],
                         {ref["key"]: ref["cited_types"] for _, ref, _, _ in rows})
        return ITEMS.validate_python(
            [{"document": ref, "depth": self.hops[i], "path": path, "via": via,
              "status": found.get(ref["key"])} for i, ref, path, via in rows])


def _root(conn: sqlite3.Connection, key: str) -> tuple[int, bool] | None:
    """The id of the document ``key`` and whether it is a document."""
    row = conn.execute("SELECT id, label = ? FROM nodes WHERE key = ?", (DOCUMENT, key)).fetchone()
    return None if row is None else (row[0], bool(row[1]))


def derived_rows(conn: sqlite3.Connection, doc: DocRef, depth: int, scope: ProvinceScope | None,
                 limit: int, statuses: Statuses) -> DerivedRows | None:
    """The first ``limit`` rows of ``derived`` of ``doc`` and the counts of the whole answer; None when
    the whole answer has no more than ``limit`` rows (the full answer costs no more then)."""
    with read_state(conn):
        root = _root(conn, doc.key)
        if root is None:
            return None
        answer = _Answer(conn, root[0], depth, scope)
        ids, province = answer.ids, answer.province
        if len(ids) <= limit:
            return None
        shown = answer.rows(_first(conn, ids, province, limit))
        met = {lk.target for *_, via in shown for lk in via} - {ref["key"] for _, ref, _, _ in shown}
        met_ids = [i for i, k in answer.paths.keys.items() if k in met]
        names = {r["key"]: DocRef(**r) for r in _docrefs(conn, met_ids).values()}
    items = answer.items(shown, statuses)
    depths = Counter(answer.hops[i] for i in ids)
    return DerivedRows(items=items, total=len(ids), by_depth=dict(sorted(depths.items())),
                       by_province=Counter(province[i] for i in ids),
                       names={k: d.number or d.label for k, d in names.items()})


@contextmanager
def derived_all(conn: sqlite3.Connection, doc: DocRef, depth: int, scope: ProvinceScope | None,
                statuses: Statuses) -> Iterator[tuple[Iterator[LineageItem], Iterator[Link]] | None]:
    """The items and the links of the whole answer of ``derived``, made :data:`CHUNK` rows at a time as
    they are asked for (the answer of a central decree is 2 GB of models at once), all read in one state
    of the store; None when ``doc`` is not in the store."""
    with read_state(conn):
        root = _root(conn, doc.key)
        if root is None:
            yield None
            return
        answer = _Answer(conn, root[0], depth, scope)
        order: dict[int, tuple] = {}
        for part in chunks(answer.ids, CHUNK):
            order.update((i, derived_order((ref,))) for i, ref in _docrefs(conn, part).items())
        ids = sorted(answer.ids, key=order.__getitem__)
        del order
        # the relationships leaving the document asked about too, when it is one (the walk's are none)
        answer.paths.read([*ids, root[0]] if root[1] else ids)
        yield _items(answer, ids, statuses), _links(answer, ids)


def _items(answer: _Answer, ids: list[int], statuses: Statuses) -> Iterator[LineageItem]:
    for part in chunks(ids, CHUNK):
        refs = _docrefs(answer.conn, part)
        yield from answer.items(answer.rows((i, refs[i]) for i in part), statuses)


def _links(answer: _Answer, ids: list[int]) -> Iterator[Link]:
    """The relationships among the documents of the answer (and the one asked about), by their keys."""
    shown = {*ids, answer.root}
    paths = answer.paths
    keys = paths.keys
    edges = sorted((keys[i], keys[t], rel, props) for i in shown for t, rel, props in paths.out.get(i, ())
                   if t in shown)
    for part in chunks(edges, CHUNK):
        made = [link_data(Edge(a, b, rel, loads(data))) for a, b, rel, data in part]
        yield from LINKS.validate_python(made)


class _Drawing:
    """The answer as the page's graph: its documents (and the one asked about) and the relationships
    among them that the answer holds; each document's place in the page's order is read when the cut
    meets it."""

    def __init__(self, answer: _Answer, root_key: str, root_is_document: bool) -> None:
        self.answer, self.root_key = answer, root_key
        self.drawn = {answer.root, *answer.ids}
        self.leaving = root_is_document  # the relationships leaving the document asked about count too
        self.refs: dict[int, dict] = {}
        self.order: dict[int, tuple] = {answer.root: ()}  # the one asked about first, then the rows' order

    def _sources(self, ids: list[int]) -> list[int]:
        return ids if self.leaving else [i for i in ids if i != self.answer.root]

    def around(self, ids: list[int]) -> list[int]:
        """The documents of the page one relationship from ``ids``, either way, with their places."""
        conn, hops, depth = self.answer.conn, self.answer.hops, self.answer.depth
        cited = _column(conn, _CITED, [id_list(self._sources(ids)), *LINEAGE_TYPES])
        found = {t for t in cited if t in self.drawn and hops[t] < depth}
        walked = [i for i in ids if hops[i] < depth]  # what rests on the last hop is not in the answer
        found.update(s for s in _column(conn, _HOP, [id_list(walked), *LINEAGE_TYPES]) if s in self.drawn)
        new = [i for i in found if i not in self.order]
        for part in chunks(new, CHUNK):
            refs = _docrefs(conn, part)
            self.refs.update(refs)
            self.order.update((i, derived_order((ref,))) for i, ref in refs.items())
        return list(found)

    def links(self, ids: set[int]) -> list[Link]:
        """The relationships among ``ids`` that the answer holds."""
        hops, depth = self.answer.hops, self.answer.depth
        keys = {i: self.refs[i]["key"] if i != self.answer.root else self.root_key for i in ids}
        rows = self.answer.conn.execute(_OUT, [id_list(self._sources(sorted(ids))), *LINEAGE_TYPES])
        return [Link(**link_data(Edge(keys[s], keys[t], rel, loads(props)))) for s, t, rel, props in rows
                if t in ids and hops[t] < depth]


def derived_drawn(conn: sqlite3.Connection, doc: DocRef, depth: int, scope: ProvinceScope | None,
                  max_nodes: int) -> NearestPart | None:
    """What the page of ``derived`` of ``doc`` draws (the subgraph of the whole answer cut to the
    ``max_nodes`` documents nearest ``doc``, as :func:`graph.queries.nearest.nearest_part` cuts it) and
    what it leaves out, only the documents drawn read whole; None when the whole answer is drawn (no more
    than ``max_nodes`` documents) or ``doc`` is not in the store."""
    with read_state(conn):
        root = _root(conn, doc.key)
        if root is None:
            return None
        answer = _Answer(conn, root[0], depth, scope)
        if 1 + len(answer.ids) <= max_nodes:
            return None
        drawing = _Drawing(answer, doc.key, root[1])
        kept, degrees, partial = nearest_keys(drawing.order, [root[0]], drawing.around, max_nodes)
        shown = sorted((i for i in kept if i != root[0]), key=drawing.order.__getitem__)
        links = drawing.links({root[0], *shown})
    docs = [doc, *(DocRef(**drawing.refs[i]) for i in shown)]
    # the title of LineageResult.to_subgraph for a derived answer
    part = subgraph_of(f"Văn bản dựa trên {doc.label}", [doc.key], docs, links)
    return NearestPart(part, 1 + len(answer.ids) - len(kept), degrees, partial)
