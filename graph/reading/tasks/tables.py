"""Tables in prepared text: rows of cells with their offsets, whatever layout the input had.

Three layouts are read:
- delimited rows, one line per row, cells separated by ``" | "`` (the prepared form) or tabs;
- one cell per line (tables copied from web pages): the header cells follow a "TT"/"STT" line,
  each row starts with its number; lines holding only a no-break space are empty cells.
A table starts at a header row that names its columns (a name column and an agency, money or
time column). Repeated headers after page breaks are skipped and rows split by a page break
(no number in the first cell) are merged into the row above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import add

from graph.reading.tasks.money import parse_number, patterns
from graph.reading.text.folding import quick_fold as fold

_ROMAN = re.compile(r"^[IVXLC]{1,6}\.?$")
_ARABIC = re.compile(r"^\d{1,3}\.?$")
_LETTER = re.compile(r"^[A-ZĐa-zđ][.)]?$")
_MAX_BLANKS = 6
_MAX_HEADER_CELL = 90


@dataclass
class Row:
    """One table row: its cells and the span of ``text`` it occupies."""

    cells: list[str]
    start: int
    end: int
    kind: str = "item"  # item | group | total


@dataclass(eq=False)
class Table:
    """A table: header cells, rows, and the text just above it (caption, unit line)."""

    header: list[str]
    rows: list[Row]
    start: int
    end: int
    caption: str = ""
    one_cell_per_line: bool = False
    roles: list[str | None] = field(default_factory=list)


_ROLE_ORDER = ("coordinate", "lead", "spent", "funding", "note", "period", "total", "name")


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[frozenset, list[tuple[str, re.Pattern]]]:
    cols = patterns()["table_columns"]
    index = frozenset(fold(w) for w in cols["index"])
    rxs = [(role, re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(fold(w)) for w in cols[role])
                             + r")(?![a-z])")) for role in _ROLE_ORDER]
    return index, rxs


@lru_cache(maxsize=4096)
def column_role(cell: str) -> str | None:
    """What a header cell names: index, name, lead, coordinate, period, total, spent, funding, note."""
    if len(cell) > _MAX_HEADER_CELL:
        return None
    f = fold(cell)
    if not f:
        return None
    index, rxs = _role_patterns()
    if f.replace(".", "") in index:
        return "index"
    return next((role for role, rx in rxs if rx.search(f)), None)


def is_header(cells: list[str]) -> bool:
    """Whether cells name the columns of a project / task table."""
    if len(cells) < 3 or any(len(c) > _MAX_HEADER_CELL for c in cells):
        return False
    roles = {column_role(c) for c in cells}
    return "name" in roles and bool(roles & {"lead", "total", "period", "coordinate"})


def split_row(line: str) -> list[str] | None:
    """The cells of a delimited row (' | ' or tabs), or None if the line is not one."""
    if "\t" in line:
        cells = line.split("\t")
    elif " | " in line or line.startswith("| ") or line.endswith(" |"):
        cells = line.strip().split("|")  # the white space around each bar goes with the strip below
        if cells and cells[0] == "" and line.lstrip().startswith("|"):
            cells = cells[1:]
        if cells and cells[-1] == "" and line.rstrip().endswith("|"):
            cells = cells[:-1]
    else:
        return None
    if "\u00a0" in line:
        cells = [c.strip().replace("\u00a0", " ").strip() for c in cells]
    else:
        cells = [c.strip() for c in cells]
    return cells if len(cells) >= 2 and any(cells) else None


@lru_cache(maxsize=1)
def _total_words() -> frozenset[str]:
    return frozenset(fold(w) for w in patterns()["total_rows"])


def row_kind(index: str, name: str) -> str:
    """item, group ('I', 'II' ... section rows) or total ('Tổng cộng')."""
    f = fold(name)
    totals = _total_words()
    if f.rstrip(":") in totals or fold(index) in totals:
        return "total"
    if _ROMAN.match(index.strip()) or (_LETTER.match(index.strip()) and index.strip()[0].isupper()):
        return "group"
    return "item"


def _lines(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each line of ``text[start:end]``; nothing after a last line break."""
    parts = text[start:end].split("\n")
    if parts[-1] == "":  # the span ends with a line break, or is empty
        parts.pop()
    lengths = list(map(len, parts))
    starts = list(accumulate(map((1).__add__, lengths), initial=start))
    starts.pop()  # where a line after the last would start
    return list(zip(starts, map(add, starts, lengths), parts, strict=True))


