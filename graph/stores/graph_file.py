"""The embedded store's file format: a versioned header, then the graph.

Layout: ``MAGIC`` (16 bytes) | format version (uint16, big-endian) | codec (1 byte) |
payload length (uint64) | payload. The payload is the graph's state (attributes, nodes,
adjacency: the dicts networkx keeps) pickled with protocol 5 -- raw (codec ``R``, the default) or
zlib-1 compressed (codec ``Z``). The choice was measured on the national corpus
(``benchmarks/graph_build.py --formats``): pickle loads faster than JSON node-link (which must then
rebuild the graph) and as fast as marshal; zlib makes the file 4x smaller but loading slower, and
load time is what every query pays. A newer format version is refused rather than misread;
a truncated or foreign file is reported as corrupt.

Pickle runs code from the file it reads: the store is the user's own file in the user's own data
folder, like a shelve database; never open a store file from an untrusted source.
"""

from __future__ import annotations

import contextlib
import gc
import io
import pickle
import struct
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from graph.errors import StoreError
from graph.lineage_graph import Graph, new_graph

MAGIC = b"POLICY-LINEAGE\x00\x01"  # 16 bytes
FORMAT_VERSION = 2  # 1: the pickled Graph object; 2: its state only (no cached views)
_HEADER = struct.Struct(">16sHcQ")
CODEC_ZLIB, CODEC_RAW = b"Z", b"R"
DEFAULT_CODEC = CODEC_RAW


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


def dump(g: Graph, out: BinaryIO, codec: bytes = DEFAULT_CODEC) -> int:
    """Write ``g`` to a seekable binary stream; returns the number of bytes written.

    The raw codec streams the pickle straight into ``out`` (no second copy of the graph in memory).
    """
    start = out.tell()
    out.write(_HEADER.pack(MAGIC, FORMAT_VERSION, codec, 0))
    with gc_paused():
        if codec == CODEC_RAW:
            pickle.dump(_state(g), out, protocol=5)
        elif codec == CODEC_ZLIB:
            out.write(zlib.compress(pickle.dumps(_state(g), protocol=5), 1))
        else:
            raise ValueError(f"unknown codec {codec!r}")
    end = out.tell()
    out.seek(start)
    out.write(_HEADER.pack(MAGIC, FORMAT_VERSION, codec, end - start - _HEADER.size))
    out.seek(end)
    return end - start


def load(data: bytes, name: str = "store", freeze: bool = False) -> Graph:
    """Read a graph from the bytes of a store file; see :func:`load_stream`."""
    return load_stream(io.BytesIO(data), len(data), name, freeze)


def load_stream(f: BinaryIO, size: int, name: str = "store", freeze: bool = False) -> Graph:
    """Read a graph from a store file of ``size`` bytes (``name`` is used in error messages).

    ``freeze`` moves the loaded objects out of the garbage collector's sight (``gc.freeze``): the
    collector then never rescans the millions of small dicts (about one full pass, ~1.5 s on the
    national graph, saved per process). Use it in one-shot commands; a process that loads many
    graphs should not, as a frozen graph is only freed by ``gc.unfreeze()``.
    """
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
    try:
        with gc_paused():
            state = pickle.loads(zlib.decompress(f.read())) if codec == CODEC_ZLIB else pickle.load(f)
            g = state if version == 1 else _from_state(state)
            if freeze:
                gc.freeze()
    except Exception as exc:  # corrupt payload: one line for the user, not a traceback
        raise StoreError(
            f"{name}: store is damaged ({exc.__class__.__name__})", hint="ingest again to rebuild it"
        ) from None
    if not isinstance(g, Graph):
        raise StoreError(f"{name}: store does not hold a lineage graph")
    return g
