"""Layout repair: one paragraph per line, one table row per line, page and web artefacts removed.

Input is the decoded text of a file; output is the repaired reading and, for each of its
characters, the index of the input character it comes from. Rules describe how Vietnamese
administrative documents are laid out (patterns in ``graph/data/layout.json``):

- hard line breaks inside a sentence are joined; real paragraph starts (numbered items, "- ",
  "Điều 2.", "Căn cứ", headings in capitals, signature blocks) are kept;
- tab- and '|'-separated rows, and tables exported one cell per line (first header cell "TT" /
  "STT", rows starting at their running number), become rows with cells separated by " | ";
  header rows repeated after a page break are dropped and a row cut by the break is mended;
- web boilerplate, lone separators and page numbers are removed.
"""

from __future__ import annotations

import itertools
import json
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from graph.loaders.textmap import MappedBuilder

CELL_SEP = " | "
_WS = " \t\r\f\v\xa0\ufeff\u200b\u2002\u2003\u2009"


@dataclass(frozen=True)
class _Rules:
    boilerplate: re.Pattern
    content_start: re.Pattern
    trailing: re.Pattern
    separator: re.Pattern
    para_start: re.Pattern
    headings: frozenset
    heading_re: re.Pattern
    role_starts: tuple
    join_after: frozenset
    join_before: tuple
    first_header: re.Pattern
    index_cell: re.Pattern
    total_cell: re.Pattern


