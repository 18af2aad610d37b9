"""A lineage graph as flat columns (store format 3): the in-memory model and :func:`encode`.

Nodes are rows ``0..n-1`` in the graph's order. Relationships are numbered in the order of the
out-adjacency (node 0's, then node 1's ...), so a node's out-relationships are one slice of
``out_nbr`` / ``out_type`` (compressed sparse rows); the in-adjacency is a second such index whose
entries point at relationship numbers. Both keep networkx's iteration order.

Attributes (of nodes, and of relationships) are kept by *shape*: the rows with the same attribute
names in the same order form a block, stored a column at a time, so each row's dict is rebuilt
exactly, attribute order included. A column is one array with a value per row of its block:

- ``str``: an index into the graph's string table (every distinct string once);
- ``int``: a 64-bit integer;
- ``obj``: an index into the column's table of distinct values (label tuples, lists, floats ...).

Why columns: loading the national graph as networkx's own dicts (format 2) creates ~5 M Python
objects and took 5 s; columns load as a few arrays (memory-mapped) and one string table, and
:mod:`graph.stores.column_graph` builds only the dicts a question touches. The bytes on disk are
:mod:`graph.stores.column_file`'s.
"""

from __future__ import annotations

import pickle
from array import array
from collections import deque
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, repeat
from operator import add, eq, sub
from typing import Any

_INT64 = (-(1 << 63), (1 << 63) - 1)


class DamagedError(ValueError):
    """The store's columns do not fit together (checksum, manifest, sizes, indices out of range)."""


@dataclass
class Column:
    """One attribute of the rows of one block: an array with a value per row of the block."""

    kind: str  # "str": string-table index | "int": 64-bit integer | "obj": index into ``values``
    data: Any
    values: list[Any] = field(default_factory=list)  # obj: the distinct values

    @property
    def mutable(self) -> bool:
        """Some distinct value is a list, dict or set: rows get copies, never a shared one."""
        return any(isinstance(v, _MUTABLE) for v in self.values)

    def getter(self, strings: list[str]) -> Callable[[int], Any]:
        """Position in the block -> value (mutable values copied, so no two rows share a list)."""
        data, values = self.data, self.values
        if self.kind == "str":
            return lambda p: strings[data[p]]
        if self.kind == "int":
            return data.__getitem__
        if self.mutable:
            return lambda p: _fresh(values[data[p]])
        return lambda p: values[data[p]]

    def all_values(self, strings: list[str]) -> list[Any]:
        """Every value, in block order (fresh copies of mutable values)."""
        if self.kind == "str":
            return list(map(strings.__getitem__, self.data))
        if self.kind == "int":
            return self.data.tolist()
        values = list(map(self.values.__getitem__, self.data))
        return list(map(_fresh, values)) if self.mutable else values


@dataclass
class Block:
    """The rows of one shape: the same attribute names, in the same order."""

    names: tuple[str, ...]
    rows: Any  # array of row numbers, ascending
    columns: list[Column]  # one per name


@dataclass
class Table:
    """The attributes of every row of one kind (nodes, or relationships), block by block."""

    blocks: list[Block]
    row_block: Any  # array: each row's block
    row_pos: Any  # array: each row's position in its block

    def reader(self, strings: list[str]) -> Callable[[int], dict[str, Any]]:
        """A function from row number to a new dict of its attributes."""
        getters = [(b.names, tuple(c.getter(strings) for c in b.columns)) for b in self.blocks]
        row_block, row_pos = self.row_block, self.row_pos

        def read(i: int) -> dict[str, Any]:
            names, gets = getters[row_block[i]]
            p = row_pos[i]
            return dict(zip(names, [get(p) for get in gets], strict=True))

        return read

    def all_rows(self, strings: list[str]) -> list[dict[str, Any]]:
        """Every row's dict, in row order (built block by block, a column at a time)."""
        out: list[Any] = [None] * len(self.row_block)
        for b in self.blocks:
            values = zip(*(c.all_values(strings) for c in b.columns), strict=True) if b.names else (
                () for _ in b.rows)
            dicts = map(dict, map(zip, repeat(b.names), values))
            deque(map(out.__setitem__, b.rows, dicts), maxlen=0)  # out[row] = dict, at C speed
        return out

    def values(self, name: str, strings: list[str]) -> Iterator[tuple[int, Any]]:
        """(row, value) of every row that has attribute ``name``, block by block."""
        for b in self.blocks:
            if name in b.names:
                yield from zip(b.rows, b.columns[b.names.index(name)].all_values(strings), strict=True)


