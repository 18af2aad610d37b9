"""Tables that fit the terminal without breaking a number, a date or a key in the middle.

At 80 columns rich squeezes every column alike: "749/QĐ-TT" / "g", a key cut to "Kiên Giang:18…". Here
each column is one of three kinds: *whole* (keys, numbers, dates, amounts: never wrapped), *words*
(document names: wrapped between words only) and *prose* (titles, citing words, notes: wrapped, and
left out, least needed first, when the table cannot fit otherwise).
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

PROSE_MIN = 14  # narrowest a prose column is kept (a long word in it folds)
#: a column no wider than this (a date, "25/12/2001"; a count) is never broken; a wider one (a key or a
#: number longer than the screen allows) folds when nothing else makes the table fit: folded, never cut
WHOLE_MAX = 10
FOLD_MIN = 12
_WORD = re.compile(r"\S+")


def _text(cell: object) -> str:
    return cell if isinstance(cell, str) else str(getattr(cell, "plain", cell))


def _lines(texts: list[str]) -> int:
    return max((cell_len(line) for c in texts for line in c.splitlines() or [""]), default=0)


def _words(texts: list[str]) -> int:
    return max((cell_len(w) for c in texts for w in _WORD.findall(c)), default=0)


def _overhead(t: Table) -> int:
    """Width of the borders and padding around the columns' contents."""
    n = len(t.columns)
    edges = (n + 1 if t.show_edge else n - 1) if t.box else 0
    return edges + 2 * n


def fit(t: Table, width: int, prose: tuple[int, ...] = (), words: tuple[int, ...] = ()) -> Table:
    """``t`` made to fit ``width``: columns at the indexes ``prose`` (least needed last) and ``words``
    wrap between words (prose folds a word longer than its column); every other column keeps each line
    whole. Prose columns are removed, last first, while the table would not fit otherwise; if even the
    whole columns do not fit, the widest of them wraps between its words, and if that is not enough the
    widest column wider than :data:`WHOLE_MAX` folds (a long key on a narrow screen: "VN:72/2025/NQLT/…"
    over two lines, where rich would cut it and the dates beside it to "20/0")."""
    prose_cols = [t.columns[i] for i in prose if i < len(t.columns)]
    word_cols = {id(t.columns[i]) for i in words if i < len(t.columns)}
    cells = {id(c): [_text(x) for x in c.cells] for c in t.columns}
    header = {id(c): _words([_text(c.header)]) for c in t.columns}
    low: dict[int, int] = {}
    high: dict[int, int] = {}
    for c in t.columns:
        k, body = id(c), cells[id(c)]
        high[k] = max(_lines(body), header[k], 1)
        if c in prose_cols:
            low[k] = min(high[k], PROSE_MIN)  # kept only where it can be read; a longer word folds
        elif k in word_cols:
            low[k] = max(_words(body), header[k], 1)
        else:
            low[k] = high[k]

    def short() -> int:
        return sum(low[id(c)] for c in t.columns) + _overhead(t) - width

    while prose_cols and short() > 0:
        t.columns.remove(prose_cols.pop())
    while short() > 0:  # a key longer than the screen: let the widest whole column wrap between words
        whole = [c for c in t.columns if low[id(c)] == high[id(c)] and _words(cells[id(c)]) < high[id(c)]]
        if not whole:
            break
        widest = max(whole, key=lambda c: high[id(c)])
        word_cols.add(id(widest))
        low[id(widest)] = max(_words(cells[id(widest)]), header[id(widest)], 1)
    fold_cols: set[int] = set()
    while short() > 0:  # words longer than the screen: the widest of them folds, a date never
        wide = [c for c in t.columns if id(c) not in fold_cols and low[id(c)] > max(WHOLE_MAX, FOLD_MIN)]
        if not wide:
            break
        widest = max(wide, key=lambda c: low[id(c)])
        fold_cols.add(id(widest))
        low[id(widest)] = max(FOLD_MIN, header[id(widest)] if id(widest) not in word_cols else 1)
    cap = _cap(t.columns, low, high, width - _overhead(t))
    for c in t.columns:
        k = id(c)
        c.width, c.min_width = min(high[k], max(low[k], cap)), None
        if c in prose_cols or k in word_cols or k in fold_cols:
            c.overflow, c.no_wrap = "fold", False
        else:
            c.overflow, c.no_wrap = "ignore", True
            if isinstance(c.header, str):  # the header of a one-line column may still wrap between words
                c.header = Text(c.header, no_wrap=False, overflow="fold")
    return t


def _cap(columns: list, low: dict[int, int], high: dict[int, int], space: int) -> int:
    """The widest a wrapping column may be so that the columns fill at most ``space`` (the widest
    columns give way first, as rich does; the narrow ones stay whole)."""
    def used(cap: int) -> int:
        return sum(min(high[id(c)], max(low[id(c)], cap)) for c in columns)

    lo, hi = 0, max(high.values(), default=0)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if used(mid) <= space else (lo, mid - 1)
    return lo


def print_fitted(console: Console, t: Table, prose: tuple[int, ...] = (),
                 words: tuple[int, ...] = ()) -> None:
    """Print ``t`` on ``console``, fitted to its width (:func:`fit`)."""
    console.print(fit(t, console.width, prose, words))
