"""The faster forms of the text preparation give what the plain forms give: restored words applied with the
origin copied in long slices, heading and table-header lines ruled out by their length, a line of running
text written in one call, the input's line starts taken from the layout repair."""

from __future__ import annotations

import re
import sys
from array import array
from pathlib import Path

import pytest

from graph.reading.prepare import _apply, prepare
from graph.reading.restore.edits import edit_tuples
from graph.reading.text.decode import decode
from graph.reading.text.layout import repair_layout
from graph.reading.text.layout_lines import _longest, rules, split_lines
from graph.reading.text.layout_tables import CELL_SEP, emit_row
from graph.reading.text.prepared import PreparedText
from graph.reading.text.textmap import MappedBuilder

CORPUS = Path(__file__).parent.parent / "graph" / "data" / "corpus"
DAMAGED = CORPUS / "004_ddc2434da970a981.txt"  # the sample whose text layer lost its Vietnamese letters


def _apply_plain(text: str, origin: array, edits: list) -> tuple[str, array, list[tuple[int, int]]]:
    """Edits applied one word at a time: each restored word maps onto its damaged word, letters added to
    the damaged word's last character, a shorter word onto the damaged word's first characters."""
    parts, new_origin, spans = [], array("l"), []
    pos = length = 0
    for start, end, new, words in edits:
        parts += (text[pos:start], new)
        length += start - pos
        pieces = [(start + a, start + b, w) for a, b, w in words] or [(start, end, new)]
        at = pos
        for s, e, w in pieces:
            if len(w) >= e - s:
                new_origin += origin[at:e]
                new_origin += array("l", [origin[e - 1]] * (len(w) - (e - s)))
            else:
                new_origin += origin[at:s + len(w)]
            at = e
        spans.append((length, length + len(new)))
        length += len(new)
        pos = end
    parts.append(text[pos:])
    new_origin += origin[pos:]
    return "".join(parts), new_origin, spans


def test_restored_words_of_a_damaged_sample_map_as_word_by_word():
    text, origin = repair_layout(decode(DAMAGED.read_bytes())[0])
    edits = edit_tuples(text)
    assert sum(1 for e in edits if e[3]) > 10 and sum(1 for e in edits if not e[3]) > 10
    assert _apply(text, origin, edits) == _apply_plain(text, origin, edits)


@pytest.mark.parametrize("edits", [
    [(0, 3, "Quyết", ())],  # longer by two
    [(4, 7, "định", ())],  # longer by one
    [(4, 7, "đi", ())],  # shorter
    [(4, 7, "abc", ())],  # as long
    [(0, 7, "Quyết định", ((0, 3, "Quyết"), (4, 7, "định")))],
    [(0, 7, "Qu đ", ((0, 3, "Qu"), (4, 7, "đ")))],  # words shorter than their damaged words
    [(0, 9, "Quyết định", ((0, 3, "Quyết"), (4, 7, "định")))],  # damaged text after the last word
    [(0, 3, "Quy", ()), (4, 7, "định", ()), (10, 11, "s", ())],  # unchanged, then longer, then as long
])
def test_edits_of_every_shape_map_as_word_by_word(edits):
    text = "Quy nh s  s 605"
    origin = array("l", range(100, 100 + len(text)))
    assert _apply(text, origin, edits) == _apply_plain(text, origin, edits)


def _samples() -> list[str]:
    return [decode(p.read_bytes())[0] for p in sorted(CORPUS.glob("*.txt"))]


def test_lines_ruled_out_by_their_length_are_lines_their_patterns_do_not_match():
    r = rules()
    lines = [ln.text for raw in _samples() for ln in split_lines(raw, r)]
    lines += ["QUYẾT ĐỊNH", "PHỤ LỤC IV:", "CHƯƠNG TRÌNH HÀNH ĐỘNG XXXIX:", "CHƯƠNG TRÌNH HÀNH ĐỘNG XXXIX:\n",
              "STT", "Số thứ tự", "Số thứ tự\n", "Số thứ tự ", "QUYẾT ĐỊNH:"]
    assert sum(r.is_heading(x) for x in lines) > 3 and sum(r.is_first_header(x) for x in lines) > 2
    lines += ["Văn bản liên quan", "Lược đồ", "Lược đồ\n", "Lược đồ:"]
    assert sum(r.is_trailing(x) for x in lines) >= 3
    lines += ["Tổng kinh phí", "TỔNG CỘNG\n", "XIV.", "12.5.", "đ)"]
    for x in lines:
        if len(x) > r.cell_max:  # a table cell this long is no running number and no total
            assert not r.index_cell.match(x) and not r.total_cell.match(x), x
        assert r.is_trailing(x) == bool(r.trailing.match(x)), x
        assert r.is_heading(x) == bool(r.heading_re.match(x)), x
        assert r.is_first_header(x) == bool(r.first_header.match(x)), x


