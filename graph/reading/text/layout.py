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

import re
from array import array

from graph.reading.text.layout_lines import (
    BLANK,
    DROP,
    NBSP,
    SEP,
    TEXT,
    Rules,
    drop_page_numbers,
    drop_page_prefixes,
    drop_web_frame,
    rules,
    split_lines,
)
from graph.reading.text.layout_tables import (
    CELL_SEP,
    Piece,
    Row,
    cell_table,
    delimited_table,
    row_pieces,
    split_columns,
)
from graph.reading.text.textmap import MappedBuilder

__all__ = ["CELL_SEP", "repair_layout", "rules", "should_join"]

# ------------------------------------------------------------------------------------ joining

def _is_caps(s: str) -> bool:
    """Whether ``s`` has letters and no lower-case one (other characters, of any case, aside)."""
    if s.isupper():  # no lower-case character at all (one C call instead of a loop over a heading)
        return any(c.isalpha() for c in s)
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


def should_join(a: str, b: str, blank_between: bool, r: Rules | None = None) -> bool:
    """Whether line ``b`` continues the sentence of line ``a`` (both stripped, non-empty)."""
    r = r or rules()
    last = a[-1]
    # the cheapest test first: the patterns below would say no as well. After ':' a list or a paragraph
    # opens, unless the words go on in lower case on the next line.
    if last in ".;:!?" and (last != ":" or blank_between or not b[0].islower()):
        return False
    if r.para_start.match(b) or r.is_heading(b) or r.is_heading(a):
        return False
    b0 = b[0]
    a_caps = _is_caps(a)
    if blank_between:  # a page break inside a sentence, or two paragraphs
        if a_caps:
            return False
        return b0.islower() or last in ",(“-–/&" or a.count("(") > a.count(")")
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
    if a.startswith(r.clause_opens) and not b_caps and not b.startswith(r.clause_opens):
        return True  # "Căn cứ Luật" / "Tổ chức HĐND và UBND ...;": the clause ends on ";", not here
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


# ----------------------------------------------------------------------------------- the pass

def _row_lines(pieces: list[Piece], rows: list[Row], at: int, length: int) -> int:
    """The steps that write table rows, one per line, each line break mapped to input index ``at``,
    appended to ``pieces``; ``length``: how much was written before them; returns how much after."""
    for row in rows:
        if length:
            pieces.append(("\n", at, 0, 0))
            length += 1
        length = row_pieces(row, pieces, length)
    return length


_GAP = re.compile("[ \t]{2,}")
# a literal start: found far faster than by "in" on Vietnamese text (whose characters take two bytes)
_DOUBLE_SPACE = re.compile("  ")


def _copy_gapped(out: MappedBuilder, ln, sep: str) -> None:
    """Copy a line of running text after ``sep`` (mapped to the line's start; "" for none), each run of
    blanks inside it read as one space (a justified or column-interleaved line: "Luật      thuế")."""
    out.insert(sep, ln.start)
    pos = ln.start
    for m in _GAP.finditer(ln.text):
        out.copy(pos, ln.start + m.start() + 1)
        pos = ln.start + m.end()
    out.copy(pos, ln.end)


def repair_layout(raw: str, line_starts: list[int] | None = None) -> tuple[str, array]:
    """The repaired reading of ``raw`` and its origin map (see module docstring). ``line_starts``: gets
    where each input line starts (found on the way)."""
    r = rules()
    lines = split_lines(raw, r, line_starts)
    drop_web_frame(lines, r)
    drop_page_prefixes(lines, raw)
    drop_page_numbers(lines)
    # whether the input has two spaces in a row, or a tab, at all (if not, no line need be searched)
    spaces, tabs = _DOUBLE_SPACE.search(raw) is not None, "\t" in raw
    if spaces:  # columns laid out with spaces need a run of four
        lines = split_columns(lines, raw)
    out = MappedBuilder(raw)
    header_max, header_match = r.first_header_max, r.first_header.match  # r.is_first_header, inlined
    n = len(lines)
    i = 0
    open_par = False  # a paragraph is being written
    prev_text: str | None = None  # last line of the open paragraph
    blank_since = False
    # the steps not yet given to the builder (given in one call before a line with gaps, and at the end)
    pending: list[Piece] = []
    length = 0  # how much is written, pending steps included

    while i < n:
        ln = lines[i]
        k = ln.kind
        if k == TEXT:
            text = ln.text
            if len(text) <= header_max and header_match(text):  # opens a one-cell-per-line table
                table = cell_table(lines, i, r)
                if table:
                    rows, i = table
                    length = _row_lines(pending, rows, ln.start, length)
                    open_par, prev_text = False, None
                    blank_since = False
                    continue
            # a line after one that ends a sentence is never joined to it (should_join's first test)
            if (open_par and prev_text is not None
                    and (prev_text[-1] not in ".;:!?"
                         or (prev_text[-1] == ":" and not blank_since and text[0].islower()))
                    and should_join(prev_text, text, blank_since, r)):
                sep = " "
            else:
                sep = "\n" if length else ""
                open_par = True
            if (spaces and "  " in text) or (tabs and "\t" in text):
                if pending:
                    out.insert_copies(pending)
                    pending = []
                _copy_gapped(out, ln, sep)
                length = len(out)
            else:
                pending.append((sep, ln.start, ln.start, ln.end))
                length += len(sep) + ln.end - ln.start
            prev_text = text
            blank_since = False
            i += 1
            continue
        if k in (BLANK, NBSP):
            blank_since = True
            i += 1
            continue
        if k in (SEP, DROP):
            open_par, prev_text = False, None
            blank_since = True
            i += 1
            continue
        # TAB, PIPE, SPACED: a delimited table (it holds this line at least)
        rows, i = delimited_table(lines, i, raw, k)
        length = _row_lines(pending, rows, ln.start, length)
        open_par, prev_text = False, None
        blank_since = False
    if pending:
        out.insert_copies(pending)
    return out.text(), out.origin
