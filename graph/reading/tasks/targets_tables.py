"""Goals read from tables of indicators: one goal per year column.

Two shapes: a delimited table ("Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030", :func:`_table_targets`)
and one flattened into paragraphs ("Chỉ tiêu ĐVT Năm 2016 Năm 2017 - Tỷ lệ ... % 30 60",
:func:`_year_table_targets`).
"""

from __future__ import annotations

import re

from graph.model import Target
from graph.reading.tasks.money import parse_number
from graph.reading.tasks.outline import Outline
from graph.reading.tasks.tables import split_row
from graph.reading.tasks.targets_patterns import _YEAR, _compiled, _low, metric_of
from graph.reading.text.prepared import PreparedText

# the first letter outside IGNORECASE: the engine then skips ahead to each "c" (a look-ahead, or a letter
# under IGNORECASE, has it try every position)
_YEAR_HEADER = re.compile(rf"(?-i:[cC])hỉ tiêu\s+Đ?VT\s+((?:(?:Năm\s+)?{_YEAR}\s*|Năm\s+)+)", re.IGNORECASE)
# "VT" in any case (only 'v', 'V', 't', 'T' match those letters under IGNORECASE): every header holds it
_VT = ("VT", "vt", "Vt", "vT")
# "vt" in the lower-cased copy: the engine's search for a literal skips ahead to each 'v', faster than
# str.find for two letters whose second ('t') is so frequent (two "vt" never overlap)
_VT_LOW = re.compile("vt")


_HEAD_WORDS = len("chỉ tiêu")


def year_header_starts(text: str, start: int, end: int, low: str | None = None) -> list[int]:
    """The starts of ``_YEAR_HEADER.finditer(text, start, end)``, found from each "VT" (``str.find``)
    instead of trying the pattern at every 'c'. A header's "VT" stands after "chỉ tiêu", white space
    and an optional "Đ", so its start is known and tried alone; two headers never overlap. ``low``:
    ``text[start:end]`` with each character lower-cased (tone marks may be placed otherwise), if at
    hand: "VT" in any case is then one search for "vt"."""
    out = []
    for at in _vt_positions(text, start, end, low):
        ws = at - 1 if at > start and text[at - 1] in "Đđ" else at  # (?i)Đ is 'Đ' or 'đ' alone
        k = ws
        while k > start and text[k - 1].isspace():  # str.isspace() is the pattern's \s
            k -= 1
        begin = k - _HEAD_WORDS
        if k < ws and begin >= start and _YEAR_HEADER.match(text, begin, end):
            out.append(begin)
    return sorted(out)


def _vt_positions(text: str, start: int, end: int, low: str | None) -> list[int]:
    """Where "VT" in any case stands in ``text[start:end]`` (only 'V' and 'v' lower-case to 'v', only
    'T' and 't' to 't'; ``low`` as for :func:`year_header_starts`)."""
    if low is not None:
        return [m.start() + start for m in _VT_LOW.finditer(low)]
    return [at for vt in _VT for at in _find_all(text, vt, start, end)]


def _find_all(text: str, word: str, start: int, end: int) -> list[int]:
    """Every place where ``word`` starts in ``text[start:end]`` (``str.find``, overlaps included)."""
    out = []
    at = text.find(word, start, end)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1, end)
    return out


_YEAR_ROW = re.compile(r"%\s+((?:(?:[>≥]\s?)?\d{1,3}(?:[.,]\d+)?\s+){1,8})")


def _year_table_targets(prep: PreparedText, line_start: int, line: str, years: list[int]) -> list[Target]:
    """Goals of a table of indicators by year, flattened into paragraphs:
    "Chỉ tiêu ĐVT Năm 2016 Năm 2017 Năm 2018 - Tỷ lệ hồ sơ ... % 30 60 90 ...".
    ``years`` carries the year columns over from the lines above; it is updated in place."""
    out: list[Target] = []
    if not years and "VT" not in line and "vt" not in line and "Vt" not in line and "vT" not in line:
        return out  # no header here (see _VT)
    headers = list(_YEAR_HEADER.finditer(line))
    parts = [(0, None)] + [(h.end(), h) for h in headers]
    for k, (begin, header) in enumerate(parts):
        if header is not None:
            found = [int(y) for y in re.findall(_YEAR, header.group(1))]
            years[:] = found if len(found) >= 2 else []
        if not years:
            continue
        limit = parts[k + 1][1].start() if k + 1 < len(parts) else len(line)
        for row in _YEAR_ROW.finditer(line, begin, limit):
            values = [parse_number(v) for v in re.findall(r"\d{1,3}(?:[.,]\d+)?", row.group(1))]
            values = [v for v in values if v is not None][: len(years)]
            if not values:
                continue
            item = line.rfind("- ", begin, row.start())
            item = item if item >= 0 else begin
            end = row.end()
            m = re.compile(r"[.;]|\s-\s|\s\S+\s+\d").search(line, end)
            end = m.start() + (1 if m and line[m.start()] in ".;" else 0) if m else len(line)
            piece = line[item:end].strip()
            at = line_start + line.find(piece, item)
            cited, line_no = prep.cite(at, at + len(piece))
            for year, value in zip(years[len(years) - len(values):], values, strict=True):
                out.append(Target(text=cited.strip() or piece, value=value, unit="%", deadline=year,
                                  metric=metric_of(piece), line=line_no))
    return out


