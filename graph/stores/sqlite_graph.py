"""A writable networkx graph over the SQLite store that reads only what is touched.

:class:`StoreGraph` is a ``networkx.MultiDiGraph`` whose ``_node``, ``_succ`` and ``_pred`` are mappings
that read from the database (inside the writer's transaction) as they are used: a node's attributes on
first access; one neighbour of a node when asked for (``has_edge``, ``add_edge``), all of them only
when iterated. The loaders (``add_extraction``, ``retract``, ``settle``) edit it as any graph;
:func:`graph.stores.sqlite_write.write_diff` then writes only the rows that changed, new relationships
numbered (``edges.seq``) in the order they were made, as networkx orders them. So adding a file to the
national store reads the few hundred rows it touches, not the law that ten thousand documents cite.

Iterating over every node works (it reads them all). :meth:`StoreGraph.scoped` limits iteration to what
is in memory, or to given nodes and the relationships between them (in the same order): ``retract`` /
``settle`` look only at what a re-read file said (:meth:`StoreGraph.load_sources`) and what its new
version touched (:meth:`StoreGraph.touching`), so an ingest costs what its files say, not what was read
before them. :class:`NumberIndex` gives the loaders' index of numbered documents stem by stem.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Any

import networkx as nx

from graph.stores import sqlite_rows as rows
from graph.stores.sqlite_numbers import Numbered, NumberIndex
from graph.stores.sqlite_rows import NodeReader, dumps

Pair = tuple[str, str]


class _State:
    """What the three mappings share: the connection, what was loaded (as it was), what changed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.read = NodeReader()
        self.ids: dict[str, int] = {}  # key -> row id of every node loaded from the database
        self.orig_nodes: dict[str, str] = {}  # key -> props as loaded
        self.orig_edges: dict[tuple[str, str, str], str] = {}  # (u, v, type) -> props as loaded
        self.pairs: dict[Pair, _KeyDict] = {}  # (u, v) -> the keydict shared by succ[u] and pred[v]
        self.deleted: set[str] = set()  # database nodes removed from the graph
        self.new: dict[str, int] = {}  # nodes added (in order, numbered), not in the database or re-added
        self.added = itertools.count()  # numbers the nodes added (their order, for :meth:`StoreGraph.scoped`)
        self.made: dict[int, int] = {}  # id() of a relationship's dict -> when it was made (this run)
        self.counter = itertools.count()
        self.scoped = False
        self.scope: set[str] | None = None  # what iteration sees while scoped to keys
        self.journal: set[str] | None = None  # nodes touched, while :meth:`StoreGraph.touching`
        self.numbered = Numbered()  # the numbered nodes in memory, for number_index
        self.stored = conn.execute("SELECT count(*) FROM nodes").fetchone()[0]


class _KeyDict(dict):  # type: ignore[type-arg]
    """A pair's {type: attributes}; notes when a relationship is made (to number it as networkx orders it)."""

    __slots__ = ("state",)

    def __setitem__(self, key: Any, value: Any) -> None:
        if key not in self:
            self.state.made[id(value)] = next(self.state.counter)
        super().__setitem__(key, value)


def _keydict(state: _State) -> _KeyDict:
    kd = _KeyDict()
    kd.state = state
    return kd


