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
    """Write ``g`` to a binary stream; returns the number of bytes written."""
    with gc_paused():
        payload = pickle.dumps(_state(g), protocol=5)
    if codec == CODEC_ZLIB:
        payload = zlib.compress(payload, 1)
    elif codec != CODEC_RAW:
        raise ValueError(f"unknown codec {codec!r}")
    out.write(_HEADER.pack(MAGIC, FORMAT_VERSION, codec, len(payload)))
    out.write(payload)
    return _HEADER.size + len(payload)


def load(data: bytes, name: str = "store", freeze: bool = False) -> Graph:
    """Read a graph from the bytes of a store file (``name`` is used in error messages).

    ``freeze`` moves the loaded objects out of the garbage collector's sight (``gc.freeze``): the
    collector then never rescans the millions of small dicts (about one full pass, ~1.5 s on the
    national graph, saved per process). Use it in one-shot commands; a process that loads many
    graphs should not, as a frozen graph is only freed by ``gc.unfreeze()``.
    """
    if len(data) < _HEADER.size or not data.startswith(MAGIC):
        raise StoreError(
            f"{name}: not a policy-lineage store (or damaged)",
            hint="point --store at a file written by 'lineage ingest', or ingest again",
        )
    _, version, codec, length = _HEADER.unpack_from(data)
    if version > FORMAT_VERSION:
        raise StoreError(
            f"{name}: store format version {version} is newer than this lineage "
            f"(reads up to {FORMAT_VERSION})",
            hint="upgrade policy-lineage to read it",
        )
    payload = memoryview(data)[_HEADER.size :]
    if len(payload) != length:
        raise StoreError(
            f"{name}: store is truncated ({len(payload)} of {length} bytes)",
            hint="ingest again to rebuild it",
        )
    try:
        raw = zlib.decompress(payload) if codec == CODEC_ZLIB else bytes(payload)
        with gc_paused():
            state = pickle.loads(raw)
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
