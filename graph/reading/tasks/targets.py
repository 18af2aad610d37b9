"""Quantified goals: "95% văn bản ... đến năm 2020", "Ít nhất 10 doanh nghiệp ...".

A goal is a percentage (or a count of things) stated outside the sections that report on the
past ("KẾT QUẢ", "ĐÁNH GIÁ", "HIỆN TRẠNG" ...) and outside money sections; clauses that speak of
the past ("hiện nay", "đã đạt") are left out. Each goal is one clause of a sentence: a sentence
listing "100% ... cấp tỉnh, 90% ... cấp huyện và 70% ... cấp xã" gives three. The deadline is the
year named in the sentence, else in the nearest heading above, else in the document's title.
Tables of indicators are read by :mod:`.targets_tables`, with the words and patterns of
:mod:`.targets_patterns`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.model import Target
from graph.reading.tasks.deadlines import ANY_YEAR as _ANY_YEAR
from graph.reading.tasks.deadlines import DATE_WORDS as _DATE_WORDS
from graph.reading.tasks.deadlines import year_in as _year_in
from graph.reading.tasks.lowered import span_low
from graph.reading.tasks.money import parse_number
from graph.reading.tasks.outline import Outline
from graph.reading.tasks.tables import find_tables, split_row
from graph.reading.tasks.targets_lines import (
    Count,
    SpanCounts,
    candidate_lines,
    closed_chains,
    line_low,
    open_parts,
)
from graph.reading.tasks.targets_patterns import (
    _compiled,
    _keep_fold,
    finditer_after_marks,
    finditer_words,
    metric_of,
)
from graph.reading.tasks.targets_tables import _table_targets, _year_table_targets
from graph.reading.text.prepared import PreparedText

_NUM = r"\d{1,3}(?:[.,]\d+)?"
# a share, or a range of shares: "15%", "15–16%", "15% - 16%", "15-16 %", "từ 15 đến 16%"
_PERCENT = re.compile(
    rf"(?P<op>[>≥]\s*)?(?P<a>{_NUM})\s*(?:%\s*)?(?:(?:-|–|—|÷|đến)\s*(?P<b>{_NUM})\s*)?%")
# where a share may start (the pattern opens with an optional part: tried alone, the engine would try
# every position; from these characters only, it gives the same matches)
_PERCENT_START = re.compile(r"[>≥\d]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ỸĐ\d\-–•*+(]|[^\w\s,;:)])|;|:(?=\s)")
_SENTENCE_MARKS = re.compile(r"[.!?…;:]")  # where each end of a clause starts, or the mark before it

_BREAK = re.compile(r",\s*(?:và\s+|trong đó\s+)?|\s+và\s+|\btrong đó\s+")  # where a goal's words may begin
_TRAILING_LINK = re.compile(r"(?:,|\s)+(?:và|hoặc)$")
_LIST_LABEL = re.compile(r"^(?:[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]|[-–•*+])\s+")


def _clauses(line: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the clauses of a paragraph: sentences, then ';' and ':' parts."""
    out, pos = [], 0
    for m in finditer_after_marks(_SENTENCE_END, _SENTENCE_MARKS, ".!?…", line):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(line)))
    return [(a, b) for a, b in out if line[a:b].strip()]


def _percents(line: str, a: int, b: int) -> list[re.Match[str]]:
    """``list(_PERCENT.finditer(line, a, b))``, faster: the pattern is tried only where a share may
    start (:data:`_PERCENT_START`), and after a match where it ends, as ``finditer`` does; and only up to
    the last '%' (every match ends with one: beyond it none starts, and none reads further)."""
    out = []
    pos = a
    b = line.rfind("%", a, b) + 1
    while (s := _PERCENT_START.search(line, pos, b)) is not None:
        m = _PERCENT.match(line, s.start(), b)
        if m:
            out.append(m)
            pos = m.end()
        else:
            pos = s.start() + 1
    return out


def _quantities(line: str, folded: str, a: int, b: int,
                counts: list[Count]) -> list[tuple[int, int, float, float | None, str]]:
    """Goals quantified in ``line[a:b]``: (start, end, value, high, unit), in order; ``high`` is the
    upper end of a range ("15–16%"), else None. ``counts``: the counts of things of ``folded[a:b]``
    (:class:`.SpanCounts`)."""
    comp = _compiled()
    found: list[tuple[int, int, float, float | None, str]] = []
    percents = _percents(line, a, b) if line.find("%", a, b) >= 0 else ()  # each ends with '%'
    for m in percents:
        value = parse_number(m.group("a"))
        if value is None or value > 100:
            continue
        high = parse_number(m.group("b")) if m.group("b") else None
        found.append((m.start(), m.end(), value, high if high is not None and value < high <= 100 else None,
                      "%"))
    for c_start, c_end, n, noun_start, noun_end in counts:
        if _ANY_YEAR.fullmatch(n) or any(s <= c_start < e for s, e, _, _, _ in found):
            continue
        before = folded[max(a, c_start - 40):c_start]
        if comp["not_before"].search(before) or not comp["cue"].search(before):
            continue
        noun = line[noun_start:noun_end]
        found.append((c_start, c_end, parse_number(n) or float(int(n.replace(".", "")) or 0), None,
                      " ".join(noun.split())))
    return sorted(found)


