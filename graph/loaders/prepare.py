"""Bytes -> :class:`PreparedText`: decode, repair layout, restore damaged words. (Owner: text engineer.)"""

from __future__ import annotations

from graph.loaders.prepared import PreparedText
from graph.text import nfc


def prepare(data: bytes | str, source: str) -> PreparedText:
    """Decode and repair one file's content. Placeholder: UTF-8 only, no repair yet."""
    raw = data if isinstance(data, str) else data.decode("utf-8-sig")
    return PreparedText.identity(source, nfc(raw), encoding="utf-8")
