"""The embedded store's file format: a versioned header, then the graph.

Layout: ``MAGIC`` (16 bytes) | format version (uint16, big-endian) | codec (1 byte) |
payload length (uint64) | payload. The payload is the graph pickled with protocol 5, compressed
with zlib level 1 (codec ``Z``) or stored raw (codec ``R``). The choice was measured on the national
corpus (``benchmarks/graph_build.py --formats``): pickle loads several times faster than JSON node-link
and zlib-1 halves the file for a small cost. A newer format version is refused rather than misread;
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
from graph.lineage_graph import Graph

MAGIC = b"POLICY-LINEAGE\x00\x01"  # 16 bytes
FORMAT_VERSION = 1
_HEADER = struct.Struct(">16sHcQ")
CODEC_ZLIB, CODEC_RAW = b"Z", b"R"
DEFAULT_CODEC = CODEC_ZLIB


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


def dump(g: Graph, out: BinaryIO, codec: bytes = DEFAULT_CODEC) -> int:
    """Write ``g`` to a binary stream; returns the number of bytes written."""
    with gc_paused():
        payload = pickle.dumps(g, protocol=5)
    if codec == CODEC_ZLIB:
        payload = zlib.compress(payload, 1)
    elif codec != CODEC_RAW:
        raise ValueError(f"unknown codec {codec!r}")
    out.write(_HEADER.pack(MAGIC, FORMAT_VERSION, codec, len(payload)))
    out.write(payload)
    return _HEADER.size + len(payload)


def load(data: bytes, name: str = "store") -> Graph:
    """Read a graph from the bytes of a store file (``name`` is used in error messages)."""
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
            g = pickle.loads(raw)
    except Exception as exc:  # corrupt payload: one line for the user, not a traceback
        raise StoreError(
            f"{name}: store is damaged ({exc.__class__.__name__})", hint="ingest again to rebuild it"
        ) from None
    if not isinstance(g, Graph):
        raise StoreError(f"{name}: store does not hold a lineage graph")
    return g
