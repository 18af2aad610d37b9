"""A read-only networkx graph over a store's columns, whose dicts are built when first touched.

:class:`ColumnGraph` is a ``networkx.MultiDiGraph`` whose ``_node``, ``_succ`` and ``_pred`` are
mappings over :class:`graph.stores.columns.Columns`: a node's attribute dict, or its adjacency dict,
is built on first access and kept. A question that walks a few thousand nodes of the national graph
builds only those, so loading is reading the columns (about half a second) instead of creating
millions of dicts. Everything networkx does still works on it, as it only reads through the mappings.

It is frozen (networkx's ``nx.freeze``): writers (``lineage ingest``) load a plain graph with
:meth:`ColumnGraph.thaw` instead. Built as ``ColumnGraph()`` without columns -- as networkx does for
views -- it is an ordinary empty graph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from itertools import compress
from operator import eq
from typing import Any

import networkx as nx

from graph.errors import StoreError
from graph.i18n import _
from graph.stores.columns import Columns, DamagedError

# What reading a damaged column raises (an index out of range, a bad value): said as "store is damaged"
_BAD_READ = (IndexError, ValueError, TypeError, UnicodeError, OverflowError)


def damaged(name: str, why: str) -> StoreError:
    """The one-line error of a store whose parts do not fit together."""
    return StoreError(_("{store}: store is damaged ({why})").format(store=name, why=why),
                      hint=_("ingest again to rebuild it"))


class _Store:
    """The columns plus the caches of built dicts, shared by the three mappings. The values inside the
    big arrays are checked as they are read: one out of range is a :class:`StoreError` naming the store."""

    def __init__(self, c: Columns, name: str = "store") -> None:
        self.c = c
        self.name = name
        self.keys = c.keys
        self.index = {k: i for i, k in enumerate(c.keys)}
        if len(self.index) != len(c.keys):
            raise DamagedError("two nodes have the same key")
        if len(set(c.types)) != len(c.types):
            raise DamagedError("a relationship type is listed twice")
        self.node_attrs = c.nodes.reader(c.strings)
        self.edge_attrs = c.edges.reader(c.strings)
        self.keydicts: dict[int, dict[Any, dict[str, Any]]] = {}  # u * n + v -> the shared keydict

    def keydict(self, u: int, v: int, eids: Any) -> dict[Any, dict[str, Any]]:
        """The {type: attributes} dict of the pair (u, v) (rows), whose relationships are ``eids``."""
        pair = u * len(self.keys) + v
        kd = self.keydicts.get(pair)
        if kd is None:
            types, out_type = self.c.types, self.c.out_type
            kd = self.keydicts[pair] = {types[out_type[e]]: self.edge_attrs(e) for e in eids}
        return kd

    def succ(self, u: int) -> dict[Any, dict[Any, dict[str, Any]]]:
        c, keys = self.c, self.keys
        out: dict[Any, dict[Any, dict[str, Any]]] = {}
        i, end = c.out_ptr[u], c.out_ptr[u + 1]
        nbr = c.out_nbr
        while i < end:
            v, j = nbr[i], i + 1
            while j < end and nbr[j] == v:
                j += 1
            out[keys[v]] = self.keydict(u, v, range(i, j))
            i = j
        return out

    def pred(self, v: int) -> dict[Any, dict[Any, dict[str, Any]]]:
        c, keys = self.c, self.keys
        out: dict[Any, dict[Any, dict[str, Any]]] = {}
        i, end = c.in_ptr[v], c.in_ptr[v + 1]
        nbr, eid = c.in_nbr, c.in_eid
        while i < end:
            u, j = nbr[i], i + 1
            while j < end and nbr[j] == u:
                j += 1
            out[keys[u]] = self.keydict(u, v, eid[i:j])
            i = j
        return out


class _LazyMap(Mapping):
    """node key -> dict, built by ``build(row)`` on first access and then kept."""

    __slots__ = ("_build", "_cache", "_store")

    def __init__(self, store: _Store, build: Any) -> None:
        self._store = store
        self._build = build
        self._cache: dict[int, dict[Any, Any]] = {}

    def __getitem__(self, key: Any) -> dict[Any, Any]:
        i = self._store.index[key]
        d = self._cache.get(i)
        if d is None:
            try:
                d = self._cache[i] = self._build(i)
            except _BAD_READ as exc:
                raise damaged(self._store.name, f"{type(exc).__name__} reading node {i}") from None
        return d

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._store.index
        except TypeError:
            return False

    def __iter__(self) -> Iterator[Any]:
        return iter(self._store.keys)

    def __len__(self) -> int:
        return len(self._store.keys)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self)} nodes, {len(self._cache)} built>"


_Row = tuple[Any, Any, Any, dict[str, Any]]  # source, target, type, attributes


class ColumnGraph(nx.MultiDiGraph):
    """A frozen MultiDiGraph read from columns; see the module docstring."""

    _store: _Store | None = None

    @classmethod
    def from_columns(cls, c: Columns, name: str = "store") -> ColumnGraph:
        """The graph over ``c`` (``name``: the store, for errors). DamagedError for duplicate keys."""
        g = cls()
        store = _Store(c, name)
        g._store = store
        g.graph = dict(c.graph_attrs)
        g._node = _LazyMap(store, store.node_attrs)
        g._succ = _LazyMap(store, store.succ)  # networkx keeps _adj the same object as _succ
        g._pred = _LazyMap(store, store.pred)
        return nx.freeze(g)

    # --- fast paths that read the columns instead of building every dict ---------------------
    def number_of_edges(self, u: Any = None, v: Any = None) -> int:
        if u is None and self._store is not None:
            return self._store.c.n_edges
        return super().number_of_edges(u, v)

    # The three below return None on a graph not backed by columns (a networkx view of one):
    # graph.lineage_graph's node_values / edge_types / edges_of_type then read the dicts.
    def column_node_values(self, name: str) -> Iterator[tuple[Any, Any]] | None:
        """(key, value) of every node that has attribute ``name`` (in no set order), without
        building node dicts."""
        if self._store is None:
            return None
        keys, c = self._store.keys, self._store.c
        return self._guarded((keys[i], value) for i, value in c.nodes.values(name, c.strings))

    def column_edge_types(self) -> Iterator[Any] | None:
        """The type (networkx key) of every relationship, without building adjacency dicts."""
        if self._store is None:
            return None
        types = self._store.c.types
        return self._guarded(types[t] for t in self._store.c.out_type)

    def column_edges_of_type(self, types: Iterable[Any]) -> Iterator[_Row] | None:
        """(u, v, type, attributes) of every relationship of the given types, in the graph's order,
        building only those relationships' dicts (shared with the graph, as networkx gives them)."""
        if self._store is None:
            return None
        return self._guarded(self._edges_of_type(set(types)))

    def _guarded(self, items: Iterator[Any]) -> Iterator[Any]:
        """``items``, with a read out of range said as a damaged store."""
        try:
            yield from items
        except _BAD_READ as exc:
            assert self._store is not None
            raise damaged(self._store.name, f"{type(exc).__name__} reading a column") from None

    def _edges_of_type(self, wanted: set[Any]) -> Iterator[_Row]:
        store = self._store
        c, keys = store.c, store.keys
        ids = [i for i, t in enumerate(c.types) if t in wanted]
        if not ids:
            return
        out_ptr, out_nbr, out_type = c.out_ptr, c.out_nbr, c.out_type
        if out_type.itemsize == 1:  # find the relationships with a C-speed scan of the type column
            pattern = re.compile(b"[" + b"".join(re.escape(bytes([i])) for i in ids) + b"]")
            found: Iterable[int] = (m.start() for m in pattern.finditer(out_type))
        else:
            id_set = set(ids)
            found = (e for e, t in enumerate(out_type) if t in id_set)
        for e in found:
            u = bisect_right(out_ptr, e) - 1
            v = out_nbr[e]
            lo, hi = e, e + 1  # the pair's relationships are adjacent in u's slice
            while lo > out_ptr[u] and out_nbr[lo - 1] == v:
                lo -= 1
            while hi < out_ptr[u + 1] and out_nbr[hi] == v:
                hi += 1
            t = c.types[out_type[e]]
            yield keys[u], keys[v], t, store.keydict(u, v, range(lo, hi))[t]

    # --- writable copies --------------------------------------------------------------------
    def thaw(self) -> nx.MultiDiGraph:
        """An ordinary (writable) MultiDiGraph with the same content, order and attributes.

        Every dict is new (none is shared with this graph), as networkx's ``copy()`` gives.
        """
        g = nx.MultiDiGraph()
        g.graph.update(self.graph)
        pred: dict[Any, dict[Any, Any]]
        if self._store is not None:  # straight from the columns, a column (a list) at a time
            c = self._store.c
            keys = c.keys
            nodes = dict(zip(keys, c.nodes.all_rows(c.strings), strict=True))
            succ, pred = _adjacency(c)
        else:  # a view (subgraph) of a ColumnGraph
            nodes = {k: dict(d) for k, d in self._node.items()}
            succ = {u: {v: {t: dict(d) for t, d in kd.items()} for v, kd in nbrs.items()}
                    for u, nbrs in self._succ.items()}
            pred = {v: {u: succ[u][v] for u in nbrs} for v, nbrs in self._pred.items()}
        g._node = nodes
        g._succ = succ
        g._pred = pred
        return g

    def copy(self, as_view: bool = False) -> nx.MultiDiGraph:
        """A plain writable copy (or networkx's read-only view)."""
        if as_view:
            return nx.graphviews.generic_graph_view(self)
        return self.thaw()

    def __reduce__(self) -> Any:
        """Pickled (e.g. sent to another process) as the ordinary graph :meth:`thaw` gives."""
        g = self.thaw()
        return _plain_graph, (g.graph, g._node, g._succ, g._pred)


