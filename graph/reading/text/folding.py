"""Fast, length-preserving folding for matching: lower case, no tone marks, đ -> d."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from graph.text import fold


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        c = chr(code)
        base = unicodedata.normalize("NFD", c)[0].lower()
        if len(base) == 1 and base != c:
            table[code] = base
    table.update({ord("đ"): "d", ord("Đ"): "d", 0x00A0: " "})
    return table


def keep_fold(text: str) -> str:
    """Lower case without diacritics (đ -> d), **the same length** as ``text`` (offsets carry over)."""
    return text.translate(_table())


@lru_cache(maxsize=65536)
def quick_fold(text: str) -> str:
    """:func:`keep_fold` with runs of white space collapsed and the ends stripped (like graph.text.fold).
    Memoised: the same cells, agency names and words are folded again and again."""
    return " ".join(keep_fold(text).split())


@lru_cache(maxsize=65536)
def cached_fold(text: str | None) -> str:
    """:func:`graph.text.fold`, memoised (document types and titles are compared many times)."""
    return fold(text)