def test_longest_bounds_whole_line_patterns_only():
    assert _longest(re.compile("^(?:TT|Số thứ tự)$")) == len("Số thứ tự\n")
    assert _longest(re.compile("^(?:TT|STT)(?: [IVX]{1,3})?:?$")) == len("STT XXX:\n")
    assert _longest(re.compile("(?:^Lược đồ$)|(?:^Văn bản liên quan$)")) == len("Văn bản liên quan\n")
    for open_ended in ("^TT", "^TT$|^STT", "^TT\\$", "^T+$", "(?:^TT$)|(?:^STT)", "^(?:TT|STT$)"):
        assert _longest(re.compile(open_ended)) >= 2**31, open_ended
    assert _longest(re.compile("^TT$", re.MULTILINE)) == sys.maxsize


def test_a_line_written_in_one_call_is_the_separator_then_the_line():
    raw = next(CORPUS.glob("000_*.txt")).read_text("utf-8")
    lines = [ln for ln in split_lines(raw, rules()) if ln.text]
    fast, plain = MappedBuilder(raw), MappedBuilder(raw)
    for k, ln in enumerate(lines):
        sep = "" if not k else "\n" if k % 3 else " "
        at = ln.start if k % 4 else max(ln.start - 3, 0)  # a separator mapped elsewhere, of three characters
        fast.insert_copy(sep * (1 if k % 4 else 3), at, ln.start, ln.end)
        plain.insert(sep * (1 if k % 4 else 3), at)
        plain.copy(ln.start, ln.end)
    assert len(fast) == len(plain) and fast.text() == plain.text() and fast.origin == plain.origin
    assert "\n" in fast.text() and fast.text().count("\n") < len(lines)  # copies and inserted breaks both


@pytest.mark.parametrize("raw", [
    *(p.read_bytes() for p in sorted(CORPUS.glob("*.txt"))),
    "Điều 1.\u2028Điều 2.\u2029\nĐiều 3.\n",  # LINE and PARAGRAPH SEPARATOR end lines too
    "\nmột dòng\n\n", "x",
])
def test_line_starts_found_by_the_layout_repair_are_those_of_the_input(raw):
    prepared = prepare(raw, "t.txt")
    breaks = re.compile("[\n\u2028\u2029]")
    assert prepared._line_starts == [0] + [m.end() for m in breaks.finditer(prepared.raw)]
    assert prepared._line_starts == PreparedText.identity("t.txt", prepared.raw)._line_starts


def _emit_row_plain(out: MappedBuilder, row: list) -> None:
    for k, cell in enumerate(row):
        if k:
            out.insert(CELL_SEP, row[k - 1][-1][1] if row[k - 1] else (cell[0][0] if cell else len(out)))
        for j, (s, e) in enumerate(cell):
            if j:
                out.insert(" ", s)
            out.copy(s, e)


@pytest.mark.parametrize("row", [
    [[(0, 2)], [(3, 16)], [(17, 28)]],  # "1 | Xây dựng cổng | Sở Nội vụ"
    [[], [(3, 16)], [], [(17, 28)]],  # empty cells
    [[(0, 2)], [(3, 8), (9, 16)], [(17, 20), (21, 28)]],  # cells mended across a page break
    [[(0, 2)], [(2, 5)], [(5, 8)]],  # the input holds " | " itself between the cells
])
def test_a_row_written_cell_by_cell_call_is_the_plain_row(row):
    raw = "1 | Xây dựng cổng\tSở Nội vụ"
    fast, plain = MappedBuilder(raw), MappedBuilder(raw)
    emit_row(fast, row)
    _emit_row_plain(plain, row)
    assert fast.text() == plain.text() and fast.origin == plain.origin and len(fast) == len(plain)