def _adjacency(c: Columns) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """Every node's successor and predecessor dicts, with one new keydict per related pair shared
    by both (lists built with ``map``/``zip``: this is most of a writable load)."""
    keys, n = c.keys, len(c.keys)
    attrs = c.edges.all_rows(c.strings)
    targets = list(map(keys.__getitem__, c.out_nbr))
    keydicts = [{t: a} for t, a in zip(map(c.types.__getitem__, c.out_type), attrs, strict=True)]
    out_ptr, out_nbr = c.out_ptr, c.out_nbr
    starts = set(out_ptr)
    same_target = compress(range(1, len(keydicts)), map(eq, out_nbr[1:], out_nbr[:-1]))
    for e in same_target:  # several types between one pair: adjacent, merged into one keydict
        if e not in starts:
            first = keydicts[e - 1]
            first.update(keydicts[e])
            keydicts[e] = first
    succ = {keys[i]: dict(zip(targets[out_ptr[i]:out_ptr[i + 1]], keydicts[out_ptr[i]:out_ptr[i + 1]],
                              strict=True)) for i in range(n)}
    sources = list(map(keys.__getitem__, c.in_nbr))
    in_keydicts = list(map(keydicts.__getitem__, c.in_eid))
    in_ptr = c.in_ptr
    pred = {keys[i]: dict(zip(sources[in_ptr[i]:in_ptr[i + 1]], in_keydicts[in_ptr[i]:in_ptr[i + 1]],
                              strict=True)) for i in range(n)}
    return succ, pred


def _plain_graph(attrs: dict[str, Any], nodes: dict[Any, Any], succ: dict[Any, Any],
                 pred: dict[Any, Any]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph, g._node, g._succ, g._pred = attrs, nodes, succ, pred
    return g
