"""The bytes of :class:`~graph.stores.columns.Columns` on disk (the payload of store format 3).

Payload: prefix (manifest length, CRC-32 of everything after the prefix) | manifest (pickle) |
8-byte aligned array sections. The manifest holds everything small or irregular and, per array,
(typecode, offset, count). The CRC makes a damaged file an error at load, not a wrong answer later.
Reading maps the arrays as views into the buffer (memory-mapped by :mod:`graph.stores.graph_file`).
"""

from __future__ import annotations

import pickle
import struct
import sys
import zlib
from array import array
from typing import Any

from graph.stores.columns import Block, Column, Columns, Table

_SEP = "\x00"  # joins the string table into one UTF-8 blob

_PREFIX = struct.Struct("<QI4x")


class DamagedError(ValueError):
    """The payload does not match its checksum, or its parts do not fit together."""


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

    def add(self, data: Any) -> tuple[str, int, int]:
        """An array as a section."""
        if self.swap and data.itemsize > 1:
            data = array(data.typecode, data)
            data.byteswap()
        spec = (data.typecode, self.offset, len(data))
        self._append(data)
        self._pad()
        return spec

    def add_joined(self, strings: list[str], chunk: int = 65536) -> tuple[str, int, int] | None:
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
        spec = ("B", start, self.offset - start)
        self._pad()
        return spec


def _table_manifest(t: Table, w: _Writer) -> dict[str, Any]:
    blocks = [(b.names, w.add(b.rows), [(c.kind, w.add(c.data), c.values) for c in b.columns])
              for b in t.blocks]
    return {"blocks": blocks, "row_block": w.add(t.row_block), "row_pos": w.add(t.row_pos)}


def to_bytes(c: Columns, byteorder: str = sys.byteorder) -> list[Any]:
    """The payload as a list of chunks (bytes or arrays: anything ``write`` takes), written one after
    the other. ``byteorder`` other than this machine's writes the arrays byte-swapped, as that
    machine would (the tests read such files)."""
    w = _Writer(swap=byteorder != sys.byteorder)
    strings: Any = w.add_joined(c.strings) or c.strings  # the list itself when a string holds _SEP
    manifest = {
        "byteorder": byteorder,
        "graph": c.graph_attrs, "keys": c.keys, "types": c.types,
        "strings": strings, "n_strings": len(c.strings),
        "adjacency": {name: w.add(getattr(c, name)) for name in
                      ("out_ptr", "out_nbr", "out_type", "in_ptr", "in_nbr", "in_eid")},
        "nodes": _table_manifest(c.nodes, w),
        "edges": _table_manifest(c.edges, w),
    }
    head = pickle.dumps(manifest, protocol=5)
    head += b"\x00" * (-len(head) % 8)
    crc = zlib.crc32(head)
    for chunk in w.chunks:
        crc = zlib.crc32(chunk, crc)
    return [_PREFIX.pack(len(head), crc), head, *w.chunks]


def from_buffer(buf: memoryview) -> Columns:
    """Columns over ``buf`` (the payload): arrays are views into it, not copies.

    Raises :class:`DamagedError` when the checksum or the arrays' lengths do not match.
    """
    if len(buf) < _PREFIX.size:
        raise DamagedError("payload too short")
    head_len, crc = _PREFIX.unpack(buf[: _PREFIX.size])
    if zlib.crc32(buf[_PREFIX.size:]) != crc:
        raise DamagedError("checksum mismatch")
    manifest = pickle.loads(buf[_PREFIX.size: _PREFIX.size + head_len])
    base = _PREFIX.size + head_len
    swap = manifest["byteorder"] != sys.byteorder

    def view(spec: tuple[str, int, int]) -> Any:
        code, offset, count = spec
        size = array(code).itemsize
        raw = buf[base + offset: base + offset + count * size]
        if len(raw) != count * size:
            raise DamagedError("array section out of bounds")
        if swap and size > 1:
            a = array(code)
            a.frombytes(raw)
            a.byteswap()
            return a
        return raw.cast(code)

    def table(m: dict[str, Any]) -> Table:
        blocks = [Block(tuple(names), view(rows), [Column(kind, view(data), values)
                                                   for kind, data, values in cols])
                  for names, rows, cols in m["blocks"]]
        return Table(blocks, view(m["row_block"]), view(m["row_pos"]))

    strings = manifest["strings"]
    if not isinstance(strings, list):
        strings = str(view(strings), "utf-8", "surrogatepass").split(_SEP) if manifest["n_strings"] else []
    adj = {name: view(spec) for name, spec in manifest["adjacency"].items()}
    c = Columns(manifest["graph"], manifest["keys"], manifest["types"], strings,
                nodes=table(manifest["nodes"]), edges=table(manifest["edges"]), **adj)
    check(c)
    return c


def check(c: Columns) -> None:
    """Raise ValueError unless the arrays fit together (lengths and offsets: a truncated or
    mismatched file, not every flipped byte)."""
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
