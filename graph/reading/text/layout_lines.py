"""Lines of a file and what each is: text, blank, separator, table row, boilerplate; page and web
artefacts found and marked for dropping. Patterns in ``graph/data/layout.json``."""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graph.datafiles import read_json
from graph.reading.text.scan import native

try:  # the parser of the re module (renamed in Python 3.11), to bound the length of a pattern's match
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _parser

WS = " \t\r\f\v\xa0\ufeff\u200b\u2002\u2003\u2009"  # stripped around lines and cells


@dataclass(frozen=True)
class Rules:
    boilerplate: re.Pattern
    content_start: re.Pattern
    trailing: re.Pattern
    separator: re.Pattern
    para_start: re.Pattern
    headings: frozenset
    heading_re: re.Pattern
    heading_max: int  # the longest line ``heading_re`` can match
    role_starts: tuple
    join_after: frozenset
    join_before: tuple
    clause_opens: tuple  # a line opening with these words goes on in the next (layout.json)
    first_header: re.Pattern
    first_header_max: int  # the longest line ``first_header`` can match
    trailing_max: int  # the longest line ``trailing`` can match
    index_cell: re.Pattern
    total_cell: re.Pattern
    cell_max: int  # the longest cell ``index_cell`` or ``total_cell`` can match

    def is_heading(self, line: str) -> bool:
        """Whether ``line`` is a heading word alone ("QUYẾT ĐỊNH", "PHỤ LỤC II:"); a long line is
        ruled out by its length, before the pattern's many alternatives are tried."""
        return len(line) <= self.heading_max and self.heading_re.match(line) is not None

    def is_trailing(self, line: str) -> bool:
        """Whether ``line`` opens a web page's panel after the document ("Văn bản liên quan")."""
        return len(line) <= self.trailing_max and self.trailing.match(line) is not None

    def is_first_header(self, line: str) -> bool:
        """Whether ``line`` is the first header cell of a table exported one cell per line ("STT")."""
        return len(line) <= self.first_header_max and self.first_header.match(line) is not None


def _longest(pattern: re.Pattern) -> int:
    """The most characters a line that ``pattern.match`` accepts can have, when every way through the
    pattern ends with "$" (a line break after the match included); ``sys.maxsize`` when it may match
    a longer line."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if pattern.flags & re.MULTILINE or not _ends_line(parsed):
        return sys.maxsize
    return min(parsed.getwidth()[1] + 1, sys.maxsize)


def _ends_line(items: Any) -> bool:
    """Whether every way through these parsed pattern items ends with "$"."""
    if not len(items):
        return False
    op, arg = items[-1]
    if op is _parser.AT:
        return arg is _parser.AT_END
    if op is _parser.BRANCH:  # (None, alternatives)
        return all(_ends_line(alternative) for alternative in arg[1])
    if op is _parser.SUBPATTERN:  # (group, flags added, flags removed, items)
        return _ends_line(arg[-1])
    return False


def _any(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The layout patterns, loaded once from ``graph/data/layout.json``."""
    data = read_json("layout.json")
    headings = frozenset(data["heading_words"])
    alternatives = "|".join(sorted(map(re.escape, headings), key=len, reverse=True))
    heading_re = re.compile(rf"^(?:{alternatives})(?: (?:[IVXLC]{{1,5}}|\d{{1,2}}))?:?$")
    first_header = re.compile(data["table_first_header"])
    trailing = _any(data["trailing_boilerplate_markers"])
    index_cell, total_cell = re.compile(data["table_index_cell"]), re.compile(data["table_total_cell"])
    return Rules(
        boilerplate=_any(data["boilerplate_lines"]),
        content_start=_any(data["content_start_markers"]),
        trailing=trailing,
        trailing_max=_longest(trailing),
        separator=re.compile(data["separator_line"]),
        para_start=re.compile(data["paragraph_start"]),
        headings=headings,
        heading_re=heading_re,
        heading_max=_longest(heading_re),
        role_starts=tuple(data["role_starts"]),
        join_after=frozenset(w.lower() for w in data["join_after_words"]),
        join_before=tuple(data["join_before_words"]),
        clause_opens=tuple(data["clause_open_words"]),
        first_header=first_header,
        first_header_max=_longest(first_header),
        index_cell=index_cell,
        total_cell=total_cell,
        cell_max=max(_longest(index_cell), _longest(total_cell)),
    )


# ----------------------------------------------------------------------------------------- lines

BLANK, NBSP, SEP, TEXT, TAB, PIPE, DROP, SPACED = range(8)


@dataclass(slots=True)
class Line:
    """One line of the input (the compiled ``split_lines`` calls the class with the six fields in order)."""

    start: int  # content start in the input (whitespace stripped)
    end: int  # content end
    kind: int
    text: str
    line_start: int = 0  # the whole line, leading tabs included (for table cells)
    line_end: int = 0


_SEP_FIRST_CHARS = "-_=*~.|•·"  # a separator line starts with one of these
_SEP_FIRST = frozenset(_SEP_FIRST_CHARS)
BOILERPLATE_MAX = 120  # boilerplate lines are short