def _any(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The layout patterns, loaded once from ``graph/data/layout.json``."""
    data = json.loads(resources.files("graph.data").joinpath("layout.json").read_text(encoding="utf-8"))
    headings = frozenset(data["heading_words"])
    alternatives = "|".join(sorted(map(re.escape, headings), key=len, reverse=True))
    heading_re = re.compile(rf"^(?:{alternatives})(?: (?:[IVXLC]{{1,5}}|\d{{1,2}}))?:?$")
    return _Rules(
        boilerplate=_any(data["boilerplate_lines"]),
        content_start=_any(data["content_start_markers"]),
        trailing=_any(data["trailing_boilerplate_markers"]),
        separator=re.compile(data["separator_line"]),
        para_start=re.compile(data["paragraph_start"]),
        headings=headings,
        heading_re=heading_re,
        role_starts=tuple(data["role_starts"]),
        join_after=frozenset(w.lower() for w in data["join_after_words"]),
        join_before=tuple(data["join_before_words"]),
        first_header=re.compile(data["table_first_header"]),
        index_cell=re.compile(data["table_index_cell"]),
        total_cell=re.compile(data["table_total_cell"]),
    )


# ----------------------------------------------------------------------------------------- lines

BLANK, NBSP, SEP, TEXT, TAB, PIPE, DROP, SPACED = range(8)


@dataclass(slots=True)
class _Line:
    start: int  # content start in the input (whitespace stripped)
    end: int  # content end
    kind: int
    text: str
    line_start: int = 0  # the whole line, leading tabs included (for table cells)
    line_end: int = 0


_SEP_FIRST = frozenset("-_=*~.|•·")
BOILERPLATE_MAX = 120  # boilerplate lines are short


def _split_lines(raw: str, r: _Rules) -> list[_Line]:
    lines: list[_Line] = []
    append = lines.append
    pos = 0
    sep_match = r.separator.match
    boiler_match = r.boilerplate.match
    for seg in raw.split("\n"):
        nl = pos + len(seg)
        stripped = seg.strip(_WS)
        if not stripped:
            kind = NBSP if ("\xa0" in seg and seg.strip(" \t\r") == "\xa0") else BLANK
            append(_Line(pos, pos, kind, ""))
        else:
            s = pos + len(seg) - len(seg.lstrip(_WS))
            e = s + len(stripped)
            kind = TEXT
            if len(stripped) <= BOILERPLATE_MAX and boiler_match(stripped):
                kind = DROP
            elif "\t" in stripped and _is_tab_row(stripped):
                kind = TAB
            elif "|" in stripped:
                if sep_match(stripped):
                    kind = SEP
                elif sum(1 for c in stripped.split("|") if c.strip(_WS)) >= 2:
                    kind = PIPE
            elif stripped[0] in _SEP_FIRST and sep_match(stripped):
                kind = SEP
            append(_Line(s, e, kind, stripped, pos, nl))
        pos = nl + 1
    return lines


def _is_tab_row(stripped: str) -> bool:
    return sum(1 for c in stripped.split("\t") if c.strip(_WS)) >= 2


def _drop_web_frame(lines: list[_Line], r: _Rules) -> None:
    """Drop a web page's text before its content marker and the site's panel after the document."""
    for i, ln in enumerate(lines[:80]):
        if ln.kind == TEXT and r.content_start.match(ln.text):
            for j in range(i + 1):
                lines[j].kind = DROP
            break
    half = len(lines) // 2
    for i in range(len(lines) - 1, half, -1):
        ln = lines[i]
        if ln.kind == TEXT and r.trailing.match(ln.text):
            for j in range(i, len(lines)):
                lines[j].kind = DROP
            break


_PAGE_PREFIX = re.compile(r"(\d{1,3})\.\s+")


def _drop_page_prefixes(lines: list[_Line], raw: str) -> None:
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


def _drop_page_numbers(lines: list[_Line]) -> None:
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


# -------------------------------------------------------------- columns laid out with spaces

_GAP = re.compile(r"(?<=\S) {4,}(?=\S)")  # text laid out in columns (pdftotext -layout)
_CELL_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")  # between the cells of a row known to be a table row


def _split_columns(lines: list[_Line], raw: str) -> list[_Line]:
    """Blocks of lines laid out in columns with runs of spaces: two columns (header, signature
    block) are read one after the other; three or more are table rows (cells at the gaps)."""
    if not _GAP.search(raw):
        return lines
    out: list[_Line] = []
    i = 0
    n = len(lines)
    while i < n:
        if lines[i].kind != TEXT:
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < n and lines[j].kind == TEXT:
            j += 1
        block = lines[i:j]
        gaps = [len(_GAP.findall(ln.text)) for ln in block]
        gapped = sum(1 for g in gaps if g)
        if gapped >= 2 and gapped * 2 >= len(block) and max(gaps) >= 2 and sum(g >= 2 for g in gaps) >= 2:
            for ln, g in zip(block, gaps, strict=True):
                if g:
                    ln.kind = SPACED
            out.extend(block)
        elif (gapped >= 2 and gapped * 2 >= len(block)) or (gapped == 1 and len(block) == 1 and i < 40):
            out.extend(_two_columns(block, raw))
        else:
            out.extend(block)
        i = j
    return out


def _two_columns(block: list[_Line], raw: str) -> list[_Line]:
    left: list[_Line] = []
    right: list[_Line] = []
    cols = []
    for ln in block:
        m = _GAP.search(ln.text)
        if m:
            cols.append(ln.start + m.end() - ln.line_start)
    right_col = min(cols) if cols else 0
    for ln in block:
        m = _GAP.search(ln.text)
        if m:
            cut, resume = ln.start + m.start(), ln.start + m.end()
            a = _Line(ln.start, cut, TEXT, ln.text[:m.start()], ln.start, cut)
            b = _Line(resume, ln.end, TEXT, ln.text[m.end():], resume, ln.end)
            left.append(a)
            right.append(b)
        elif ln.start - ln.line_start >= right_col - 2:
            right.append(ln)
        else:
            left.append(ln)
    if not left or not right:
        return left or right
    # the columns do not run into each other
    return [*left, _Line(right[0].start, right[0].start, SEP, ""), *right]


# ------------------------------------------------------------------------------------ joining

def _is_caps(s: str) -> bool:
    has = False
    for c in s:
        if c.isalpha():
            if c.islower():
                return False
            has = True
    return has


def _last_word(s: str) -> str:
    i = len(s)
    while i > 0 and not s[i - 1].isspace():
        i -= 1
    return s[i:].lower()


def should_join(a: str, b: str, blank_between: bool, r: _Rules | None = None) -> bool:
    """Whether line ``b`` continues the sentence of line ``a`` (both stripped, non-empty)."""
    r = r or rules()
    if r.para_start.match(b) or r.heading_re.match(b) or r.heading_re.match(a):
        return False
    last = a[-1]
    if last in ".;:!?":
        return False
    b0 = b[0]
    a_caps = _is_caps(a)
    if blank_between:
        return b0.islower() and not a_caps
    if b0.islower():
        return True
    if last in ",-–(“\"/&":
        return True
    heading = _looks_like_heading(a)
    if not heading and _last_word(a) in r.join_after:
        return True
    if b0.isdigit():
        return True
    b_caps = _is_caps(b)
    if a_caps and b_caps:
        return not b.startswith(r.role_starts)
    if a_caps or b_caps or heading or _CAPS_START.match(b):
        return False
    # a long line that stops without punctuation goes on; a short one is a heading or a label
    return len(a) >= 30 or b.startswith(r.join_before)


_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper())
# a line opening with a heading in capitals ("KẾ HOẠCH ỨNG DỤNG ...")
_CAPS_START = re.compile(rf"[{_UPPER}]+(?: [{_UPPER}]+){{2,}}\b")
_NUMBERED = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[a-zđ]\)|[IVXLC]{1,6}\.)\s")


def _looks_like_heading(a: str) -> bool:
    return bool(_NUMBERED.match(a)) and len(a) < 80


# ------------------------------------------------------------------------------------- tables

def _cells(ln: _Line, sep: str, raw: str) -> list[tuple[int, int]]:
    """Cell spans (input indices, stripped) of a tab or pipe row; outer empty pipe cells removed."""
    if sep == "  ":  # columns laid out with spaces: cells between the gaps
        spans = []
        pos = ln.start
        for m in _CELL_GAP.finditer(ln.text):
            spans.append((pos, ln.start + m.start()))
            pos = ln.start + m.end()
        spans.append((pos, ln.end))
        return spans
    spans = []
    pos = ln.line_start
    for part in raw[ln.line_start:ln.line_end].split(sep):
        stripped = part.strip(_WS)
        lead = len(part) - len(part.lstrip(_WS))
        s = pos + lead
        spans.append((s, s + len(stripped)))
        pos += len(part) + len(sep)
    if sep == "|":
        if spans and spans[0][0] == spans[0][1]:
            spans = spans[1:]
        if spans and spans[-1][0] == spans[-1][1]:
            spans = spans[:-1]
    while len(spans) > 1 and spans[-1][0] == spans[-1][1]:
        spans.pop()
    return spans


def _norm_row(raw: str, cells: list[tuple[int, int]]) -> str:
    return "\t".join(" ".join(raw[s:e].split()) for s, e in cells)


# A row is a list of cells; a cell is a list of input spans (several when a cut row is mended).
Row = list[list[tuple[int, int]]]


def _emit_row(out: MappedBuilder, row: Row) -> None:
    for k, cell in enumerate(row):
        if k:
            prev_end = row[k - 1][-1][1] if row[k - 1] else (cell[0][0] if cell else len(out))
            out.insert(CELL_SEP, prev_end)
        for j, (s, e) in enumerate(cell):
            if j:
                out.insert(" ", s)
            out.copy(s, e)


def _delimited_table(lines: list[_Line], i: int, raw: str, kind: int) -> tuple[list[Row], int]:
    """Rows of a tab / pipe table starting at line ``i``; returns rows and the next line index."""
    sep = {TAB: "\t", PIPE: "|"}.get(kind, "  ")
    rows: list[Row] = []
    header: str | None = None
    after_repeat = False
    j = i
    n = len(lines)
    while j < n:
        ln = lines[j]
        if ln.kind == kind:
            cells = _cells(ln, sep, raw)
            key = _norm_row(raw, cells)
            if header is None:
                header = key
                rows.append([[c] for c in cells])
            elif key == header:
                after_repeat = True  # header repeated after a page break
            elif after_repeat and cells and cells[0][0] == cells[0][1] and rows and len(rows) > 1:
                prev = rows[-1]
                for k, c in enumerate(cells):
                    if c[0] == c[1]:
                        continue
                    while len(prev) <= k:
                        prev.append([])
                    prev[k].append(c)
                after_repeat = False
            else:
                rows.append([[c] for c in cells])
                after_repeat = False
            j += 1
            continue
        if ln.kind in (BLANK, NBSP, SEP, DROP):
            # a table may go on after blank lines (page break); look ahead a few lines
            k = j
            while k < n and k - j < 6 and lines[k].kind in (BLANK, NBSP, SEP, DROP):
                k += 1
            if k < n and lines[k].kind == kind:
                j = k
                continue
        break
    return rows, j


def _cell_table(lines: list[_Line], i: int, r: _Rules) -> tuple[list[Row], int] | None:
    """A table exported one cell per line, starting at a first-header cell ('TT', 'STT') at line i."""
    units: list[tuple[int, _Line | None]] = []  # (line index, line or None for an empty cell)
    j = i
    n = len(lines)
    while j < n:
        ln = lines[j]
        if ln.kind == BLANK:
            j += 1
            continue
        if ln.kind == NBSP:
            units.append((j, None))
            j += 1
            continue
        if ln.kind != TEXT or len(ln.text) > 300:
            break
        # a cell stands alone: the next line is blank (or the end)
        if j + 1 < n and lines[j + 1].kind == TEXT:
            break
        units.append((j, ln))
        j += 1
    # trailing empty cells belong to nobody
    while units and units[-1][1] is None:
        units.pop()
    starts = _row_starts(units, r)
    if len(starts) < 2:
        return None
    rows: list[Row] = []
    bounds = [0, *starts, len(units)]
    for a, b in itertools.pairwise(bounds):
        if b <= a:
            continue
        row: Row = []
        for _idx, ln in units[a:b]:
            row.append([(ln.start, ln.end)] if ln is not None else [])
        rows.append(row)
    end_line = units[-1][0] + 1 if units else i + 1
    return rows, end_line


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(s: str) -> int | None:
    total, prev = 0, 0
    for c in reversed(s):
        v = _ROMAN.get(c)
        if v is None:
            return None
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


def _row_starts(units: list[tuple[int, _Line | None]], r: _Rules) -> list[int]:
    """Indexes of units that start a row: the running number (1, 2 ... / I, II ...) or a total."""
    starts: list[int] = []
    expect_arabic = 1
    expect_roman = 1
    for k, (_j, ln) in enumerate(units):
        if ln is None or k + 1 >= len(units):
            continue
        cell = ln.text.rstrip(".")
        nxt = units[k + 1][1]
        next_is_text = nxt is not None and any(c.isalpha() for c in nxt.text[:3])
        if r.total_cell.match(ln.text):
            if starts:
                starts.append(k)
            continue
        if not r.index_cell.match(ln.text) or not next_is_text:
            continue
        if cell.isdecimal():
            v = int(cell)
            if v == expect_arabic or v == 1:
                starts.append(k)
                expect_arabic = v + 1
        else:
            v = _roman(cell)
            if v is not None and (v == expect_roman or v == 1):
                starts.append(k)
                expect_roman = v + 1
                expect_arabic = 1
    return starts


# ----------------------------------------------------------------------------------- the pass

def repair_layout(raw: str) -> tuple[str, array]:
    """The repaired reading of ``raw`` and its origin map (see module docstring)."""
    r = rules()
    lines = _split_lines(raw, r)
    _drop_web_frame(lines, r)
    _drop_page_prefixes(lines, raw)
    _drop_page_numbers(lines)
    lines = _split_columns(lines, raw)
    out = MappedBuilder(raw)
    n = len(lines)
    i = 0
    open_par = False  # a paragraph is being written
    prev_text: str | None = None  # last line of the open paragraph
    blank_since = False

    while i < n:
        ln = lines[i]
        k = ln.kind
        if k in (BLANK, NBSP):
            blank_since = True
            i += 1
            continue
        if k in (SEP, DROP):
            open_par, prev_text = False, None
            blank_since = True
            i += 1
            continue
        if k in (TAB, PIPE, SPACED):
            rows, nxt = _delimited_table(lines, i, raw, k)
            for row in rows:
                if len(out):
                    out.insert("\n", ln.start)
                _emit_row(out, row)
            open_par, prev_text = False, None
            blank_since = False
            i = nxt
            continue
        # TEXT
        if r.first_header.match(ln.text):
            table = _cell_table(lines, i, r)
            if table:
                rows, nxt = table
                for row in rows:
                    if len(out):
                        out.insert("\n", ln.start)
                    _emit_row(out, row)
                open_par, prev_text = False, None
                blank_since = False
                i = nxt
                continue
        if open_par and prev_text is not None and should_join(prev_text, ln.text, blank_since, r):
            out.insert(" ", ln.start)
            out.copy(ln.start, ln.end)
        else:
            if len(out):
                out.insert("\n", ln.start)
            out.copy(ln.start, ln.end)
            open_par = True
        prev_text = ln.text
        blank_since = False
        i += 1
    return out.text(), out.origin
