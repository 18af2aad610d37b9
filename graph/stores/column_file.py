"""The bytes of :class:`~graph.stores.columns.Columns` on disk (the payload of store format 4).

Payload: prefix (manifest length, CRC-32 of everything after the prefix) | manifest (JSON, UTF-8) |
8-byte aligned array sections. The manifest holds everything small or irregular and, per array,
``[typecode, offset, count]``. It is data only: reading it never runs code, and every part is checked
(types, typecodes, bounds, sizes) before use; whatever does not fit is a :class:`DamagedError`. The
CRC makes a damaged file an error at load, not a wrong answer later. Reading maps the arrays as views
into the buffer (memory-mapped by :mod:`graph.stores.graph_file`).

Format 3 kept the same layout with a pickled manifest: :func:`from_buffer_pickled` reads it, and
only :mod:`graph.stores.graph_file` calls it, only when the user said the file is trusted.
"""

from __future__ import annotations

import json
import math
import pickle
import struct
import sys
import zlib
from array import array
from typing import Any

from graph.stores.columns import Block, Column, Columns, DamagedError, Table

__all__ = ["DamagedError", "check", "from_buffer", "from_buffer_pickled", "to_bytes"]

_SEP = "\x00"  # joins the string table into one UTF-8 blob

_PREFIX = struct.Struct("<QI4x")
_TYPECODES = frozenset("bBhHiIlLqQ")
_KINDS = frozenset(("str", "int", "obj"))
MANIFEST_TAG = "policy-lineage columns"
MAX_MANIFEST = 1 << 30  # a manifest is small: its bulk (keys, strings) lives in the sections


# --- values in the manifest: JSON with tags for what JSON lacks --------------------------------

def to_json(value: Any) -> Any:
    """A JSON-ready form of an attribute value: scalars as they are; tuples, dicts and non-finite
    floats tagged (``{"t": [...]}``, ``{"d": [[k, v], ...]}``, ``{"f": "nan"}``). Other types are a
    TypeError: the store holds data, not objects."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"f": repr(value)}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [to_json(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[to_json(k), to_json(v)] for k, v in value.items()]}
    raise TypeError(f"a {type(value).__name__} value cannot be stored (only text, numbers, lists, "
                    "tuples and dicts)")


_FLOATS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def from_json(value: Any) -> Any:
    """The value :func:`to_json` wrote (DamagedError for anything it cannot have written)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, dict) and len(value) == 1:
        tag, inner = next(iter(value.items()))
        if tag == "t" and isinstance(inner, list):
            return tuple(from_json(v) for v in inner)
        if tag == "f" and inner in _FLOATS:
            return _FLOATS[inner]
        if tag == "d" and isinstance(inner, list) and all(isinstance(p, list) and len(p) == 2 for p in inner):
            out = {}
            for k, v in inner:
                k = from_json(k)
                try:
                    out[k] = from_json(v)
                except TypeError:  # an unhashable key
                    raise DamagedError("manifest holds an unhashable key") from None
            return out
    raise DamagedError("manifest holds a value of no known kind")


# --- writing ------------------------------------------------------------------------------------

class _Writer:
    """Sections, each padded to 8 bytes, and where each starts. The arrays themselves are kept (the
    file is written from them), not copies: saving the national graph must fit its memory budget."""

    def __init__(self, swap: bool = False) -> None:
        self.chunks: list[Any] = []
        self.offset = 0
        self.swap = swap

    def _append(self, chunk: Any) -> None:
        self.chunks.append(chunk)
        self.offset += memoryview(chunk).nbytes

    def _pad(self) -> None:
        if self.offset % 8:
            self._append(b"\x00" * (-self.offset % 8))

    def add(self, data: Any) -> list[Any]:
        """An array as a section."""
        if self.swap and data.itemsize > 1:
            data = array(data.typecode, data)
            data.byteswap()
        spec = [data.typecode, self.offset, len(data)]
        self._append(data)
        self._pad()
        return spec

    def add_joined(self, strings: list[str], chunk: int = 65536) -> list[Any] | None:
        """The strings as one UTF-8 section, separated by ``_SEP`` (encoded a slice at a time, so
        that the whole joined text never exists at once); None when a string holds ``_SEP``."""
        start, mark = self.offset, len(self.chunks)
        for i in range(0, len(strings), chunk):
            part = _SEP.join(strings[i:i + chunk])
            if part.count(_SEP) != len(strings[i:i + chunk]) - 1:
                del self.chunks[mark:]
                self.offset = start
                return None
            self._append(((_SEP if i else "") + part).encode("utf-8", "surrogatepass"))
        spec = ["B", start, self.offset - start]
        self._pad()
        return spec


