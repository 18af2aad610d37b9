"""The embedded store's file format before SQLite (``lineage.graph``): read only by ``lineage migrate``.

A versioned header, then the graph.

Layout: ``MAGIC`` (16 bytes) | format version (uint16, big-endian) | codec (1 byte) |
payload length (uint64) | payload.

- Format 4 (the last one written, codec ``C``): the graph as columns (:mod:`graph.stores.columns`, laid out
  by :mod:`graph.stores.column_file`): a JSON manifest, one string table and flat arrays. It is data
  only: reading it runs no code from the file, and every part is checked before use. It is read
  memory-mapped into a :class:`graph.stores.column_graph.ColumnGraph`, which builds a node's or a
  relationship's dict only when a question touches it (the national graph opens in well under a
  second; ``benchmarks/graph_build.py``).
- Older formats (read only, and only with ``trust_old``): 3, the same columns with a *pickled*
  manifest; 2, networkx's dicts pickled, raw (codec ``R``) or zlib-1 compressed (``Z``); 1, the pickled
  graph object. A pickle runs whatever code the file names, so a store of these formats from anyone
  else could run code on the reader's machine: they load only for ``lineage migrate
  --trust-old-store``, which imports them into the SQLite store.

A newer format version is refused rather than misread; a truncated, foreign or inconsistent file is
reported as damaged.
"""

from __future__ import annotations

import contextlib
import gc
import io
import mmap
import pickle
import struct
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from graph.errors import StoreError
from graph.i18n import _
from graph.lineage_graph import Graph, new_graph
from graph.stores import column_file, columns
from graph.stores.column_graph import ColumnGraph

MAGIC = b"POLICY-LINEAGE\x00\x01"  # 16 bytes
FORMAT_VERSION = 4  # 1: the pickled Graph object; 2: its dicts only; 3: columns, pickled manifest; 4: JSON
OLD_FORMATS = (1, 2, 3)  # pickles: read only when the user trusts the file
_HEADER = struct.Struct(">16sHcQ")
CODEC_ZLIB, CODEC_RAW, CODEC_COLUMNS = b"Z", b"R", b"C"
_CODECS = {1: (CODEC_RAW, CODEC_ZLIB), 2: (CODEC_RAW, CODEC_ZLIB), 3: (CODEC_COLUMNS,), 4: (CODEC_COLUMNS,)}
MAX_INFLATE = 64  # a compressed old store inflating more than this many times its size is refused
UPGRADE_COMMAND = "lineage migrate --trust-old-store"


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: (un)pickling millions of small dicts would otherwise
    trigger it over and over (measured: load 5x, save 2x slower on the national graph)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _from_state(state: dict[str, object]) -> Graph:
    g = new_graph()
    g.graph = state["graph"]
    g._node = state["_node"]
    g._adj = g._succ = state["_adj"]
    g._pred = state["_pred"]
    return g


def dump(g: Graph, out: BinaryIO) -> int:
    """Write ``g`` (format 4) to a seekable binary stream; returns the number of bytes written."""
    start = out.tell()
    out.write(_HEADER.pack(MAGIC, FORMAT_VERSION, CODEC_COLUMNS, 0))
    with gc_paused():
        for chunk in column_file.to_bytes(columns.encode(g)):
            out.write(chunk)
    end = out.tell()
    out.seek(start)
    out.write(_HEADER.pack(MAGIC, FORMAT_VERSION, CODEC_COLUMNS, end - start - _HEADER.size))
    out.seek(end)
    return end - start


def load(data: bytes, name: str = "store", freeze: bool = False, writable: bool = False,
         trust_old: bool = False) -> Graph:
    """Read a graph from the bytes of a store file; see :func:`load_stream`."""
    return load_stream(io.BytesIO(data), len(data), name, freeze, writable, trust_old)