#: line breaks: "\n", and LINE and PARAGRAPH SEPARATOR (text given as a string; decode turns them to "\n")
_BREAK = re.compile("[\n\u2028\u2029]")


def split_lines(raw: str, r: Rules, starts: list[int] | None = None) -> list[Line]:
    """The lines of ``raw``, each with its kind; ``starts`` gets the index where each line starts (the
    compiled ``split_lines`` of :mod:`.scan` when built: the same lines, without a Python step per line)."""
    core = native()
    if core is not None:
        return core.split_lines(raw, Line, WS, r.boilerplate.match, BOILERPLATE_MAX, r.separator.match,
                                _SEP_FIRST_CHARS, starts)
    return plain_split_lines(raw, r, starts)


def plain_split_lines(raw: str, r: Rules, starts: list[int] | None = None) -> list[Line]:
    """:func:`split_lines` in Python (the twin of the compiled one)."""
    lines: list[Line] = []
    append = lines.append
    add_start = (starts if starts is not None else []).append
    pos = 0
    sep_match = r.separator.match
    boiler_match = r.boilerplate.match
    for seg in _BREAK.split(raw) if "\u2028" in raw or "\u2029" in raw else raw.split("\n"):
        add_start(pos)
        if not seg:  # an empty line (the commonest blank one)
            append(Line(pos, pos, BLANK, ""))
            pos += 1
            continue
        width = len(seg)
        nl = pos + width
        stripped = seg.strip(WS)
        size = len(stripped)
        if not size:
            kind = NBSP if ("\xa0" in seg and seg.strip(" \t\r") == "\xa0") else BLANK
            append(Line(pos, pos, kind, ""))
        else:
            s = pos if size == width else nl - len(seg.lstrip(WS))
            e = s + size
            kind = TEXT
            if size <= BOILERPLATE_MAX and boiler_match(stripped):
                kind = DROP
            elif "\t" in stripped and _is_tab_row(stripped):
                kind = TAB
            elif "|" in stripped:
                if sep_match(stripped):
                    kind = SEP
                elif sum(1 for c in stripped.split("|") if c.strip(WS)) >= 2:
                    kind = PIPE
            elif stripped[0] in _SEP_FIRST and sep_match(stripped):
                kind = SEP
            append(Line(s, e, kind, stripped, pos, nl))
        pos = nl + 1
    return lines


def _is_tab_row(stripped: str) -> bool:
    return sum(1 for c in stripped.split("\t") if c.strip(WS)) >= 2


def drop_web_frame(lines: list[Line], r: Rules) -> None:
    """Drop a web page's text before its content marker and the site's panel after the document."""
    for i, ln in enumerate(lines[:80]):
        if ln.kind == TEXT and r.content_start.match(ln.text):
            for j in range(i + 1):
                lines[j].kind = DROP
            break
    half = len(lines) // 2
    longest, trailing = r.trailing_max, r.trailing.match  # r.is_trailing, inlined
    for i in range(len(lines) - 1, half, -1):
        ln = lines[i]
        if ln.kind == TEXT and len(ln.text) <= longest and trailing(ln.text):
            for j in range(i, len(lines)):
                lines[j].kind = DROP
            break


_PAGE_PREFIX = re.compile(r"(\d{1,3})\.\s+")


def drop_page_prefixes(lines: list[Line], raw: str) -> None:
    """Long lines that each start with the running page number ('2. ', '3. ' ...): drop the numbers."""
    cands = []
    for ln in lines:
        if ln.kind == TEXT and len(ln.text) > 300:
            m = _PAGE_PREFIX.match(ln.text)
            if m:
                cands.append((ln, int(m.group(1)), m.end()))
    if len(cands) < 3:
        return
    consecutive = sum(1 for a, b in itertools.pairwise(cands) if b[1] == a[1] + 1)
    if consecutive < 0.8 * (len(cands) - 1):
        return
    for ln, _num, cut in cands:
        ln.start += cut
        ln.text = ln.text[cut:]


PAGE_MIN_CHARS = 1200  # a page holds at least this much text


def drop_page_numbers(lines: list[Line]) -> None:
    """Lone numbers that count pages (2, 3, 4 ... at least a page of text apart) are dropped; the
    running numbers of a table's rows are much closer together and stay."""
    cands = [(i, int(ln.text)) for i, ln in enumerate(lines)
             if ln.kind == TEXT and len(ln.text) <= 3 and ln.text.isdecimal()]
    if len(cands) < 3:
        return
    chain: list[int] = []
    best: list[int] = []
    for i, num in cands:
        if chain:
            j = chain[-1]
            if int(lines[j].text) + 1 == num and lines[i].start - lines[j].end >= PAGE_MIN_CHARS:
                chain.append(i)
                continue
        if len(chain) > len(best):
            best = chain
        chain = [i]
    if len(chain) > len(best):
        best = chain
    if len(best) >= 3:
        for i in best:
            lines[i].kind = DROP