def _caption(lines: list[tuple[int, int, str]], i: int, floor: int) -> str:
    """Up to 8 non-blank lines just above line ``i`` (not below ``floor``)."""
    got: list[str] = []
    j = i - 1
    while j >= floor and len(got) < 8:
        s = lines[j][2].strip()
        if s:
            # stop at the rows of another table, at prose, and after the heading of the section
            if split_row(lines[j][2]) is not None or len(s) > 250 or s.endswith((".", ";", ".)")):
                break
            got.append(s)
            if re.match(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)\.\s+\S", s):
                break
        j -= 1
    return "\n".join(reversed(got))


def _same_header(cells: list[str], header_cells: list[str]) -> bool:
    """Whether a row repeats the header (``header_cells``: its non-empty cells), as after a page break."""
    if [c for c in cells if c] == header_cells:
        return True
    return not any(parse_number(c) is not None for c in cells) and is_header(cells)


def _merge_continuations(rows: list[Row]) -> list[Row]:
    """Rows split by a page break: a row without a number continues the row above."""
    out: list[Row] = []
    for row in rows:
        first = row.cells[0] if row.cells else ""
        name = row.cells[1] if len(row.cells) > 1 else ""
        if (not first and out and row_kind(first, name) != "total"
                and not any(c and parse_number(c) is not None for c in row.cells[2:])  # no figure
                and out[-1].kind == "item"):
            prev = out[-1]
            width = max(len(prev.cells), len(row.cells))
            cells = prev.cells + [""] * (width - len(prev.cells))
            for k, c in enumerate(row.cells):
                if c:
                    cells[k] = f"{cells[k]} {c}".strip()
            out[-1] = Row(cells, prev.start, row.end, prev.kind)
            continue
        row.kind = row_kind(first, name)
        out.append(row)
    return out


def _delimited_table(lines, i: int, floor: int) -> tuple[Table, int]:
    header = split_row(lines[i][2]) or []
    header_cells = [c for c in header if c]
    rows: list[Row] = []
    j, blanks, last = i + 1, 0, i
    while j < len(lines):
        s = lines[j][2]
        if not s.strip() or s.strip() == "|":
            blanks += 1
            if blanks > _MAX_BLANKS:
                break
            j += 1
            continue
        cells = split_row(s)
        if cells is None:
            break
        blanks = 0
        last = j
        if not _same_header(cells, header_cells):
            rows.append(Row(cells, lines[j][0], lines[j][1]))
        j += 1
    table = Table(header=header, rows=_merge_continuations(rows), start=lines[i][0], end=lines[last][1],
                  caption=_caption(lines, i, floor))
    table.roles = [column_role(c) for c in header]
    return table, last + 1


def _is_index(cell: str, nxt: str | None, last: int | None) -> bool:
    c = cell.strip().rstrip(".")
    if not nxt or len(re.findall(r"[^\W\d_]", nxt)) < 3:
        return False
    if _ROMAN.match(c):
        return True
    if _ARABIC.match(c):
        n = int(c)
        return last is None or n == last + 1 or n == 1
    return False


def _cell_table(lines, i: int, floor: int) -> tuple[Table, int] | None:
    """A one-cell-per-line table whose header starts at line ``i``."""
    cells: list[tuple[int, int, str]] = []  # (start, end, text); blank lines are separators
    j = i
    while j < len(lines) and len(cells) < 4000:
        s = lines[j][2]
        if s == "" or (not s.strip() and "\u00a0" not in s):
            j += 1
            continue
        cells.append((lines[j][0], lines[j][1], s.replace("\u00a0", " ").strip()))
        j += 1
    # header: short cells until the first row number
    header: list[str] = []
    k = 0
    while k < len(cells) and len(header) < 20:
        text = cells[k][2]
        nxt = cells[k + 1][2] if k + 1 < len(cells) else None
        if header and _is_index(text, nxt, None):
            break
        if not text or len(text) > _MAX_HEADER_CELL:
            return None
        header.append(text)
        k += 1
    if not is_header(header):
        return None
    width = len(header)
    rows: list[Row] = []
    current: list[tuple[int, int, str]] = []
    last_n: int | None = None
    end_k = k

    def flush() -> None:
        if current:
            rows.append(Row([c[2] for c in current], current[0][0], current[-1][1]))

    while k < len(cells):
        text = cells[k][2]
        nxt = cells[k + 1][2] if k + 1 < len(cells) else None
        starts_total = row_kind("", text) == "total" and (not nxt or parse_number(nxt) is not None)
        if _is_index(text, nxt, last_n) or starts_total:
            flush()
            current = [cells[k]] if not starts_total else [(cells[k][0], cells[k][0], ""), cells[k]]
            c = text.rstrip(".")
            if _ARABIC.match(c):
                last_n = int(c)
            elif _ROMAN.match(c):
                last_n = 0
        else:
            if not current or len(current) >= width + 1 or len(text) > 400:
                break
            current.append(cells[k])
        end_k = k
        k += 1
    flush()
    if not rows:
        return None
    for row in rows:
        row.kind = row_kind(row.cells[0], row.cells[1] if len(row.cells) > 1 else "")
    end_line = j
    end_pos = cells[end_k][1]
    while end_line > i and lines[end_line - 1][0] >= end_pos:
        end_line -= 1
    table = Table(header=header, rows=rows, start=lines[i][0], end=end_pos,
                  caption=_caption(lines, i, floor), one_cell_per_line=True)
    table.roles = [column_role(c) for c in header]
    return table, end_line + 1