def _segment_starts(line: str, folded: str, a: int, quantities: list) -> list[int]:
    """Where each goal's words begin. A measure named before its number ("Tỷ lệ ... đạt 80%")
    starts there; otherwise after the last ', ' / ' và ' / 'trong đó' from which at most three
    words (besides cue words such as 'tối thiểu', 'đạt') lead to the number."""
    comp = _compiled()
    starts = []
    floor = a
    for q_start, q_end, _, _, _ in quantities:
        start = floor
        window = folded[floor:q_start]
        measure = None
        if "tỷ" in window or "tỉ" in window:  # every measure word starts so
            for m in finditer_words(comp["measure"], window):
                measure = m
        if measure is not None:
            start = floor + measure.start()
        elif "," in window or "và" in window or "trong đó" in window:  # each break holds one of them
            for m in _BREAK.finditer(window):
                lead = comp["cue_words"].sub(" ", window[m.end():]).split()
                if len(lead) <= 3 and not any(ch.isdigit() for ch in "".join(lead)):
                    start = floor + m.end()
                    break
        starts.append(start)
        floor = q_end
    return starts


def _title_year(prep: PreparedText, start: int, end: int, title: str | None) -> int | None:
    if title:
        year = _year_in(title)
        if year:
            return year
    head = prep.text[start:min(end, start + 1500)].split("\n")[:14]
    for line in head:
        # a legal basis or a number gives none: not read (only C, S, c and s lower-case to a 'c' or an 's')
        if line.lstrip()[:1] in "cCsS" and line.strip().lower().startswith(("căn cứ", "số")):
            continue
        year = _year_in(line)  # first: most lines name no year, and the date words are searched slowly
        if year and not _DATE_WORDS.search(line):
            return year
    return None


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4096)
def _words_of_goal(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(_keep_fold(text)))


class _Goals:
    """The goals of one document in order, indexed by value, unit and year to tell a goal stated twice."""

    def __init__(self) -> None:
        self.out: list[Target] = []
        # (value, unit, deadline) -> (metric, top-level section, words) of each goal with them
        self._by_key: dict[tuple, list[tuple[str | None, int, frozenset[str]]]] = {}

    def duplicate(self, value: float, unit: str | None, year: int | None, metric: str | None, text: str,
                  section: int) -> bool:
        """A goal stated twice in one document: same value, unit and year, and the same words (of the
        repaired text), or the same metric restated in another part (goals, then content of the plan)."""
        others = self._by_key.get((value, unit, year))
        if not others:
            return False
        if metric and any(other_metric == metric and sec != section for other_metric, sec, _ in others):
            return True
        words = _words_of_goal(text)
        n = len(words)
        for _, _, other in others:
            m = len(other)
            # the share of words in common is at most the smaller set's size over the larger's
            if n and m and 4 * min(n, m) >= 3 * max(n, m):
                common = len(words & other)
                if common / (n + m - common) >= 0.75:
                    return True
        return False

    def add(self, target: Target, section: int, text: str) -> None:
        """Keep ``target`` (its words are those of ``text``) as a goal of top-level section ``section``."""
        self.out.append(target)
        key = (target.value, target.unit, target.deadline)
        self._by_key.setdefault(key, []).append((target.metric, section, _words_of_goal(text)))


