"""The lineage graph as GraphML and GEXF hold it ("flat"), read one node or relationship at a time.

Attribute values there are scalars: lists are joined with "; ", ``labels`` becomes one string
("Document:LegalBasis"), each node gets a ``label`` (number, name, title or text) for Gephi to show,
characters XML 1.0 forbids become spaces, and the whole numbers of an attribute that also holds a
decimal number are written as decimals (one type per attribute). Node ids: see :func:`xml_ids`.

The rows come from a graph in memory (:class:`GraphRows`) or straight from the store file
(:class:`StoreRows`, one row at a time, in the order loading the store gives). :class:`FlatRows`
reads them in two passes: a survey (what each attribute holds; the writers declare their keys from
it before the first node) and the pass that writes.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Protocol

from graph.errors import StoreError
from graph.i18n import _

if TYPE_CHECKING:
    from graph.lineage_graph import Graph

Attrs = dict[str, Any]

# Characters XML 1.0 forbids (Word's manual line break \x0b, \x1a ...): GraphML / GEXF would not parse.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """Text with the characters XML forbids as spaces; any other value as it is."""
    return NOT_XML.sub(" ", value) if isinstance(value, str) else value


def flat_value(value: Any) -> Any:
    """A list as one text ("a; b"), made XML-safe."""
    if isinstance(value, (list, tuple)):
        return xml_safe("; ".join(str(v) for v in value))
    return xml_safe(value)


def display_label(key: Any, data: Attrs) -> Any:
    """What Gephi shows for a node: its number, name, title or text (80 characters), else its key."""
    for name in ("number", "name", "title", "text"):
        if data.get(name):
            return str(data[name])[:80]
    return key


def xml_ids(keys: Iterable[Any]) -> dict[Any, str]:
    """Node ids XML can hold, one per node, for the nodes whose id is not ``str(key)``: forbidden
    characters shown as ``\\xNN``, and an id that would still meet another's (keys that differ only
    there) gets ``#2``, ``#3`` ... -- never merged."""
    renamed: dict[Any, str] = {}
    used: set[str] = set()
    for n in keys:
        base = NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", str(n))
        name, i = base, 1
        while name in used:
            i += 1
            name = f"{base}#{i}"
        used.add(name)
        if name != str(n):
            renamed[n] = name
    return renamed


def _widen(name: str, value: Any, floats: set[str]) -> Any:
    if name in floats and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def flat_node(key: Any, data: Attrs, xml_id: str, floats: set[str]) -> Attrs:
    """A node's flat attributes (``floats``: the attributes whose whole numbers are written as decimals)."""
    attrs = {k: _widen(k, flat_value(v), floats) for k, v in data.items() if v is not None}
    attrs["labels"] = ":".join(data.get("labels", ()))
    attrs["label"] = xml_safe(display_label(key, data))
    if "key" in attrs:
        attrs["key"] = xml_id
    return attrs


def flat_edge(data: Attrs, floats: set[str]) -> Attrs:
    """A relationship's flat attributes."""
    return {a: _widen(a, flat_value(b), floats) for a, b in data.items() if b is not None}


def _kind(value: Any) -> type:
    return str if isinstance(value, (list, tuple)) else type(value)


def node_kinds(key: Any, data: Attrs) -> dict[Any, type]:
    """The type of each of :func:`flat_node`'s values, in its order, whole numbers not widened --
    without making the values (a survey pass reads every node)."""
    kinds = {k: _kind(v) for k, v in data.items() if v is not None}
    kinds["labels"] = str
    kinds["label"] = type(display_label(key, data))
    if "key" in kinds:
        kinds["key"] = str
    return kinds


def edge_kinds(data: Attrs) -> dict[Any, type]:
    """As :func:`node_kinds`, for :func:`flat_edge`."""
    return {a: _kind(b) for a, b in data.items() if b is not None}


class Rows(Protocol):
    """Nodes (key, attributes) and relationships (source, target, type, attributes) in the graph's order."""

    def node_keys(self) -> Iterable[Any]: ...

    def nodes(self) -> Iterable[tuple[Any, Attrs]]: ...

    def edges(self) -> Iterable[tuple[Any, Any, str, Attrs]]: ...


class GraphRows:
    """The rows of a graph in memory."""

    def __init__(self, g: Graph) -> None:
        self.g = g

    def node_keys(self) -> Iterable[Any]:
        return self.g.nodes

    def nodes(self) -> Iterable[tuple[Any, Attrs]]:
        return self.g.nodes(data=True)

    def edges(self) -> Iterable[tuple[Any, Any, str, Attrs]]:
        return self.g.edges(keys=True, data=True)


# Every relationship with its ends' keys, grouped by source node (the primary key's order: no sort).
_EDGES = ("SELECT e.source, s.key, e.type, e.target, t.key, e.seq, e.props FROM edges AS e "
          "LEFT JOIN nodes AS s ON s.id = e.source LEFT JOIN nodes AS t ON t.id = e.target "
          "ORDER BY e.source")


