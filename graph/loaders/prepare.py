"""Bytes -> :class:`PreparedText`: decode, restore damaged words, repair the layout."""

from __future__ import annotations

from graph.loaders.layout import repair_layout
from graph.loaders.prepared import PreparedText
from graph.text import nfc, unify_tones


def prepare(data: bytes | str, source: str) -> PreparedText:
    """Decode and repair one file's content (see :class:`PreparedText` for what loaders get)."""
    if isinstance(data, str):
        raw, encoding = nfc(data), None
    else:
        raw, encoding = nfc(data.decode("utf-8-sig")), "utf-8"
    text, origin = repair_layout(raw)
    return PreparedText(source=source, raw=raw, text=text, match=unify_tones(text), origin=origin,
                        encoding=encoding)