def find_tables(text: str, start: int = 0, end: int | None = None) -> list[Table]:
    """Every project / task table in ``text[start:end]`` (the result is shared: do not modify it)."""
    return _find_tables(text, start, len(text) if end is None else end)


@lru_cache(maxsize=1)
def _index_words() -> frozenset[str]:
    """What a "TT" line holding a table's first header cell reads as, folded and without dots."""
    return frozenset(fold(w) for w in patterns()["table_columns"]["index"])


# a line of one to eleven characters after a line break (the first line of a span is looked at alone);
# a longer line fails at its twelfth character, without giving back one character after another
_SHORT_LINE = re.compile(r"\n(?![^\n]{12})([^\n]+)")


def _opens_table(line: str) -> bool:
    """Whether a table may start at ``line``: a delimited row naming the columns, or a short "TT" line
    (the first test of each line in :func:`_find_tables`)."""
    cells = split_row(line) if line and len(line) < 3000 else None
    if cells is not None:
        return is_header(cells)
    return len(line) < 12 and fold(line.strip()).replace(".", "") in _index_words()


def _may_hold_table(text: str, start: int, end: int) -> bool:
    """Whether a line of ``text[start:end]`` passes the first test of :func:`_find_tables`, found without
    splitting the span into lines: the lines holding a bar or a tab (a delimited row holds one), and the
    lines shorter than twelve characters (an empty line is none). Without one, the span holds no table."""
    for mark in ("|", "\t"):
        at = text.find(mark, start, end)
        while at >= 0:
            nl = text.find("\n", at, end)
            if _opens_table(text[max(text.rfind("\n", start, at) + 1, start):end if nl < 0 else nl]):
                return True
            if nl < 0:
                break
            at = text.find(mark, nl + 1, end)
    nl = text.find("\n", start, end)
    if _opens_table(text[start:end if nl < 0 else nl]):
        return True
    return any(_opens_table(m.group(1)) for m in _SHORT_LINE.finditer(text, start, end))


@lru_cache(maxsize=32)
def _find_tables(text: str, start: int, end: int) -> list[Table]:
    if not _may_hold_table(text, start, end):
        return []
    lines = _lines(text, start, end)
    tables: list[Table] = []
    i, floor = 0, 0
    index_words = _index_words()
    # a table starts at a delimited row (a '|' or a tab in it) or at a short "TT" line: only those are tried
    tried = [k for k, (_, _, s) in enumerate(lines) if len(s) < 12 or "|" in s or "\t" in s]
    next_tried = 0
    while i < len(lines):
        while next_tried < len(tried) and tried[next_tried] < i:
            next_tried += 1
        if next_tried == len(tried):
            break
        i = tried[next_tried]
        s = lines[i][2]
        cells = split_row(s) if s and len(s) < 3000 else None
        if cells is not None and is_header(cells):
            table, i = _delimited_table(lines, i, floor)
            tables.append(table)
            floor = i
            continue
        if cells is None and len(s) < 12 and fold(s.strip()).replace(".", "") in index_words:
            found = _cell_table(lines, i, floor)
            if found:
                table, i = found
                tables.append(table)
                floor = i
                continue
        i += 1
    return tables
