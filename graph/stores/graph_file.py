"""The embedded store's file format: a versioned header, then the graph.

Layout: ``MAGIC`` (16 bytes) | format version (uint16, big-endian) | codec (1 byte) |
payload length (uint64) | payload.

- Format 3 (written now, codec ``C``): the graph as columns (:mod:`graph.stores.columns`, laid out
  by :mod:`graph.stores.column_file`): a small pickled manifest, one string table and flat arrays.
  It is read memory-mapped into a :class:`graph.stores.column_graph.ColumnGraph`, which builds a
  node's or a relationship's dict only when a question touches it. Chosen by measuring on the national graph
  (``benchmarks/graph_build.py``): format 2 loaded in about 5 s, all of it creating ~5 M dicts;
  columns load in well under a second and are smaller on disk.
- Format 2 (read only): networkx's own dicts (attributes, nodes, adjacency) pickled with protocol
  5, raw (codec ``R``) or zlib-1 compressed (``Z``). Format 1: the pickled graph object.

A newer format version is refused rather than misread; a truncated or foreign file is reported as
corrupt. Pickle runs code from the file it reads (the manifest, like formats 1 and 2): the store is the
user's own file in the user's own data folder, like a shelve database; never open a store file from an
untrusted source.
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
from graph.lineage_graph import Graph, new_graph
from graph.stores import column_file, columns
from graph.stores.column_graph import ColumnGraph

MAGIC = b"POLICY-LINEAGE\x00\x01"  # 16 bytes
FORMAT_VERSION = 3  # 1: the pickled Graph object; 2: its dicts only; 3: columns
_HEADER = struct.Struct(">16sHcQ")
CODEC_ZLIB, CODEC_RAW, CODEC_COLUMNS = b"Z", b"R", b"C"


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


def _state(g: Graph) -> dict[str, object]:
    """What makes the graph: its attributes, nodes and adjacency (not networkx's cached views)."""
    return {"graph": g.graph, "_node": g._node, "_adj": g._adj, "_pred": g._pred}


def _from_state(state: dict[str, object]) -> Graph:
    g = new_graph()
    g.graph = state["graph"]
    g._node = state["_node"]
    g._adj = g._succ = state["_adj"]
    g._pred = state["_pred"]
    return g


def dump(g: Graph, out: BinaryIO) -> int:
    """Write ``g`` (format 3) to a seekable binary stream; returns the number of bytes written."""
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


def load(data: bytes, name: str = "store", freeze: bool = False, writable: bool = False) -> Graph:
    """Read a graph from the bytes of a store file; see :func:`load_stream`."""
    return load_stream(io.BytesIO(data), len(data), name, freeze, writable)


def load_stream(f: BinaryIO, size: int, name: str = "store", freeze: bool = False,
                writable: bool = False) -> Graph:
    """Read a graph from a store file of ``size`` bytes (``name`` is used in error messages).

    A format-3 store gives a read-only :class:`ColumnGraph` (memory-mapped when ``f`` is a file),
    or with ``writable`` an ordinary graph with every dict built (what ``lineage ingest`` edits).
    Older formats always give an ordinary graph.

    ``freeze`` moves the loaded objects out of the garbage collector's sight (``gc.freeze``), so
    that a one-shot command never pays for the collector rescanning a big graph. A process that loads
    many graphs should not use it, as a frozen graph is only freed by ``gc.unfreeze()``.
    """
    version, codec, length = read_header(f, size, name)
    try:
        with gc_paused():
            if version >= 3:
                g = _load_columns(f, length, writable)
            else:
                state = pickle.loads(zlib.decompress(f.read())) if codec == CODEC_ZLIB else pickle.load(f)
                g = state if version == 1 else _from_state(state)
            if freeze:
                gc.freeze()
    except Exception as exc:  # corrupt payload: one line for the user, not a traceback
        why = str(exc) if isinstance(exc, column_file.DamagedError) else exc.__class__.__name__
        raise StoreError(f"{name}: store is damaged ({why})", hint="ingest again to rebuild it") from None
    if not isinstance(g, Graph):
        raise StoreError(f"{name}: store does not hold a lineage graph")
    return g


def read_header(f: BinaryIO, size: int, name: str = "store") -> tuple[int, bytes, int]:
    """(format version, codec, payload length) of a store file, or the :class:`StoreError` that
    loading it would raise for a foreign, newer or truncated file (the payload is not read)."""
    head = f.read(_HEADER.size)
    if len(head) < _HEADER.size or not head.startswith(MAGIC):
        raise StoreError(
            f"{name}: not a policy-lineage store (or damaged)",
            hint="point --store at a file written by 'lineage ingest', or ingest again",
        )
    _, version, codec, length = _HEADER.unpack(head)
    if version > FORMAT_VERSION:
        raise StoreError(
            f"{name}: store format version {version} is newer than this lineage "
            f"(reads up to {FORMAT_VERSION})",
            hint="upgrade policy-lineage to read it",
        )
    if size - _HEADER.size != length:
        raise StoreError(
            f"{name}: store is truncated ({size - _HEADER.size} of {length} bytes)",
            hint="ingest again to rebuild it",
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


def _load_columns(f: BinaryIO, length: int, writable: bool) -> Graph:
    g = ColumnGraph.from_columns(column_file.from_buffer(_payload(f, length)))
    return g.thaw() if writable else g