_DELIMITED_LINE = re.compile(r"[^\n]*(?:\t| \| )[^\n]*")
_HEADER_WORDS = ("chỉ tiêu", "tiêu chí", "chỉ số", "mục tiêu", "nội dung")
#: what is searched for the header words: three of them share "tiêu" (the words around a hit, and where
#: the hit stands in each); three searches instead of five
_HEADER_WORD_FINDS = (("tiêu", (("chỉ tiêu", 4), ("tiêu chí", 0), ("mục tiêu", 4))),
                      ("chỉ số", (("chỉ số", 0),)), ("nội dung", (("nội dung", 0),)))


def _header_word_lines(text: str, start: int, end: int, low: str) -> list[int]:
    """Starts of the lines of ``text[start:end]`` where a header word stands in ``low`` (its lower-cased
    copy), in order: each word found with ``str.find`` (much faster than a pattern of the five), once
    per line (after a hit the search goes on at the next line)."""
    out = set()
    for key, words in _HEADER_WORD_FINDS:
        at = low.find(key)
        while at >= 0:
            if not any(at >= shift and low.startswith(word, at - shift) for word, shift in words):
                at = low.find(key, at + 1)
                continue
            out.add(max(text.rfind("\n", start, at + start) + 1, start))  # a word holds no line break
            nl = text.find("\n", at + start, end)
            if nl < 0:
                break
            at = low.find(key, nl - start + 1)
    return sorted(out)


def _delimited_lines(text: str, start: int, end: int) -> list[int]:
    """Starts of the lines of ``text[start:end]`` that hold a tab or " | " (a row), in order: each mark
    found with ``str.find``, once per line (after a hit the search goes on at the next line). " | " is
    found from its bar (one character is looked for much faster than three)."""
    out = set()
    for mark in ("\t", "|"):
        at = text.find(mark, start, end)
        while at >= 0:
            if mark == "|" and not (start < at < end - 1 and text[at - 1] == " " == text[at + 1]):
                at = text.find(mark, at + 1, end)  # a bar without a blank on each side
                continue
            out.add(max(text.rfind("\n", start, at) + 1, start))
            nl = text.find("\n", at, end)
            if nl < 0:
                break
            at = text.find(mark, nl + 1, end)
    return sorted(out)


def _header_lines(text: str, start: int, end: int, low: str) -> list[int]:
    """:func:`_header_word_lines` that are rows (:func:`_delimited_lines`), found from the rows, which
    are short and few: a header word stands in a row's part of ``low`` (no word holds a line break)."""
    out = []
    for line_start in _delimited_lines(text, start, end):
        nl = text.find("\n", line_start, end)
        row = low[line_start - start:(end if nl < 0 else nl) - start]
        if any(word in row for word in _HEADER_WORDS):
            out.append(line_start)
    return out


_TABLE_HEADER_WORDS = re.compile(rf"(?:chỉ tiêu|tiêu chí|chỉ số|mục tiêu|nội dung).*{_YEAR}", re.IGNORECASE)
_INDICATOR_COL = re.compile(r"chỉ tiêu|tiêu chí|chỉ số|mục tiêu|nội dung", re.IGNORECASE)
_UNIT_COL = re.compile(r"^(?:đơn vị(?: tính)?|đvt|đv)\b", re.IGNORECASE)
_PAST_COL = re.compile(r"thực hiện|kết quả|hiện trạng|hiện nay|ước|đạt được|thực tế|cơ sở", re.IGNORECASE)


def _table_targets(prep: PreparedText, start: int, end: int, low: str) -> list[Target]:
    """Goals of a table of indicators ("Chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2030"): one per year
    column that is a goal (not "Năm 2020 (thực hiện)"), with the row's unit."""
    text = prep.text
    out: list[Target] = []
    comp = _compiled()
    outline = Outline.of(text, start, end)
    for line_start in _header_lines(text, start, end, low):
        nl = text.find("\n", line_start, end)
        stop = end if nl < 0 else nl
        if text.find("\t", line_start, stop) < 0 and text.find(" | ", line_start, stop) < 0:
            continue  # not a delimited row
        header = _DELIMITED_LINE.match(text, line_start, stop)
        if not header or len(header.group(0)) > 2000 or not _TABLE_HEADER_WORDS.search(header.group(0)):
            continue
        cells = split_row(header.group(0))
        if not cells or any(comp["past_heading"].search(_low(h.text)) for h in outline.chain(header.start())):
            continue
        ind = next((k for k, c in enumerate(cells) if _INDICATOR_COL.search(c)), None)
        unit_col = next((k for k, c in enumerate(cells) if _UNIT_COL.search(c.strip())), None)
        years = {k: int(m.group(0)) for k, c in enumerate(cells)
                 if k != ind and (m := re.search(_YEAR, c)) and not _PAST_COL.search(c)}
        if ind is None or not years:
            continue
        pos = header.end() + 1
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            row = split_row(text[pos:stop])
            if row is None:
                break
            indicator = row[ind] if ind < len(row) else ""
            unit = row[unit_col].strip() if unit_col is not None and unit_col < len(row) else None
            if not unit and re.search(r"tỷ lệ|tỉ lệ|tỷ trọng", indicator, re.IGNORECASE):
                unit = "%"
            for k, year in years.items():
                value = parse_number(row[k]) if k < len(row) and indicator else None
                if value is None:
                    continue
                at = text.find(indicator, pos, stop)
                cited, line_no = prep.cite(at, at + len(indicator)) if at >= 0 else (indicator, None)
                out.append(Target(text=cited.strip() or indicator, value=value, unit=unit or None,
                                  deadline=year, metric=metric_of(indicator), line=line_no))
            pos = stop + 1
    return out
