"""The loaders' index of numbered documents (``graph.loaders.documents``) over the store.

:class:`NumberIndex` reads a stem's keys from the store when first asked for (``nodes.stem``) and
folds in the numbered nodes held in memory when it was made. Those are kept by :class:`Numbered` as
files are read: each index made after the first looks again only at the nodes touched since the
last (an ingest makes one after every file it reads again), not at every node in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any


class Numbered:
    """stem -> {key: place in memory} of the nodes in memory that have a number, as of the last
    :meth:`update`; the nodes touched since are noted in ``dirty`` (None: not noted yet)."""

    def __init__(self) -> None:
        self.by_stem: dict[str, dict[str, int]] = {}
        self.listed: dict[str, str] = {}  # key -> its stem, for the keys in by_stem
        self.dirty: set[str] | None = None

    def update(self, cache: dict[str, dict[str, Any]], places: dict[str, int],
               stem: Callable[[str], str]) -> dict[str, dict[str, int]]:
        """Bring the stems up to date with the nodes touched since the last update (all the first
        time) and start noting anew; returns them."""
        keys = list(cache) if self.dirty is None else self.dirty
        self.dirty = set()
        for key in keys:
            st = self.listed.pop(key, None)
            if st is not None:
                del self.by_stem[st][key]
            d = cache.get(key)
            if d is not None and d.get("number"):
                st = stem(key) if st is None else st
                self.by_stem.setdefault(st, {})[key] = places[key]
                self.listed[key] = st
        return self.by_stem


class NumberIndex(dict):  # type: ignore[type-arg]
    """stem -> keys of the numbered nodes, each stem read from the store when first asked for (the
    loaders ``get`` / ``setdefault`` a stem and add to its set), with the nodes in memory when the
    index was made (read, or added by earlier files of this run) folded in."""

    def __init__(self, conn: sqlite3.Connection, deleted: set[str], nodes: dict[str, dict[str, Any]],
                 memory: dict[str, dict[str, int]]) -> None:
        super().__init__()
        self.conn = conn
        self.deleted = deleted
        self.nodes = nodes
        self.memory = memory  # not changed while this index is in use (Numbered.update makes the next)

    def _remembered(self, st: str) -> set[str]:
        """The stem's keys in memory as a set filled in memory order (as gathering them node by node
        would fill it: the same set, in the same iteration order)."""
        found: set[str] = set()
        places = self.memory.get(st)
        for key in sorted(places, key=places.__getitem__) if places else ():
            found.add(key)
        return found

    def _read(self, st: str) -> set[str]:
        found = dict.get(self, st)
        if found is None:
            nodes = self.nodes
            found = {k for (k,) in self.conn.execute("SELECT key FROM nodes WHERE stem = ?", (st,))
                     if k not in self.deleted and (k not in nodes or nodes[k].get("number"))}
            found |= self._remembered(st)
            dict.__setitem__(self, st, found)
        return found

    def get(self, st: Any, default: Any = None) -> Any:
        return self._read(st)

    def setdefault(self, st: Any, default: Any = None) -> Any:
        return self._read(st)

    def __getitem__(self, st: Any) -> set[str]:
        return self._read(st)

    def __contains__(self, st: object) -> bool:
        return bool(self._read(st)) if isinstance(st, str) else False