def load_stream(f: BinaryIO, size: int, name: str = "store", freeze: bool = False,
                writable: bool = False, trust_old: bool = False) -> Graph:
    """Read a graph from a store file of ``size`` bytes (``name`` is used in error messages).

    A format-4 store gives a read-only :class:`ColumnGraph` (memory-mapped when ``f`` is a file),
    or with ``writable`` an ordinary graph with every dict built (what ``lineage ingest`` edits).
    An older (pickle) format is a :class:`StoreError` unless ``trust_old``: then it gives an ordinary
    graph.

    ``freeze`` moves the loaded objects out of the garbage collector's sight (``gc.freeze``), so
    that a one-shot command never pays for the collector rescanning a big graph. A process that loads
    many graphs should not use it, as a frozen graph is only freed by ``gc.unfreeze()``.
    """
    version, codec, length = read_header(f, size, name, trust_old)
    try:
        with gc_paused():
            if version == 4:
                g = _load_columns(f, length, writable, name)
            elif version == 3:
                c = column_file.from_buffer_pickled(_payload(f, length))
                g = ColumnGraph.from_columns(c, name).thaw()
            else:
                raw = f.read(length)
                state = pickle.loads(_inflate(raw) if codec == CODEC_ZLIB else raw)
                g = state if version == 1 else _from_state(state)
            if freeze:
                gc.freeze()
    except StoreError:
        raise
    except Exception as exc:  # corrupt payload: one line for the user, not a traceback
        why = str(exc) if isinstance(exc, columns.DamagedError) else exc.__class__.__name__
        raise StoreError(_("{store}: store is damaged ({why})").format(store=name, why=why),
                         hint=_("ingest again to rebuild it")) from None
    if not isinstance(g, Graph):
        raise StoreError(_("{store}: store does not hold a lineage graph").format(store=name))
    return g


def _inflate(data: bytes) -> bytes:
    """zlib-decompress an old store, refusing one that inflates beyond ``MAX_INFLATE`` times its size."""
    d = zlib.decompressobj()
    limit = MAX_INFLATE * max(len(data), 1 << 20)
    out = d.decompress(data, limit)
    if d.unconsumed_tail or not d.eof:
        raise columns.DamagedError(f"inflates to more than {limit} bytes")
    return out


def read_header(f: BinaryIO, size: int, name: str = "store",
                trust_old: bool = False) -> tuple[int, bytes, int]:
    """(format version, codec, payload length) of a store file, or the :class:`StoreError` that
    loading it would raise for a foreign, newer, older (untrusted) or truncated file (the payload is
    not read)."""
    head = f.read(_HEADER.size)
    if len(head) < _HEADER.size or not head.startswith(MAGIC):
        raise StoreError(
            _("{store}: not a policy-lineage store (or damaged)").format(store=name),
            hint=_("point --store at a file written by 'lineage ingest', or ingest again"),
        )
    _magic, version, codec, length = _HEADER.unpack(head)
    if version > FORMAT_VERSION:
        raise StoreError(
            _("{store}: store format version {version} is newer than this lineage "
              "(reads up to {supported})").format(store=name, version=version, supported=FORMAT_VERSION),
            hint=_("upgrade policy-lineage to read it"),
        )
    if codec not in _CODECS.get(version, ()):
        raise StoreError(_("{store}: store is damaged (format {version} with codec {codec})").format(
            store=name, version=version, codec=repr(codec)), hint=_("ingest again to rebuild it"))
    if size - _HEADER.size != length:
        raise StoreError(
            _("{store}: store is truncated ({size} of {length} bytes)").format(
                store=name, size=size - _HEADER.size, length=length),
            hint=_("ingest again to rebuild it"),
        )
    if version in OLD_FORMATS and not trust_old:
        raise StoreError(
            _("{store}: store format {version} is an old format that can run code when opened "
              "(a Python pickle); not opened").format(store=name, version=version),
            hint=_("if your own lineage wrote this file, convert it once: {command} {store}; "
                   "otherwise ask for the source files and ingest them").format(
                command=UPGRADE_COMMAND, store=name),
        )
    return version, codec, length


def _payload(f: BinaryIO, length: int) -> memoryview:
    """The payload after the header: memory-mapped from a file, else read."""
    try:
        fileno = f.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        return memoryview(f.read(length))
    mapped = mmap.mmap(fileno, 0, access=mmap.ACCESS_READ)  # a store is replaced, never rewritten in place
    return memoryview(mapped)[_HEADER.size: _HEADER.size + length]


def _load_columns(f: BinaryIO, length: int, writable: bool, name: str) -> Graph:
    g = ColumnGraph.from_columns(column_file.from_buffer(_payload(f, length)), name)
    return g.thaw() if writable else g
