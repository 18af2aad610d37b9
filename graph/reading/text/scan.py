"""The switch between the compiled whole-text scans and their pure-Python twins.

The extension ``_scan`` (``graph/reading/text/_scan*.c``, built by setup.py as an optional extension) reads
a text once where a regular expression that starts with a frequent character (a vowel, a space, a digit)
is tried at every such place: the candidate starts of glued words (:mod:`.glued`), the lone letters of
letter-spaced headings (:mod:`.spacing`) and the orphan consonants of the damage test
(:mod:`graph.reading.restore.damage`), and the first character of a class (:func:`find_first`: legacy
characters in :mod:`.decode`, look-alikes in numbers). Each caller keeps the pattern as its Python version;
both give the same values (tests/test_scan_compiled.py).

A build whose sources have changed since (``_scan*.c`` edited and not rebuilt) is not run: its digest of
the sources differs, and the Python versions run instead. ``LINEAGE_PURE_PYTHON=1`` (read at import), which
also switches the restoration core, runs the Python versions; so does ``use_compiled(False)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from graph.reading.text.native import CompiledTwin

SOURCES = ("_scan.c",)  # sorted, as setup.py
TWIN = CompiledTwin("graph.reading.text._scan", Path(__file__).resolve().parent, SOURCES)

available = TWIN.available  # whether the compiled scans were built and import
use_compiled = TWIN.use_compiled  # run them (when built) or, with False, the Python versions
native = TWIN.native  # the compiled scans when built and switched on, else None


def extension() -> ModuleType | None:
    """The compiled scans when built, switched on or not (tests compare them with the Python versions)."""
    return TWIN.module


def table_of(chars: Iterable[str]) -> bytes:
    """The table of :func:`find_first` that marks ``chars``."""
    codes = [ord(c) for c in chars]
    table = bytearray(max(codes, default=-1) + 1)
    for code in codes:
        table[code] = 1
    return bytes(table)


def find_first(text: str, pattern: re.Pattern, table: bytes, start: int = 0, end: int | None = None) -> int:
    """Where ``pattern``, one character class whose characters ``table`` marks (:func:`table_of`), first
    matches in ``text[start:end]``, or -1: the compiled scan when built, else the pattern's search."""
    end = len(text) if end is None else end
    if TWIN.enabled:
        return TWIN.module.find_in(text, table, start, end)
    m = pattern.search(text, start, end)
    return m.start() if m else -1