def _as_loaded(rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The relationships of one source node (rows of ``_EDGES``) in the order loading the store gives
    them (:func:`graph.stores.sqlite_rows.read_graph`, networkx's adjacency): by target, in the order
    its first relationship was made, then as made (``seq``; ties as the index ``edges_seq`` has them)."""
    by_target: dict[Any, list[tuple[Any, ...]]] = {}
    for row in sorted(rows, key=lambda r: (r[5], r[2], r[3])):
        by_target.setdefault(row[3], []).append(row)
    return [row for same_target in by_target.values() for row in same_target]


class StoreRows:
    """The rows of a store file, read as they are written out (``conn``: opened read-only)."""

    def __init__(self, conn: sqlite3.Connection, store: str) -> None:
        self.conn = conn
        self.store = store

    def node_keys(self) -> Iterator[str]:
        with self._said():
            for (key,) in self.conn.execute("SELECT key FROM nodes ORDER BY id"):
                yield key

    def nodes(self) -> Iterator[tuple[str, Attrs]]:
        loads = json.loads
        with self._said():
            for key, props in self.conn.execute("SELECT key, props FROM nodes ORDER BY id"):
                yield key, loads(props)

    def edges(self) -> Iterator[tuple[str, str, str, Attrs]]:
        loads = json.loads
        with self._said():
            for _source, rows in itertools.groupby(self.conn.execute(_EDGES), key=itemgetter(0)):
                for source_id, source, kind, target_id, target, _seq, props in _as_loaded(rows):
                    if source is None or target is None:  # a relationship to no node
                        raise KeyError(source_id if source is None else target_id)
                    yield source, target, kind, loads(props)

    @contextlib.contextmanager
    def _said(self) -> Iterator[None]:
        """A store that cannot be read (or holds what is not JSON) said as loading it whole says it."""
        try:
            yield
        except (sqlite3.DatabaseError, ValueError, KeyError) as exc:
            raise StoreError(_("{store}: store is damaged ({why})").format(
                store=self.store, why=f"{type(exc).__name__}: {exc}"),
                hint=_("ingest again to rebuild it")) from None


class FlatRows:
    """The flat nodes and relationships of ``rows``: first :meth:`survey_nodes` then
    :meth:`survey_edges` (each once, in full), then :meth:`nodes` and :meth:`edges` as often as needed."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows
        self.node_floats: set[str] = set()
        self.edge_floats: set[str] = set()
        self._renamed: dict[Any, str] | None = None

    def xml_id(self, key: Any) -> str:
        if self._renamed is None:  # keys read twice rather than kept: none is renamed in a store of documents
            hostile = any(NOT_XML.search(str(k)) for k in self.rows.node_keys())
            self._renamed = xml_ids(self.rows.node_keys()) if hostile else {}
        return self._renamed.get(key) or str(key)

    def survey_nodes(self) -> Iterator[tuple[Attrs, dict[Any, type]]]:
        """Each node's attributes as stored and the types of its flat values, whole numbers not yet
        widened (the attributes holding decimals are being noted)."""
        floats = self.node_floats
        for n, d in self.rows.nodes():
            floats.update(k for k, v in d.items() if isinstance(v, float))
            yield d, node_kinds(n, d)

    def survey_edges(self) -> Iterator[tuple[str, Attrs, dict[Any, type]]]:
        """As :meth:`survey_nodes`, for the relationships (with their types)."""
        floats = self.edge_floats
        for _u, _v, k, d in self.rows.edges():
            floats.update(a for a, b in d.items() if isinstance(b, float))
            yield k, d, edge_kinds(d)

    def survey(self) -> None:
        """Both surveys, their rows unused (what :meth:`nodes` and :meth:`edges` need first)."""
        for _node in self.survey_nodes():
            pass
        for _edge in self.survey_edges():
            pass

    def widened(self, scope: str, name: Any, kind: type) -> type:
        """The type written of a value of ``kind`` in the attribute ``name`` of nodes or edges
        (``scope``), once the survey has found the attributes holding decimals."""
        floats = self.node_floats if scope == "node" else self.edge_floats
        return float if kind is int and name in floats else kind

    def flat(self, scope: str, name: Any, value: Any) -> Any:
        """The flat value of ``value`` in the attribute ``name`` of nodes or edges, after the survey."""
        return _widen(name, flat_value(value), self.node_floats if scope == "node" else self.edge_floats)

    def nodes(self) -> Iterator[tuple[str, Attrs]]:
        """Each node's id and flat attributes (after the survey)."""
        for n, d in self.rows.nodes():
            xml_id = self.xml_id(n)
            yield xml_id, flat_node(n, d, xml_id, self.node_floats)

    def edges(self) -> Iterator[tuple[str, str, str, Attrs]]:
        """Each relationship's source id, target id, type and flat attributes (after the survey)."""
        for u, v, k, d in self.rows.edges():
            yield self.xml_id(u), self.xml_id(v), k, flat_edge(d, self.edge_floats)