class _Nodes(MutableMapping):  # type: ignore[type-arg]
    """key -> attribute dict, read on first access."""

    def __init__(self, state: _State) -> None:
        self.s = state
        self.cache: dict[str, dict[str, Any]] = {}
        self.places: dict[str, int] = {}  # key -> when it came into the cache (the cache's order)
        self.placed = itertools.count()

    def _touch(self, key: Any) -> None:
        s = self.s
        if s.numbered.dirty is not None and isinstance(key, str):
            s.numbered.dirty.add(key)
        if s.journal is not None and isinstance(key, str):
            s.journal.add(key)

    def __getitem__(self, key: Any) -> dict[str, Any]:
        d = self.cache.get(key)
        s = self.s
        self._touch(key)
        if d is not None:
            return d
        if not isinstance(key, str) or key in s.deleted:
            raise KeyError(key)
        row = s.conn.execute("SELECT id, props FROM nodes WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return self._keep(row[0], key, row[1])

    def _keep(self, i: int, key: str, props: str) -> dict[str, Any]:
        self.s.ids[key] = i
        self.s.orig_nodes[key] = props
        self.places[key] = next(self.placed)
        self._touch(key)
        d = self.cache[key] = self.s.read(props)
        return d

    def __contains__(self, key: object) -> bool:
        try:
            self[key]
        except (KeyError, TypeError):
            return False
        return True

    def __setitem__(self, key: str, value: dict[str, Any]) -> None:
        self._touch(key)
        if key not in self.cache:
            self.places[key] = next(self.placed)
            if key not in self.s.ids or key in self.s.deleted:
                self.s.new[key] = next(self.s.added)
        self.cache[key] = value

    def __delitem__(self, key: str) -> None:
        self[key]
        del self.cache[key]
        del self.places[key]
        self.s.new.pop(key, None)
        if key in self.s.ids:
            self.s.deleted.add(key)

    def load_all(self) -> None:
        """Read every node not read yet."""
        s = self.s
        for i, key, props in s.conn.execute("SELECT id, key, props FROM nodes ORDER BY id"):
            if key not in self.cache and key not in s.deleted and key not in s.ids:
                self._keep(i, key, props)

    def __iter__(self) -> Iterator[str]:
        s = self.s
        if s.scope is not None:
            return iter(self.in_order(s.scope))
        if not s.scoped:
            self.load_all()
        stored = sorted((i, k) for k, i in s.ids.items() if k not in s.deleted)
        return iter([*(k for _, k in stored), *s.new])

    def in_order(self, keys: Iterable[str]) -> list[str]:
        """Those of ``keys`` in memory (read or new), in the order iterating over them all gives."""
        s = self.s
        keys = set(keys)
        stored = sorted((s.ids[k], k) for k in keys if k in s.ids and k not in s.deleted)
        added = sorted((s.new[k], k) for k in keys if k in s.new)
        return [*(k for _, k in stored), *(k for _, k in added)]

    def __len__(self) -> int:
        return self.s.stored - len(self.s.deleted) + len(self.s.new)


_SQL_OUT = ("SELECT n.key, e.type, e.props FROM edges e JOIN nodes n ON n.id = e.target "
            "WHERE e.source = ? ORDER BY e.seq")
_SQL_IN = ("SELECT n.key, e.type, e.props FROM edges e JOIN nodes n ON n.id = e.source "
           "WHERE e.target = ? ORDER BY e.seq")
_SQL_PAIR_OUT = ("SELECT type, props FROM edges WHERE source = ? AND target = "
                 "(SELECT id FROM nodes WHERE key = ?) ORDER BY seq")
_SQL_PAIR_IN = ("SELECT type, props FROM edges WHERE target = ? AND source = "
                "(SELECT id FROM nodes WHERE key = ?) ORDER BY seq")


class _Neighbours(MutableMapping):  # type: ignore[type-arg]
    """A stored node's {neighbour: keydict} (successors, or predecessors): one neighbour is read when
    asked for (one indexed query), all of them only when iterated. Additions and removals are kept
    in ``have`` / ``gone`` until then, so adding a citation of a law cited ten thousand times reads
    none of the others."""

    __slots__ = ("full", "gone", "have", "key", "out", "placed", "places", "s")

    def __init__(self, state: _State, key: str, out: bool) -> None:
        self.s = state
        self.key = key
        self.out = out
        self.have: dict[str, _KeyDict] = {}  # neighbours read or added
        self.gone: set[str] = set()  # neighbours removed
        self.full = False
        self.places: dict[str, int] = {}  # once full: neighbour -> its place in ``have``'s order
        self.placed = 0

    def _pair(self, other: str) -> Pair:
        return (self.key, other) if self.out else (other, self.key)

    def _read_one(self, other: str) -> _KeyDict | None:
        s = self.s
        pair = self._pair(other)
        kd = s.pairs.get(pair)
        if kd is None and other not in s.deleted:
            rows = s.conn.execute(_SQL_PAIR_OUT if self.out else _SQL_PAIR_IN,
                                  (s.ids[self.key], other)).fetchall()
            if rows:
                kd = s.pairs[pair] = _keydict(s)
                for t, props in rows:
                    _keep_edge(s, kd, pair, t, props)
        if kd:
            self.have[other] = kd
            return kd
        return None

    def _read_all(self) -> None:
        s = self.s
        if self.full:
            return
        merged: dict[str, _KeyDict] = {}
        fresh: dict[Pair, _KeyDict] = {}
        for other, t, props in s.conn.execute(_SQL_OUT if self.out else _SQL_IN, (s.ids[self.key],)):
            if other in self.gone or other in s.deleted:
                continue
            pair = self._pair(other)
            kd = s.pairs.get(pair)
            if kd is not None and pair not in fresh:  # read before: as it is now
                if kd:
                    merged.setdefault(other, kd)
                continue
            kd = fresh.get(pair)
            if kd is None:
                kd = fresh[pair] = merged[other] = _keydict(s)
            _keep_edge(s, kd, pair, t, props)
        s.pairs.update(fresh)
        for other, kd in self.have.items():  # added here since (or read and still here)
            merged.setdefault(other, kd)
        self.have = merged
        self.full = True
        self.places = {other: i for i, other in enumerate(merged)}
        self.placed = len(merged)

    def __getitem__(self, other: Any) -> _KeyDict:
        if self.s.journal is not None and isinstance(other, str):
            self.s.journal.update((self.key, other))
        kd = self.have.get(other)
        if kd is None:
            if self.full or other in self.gone or not isinstance(other, str):
                raise KeyError(other)
            kd = self._read_one(other)
            if kd is None:
                raise KeyError(other)
        return kd

    def __contains__(self, other: object) -> bool:
        try:
            self[other]
        except KeyError:
            return False
        return True

    def __setitem__(self, other: str, kd: _KeyDict) -> None:
        if self.s.journal is not None:
            self.s.journal.update((self.key, other))
        if self.full and other not in self.have:
            self.places[other] = self.placed
            self.placed += 1
        self.have[other] = kd
        self.gone.discard(other)

    def __delitem__(self, other: str) -> None:
        self.have.pop(other, None)  # (networkx deletes a pair from both ends once it is empty)
        self.places.pop(other, None)
        self.gone.add(other)

    def among(self, keys: set[str]) -> dict[str, _KeyDict]:
        """The neighbours that are among ``keys``, in this mapping's order, without going through all
        of them when they are many (an agency that issued thousands of documents)."""
        self._read_all()
        if len(self.have) <= len(keys):
            return {other: kd for other, kd in self.have.items() if other in keys}
        have = self.have
        return {other: have[other] for other in sorted((k for k in keys if k in have), key=self.places.get)}

    def __iter__(self) -> Iterator[str]:
        self._read_all()
        return iter(list(self.have))

    def __len__(self) -> int:
        self._read_all()
        return len(self.have)

    def now(self, other: str) -> _KeyDict | bool | None:
        """The pair's keydict if read or added here, None if removed here, True if not known here."""
        kd = self.have.get(other)
        if kd is not None:
            return kd
        return None if other in self.gone or self.full else True


def _keep_edge(s: _State, kd: _KeyDict, pair: Pair, t: str, props: str) -> None:
    data = json.loads(props)
    s.made.pop(id(data), None)  # the id of a dict made and dropped earlier
    dict.__setitem__(kd, t, data)
    s.orig_edges[(*pair, t)] = props


class _Adjacency(MutableMapping):  # type: ignore[type-arg]
    """key -> its :class:`_Neighbours` (a stored node) or dict (a new node)."""

    def __init__(self, state: _State, nodes: _Nodes, out: bool) -> None:
        self.s = state
        self.nodes = nodes
        self.out = out
        self.cache: dict[str, Any] = {}

    def __getitem__(self, key: Any) -> Any:
        if self.s.journal is not None and isinstance(key, str):
            self.s.journal.add(key)
        adj = self.cache.get(key)
        if adj is None:
            self.nodes[key]  # KeyError when there is no such node
            adj = self.cache[key] = _Neighbours(self.s, key, self.out)
        return adj

    def __contains__(self, key: object) -> bool:
        if self.s.journal is not None and isinstance(key, str):
            self.s.journal.add(key)
        return key in self.cache or key in self.nodes

    def __setitem__(self, key: str, value: Any) -> None:
        self.cache[key] = value

    def __delitem__(self, key: str) -> None:
        self[key]
        del self.cache[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def items(self) -> Any:
        """As a mapping's; while scoped to keys (:meth:`StoreGraph.scoped`), each node's neighbours
        are those among the keys too: iterating over all relationships sees those between them."""
        scope = self.s.scope
        if scope is None:
            return super().items()
        return [(key, self._among(key, scope)) for key in self.nodes.in_order(scope)]

    def _among(self, key: str, scope: set[str]) -> dict[str, Any]:
        adj = self[key]
        if isinstance(adj, _Neighbours):
            return adj.among(scope)
        return {other: kd for other, kd in adj.items() if other in scope}


class StoreGraph(nx.MultiDiGraph):
    """The store's graph, read as touched, written back as a diff (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.graph.update(rows.meta(conn))
        self.written = (0, 0)  # (relationships added, removed), once written (sqlite_write.write_diff)
        self._start(conn)

    def _start(self, conn: sqlite3.Connection) -> None:
        s = self._state = _State(conn)
        self.edge_key_dict_factory = lambda: _keydict(s)
        self._meta = dumps(self.graph)
        nodes = _Nodes(s)
        self._node = nodes
        self._succ = _Adjacency(s, nodes, out=True)
        self._pred = _Adjacency(s, nodes, out=False)
        nx._clear_cache(self)
        for name in ("nodes", "adj", "succ", "pred", "edges", "out_edges", "in_edges", "degree"):
            self.__dict__.pop(name, None)  # cached views over the mappings replaced

    def forget(self) -> None:
        """Drop what is in memory once it is written (``write_diff``, same transaction): what is needed
        again is read again. Keeps a long ingest's memory bounded."""
        self._start(self._state.conn)

    def in_memory(self) -> int:
        """How many nodes are held in memory (read or new)."""
        return len(self._node.cache)

    def remove_edge(self, u: Any, v: Any, key: Any = None) -> None:
        """As networkx's, with both ends read first (the pair is deleted from both)."""
        with contextlib.suppress(KeyError):
            self._pred[v]
        super().remove_edge(u, v, key)

    def remove_node(self, n: Any) -> None:
        """As networkx's, with the node's predecessors read first (networkx reads them after it has
        deleted the node's attributes)."""
        with contextlib.suppress(KeyError):
            self._pred[n]
        super().remove_node(n)

    def remove_nodes_from(self, nodes: Iterable[Any]) -> None:
        """As networkx's (which bypasses :meth:`remove_node`)."""
        for n in list(nodes):
            if n in self:
                self.remove_node(n)

    @contextlib.contextmanager
    def scoped(self, keys: Iterable[str] | None = None) -> Iterator[None]:
        """Iterating over the graph sees only what is loaded (or new) while in the block -- or, given
        ``keys``, only those of them that are, in the same order, and the relationships between them
        (a node's own neighbours, ``g[n]``, ``g.out_edges(n)`` ..., are all there still)."""
        s = self._state
        s.scoped, s.scope = True, None if keys is None else set(keys)
        try:
            yield
        finally:
            s.scoped, s.scope = False, None

    @contextlib.contextmanager
    def touching(self) -> Iterator[set[str]]:
        """The keys of the nodes looked at, added or changed (with the relationships between them)
        while in the block, collected in the set it gives."""
        s = self._state
        outer, s.journal = s.journal, set()
        try:
            yield s.journal
        finally:
            if outer is not None:
                outer |= s.journal
            s.journal = outer

    def load_sources(self, sources: Iterable[str]) -> set[str]:
        """Read what the files ``sources`` said: their nodes, their relationships and both ends'
        (returns those nodes' keys)."""
        s, names = self._state, sorted(set(sources))
        keys: set[str] = set()
        for chunk in _chunks(names):
            marks = ",".join("?" * len(chunk))
            found = s.conn.execute(
                f"SELECT key FROM nodes WHERE source IN ({marks}) UNION "
                f"SELECT n.key FROM edges e JOIN nodes n ON n.id IN (e.source, e.target) "
                f"WHERE e.file IN ({marks})", [*chunk, *chunk]).fetchall()
            for (key,) in found:
                if key in self._node:
                    self._succ[key]
                    self._pred[key]
                    keys.add(key)
        return keys

    def number_index(self, stem: Callable[[str], str]) -> NumberIndex:
        """``graph.loaders.documents``' index of numbered nodes (stem -> keys), read from the store
        stem by stem as the loaders ask (``nodes.stem``), plus what is in memory (looked at again
        only where touched since the last index: see :class:`Numbered`)."""
        s, nodes = self._state, self._node
        return NumberIndex(s.conn, s.deleted, nodes.cache, s.numbered.update(nodes.cache, nodes.places, stem))


def _chunks(items: list[str], size: int = 400) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
