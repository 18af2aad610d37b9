"""Split run-on lines back into paragraphs.

Text extracted from a PDF page sometimes comes out as one line per page: header, preamble, articles
and list items run together ("... năm 2016 QUYẾT ĐỊNH BAN HÀNH ... Căn cứ Luật ...; Căn cứ ...").
Very long lines are cut where Vietnamese administrative text starts a new paragraph: "Căn cứ",
"Xét đề nghị", "Điều N.", list items after a sentence end, "Số:", the place-and-date line, the
signature block. A two-column header read across (the national motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
VIỆT" + "TỈNH HÀ GIANG" + "NAM") is put back in order.

Only spaces become line breaks and characters only move inside the motto, so the text keeps its
length; the caller gets the moved characters ({new index: old index}) to carry its origin map along.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.reading.text.layout import rules
from graph.reading.text.scan import native

LONG_LINE = 600

_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper())
_LOWER = "a-z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.islower())
# every cut is at a space; what stands before it is checked by a look-behind that includes the space.
# The first look-ahead holds what every alternative needs after the space (a capital, a digit, a bullet,
# "(", "-", an item letter "a)", or "./. " / "--- " before it): most spaces, before a small letter, fail
# it at once instead of trying each alternative.
_SPLIT_BEFORE = re.compile(
    rf" (?=[-+•(\d{_UPPER}]|[a-zđ]\)|(?<=\./\. |--- ))(?:"
    + "|".join(
        (
            r"(?<=[.;:!?)] )(?=[-+•] )",
            rf"(?<=[{_UPPER}]{{2}} )(?=(?:[-+•]|\d{{1,2}}\.|[a-zđ]\)) [{_UPPER}][{_LOWER}])",
            rf"(?=[a-zđ]\) [{_UPPER}][{_LOWER}])",
            r"(?<=[.;:)] )(?=(?:\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[IVXLC]{1,5}\.) )",
            r"(?<![-+•] )(?<!\d\. )(?<![a-zđ]\) )(?=Căn cứ )",
            r"(?=(?:Xét|Theo) đề nghị )",
            r"(?=(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ):)",
            r"(?<=[.;:] )(?=Điều \d{1,3}\.)",
            r"(?=(?:KT|TM|TL|TUQ)\. [A-ZĐ])",
            r"(?=Số ?: ?\d)",
            rf"(?<=năm \d{{4}} )(?=[{_UPPER}]{{2,}})",
            r"(?=\((?:Ban hành kèm theo|Kèm theo) )",
            r"(?=-{3,})",
            r"(?<=\./\. )(?=\S)",
            r"(?<=--- )(?=[^\s-])",
            r"(?=CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM)",
        )
    )
    + ")"
)
_PLACE_DATE = re.compile(
    rf"(?<!\w)(?:TP\. ?)?(?:[{_UPPER}][{_LOWER}]+ ){{0,3}}[{_UPPER}][{_LOWER}]+, ngày \d{{1,2}} tháng"
)
_MOTTO = re.compile(rf"(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT) ((?:[{_UPPER}]+ ){{0,6}}?[{_UPPER}]+) (NAM)\b")
_SIGNATURE_START = re.compile(r"(?:KT|TM|TL|TUQ)\. ")
_WORD = re.compile(r"\S+")
_DATE_WORDS = ", ngày "
_PLACE_WINDOW = 150  # a place name before ", ngày" is at most four words: look this far back
_ROLES = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BỘ TRƯỞNG", "THỦ TƯỚNG", "GIÁM ĐỐC", "TRƯỞNG BAN", "HỘI ĐỒNG NHÂN DÂN",
          "ỦY BAN NHÂN DÂN")


def long_lines(text: str, limit: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each line of ``text`` longer than ``limit`` (the compiled scan when built)."""
    core = native()
    if core is not None:
        return core.long_lines(text, limit)
    out = []
    pos = 0
    for line in text.split("\n"):
        if len(line) > limit:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@lru_cache(maxsize=1)
def _heading_start() -> re.Pattern:
    words = sorted(rules().headings, key=len, reverse=True)
    return re.compile(r"^(?:%s) (?=[%s]{2,})" % ("|".join(map(re.escape, words)), _UPPER))  # noqa: UP031


def _is_caps(s: str) -> bool:
    """Letters, all in capitals (``str.isupper``: at least one cased letter and no lower-case one)."""
    return s.isupper()


def _place_dates(line: str) -> list[int]:
    """Starts of the place-and-date openings ("Long An, ngày 5 tháng"): the pattern is tried only
    just before each ", ngày" (a scan of the whole line with it costs more than everything else)."""
    starts: set[int] = set()
    at = line.find(_DATE_WORDS)
    while at >= 0:
        for m in _PLACE_DATE.finditer(line, max(0, at - _PLACE_WINDOW), at + 20):
            starts.add(m.start())
        at = line.find(_DATE_WORDS, at + 1)
    return sorted(starts)


def _extra_cuts(line: str) -> list[int]:
    """Cuts inside one already-split line: after a heading word, before the authority, in signatures."""
    cuts = []
    m = _heading_start().match(line)
    if m:
        cuts.append(m.end() - 1)
    if _is_caps(line):
        for role in _ROLES:
            i = line.find(" " + role + " ", 1)
            if i > 0 and (not m or i >= m.end()):
                cuts.append(i)
                break
    if _SIGNATURE_START.match(line):
        words = list(_WORD.finditer(line))
        for w in words[2:]:
            if w.group() == "PHÓ" or not _is_caps(w.group()):
                cuts.append(w.start() - 1)
                if not _is_caps(w.group()):
                    break
    return cuts


def split_run_on(text: str) -> tuple[str, dict[int, int]]:
    """Cut very long lines into paragraphs; returns the new text and the moved characters."""
    spans = long_lines(text, LONG_LINE) if len(text) > LONG_LINE else []
    if not spans:
        return text, {}
    moved: dict[int, int] = {}
    parts = []
    prev = 0
    for start, end in spans:
        parts.append(text[prev:start])
        parts.append(_split_line(text[start:end], start, moved))
        prev = end
    parts.append(text[prev:])
    return "".join(parts), moved


def _split_line(line: str, pos: int, moved: dict[int, int]) -> str:
    """One long line cut into paragraphs (same length); characters moved are added to ``moved``."""
    cur = line
    mottos = list(_MOTTO.finditer(line)) if "CỘNG HÒA" in line else []
    if mottos:
        chars = list(line)
        for m in mottos:
            a, x, nam = m.span(1), m.span(2), m.span(3)
            order = [*range(x[0], x[1]), a[1], *range(a[0], a[1]), x[1], *range(nam[0], nam[1])]
            base = m.start()
            for k, src in enumerate(order):
                if base + k != src:
                    moved[pos + base + k] = pos + src
                chars[base + k] = line[src]
        cur = "".join(chars)
    cuts = [m.start() for m in _SPLIT_BEFORE.finditer(cur)]
    cuts += [s - 1 for s in _place_dates(cur) if s and cur[s - 1] == " "]
    cuts.sort()
    breaks = set(cuts)  # each a space (or other blank) that becomes a line break
    start = 0
    for c in [*cuts, len(cur)]:
        for extra in _extra_cuts(cur[start:c]):
            breaks.add(start + extra)
        start = c + 1
    pieces = []
    prev = 0
    for c in sorted(breaks):
        pieces.append(cur[prev:c])
        prev = c + 1
    pieces.append(cur[prev:])
    return "\n".join(pieces)
