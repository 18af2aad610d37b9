"""The switch between the compiled whole-text scans and their pure-Python twins.

The extension ``_scan`` (``graph/reading/text/_scan*.c``, built by setup.py as an optional extension) reads
a text once where a regular expression that starts with a frequent character (a vowel, a space, a digit)
is tried at every such place: the candidate starts of glued words (:mod:`.glued`), the lone letters of
letter-spaced headings (:mod:`.spacing`) and the orphan consonants of the damage test
(:mod:`graph.reading.restore.damage`), and the first character of a class (:func:`find_first`: legacy
characters in :mod:`.decode`, look-alikes in numbers), the lines long enough to cut (:mod:`.runon`) and
the vowel pairs whose tone mark :func:`graph.text.unify_tones` moves (:func:`unify_text_tones`); it also
writes the steps of a layout repair (:meth:`.textmap.MappedBuilder.insert_copies`) and splits a text into
its lines, each with its kind (:func:`.layout_lines.split_lines`), in ``_scan_layout.c``.
Each caller keeps its Python version; both give the same values (tests/test_scan_compiled.py).

A build whose sources have changed since (``_scan*.c`` edited and not rebuilt) is not run: its digest of
the sources differs, and the Python versions run instead. ``LINEAGE_PURE_PYTHON=1`` (read at import), which
also switches the restoration core, runs the Python versions; so does ``use_compiled(False)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from graph.reading.text.native import CompiledTwin
from graph.text import _TONE_MAP, unify_tones

TWIN = CompiledTwin("graph.reading.text._scan", Path(__file__).resolve().parent, "_scan*.c")

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


@lru_cache(maxsize=1)
def _tone_classes() -> bytes:
    """The classes of ``tone_pairs``: 1 the first letter of a pair of :data:`graph.text._TONE_MAP`'s keys,
    2 the second (graph.text._TONE_RE is built from the same keys)."""
    firsts, seconds = {k[0] for k in _TONE_MAP}, {k[1] for k in _TONE_MAP}
    table = bytearray(max(map(ord, firsts | seconds)) + 1)
    for c in firsts:
        table[ord(c)] = 1
    for c in seconds:
        table[ord(c)] = 2
    return bytes(table)


def unify_text_tones(text: str) -> str:
    """:func:`graph.text.unify_tones` of a whole text: the compiled scan finds the pairs it changes (its
    pattern tries every "o" and "u" of the text); the function itself when the scans are not built."""
    if not TWIN.enabled:
        return unify_tones(text)
    hits = TWIN.module.tone_pairs(text, _tone_classes())
    if not hits:
        return text
    parts = []
    prev = 0
    for at in hits:
        pair = text[at:at + 2]
        parts += (text[prev:at], _TONE_MAP.get(pair, pair))
        prev = at + 2
    parts.append(text[prev:])
    return "".join(parts)