@dataclass
class Columns:
    """A whole graph: node keys, relationship types, adjacency and attribute tables."""

    graph_attrs: dict[str, Any]
    keys: list[Hashable]
    types: list[Hashable]
    strings: list[str]
    out_ptr: Any  # n + 1 offsets into out_nbr / out_type
    out_nbr: Any  # target row of each relationship
    out_type: Any  # index into types
    in_ptr: Any  # n + 1 offsets into in_nbr / in_eid
    in_nbr: Any  # source row of each in-relationship
    in_eid: Any  # its relationship number
    nodes: Table
    edges: Table

    @property
    def n_edges(self) -> int:
        return len(self.out_nbr)


_MUTABLE = (list, dict, set)


def _fresh(value: Any) -> Any:
    """Mutable values are copied, so that no two rows share one list."""
    return value.copy() if isinstance(value, _MUTABLE) else value


def _value_key(value: Any) -> Hashable:
    """A dict key under which equal values (of the same type) meet."""
    try:
        hash(value)
        return (type(value), value)
    except TypeError:
        pass
    if isinstance(value, list):
        try:
            key = (list, tuple(value))
            hash(key)
            return key
        except TypeError:
            pass
    return (type(value), pickle.dumps(value, protocol=5))


def _typecode(limit: int) -> str:
    """The smallest unsigned array typecode that holds numbers below ``limit``."""
    for code in "BHI":
        if limit <= 1 << (8 * array(code).itemsize):
            return code
    return "Q"


class _Numbering(dict):
    """key -> 0, 1, 2 ... in order of first lookup."""

    def __missing__(self, key: Hashable) -> int:
        number = self[key] = len(self)
        return number


def _encode_table(rows: list[Mapping[str, Any]], strings: _Numbering) -> Table:
    """Group the rows by shape, then store each block's attributes a column at a time (one column's
    values in memory at once: saving the national graph must stay within its memory budget)."""
    n = len(rows)
    shape_of: dict[tuple[str, ...], int] = {}
    row_block = array(_typecode(n + 1), [shape_of.setdefault(tuple(d), len(shape_of)) for d in rows])
    row_pos = array(_typecode(n + 1), bytes(n * array(_typecode(n + 1)).itemsize))
    blocks = []
    for s, names in enumerate(shape_of):
        members = array(_typecode(n + 1), compress(range(n), map(eq, row_block, repeat(s))))
        deque(map(row_pos.__setitem__, members, range(len(members))), maxlen=0)  # C-speed loop
        blocks.append(Block(names, members, [_encode_column(values, strings)
                                             for values in _transpose(rows, members, len(names))]))
    return Table(blocks, array(_typecode(len(blocks)), row_block), row_pos)


def _transpose(rows: list[Mapping[str, Any]], members: Any, width: int,
               chunk: int = 65536) -> list[list[Any]]:
    """The values of the rows ``members`` (all of one shape), a list per attribute. Each row is
    read once (rows are scattered in memory: reading one per column cost 3x), a chunk at a time so
    that the per-row tuples never all exist at once."""
    columns: list[list[Any]] = [[] for _ in range(width)]
    for start in range(0, len(members), chunk):
        part = [tuple(d.values()) for d in map(rows.__getitem__, members[start:start + chunk])]
        for column, values in zip(columns, zip(*part, strict=True), strict=True):
            column.extend(values)
    return columns


