"""Bytes -> :class:`PreparedText`: decode, repair the layout, restore damaged words, split run-on lines."""

from __future__ import annotations

import bisect
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


def _move_spans(spans: list[tuple[int, int]], moved: dict[int, int]) -> list[tuple[int, int]]:
    """Restored spans after some characters moved (``moved``: new index -> old index)."""
    lo, hi = min(moved), max(moved) + 1
    starts = [s for s, _e in spans]

    def was(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and spans[k][0] <= i < spans[k][1]

    out = []
    for s, e in spans:  # outside the moved region nothing changed
        if s < lo:
            out.append((s, min(e, lo)))
        if e > hi:
            out.append((max(s, hi), e))
    run = None
    for i in range(lo, hi):
        if was(moved.get(i, i)):
            run = run or i
        elif run is not None:
            out.append((run, i))
            run = None
    if run is not None:
        out.append((run, hi))
    out.sort()
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


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
    split, moved = split_run_on(text)
    if moved:
        before = origin
        origin = array("l", before)
        for new, old in moved.items():
            origin[new] = before[old]
        if restored:
            restored = _move_spans(restored, moved)
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
