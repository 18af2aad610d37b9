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
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import networkx as nx

from graph.stores import sqlite_rows as rows
from graph.stores.sqlite_mappings import Adjacency, Nodes, State, keydict
from graph.stores.sqlite_numbers import NumberIndex
from graph.stores.sqlite_rows import dumps


class StoreGraph(nx.MultiDiGraph):
    """The store's graph, read as touched, written back as a diff (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.graph.update(rows.meta(conn))
        self.written = (0, 0)  # (relationships added, removed), once written (sqlite_write.write_diff)
        self._start(conn)

    def _start(self, conn: sqlite3.Connection) -> None:
        s = self._state = State(conn)
        self.edge_key_dict_factory = lambda: keydict(s)
        self._meta = dumps(self.graph)
        nodes = Nodes(s)
        self._node = nodes
        self._succ = Adjacency(s, nodes, out=True)
        self._pred = Adjacency(s, nodes, out=False)
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