def _table_manifest(t: Table, w: _Writer) -> dict[str, Any]:
    blocks = [[list(b.names), w.add(b.rows), [[c.kind, w.add(c.data), [to_json(v) for v in c.values]]
                                              for c in b.columns]] for b in t.blocks]
    return {"blocks": blocks, "row_block": w.add(t.row_block), "row_pos": w.add(t.row_pos)}


def _index_of(names: list[Any], strings: list[str]) -> array | None:
    """``names`` as string-table indices when each is a string of the table, else None."""
    if not all(type(n) is str for n in names):
        return None
    where = {s: i for i, s in enumerate(strings)}
    try:
        return array("i", map(where.__getitem__, names))
    except KeyError:
        return None


def to_bytes(c: Columns, byteorder: str = sys.byteorder) -> list[Any]:
    """The payload as a list of chunks (bytes or arrays: anything ``write`` takes), written one after
    the other. ``byteorder`` other than this machine's writes the arrays byte-swapped, as that
    machine would (the tests read such files)."""
    w = _Writer(swap=byteorder != sys.byteorder)
    strings = c.strings
    keys: Any = _index_of(c.keys, strings)
    if keys is None and all(type(k) is str for k in c.keys):  # keys missing from the table: add them
        keys, strings = array("i", range(len(strings), len(strings) + len(c.keys))), [*strings, *c.keys]
    joined = w.add_joined(strings)
    manifest = {
        "format": MANIFEST_TAG, "byteorder": byteorder,
        "graph": to_json(dict(c.graph_attrs)),
        "keys": w.add(keys) if keys is not None else {"values": [to_json(k) for k in c.keys]},
        "types": [to_json(t) for t in c.types],
        "strings": joined if joined is not None else {"values": strings}, "n_strings": len(strings),
        "adjacency": {name: w.add(getattr(c, name)) for name in
                      ("out_ptr", "out_nbr", "out_type", "in_ptr", "in_nbr", "in_eid")},
        "nodes": _table_manifest(c.nodes, w),
        "edges": _table_manifest(c.edges, w),
    }
    head = json.dumps(manifest, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")
    head += b" " * (-len(head) % 8)
    crc = zlib.crc32(head)
    for chunk in w.chunks:
        crc = zlib.crc32(chunk, crc)
    return [_PREFIX.pack(len(head), crc), head, *w.chunks]


# --- reading ------------------------------------------------------------------------------------

def _need(ok: bool, what: str = "manifest does not fit its columns") -> None:
    if not ok:
        raise DamagedError(what)


def _split(buf: memoryview) -> tuple[memoryview, int]:
    """The manifest bytes and where the sections start; checks the prefix and the checksum."""
    if len(buf) < _PREFIX.size:
        raise DamagedError("payload too short")
    head_len, crc = _PREFIX.unpack(buf[: _PREFIX.size])
    _need(head_len <= min(MAX_MANIFEST, len(buf) - _PREFIX.size), "manifest out of bounds")
    if zlib.crc32(buf[_PREFIX.size:]) != crc:
        raise DamagedError("checksum mismatch")
    return buf[_PREFIX.size: _PREFIX.size + head_len], _PREFIX.size + head_len


class _Reader:
    """Array sections of the buffer, each spec checked before it is mapped."""

    def __init__(self, buf: memoryview, base: int, swap: bool) -> None:
        self.buf, self.base, self.swap = buf, base, swap

    def view(self, spec: Any) -> Any:
        _need(isinstance(spec, (list, tuple)) and len(spec) == 3, "array section malformed")
        code, offset, count = spec
        _need(code in _TYPECODES and type(offset) is int and type(count) is int
              and offset >= 0 and count >= 0 and offset % 8 == 0, "array section malformed")
        size = array(code).itemsize
        start = self.base + offset
        _need(start + count * size <= len(self.buf), "array section out of bounds")
        raw = self.buf[start: start + count * size]
        if self.swap and size > 1:
            a = array(code)
            a.frombytes(raw)
            a.byteswap()
            return a
        return raw.cast(code)

    def table(self, m: Any, n_strings: int) -> Table:
        _need(isinstance(m, dict) and isinstance(m.get("blocks"), list))
        blocks = []
        for b in m["blocks"]:
            _need(isinstance(b, list) and len(b) == 3 and isinstance(b[0], list) and isinstance(b[2], list))
            names, rows, cols = b
            _need(all(type(n) is str for n in names) and len(set(names)) == len(names))
            columns = []
            for col in cols:
                _need(isinstance(col, list) and len(col) == 3 and col[0] in _KINDS
                      and isinstance(col[2], list))
                kind, data, values = col
                columns.append(Column(kind, self.view(data), [from_json(v) for v in values]))
            blocks.append(Block(tuple(names), self.view(rows), columns))
        return Table(blocks, self.view(m.get("row_block")), self.view(m.get("row_pos")))


def from_buffer(buf: memoryview) -> Columns:
    """Columns over ``buf`` (a format-4 payload): arrays are views into it, not copies.

    Raises :class:`DamagedError` when the checksum, the manifest or the arrays' sizes do not match.
    """
    head, base = _split(buf)
    try:
        manifest = json.loads(str(head, "utf-8"))
    except (ValueError, RecursionError):
        raise DamagedError("manifest is not valid JSON") from None
    _need(isinstance(manifest, dict) and manifest.get("format") == MANIFEST_TAG, "manifest of no known kind")
    _need(manifest.get("byteorder") in ("little", "big"))
    r = _Reader(buf, base, manifest["byteorder"] != sys.byteorder)
    n_strings = manifest.get("n_strings")
    _need(type(n_strings) is int and n_strings >= 0)
    strings = manifest.get("strings")
    if isinstance(strings, dict):  # the table as a list (a string holds the separator)
        strings = strings.get("values")
        _need(isinstance(strings, list) and all(type(s) is str for s in strings))
    else:
        _need(isinstance(strings, list) and strings[:1] == ["B"], "string table malformed")
        blob = r.view(strings)
        try:
            strings = str(blob, "utf-8", "surrogatepass").split(_SEP) if n_strings else []
        except UnicodeDecodeError:
            raise DamagedError("string table is not UTF-8") from None
    _need(len(strings) == n_strings, "string table does not fit its count")
    keys_spec = manifest.get("keys")
    if isinstance(keys_spec, dict):
        _need(isinstance(keys_spec.get("values"), list))
        keys = [from_json(k) for k in keys_spec["values"]]
    else:
        try:
            keys = list(map(strings.__getitem__, r.view(keys_spec)))
        except IndexError:
            raise DamagedError("a node key is out of range") from None
    types = manifest.get("types")
    _need(isinstance(types, list))
    types = [from_json(t) for t in types]
    graph_attrs = from_json(manifest.get("graph"))
    _need(isinstance(graph_attrs, dict))
    adjacency = manifest.get("adjacency")
    _need(isinstance(adjacency, dict) and set(adjacency) == {"out_ptr", "out_nbr", "out_type", "in_ptr",
                                                             "in_nbr", "in_eid"})
    adj = {name: r.view(spec) for name, spec in adjacency.items()}
    c = Columns(graph_attrs, keys, types, strings, nodes=r.table(manifest.get("nodes"), n_strings),
                edges=r.table(manifest.get("edges"), n_strings), **adj)
    check(c)
    return c


def from_buffer_pickled(buf: memoryview) -> Columns:
    """Columns of a format-3 payload, whose manifest is a pickle. Unpickling runs whatever code the
    file names: call this only for a store the user has said is trusted."""
    head, base = _split(buf)
    manifest = pickle.loads(head)
    r = _Reader(buf, base, manifest["byteorder"] != sys.byteorder)

    def table(m: dict[str, Any]) -> Table:
        blocks = [Block(tuple(names), r.view(rows), [Column(kind, r.view(data), values)
                                                     for kind, data, values in cols])
                  for names, rows, cols in m["blocks"]]
        return Table(blocks, r.view(m["row_block"]), r.view(m["row_pos"]))

    strings = manifest["strings"]
    if not isinstance(strings, list):
        blob = r.view(strings)
        strings = str(blob, "utf-8", "surrogatepass").split(_SEP) if manifest["n_strings"] else []
    adj = {name: r.view(spec) for name, spec in manifest["adjacency"].items()}
    c = Columns(manifest["graph"], manifest["keys"], manifest["types"], strings,
                nodes=table(manifest["nodes"]), edges=table(manifest["edges"]), **adj)
    check(c)
    return c


def check(c: Columns) -> None:
    """Raise DamagedError unless the parts fit together: lengths and the offsets' ends (a truncated
    or mismatched file). Unique keys are checked where the key index is built
    (:mod:`graph.stores.column_graph`); values inside the big arrays (a neighbour's row, a string's
    index) when first read there: scanning them all here would cost more than the load itself."""
    n, m = len(c.keys), len(c.out_nbr)
    problems = [
        len(c.out_ptr) != n + 1 or len(c.in_ptr) != n + 1,
        c.out_ptr[0] != 0 or c.out_ptr[n] != m or len(c.out_type) != m,
        c.in_ptr[0] != 0 or c.in_ptr[n] != len(c.in_nbr) or len(c.in_eid) != len(c.in_nbr),
        len(c.in_nbr) != m,
    ]
    for table, rows in ((c.nodes, n), (c.edges, m)):
        problems.append(len(table.row_block) != rows or len(table.row_pos) != rows)
        problems.append(sum(len(b.rows) for b in table.blocks) != rows)
        problems.extend(len(b.columns) != len(b.names) for b in table.blocks)
        problems.extend(len(col.data) != len(b.rows) for b in table.blocks for col in b.columns)
    if any(problems):
        raise DamagedError("columns do not fit together")