def _encode_column(values: list[Any], strings: _Numbering) -> Column:
    """The cheapest kind that holds every value (``strings`` numbers the graph's strings)."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return Column("str", array("i", map(strings.__getitem__, values)))
    if kinds == {int} and _INT64[0] <= min(values) and max(values) <= _INT64[1]:
        return Column("int", array("q", values))
    number = _Numbering()
    try:
        ids = list(map(number.__getitem__, _value_keys(values, kinds)))
    except TypeError:  # some value is not hashable as it is: key it by its pickle
        number.clear()
        ids = list(map(number.__getitem__, map(_value_key, values)))
    first = dict(zip(ids, values, strict=True))  # equal keys: equal values, so any one stands for all
    return Column("obj", array("i", ids), [first[i] for i in range(len(number))])


def _value_keys(values: list[Any], kinds: set[type]) -> Iterator[Hashable]:
    """Per value, a dict key under which equal values of the same type meet (hashable or not)."""
    if kinds == {list}:  # lists of strings (task names ...)
        return zip(repeat(list), map(tuple, values))
    return zip(map(type, values), values, strict=True)


def encode(g: Any) -> Columns:
    """The columns of a networkx multi-digraph (any graph with ``_node``, ``_succ``, ``_pred``).

    Written a list at a time (``map``, ``chain``, ``accumulate``) rather than an edge at a time: this
    is most of the time ``lineage ingest`` spends saving a big store.
    """
    keys = list(g._node)
    index = {k: i for i, k in enumerate(keys)}
    succ, pred = g._succ, g._pred
    # (u, v) pairs in out-adjacency order; each has a keydict {type: attributes}
    pair_kd = [kd for u in keys for kd in succ[u].values()]
    pair_len = array("i", map(len, pair_kd))
    pair_first = array("q", accumulate(pair_len, initial=0))  # first relationship number of each pair
    out_ptr = array("q", map(pair_first.__getitem__, accumulate((len(succ[u]) for u in keys), initial=0)))
    pair_nbr = array("i", map(index.__getitem__, (v for u in keys for v in succ[u])))
    out_nbr = array("i", chain.from_iterable(map(repeat, pair_nbr, pair_len)))
    del pair_nbr
    type_id = _Numbering()
    out_type = array("I", map(type_id.__getitem__, (t for kd in pair_kd for t in kd)))
    types = list(type_id)
    out_type = array(_typecode(len(types)), out_type)

    # In-adjacency: networkx shares one keydict between _succ[u][v] and _pred[v][u], so each pred
    # entry's keydict names its relationships.
    first_of = dict(zip(map(id, pair_kd), pair_first, strict=False))
    in_kd = [kd for v in keys for kd in pred[v].values()]
    in_first = array("q", map(first_of.get, map(id, in_kd), repeat(-1)))
    del first_of
    if in_first and min(in_first) < 0:  # a view, or a hand-made graph: no shared keydicts
        in_ptr, in_nbr, in_eid = _in_adjacency_by_search(g, keys, index, out_ptr, out_nbr, out_type, types)
    else:
        in_len = array("i", map(len, in_kd))
        in_eid = array("q", chain.from_iterable(map(range, in_first, map(add, in_first, in_len))))
        source_of = array("i", chain.from_iterable(map(repeat, range(len(keys)), map(sub, out_ptr[1:],
                                                                                       out_ptr[:-1]))))
        in_nbr = array("i", map(source_of.__getitem__, in_eid))
        del source_of
        in_cum = array("q", accumulate(in_len, initial=0))
        in_ptr = array("q", map(in_cum.__getitem__, accumulate((len(pred[v]) for v in keys), initial=0)))
    del in_kd, in_first
    edge_rows = [d for kd in pair_kd for d in kd.values()]
    del pair_kd
    if len(edge_rows) < 1 << 31:
        in_eid = array("i", in_eid)

    strings = _Numbering()
    nodes = _encode_table([g._node[k] for k in keys], strings)
    edges = _encode_table(edge_rows, strings)
    return Columns(dict(g.graph), keys, types, list(strings), out_ptr, out_nbr, out_type,
                   in_ptr, in_nbr, in_eid, nodes, edges)


def _in_adjacency_by_search(g: Any, keys: list[Hashable], index: dict[Hashable, int], out_ptr: Any,
                            out_nbr: Any, out_type: Any, types: list[Hashable]) -> tuple[Any, Any, Any]:
    """The in-adjacency, each relationship found in its source's out-slice (slow, but general)."""
    in_ptr, in_nbr, in_eid = array("q", [0]), array("i"), array("q")
    for v in keys:
        vi = index[v]
        for u, kd in g._pred[v].items():
            ui = index[u]
            for t in kd:
                in_nbr.append(ui)
                in_eid.append(_find_edge(out_ptr, out_nbr, out_type, types, ui, vi, t))
        in_ptr.append(len(in_nbr))
    return in_ptr, in_nbr, in_eid


def _find_edge(out_ptr: Any, out_nbr: Any, out_type: Any, types: list[Hashable], u: int, v: int,
               t: Hashable) -> int:
    for e in range(out_ptr[u], out_ptr[u + 1]):
        if out_nbr[e] == v and types[out_type[e]] == t:
            return e
    raise ValueError(f"relationship {t!r} in the in-adjacency only")
