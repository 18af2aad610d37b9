"""Which lines of a document may state a goal, and what of them is read once per document: the parts not
closed by a heading above them nor in a table, the counts of things found in one pass, each line's
lower-cased copy taken from the document's.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from graph.reading.tasks.outline import Outline
from graph.reading.tasks.targets_patterns import _compiled, _low, finditer_words
from graph.reading.tasks.targets_tables import year_header_starts
from graph.reading.text.prepared import PreparedText


@lru_cache(maxsize=4096)
def _closed_heading(text: str) -> bool:
    """Whether a heading opens a section whose figures are no goals (the past, money, legal bases);
    memoised: every line below a heading asks again."""
    return next(finditer_words(_compiled()["closed_heading"], _low(text)), None) is not None


#: a count of things ("12 xã") in a line: (start, end, number, start and end of the noun)
Count = tuple[int, int, str, int, int]


def _counts(folded: str, a: int, b: int) -> list[Count]:
    """The counts of things in ``folded[a:b]`` (``folded``: a line, lower-cased by :func:`_low`)."""
    return [(m.start(), m.end(), m.group("n"), m.start("noun"), m.end("noun"))
            for m in _compiled()["noun"].finditer(folded, a, b)]


class SpanCounts:
    """The counts of things ("12 xã": the "noun" pattern) of a document's lower-cased text ``low``, found
    in one pass; a line's counts are taken from them instead of searching the line again. With ``parts``
    ((start, end) in ``low``, each from a line start to a line start or a line break), only those are
    searched: :meth:`of_line` then answers for the lines inside them (a count running out of a part is
    cut there, and one running out of a line is no count of the line alone: see :meth:`of_line`)."""

    def __init__(self, low: str, parts: list[tuple[int, int]] | None = None) -> None:
        self.low = low
        rx = _compiled()["noun"]
        if parts is None:
            self.matches = list(rx.finditer(low))
        else:
            self.matches = [m for a, b in parts for m in rx.finditer(low, a, b)]
        self.starts = [m.start() for m in self.matches]

    def of_line(self, off: int, off_end: int, folded: str,
                clauses: list[tuple[int, int]]) -> list[list[Count]]:
        """:func:`_counts` of each clause of the line ``low[off:off_end]`` (``folded``: the line lower-cased
        by :func:`_low`, offsets in it). The pattern reads the same there when the line is the same text
        and no match runs across its ends or across a clause's ends (those hold a blank, ';' or ':' and
        no digit); otherwise each clause is searched."""
        if self.low[off:off_end] != folded:
            return [_counts(folded, a, b) for a, b in clauses]
        k = bisect_left(self.starts, off)
        per_clause: list[list[Count]] = [[] for _ in clauses]
        c = 0
        if k > 0 and self.matches[k - 1].end() > off:  # a match runs into the line
            return [_counts(folded, a, b) for a, b in clauses]
        while k < len(self.matches) and self.starts[k] < off_end:
            m = self.matches[k]
            s, e = m.start() - off, m.end() - off
            while c < len(clauses) and clauses[c][1] <= s:
                c += 1
            if c == len(clauses) or s < clauses[c][0] or e > clauses[c][1]:  # across an end
                return [_counts(folded, a, b) for a, b in clauses]
            per_clause[c].append((s, e, m.group("n"), m.start("noun") - off, m.end("noun") - off))
            k += 1
        return per_clause


def line_low(low: str, lowered: bool, off: int, line: str, inner: bool) -> str:
    """``_low(line)`` for the line at ``off`` in ``low`` (:func:`.span_low` of the span), taken from
    ``low`` when each character of the span was lower-cased (``lowered``) and the line has a line break
    on both sides (``inner``): tone marks are then placed as in the line alone (no pair of vowels runs
    across a line break; placing them and lower-casing give the same in either order)."""
    if lowered and inner:
        return low[off:off + len(line)]
    return _low(line)


def candidate_lines(prep: PreparedText, start: int, end: int, low: str, lowered: bool,
                     counts: SpanCounts) -> list[int]:
    """Starts of the lines that may state a goal: a '%', a count of things, a table of indicators
    (``low``, ``lowered``: :func:`.span_low`)."""
    text = prep.text
    hits = []
    at = low.find("%")
    while at >= 0:
        hits.append(at + start)
        at = low.find("%", at + 1)
    hits += [p + start for p in counts.starts]
    hits += year_header_starts(text, start, end, low if lowered else None)
    return sorted({max(text.rfind("\n", start, h) + 1, start) for h in hits})


def closed_chains(outline: Outline) -> dict[int, bool]:
    """For the start of each heading, whether its chain (:attr:`Outline.chains`) holds a heading that
    closes the lines under it: the chain of the heading above it in the chain, or the heading itself."""
    closed: dict[int, bool] = {}
    for h, chain in zip(outline.items, outline.chains, strict=True):
        closed[h.start] = (len(chain) > 1 and closed[chain[-2].start]) or _closed_heading(h.text)
    return closed


def open_parts(outline: Outline, closed: dict[int, bool], tables: list[tuple[int, int]], start: int,
               end: int) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` (offsets from ``start``) whose lines may state a goal: not under a
    heading that closes them (``closed``: :func:`closed_chains`), not in a table. Each runs from a line
    start to a line start or to a line break (a heading starts a line, a table starts and ends with one of
    its rows)."""
    shut = [(a, b) for a, b in tables]
    starts = [h.start for h in outline.items] + [end]
    shut += [(starts[k], starts[k + 1]) for k, h in enumerate(outline.items) if closed[h.start]]
    out, pos = [], start
    for a, b in sorted(shut):
        if a > pos:
            out.append((pos - start, a - start))
        pos = max(pos, b)
    if pos < end:
        out.append((pos - start, end - start))
    return out
