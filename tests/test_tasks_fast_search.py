"""The shortcuts of the task readers give exactly what the patterns they stand for give, on the sample
corpus (many windows of each text) and on the edge cases of each: a header of a table of indicators
found from its "VT" (any case, with or without "Đ", white space and line breaks before it), headings
read in one search of a span, lines split without a loop, header words once per line."""

from __future__ import annotations

import random
import re

import pytest
from sample_texts import random_windows, sample_texts

from graph.reading.tasks import outline, tables, targets_tables, verb_hits
from graph.reading.tasks.targets_tables import _YEAR_HEADER, year_header_starts

EDGES = [
    "Chỉ tiêu ĐVT Năm 2016 Năm 2017\n- Tỷ lệ hồ sơ % 30 60\nchỉ tiêu  đvt 2020 2021 CHỈ TIÊU VT Năm 2022",
    "cHỉ TiÊu\nĐVT\n2016 2017 xChỉ tiêu ĐVT 2018 Chỉ tiêuĐVT 2019 Chỉ tiêu Vt Năm  Năm 2020",
    "Chỉ tiêu\u00a0\tvT 2016 Chỉ tiêu ĐĐVT 2017 Chỉ tiêu Đ VT 2018 hỉ tiêu VT 2019 ĐVT VT vt",
    "1. Mục tiêu\n1.\n2. Kinh tế số\n\nII. MỤC TIÊU\n  - a) Điều 3 Phần\nPhần II. X\nĐiều\n3) z\nIV.\tb",
    "\n\n1.2.3. a\nx 1. b\n• 2) c\n–  d) e\nĐiều 5a. f\n12.13 g\n123. h\n | 1. i | j\n1. k\tl\n",
    "chủ trì Chủ Trì CHỦ TRÌ chủtrì xchủ trì ch trì tRÌ\nTrì Chu tri: chủ\ntrì, chủ trì.",
    "STT | Nội dung | Chỉ tiêu 2025\n1 | Tỷ lệ | 80\nnội dung nội dung\nnội dung\n\nmục tiêu\nchỉ số",
]


def _texts() -> list[str]:
    return sample_texts(EDGES, as_read=False)


def _windows(text: str, n: int = 40, seed: int = 11) -> list[tuple[int, int]]:
    return random_windows(text, random.Random(seed), n, (3, 12, 60, 400, 5000))


def _cases() -> list[tuple[str, int, int]]:
    return [(t, a, b) for t in _texts() for a, b in _windows(t)]


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_year_headers_are_those_the_pattern_finds(text: str) -> None:
    for a, b in _windows(text):
        assert year_header_starts(text, a, b) == [m.start() for m in _YEAR_HEADER.finditer(text, a, b)]


def test_year_headers_of_the_edge_cases_are_found() -> None:
    starts = year_header_starts(EDGES[0], 0, len(EDGES[0]))
    assert len(starts) == 3 and starts == [m.start() for m in _YEAR_HEADER.finditer(EDGES[0])]


# the pattern a heading line was read with before the lines of a span were read in one search
_HEADING_BEFORE = re.compile(
    r"^[ \t\-–•*]*(?:(?P<article>Điều\s+\d+[a-z]?)[.:]?|(?P<part>Phần\s+[IVXLC\d]+)[.:]?"
    r"|(?P<roman>[IVXLC]{1,6})[.)]|(?P<multi>\d{1,2}(?:\.\d{1,2})+)\.?|(?P<arabic>\d{1,2})[.)]"
    r"|(?P<letter>[a-zđ])\))\s+(?P<text>\S.*)$")


def _headings_line_by_line(text: str, start: int, end: int) -> list[tuple]:
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = text[pos:stop]
        m = _HEADING_BEFORE.match(line)
        if m and (pos == 0 or text[pos - 1] == "\n") and "\t" not in line and " | " not in line:
            parsed = outline._parsed(m)
            if parsed:
                out.append((pos, stop, *parsed))
        pos = stop + 1
    return out


HEADING_EDGES = ["Điều\n5. a\nPhần\nII b\n1.\nx\n2.\u2028y\na)\u00a0z\nIII. \n\nIV.\r w\n 3) k | l\n4) m\tn",
                 "1. a: b\n2. " + "x" * 170 + "\n3. " + "y" * 170 + ": z\n4.  c :\n5)  \u3000 d"]


def test_headings_are_those_read_line_by_line() -> None:
    for text, a, b in [*_cases(), *((t, 0, len(t)) for t in HEADING_EDGES), (HEADING_EDGES[0], 2, 40)]:
        got = [(h.start, h.end, h.level, h.label, h.text, h.inline) for h in outline.headings(text, a, b)]
        assert got == _headings_line_by_line(text, a, b)


def test_lines_are_those_of_a_loop_over_line_breaks() -> None:
    def by_loop(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        out, pos = [], start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            out.append((pos, stop, text[pos:stop]))
            pos = stop + 1
        return out

    for text, a, b in [*_cases(), ("", 0, 0), ("\n", 0, 1), ("a\n\n", 0, 3), ("a\nb", 1, 3)]:
        assert tables._lines(text, a, b) == by_loop(text, a, b)


def test_header_words_are_looked_for_once_per_line() -> None:
    for text, a, b in _cases():
        low = text[a:b].lower()
        at_each = {max(text.rfind("\n", a, at + a) + 1, a) for w in targets_tables._HEADER_WORDS
                   for at in (m.start() for m in re.finditer(re.escape(w), low))}
        assert targets_tables._header_word_lines(text, a, b, low) == sorted(at_each)


def test_leads_are_those_the_pattern_finds() -> None:
    for text, a, b in _cases():
        expected = [m.start() for m in verb_hits.LEAD.finditer(text, a, b)]
        assert verb_hits.lead_starts(text, a, b) == expected
