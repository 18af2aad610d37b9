"""Bytes -> :class:`PreparedText`: decode, read literal escapes, repair the layout, restore damaged words,
split run-on lines."""

from __future__ import annotations

import bisect
import gc
from array import array
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from operator import itemgetter

from graph import problem_text as say
from graph.reading.cached import loaders
from graph.reading.restore.apply import apply_edits
from graph.reading.restore.damage import damage_model, lost_unrestored
from graph.reading.restore.edits import edit_tuples
from graph.reading.restore.numbers import number_edits
from graph.reading.restore.search import warm_up as restoration_warm_up
from graph.reading.text.decode import decode, vietnamese_score
from graph.reading.text.escapes import unescape
from graph.reading.text.glyphs import glyph_edits
from graph.reading.text.layout import repair_layout, rules
from graph.reading.text.prepared import PreparedText
from graph.reading.text.runon import split_run_on
from graph.reading.text.scan import unify_text_tones
from graph.text import nfc


def _decode(data: bytes | str, source: str) -> tuple[str, str | None]:
    if isinstance(data, str):
        return nfc(data), None
    return decode(data, source)


_start, _end = itemgetter(0), itemgetter(1)


def _move_spans(spans: list[tuple[int, int]], moved: dict[int, int]) -> list[tuple[int, int]]:
    """Restored spans after some characters moved (``moved``: new index -> old index). The spans are
    bisected by their starts and ends (no list of either made: a damaged text has thousands of spans and
    a few characters moved)."""
    lo, hi = min(moved), max(moved) + 1

    def was(i: int) -> bool:
        k = bisect.bisect_right(spans, i, key=_start) - 1
        return k >= 0 and spans[k][0] <= i < spans[k][1]

    k1 = bisect.bisect_left(spans, lo + 1, key=_end)  # first span ending inside or after lo
    k2 = bisect.bisect_left(spans, hi, key=_start)  # first span starting at or after hi
    out = list(spans[:k1])
    for s, e in spans[k1:k2]:  # spans touching the region keep their parts outside it
        if s < lo:
            out.append((s, lo))
        if e > hi:
            out.append((hi, e))
    run = None
    for i in range(lo, hi):
        if was(moved.get(i, i)):
            run = i if run is None else run
        elif run is not None:
            out.append((run, i))
            run = None
    if run is not None:
        out.append((run, hi))
    out.extend(spans[k2:])
    out.sort()
    return out


def _apply(text: str, origin: array, edits: list) -> tuple[str, array, list[tuple[int, int]]]:
    """Apply sorted, non-overlapping restoration edits; the new text, its origin (into the input) and the
    edited spans: :func:`graph.reading.restore.apply.apply_edits` (compiled when built)."""
    return apply_edits(text, origin, edits)


def _apply_marked(text: str, origin: array, edits: list) -> tuple[str, array, list[tuple[int, int]]]:
    """Apply sorted, non-overlapping ``(start, end, new, restored)`` edits; the new text, its origin and
    the spans of the edits marked restored. Inserted characters take the origin of the one before them."""
    parts: list[str] = []
    new_origin = array("l")
    spans: list[tuple[int, int]] = []
    pos = length = 0
    for start, end, new, restored in edits:
        parts.append(text[pos:start])
        new_origin += origin[pos:start]
        length += start - pos
        n, width = len(new), end - start
        if n == width:
            new_origin += origin[start:end]
        elif n:
            at = origin[start - 1] if start else (origin[0] if origin else 0)
            keep = min(n, width)
            new_origin += origin[start:start + keep]
            new_origin.extend([origin[end - 1] if width else at] * (n - keep))
        parts.append(new)
        if restored and n:
            spans.append((length, length + n))
        length += n
        pos = end
    parts.append(text[pos:])
    new_origin += origin[pos:]
    return "".join(parts), new_origin, spans


def _shift(spans: list[tuple[int, int]], edits: list) -> list[tuple[int, int]]:
    """Restored spans carried through later edits (sorted ``(start, end, new, ...)``)."""
    if not spans or not edits:
        return spans
    out = []
    k = delta = 0
    for s, e in spans:
        while k < len(edits) and edits[k][1] <= s:
            delta += len(edits[k][2]) - (edits[k][1] - edits[k][0])
            k += 1
        d_end = delta
        j = k
        while j < len(edits) and edits[j][1] <= e:
            d_end += len(edits[j][2]) - (edits[j][1] - edits[j][0])
            j += 1
        out.append((s + delta, max(s + delta, e + d_end)))
    return out


