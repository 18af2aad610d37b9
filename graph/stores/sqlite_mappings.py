"""The lazy mappings under :class:`graph.stores.sqlite_graph.StoreGraph`: its ``_node``, ``_succ`` and
``_pred``, reading the SQLite store as they are used (a node's attributes on first access; one neighbour
when asked for, all of them only when iterated) and keeping what was loaded, as it was, for the diff
that :func:`graph.stores.sqlite_write.write_diff` writes.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator, MutableMapping
from typing import Any

from graph.stores.sqlite_numbers import Numbered
from graph.stores.sqlite_rows import NodeReader

Pair = tuple[str, str]


class State:
    """What the three mappings share: the connection, what was loaded (as it was), what changed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.read = NodeReader()
        self.ids: dict[str, int] = {}  # key -> row id of every node loaded from the database
        self.orig_nodes: dict[str, str] = {}  # key -> props as loaded
        self.orig_edges: dict[tuple[str, str, str], str] = {}  # (u, v, type) -> props as loaded
        self.pairs: dict[Pair, KeyDict] = {}  # (u, v) -> the keydict shared by succ[u] and pred[v]
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


class KeyDict(dict):  # type: ignore[type-arg]
    """A pair's {type: attributes}; notes when a relationship is made (to number it as networkx orders it)."""

    __slots__ = ("state",)

    def __setitem__(self, key: Any, value: Any) -> None:
        if key not in self:
            self.state.made[id(value)] = next(self.state.counter)
        super().__setitem__(key, value)


def keydict(state: State) -> KeyDict:
    kd = KeyDict()
    kd.state = state
    return kd


class Nodes(MutableMapping):  # type: ignore[type-arg]
    """key -> attribute dict, read on first access."""

    def __init__(self, state: State) -> None:
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


class Neighbours(MutableMapping):  # type: ignore[type-arg]
    """A stored node's {neighbour: keydict} (successors, or predecessors): one neighbour is read when
    asked for (one indexed query), all of them only when iterated. Additions and removals are kept
    in ``have`` / ``gone`` until then, so adding a citation of a law cited ten thousand times reads
    none of the others."""

    __slots__ = ("full", "gone", "have", "key", "out", "placed", "places", "s")

    def __init__(self, state: State, key: str, out: bool) -> None:
        self.s = state
        self.key = key
        self.out = out
        self.have: dict[str, KeyDict] = {}  # neighbours read or added
        self.gone: set[str] = set()  # neighbours removed
        self.full = False
        self.places: dict[str, int] = {}  # once full: neighbour -> its place in ``have``'s order
        self.placed = 0

    def _pair(self, other: str) -> Pair:
        return (self.key, other) if self.out else (other, self.key)

    def _read_one(self, other: str) -> KeyDict | None:
        s = self.s
        pair = self._pair(other)
        kd = s.pairs.get(pair)
        if kd is None and other not in s.deleted:
            rows = s.conn.execute(_SQL_PAIR_OUT if self.out else _SQL_PAIR_IN,
                                  (s.ids[self.key], other)).fetchall()
            if rows:
                kd = s.pairs[pair] = keydict(s)
                for t, props in rows:
                    keep_edge(s, kd, pair, t, props)
        if kd:
            self.have[other] = kd
            return kd
        return None

    def _read_all(self) -> None:
        s = self.s
        if self.full:
            return
        merged: dict[str, KeyDict] = {}
        fresh: dict[Pair, KeyDict] = {}
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
                kd = fresh[pair] = merged[other] = keydict(s)
            keep_edge(s, kd, pair, t, props)
        s.pairs.update(fresh)
        for other, kd in self.have.items():  # added here since (or read and still here)
            merged.setdefault(other, kd)
        self.have = merged
        self.full = True
        self.places = {other: i for i, other in enumerate(merged)}
        self.placed = len(merged)

    def __getitem__(self, other: Any) -> KeyDict:
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

    def __setitem__(self, other: str, kd: KeyDict) -> None:
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

    def among(self, keys: set[str]) -> dict[str, KeyDict]:
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

    def now(self, other: str) -> KeyDict | bool | None:
        """The pair's keydict if read or added here, None if removed here, True if not known here."""
        kd = self.have.get(other)
        if kd is not None:
            return kd
        return None if other in self.gone or self.full else True


def keep_edge(s: State, kd: KeyDict, pair: Pair, t: str, props: str) -> None:
    data = json.loads(props)
    s.made.pop(id(data), None)  # the id of a dict made and dropped earlier
    dict.__setitem__(kd, t, data)
    s.orig_edges[(*pair, t)] = props


class Adjacency(MutableMapping):  # type: ignore[type-arg]
    """key -> its :class:`Neighbours` (a stored node) or dict (a new node)."""

    def __init__(self, state: State, nodes: Nodes, out: bool) -> None:
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
            adj = self.cache[key] = Neighbours(self.s, key, self.out)
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
        if isinstance(adj, Neighbours):
            return adj.among(scope)
        return {other: kd for other, kd in adj.items() if other in scope}