def read_targets(prep: PreparedText, start: int, end: int, title: str | None = None,
                 year_of_issue: int | None = None) -> list[Target]:
    """Every quantified goal of ``prep.text[start:end]``. With ``year_of_issue`` (the document's
    year), a figure for an earlier year is a result of the past, not a goal."""
    comp = _compiled()
    outline = Outline.of(prep.text, start, end)
    title_year: list[int | None] = []  # the year of the title or of the first lines, read at the first need
    tables = [(t.start, t.end) for t in find_tables(prep.text, start, end)]
    goals = _Goals()
    years: list[int] = []  # year columns of the last table of indicators
    years_at = -2  # the heading under which ``years`` were read
    text = prep.text
    low, lowered = span_low(prep, start, end)
    closed = closed_chains(outline)
    span_counts = SpanCounts(low, open_parts(outline, closed, tables, start, end))
    # the top-level section of the lines under a heading, and whether the headings above close them
    under: dict[int, tuple[int, bool]] = {}
    heading_year: dict[int, int | None] = {}  # the year the nearest heading above names
    for line_start in candidate_lines(prep, start, end, low, lowered, span_counts):
        nl = text.find("\n", line_start, end)
        line = text[line_start:end if nl < 0 else nl]
        if split_row(line) is not None or any(s <= line_start < e for s, e in tables):
            continue
        chain = outline.chain(line_start)
        here = chain[-1].start if chain else -1
        if here != years_at:
            years, years_at = [], here
        known = under.get(here)
        if known is None:
            top = next((h.start for h in chain if h.level >= 1), chain[0].start if chain else -1)
            known = under[here] = (top, closed.get(here, False))
        top, shut = known
        if shut:
            continue
        # the first letters lower-cased alone read as in the whole line (none lower-cases to fewer letters)
        if line.lstrip()[:12].lower().startswith("căn cứ"):
            continue
        folded = line_low(low, lowered, line_start - start, line, line_start > start and nl >= 0)
        clauses = _clauses(line)
        line_has_year = _ANY_YEAR.search(line) is not None
        counts = span_counts.of_line(line_start - start, line_start - start + len(line), folded, clauses)
        found = [_quantities(line, folded, a, b, counts[c]) for c, (a, b) in enumerate(clauses)]
        for c, (a, b) in enumerate(clauses):
            quantities = found[c]
            if not quantities:
                continue
            unsaid = comp["past_exception"].sub(lambda m: " " * len(m.group(0)), folded[a:b])
            if next(finditer_words(comp["past"], unsaid), None) is not None:
                continue
            # a clause going on after ';' ("...; giữa ... với ...") belongs to the goal before it
            k_end = c
            while k_end + 1 < len(clauses) and not found[k_end + 1] \
                    and line[clauses[k_end][1]:clauses[k_end][1] + 1] == ";" \
                    and comp["continuation"].match(folded, clauses[k_end + 1][0]):
                k_end += 1
            b = clauses[k_end][1]
            starts = _segment_starts(line, folded, a, quantities)
            for k, (_, q_end, value, high, unit) in enumerate(quantities):
                seg_start = starts[k]
                seg_end = b
                if k + 1 < len(quantities):
                    nxt = starts[k + 1]
                    seg_end = nxt if nxt > q_end else quantities[k + 1][0]
                cut = comp["new_predicate"].search(folded, q_end, seg_end)
                if cut:
                    seg_end = cut.start()
                piece = line[seg_start:seg_end].strip(" ,;.-–")
                if piece.endswith(("và", "hoặc", "\n")):  # what the pattern needs at its end
                    piece = _TRAILING_LINK.sub("", piece)
                piece = piece.strip(" ,")
                piece = _LIST_LABEL.sub("", piece)
                s_off = line.find(piece, seg_start) if piece else seg_start
                s, e = line_start + s_off, line_start + s_off + len(piece)
                year = None
                if line_has_year:  # each of these is a part of the line
                    year = _year_in(piece) or _year_in(line[a:b]) or _year_in(line[:q_end]) or _year_in(line)
                if year is None:
                    if here not in heading_year:
                        heading_year[here] = next((y for h in chain[::-1] if (y := _year_in(h.text))), None)
                    year = heading_year[here]
                if not year:
                    if not title_year:
                        title_year.append(_title_year(prep, start, end, title))
                    year = title_year[0]
                if year and year_of_issue and year < year_of_issue:
                    continue
                if comp["money_share"].match(folded, q_end) \
                        and comp["allocation"].search(folded, max(a, q_end - 60), q_end):
                    continue  # "hỗ trợ 50% kinh phí": a share of money given, not a goal
                metric = metric_of(piece)
                if goals.duplicate(value, unit, year, metric, piece, top):
                    continue
                cited, line_no = prep.cite(s, e)
                words = prep.text[s:e].strip() if prep.was_restored(s, e) else None
                restored = words if words and words != cited.strip() else None
                target = Target(text=cited.strip() or piece, value=value, high=high, unit=unit, deadline=year,
                                metric=metric, line=line_no, text_restored=restored)
                goals.add(target, top, piece)
        for t in _year_table_targets(prep, line_start, line, years):
            if not goals.duplicate(t.value, t.unit, t.deadline, t.metric, t.text, top):
                goals.add(t, top, t.text)
    for t in _table_targets(prep, start, end, low):
        if not goals.duplicate(t.value, t.unit, t.deadline, t.metric, t.text, -3):
            goals.add(t, -3, t.text)
    return goals.out