def _line(raw: str, origin: array, pos: int, line_starts: list[int] | None = None) -> int:
    """1-based input line of ``text[pos]`` (``line_starts``: where the input's lines start in ``raw``, when
    its lines are not ``raw``'s own)."""
    at = origin[pos] if pos < len(origin) else len(raw)
    if line_starts is not None:
        return bisect.bisect_right(line_starts, at)
    return raw.count("\n", 0, at) + 1


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused (unless it already is): the repair builds many small
    containers (lines, candidate lists, memo entries) and no reference cycle, so collections during it
    only cost time (about a tenth of a damaged text's restoration)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def prepare_text(raw: str, source: str, encoding: str | None = None) -> PreparedText:
    """Repair already decoded (NFC) text."""
    with _collector_paused():
        return _prepare_text(raw, source, encoding)


def _prepare_text(raw: str, source: str, encoding: str | None) -> PreparedText:
    line_starts: list[int] = []
    # line breaks served as literal escapes ("\r\n" typed out) are read as breaks before anything else;
    # the file's own lines are kept for the line numbers
    escaped = unescape(raw)
    if escaped is not None:
        raw = escaped.text
    text, origin = repair_layout(raw, line_starts)
    file_lines = None if escaped is None else escaped.line_starts
    if file_lines is not None:
        line_starts = file_lines
    restored: list[tuple[int, int]] = []
    warnings: list[str] = []
    glyphs = glyph_edits(text, encoding)
    if glyphs:
        text, origin, restored = _apply_marked(text, origin, glyphs)
    numbers, notes = number_edits(text)
    if numbers:
        warnings = [f"line {_line(raw, origin, pos, file_lines)}: {message}" for pos, message in notes]
        text, origin, spans = _apply_marked(text, origin, numbers)
        restored = sorted(_shift(restored, numbers) + spans)
    # TCVN3 text was decoded whole and its font loses "ư": its lone letters are spacing or a lost "ư", not
    # lost glyphs. VNI is lossless: its text reads as the same text in Unicode would (restoration included).
    tcvn3 = bool(encoding and "tcvn3" in encoding)
    edits = [] if tcvn3 else edit_tuples(text)
    if edits:
        text, origin, spans = _apply(text, origin, edits)
        restored = sorted(_shift(restored, edits) + spans)
    elif not tcvn3 and (lost := lost_unrestored(text)) is not None:  # damage the restoration does not know
        n, pos, example = lost
        warnings.append(f"line {_line(raw, origin, pos, file_lines)}: "
                        + say.LETTERS_LOST.format(example=example, n=n))
    split, moved = split_run_on(text)
    if moved:
        before = origin
        origin = array("l", before)
        for new, old in moved.items():
            origin[new] = before[old]
        if restored:
            restored = _move_spans(restored, moved)
    text = split
    return PreparedText(source=source, raw=raw, text=text, match=unify_text_tones(text), origin=origin,
                        restored=restored, encoding=encoding, warnings=warnings,
                        unescaped=escaped is not None, _line_starts=line_starts)


def prepare(data: bytes | str, source: str) -> PreparedText:
    """Decode and repair one file's content (see :class:`PreparedText` for what loaders get)."""
    raw, encoding = _decode(data, source)
    return prepare_text(raw, source, encoding)


def warm_up(restoration: bool = True) -> None:
    """Load the patterns and vocabularies now (before worker processes are forked); with ``restoration``,
    also the restoration's index and tables (40 ms) and every table the reading modules build on first
    use, each a cached loader without arguments (``lru_cache(maxsize=1)``: ~40 ms of patterns compiled
    and vocabularies indexed). Worth it when several workers would each build them; a loader that fails
    here is left to fail, reported, on the file that needs it."""
    with _collector_paused():  # all it builds is kept to the end: no cycle to look for
        rules()
        damage_model()
        if restoration:
            restoration_warm_up()
            for _name, load in loaders():
                with suppress(Exception):
                    load()
        vietnamese_score("Căn cứ")
