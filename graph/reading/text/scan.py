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

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

SOURCES = ("_scan.c",)  # sorted, as setup.py


def _source_digest() -> str | None:
    """The digest setup.py builds into the module, of the sources beside this file (None when absent)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in SOURCES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


def _load() -> ModuleType | None:
    """The compiled scans, unless missing or built from another source than the one beside them."""
    try:
        from graph.reading.text import _scan  # type: ignore[attr-defined]
    except ImportError:  # installed without a C compiler
        return None
    digest = _source_digest()
    return _scan if digest is None or getattr(_scan, "SOURCE_HASH", None) == digest else None


_scan = _load()
_ENABLED = [_scan is not None and os.environ.get("LINEAGE_PURE_PYTHON", "") in ("", "0")]


def available() -> bool:
    """Whether the compiled scans were built and import."""
    return _scan is not None


def use_compiled(enabled: bool) -> bool:
    """Run the compiled scans (when built) or, with ``False``, the Python versions; the previous setting."""
    before = _ENABLED[0]
    _ENABLED[0] = bool(enabled) and _scan is not None
    return before


def native() -> ModuleType | None:
    """The compiled scans when built and enabled, else None (the caller runs its Python version)."""
    return _scan if _ENABLED[0] else None


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
    if _ENABLED[0]:
        return _scan.find_in(text, table, start, end)
    m = pattern.search(text, start, end)
    return m.start() if m else -1
