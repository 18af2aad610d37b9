"""Tables in text: tab-, '|'- and space-separated rows, and tables exported one cell per line,
written as rows with cells separated by " | "; text laid out in two columns read one column after
the other."""

from __future__ import annotations

import itertools
import re

from graph.reading.text.layout_lines import BLANK, DROP, NBSP, PIPE, SEP, SPACED, TAB, TEXT, WS, Line, Rules
from graph.reading.text.textmap import MappedBuilder

CELL_SEP = " | "

# -------------------------------------------------------------- columns laid out with spaces

_GAP = re.compile(r"(?<=\S) {4,}(?=\S)")  # text laid out in columns (pdftotext -layout)
_CELL_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")  # between the cells of a row known to be a table row


_SPACES = re.compile("    +")  # a literal start: found far faster than _GAP's look-behind


def has_gap(raw: str) -> bool:
    """Whether ``raw`` has a :data:`_GAP` (4+ spaces between two non-space characters)."""
    n = len(raw)
    for m in _SPACES.finditer(raw):
        s, e = m.span()
        if s and e < n and not raw[s - 1].isspace() and not raw[e].isspace():
            return True
    return False


def split_columns(lines: list[Line], raw: str) -> list[Line]:
    """Blocks of lines laid out in columns with runs of spaces: two columns (header, signature
    block) are read one after the other; three or more are table rows (cells at the gaps)."""
    if not has_gap(raw):
        return lines
    out: list[Line] = []
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


def _two_columns(block: list[Line], raw: str) -> list[Line]:
    left: list[Line] = []
    right: list[Line] = []
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
            a = Line(ln.start, cut, TEXT, ln.text[:m.start()], ln.start, cut)
            b = Line(resume, ln.end, TEXT, ln.text[m.end():], resume, ln.end)
            left.append(a)
            right.append(b)
        elif ln.start - ln.line_start >= right_col - 2:
            right.append(ln)
        else:
            left.append(ln)
    if not left or not right:
        return left or right
    # the columns do not run into each other
    return [*left, Line(right[0].start, right[0].start, SEP, ""), *right]


# ------------------------------------------------------------------------------------- tables

def _cells(ln: Line, sep: str, raw: str) -> list[tuple[int, int]]:
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
        stripped = part.strip(WS)
        lead = len(part) - len(part.lstrip(WS))
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


def _norm_cells(raw: str, cells: list[tuple[int, int]]) -> list[str]:
    """The cells' texts, each run of blanks one space (a row repeated after a page break reads the same)."""
    return [" ".join(raw[s:e].split()) for s, e in cells]


def _same_cells(raw: str, cells: list[tuple[int, int]], norm: list[str]) -> bool:
    """Whether the cells read ``norm`` (see :func:`_norm_cells`), cell by cell: the first that differs
    (usually the first, a row number against a header) ends the comparison."""
    if len(cells) != len(norm):
        return False
    return all(" ".join(raw[s:e].split()) == want for (s, e), want in zip(cells, norm, strict=True))


# A row is a list of cells; a cell is a list of input spans (several when a cut row is mended).
Row = list[list[tuple[int, int]]]


def emit_row(out: MappedBuilder, row: Row) -> None:
    """Write a row: its cells separated by :data:`CELL_SEP` (mapped to the end of the cell before), the
    parts of a mended cell by a space."""
    pieces: list[Piece] = []
    row_pieces(row, pieces, len(out))
    out.insert_copies(pieces)


# a step of a layout repair: ``MappedBuilder.insert_copy(text, at, start, end)``
Piece = tuple[str, int, int, int]


def row_pieces(row: Row, pieces: list[Piece], length: int) -> int:
    """The steps that write ``row`` (see :func:`emit_row`) appended to ``pieces``; ``length``: how much
    was written before them; returns how much after."""
    for k, cell in enumerate(row):
        sep, at = "", 0
        if k:
            at = row[k - 1][-1][1] if row[k - 1] else (cell[0][0] if cell else length)
            if not cell:
                pieces.append((CELL_SEP, at, 0, 0))
                length += len(CELL_SEP)
                continue
            sep = CELL_SEP
        for j, (s, e) in enumerate(cell):
            if j:
                sep, at = " ", s
            pieces.append((sep, at, s, e))
            length += len(sep) + (e - s if e > s else 0)
    return length


def delimited_table(lines: list[Line], i: int, raw: str, kind: int) -> tuple[list[Row], int]:
    """Rows of a tab / pipe table starting at line ``i``; returns rows and the next line index."""
    sep = {TAB: "\t", PIPE: "|"}.get(kind, "  ")
    rows: list[Row] = []
    header: list[str] | None = None  # the first row's cells (see _norm_cells)
    after_repeat = False
    j = i
    n = len(lines)
    while j < n:
        ln = lines[j]
        if ln.kind == kind:
            cells = _cells(ln, sep, raw)
            if header is None:
                header = _norm_cells(raw, cells)
                rows.append([[c] for c in cells])
            elif _same_cells(raw, cells, header):
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


def cell_table(lines: list[Line], i: int, r: Rules) -> tuple[list[Row], int] | None:
    """A table exported one cell per line, starting at a first-header cell ('TT', 'STT') at line i."""
    units: list[tuple[int, Line | None]] = []  # (line index, line or None for an empty cell)
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


def _row_starts(units: list[tuple[int, Line | None]], r: Rules) -> list[int]:
    """Indexes of units that start a row: the running number (1, 2 ... / I, II ...) or a total."""
    starts: list[int] = []
    expect_arabic = 1
    expect_roman = 1
    for k, (_j, ln) in enumerate(units):
        if ln is None or k + 1 >= len(units):
            continue
        if len(ln.text) > r.cell_max:  # a cell of text: neither a running number nor a total
            continue
        if r.total_cell.match(ln.text):
            if starts:
                starts.append(k)
            continue
        nxt = units[k + 1][1]
        if not r.index_cell.match(ln.text) or nxt is None or not any(c.isalpha() for c in nxt.text[:3]):
            continue
        cell = ln.text.rstrip(".")
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


