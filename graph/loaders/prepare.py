"""Bytes -> :class:`PreparedText`: decode, repair the layout, restore damaged words, split run-on lines."""

from __future__ import annotations

from array import array

from graph.loaders.layout import repair_layout
from graph.loaders.prepared import PreparedText
from graph.loaders.repair import restoration_edits
from graph.loaders.runon import split_run_on
from graph.loaders.textmap import MappedBuilder, compose
from graph.text import nfc, unify_tones


def _decode(data: bytes | str, source: str) -> tuple[str, str | None]:
    if isinstance(data, str):
        return nfc(data), None
    try:
        from graph.loaders.decode import decode
    except ImportError:  # pragma: no cover - while decode.py is being written
        return nfc(data.decode("utf-8-sig")), "utf-8"
    return decode(data, source)


def _spans(mask: bytes | bytearray | list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = None
    for i, v in enumerate(mask):
        if v and start is None:
            start = i
        elif not v and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(mask)))
    return spans


def prepare_text(raw: str, source: str, encoding: str | None = None) -> PreparedText:
    """Repair already decoded (NFC) text."""
    text, origin = repair_layout(raw)
    restored: list[tuple[int, int]] = []
    edits = restoration_edits(text)
    if edits:
        b = MappedBuilder(text)
        pos = 0
        for e in edits:
            b.copy(pos, e.start)
            s = len(b)
            b.replace(e.new, e.start, e.end)
            restored.append((s, len(b)))
            pos = e.end
        b.copy(pos, len(text))
        origin = compose(b.origin, origin)
        text = b.text()
    split, perm = split_run_on(text)
    if perm is not None:
        origin = array("l", (origin[p] for p in perm))
        if restored:
            mask = bytearray(len(text))
            for s, e in restored:
                mask[s:e] = b"\x01" * (e - s)
            restored = _spans([mask[p] for p in perm])
    text = split
    return PreparedText(source=source, raw=raw, text=text, match=unify_tones(text), origin=origin,
                        restored=restored, encoding=encoding)


def prepare(data: bytes | str, source: str) -> PreparedText:
    """Decode and repair one file's content (see :class:`PreparedText` for what loaders get)."""
    raw, encoding = _decode(data, source)
    return prepare_text(raw, source, encoding)


def warm_up() -> None:
    """Load the patterns and vocabularies now (before worker processes are forked)."""
    from graph.loaders.decode import vietnamese_score
    from graph.loaders.layout import rules
    from graph.loaders.repair import damage_model

    rules()
    damage_model()
    vietnamese_score("Căn cứ")
