"""Paragraph bounds in hard-wrapped text: which line breaks only wrap a sentence and which end a
paragraph, found by bisection over the line breaks and remembered, so that reading stays linear."""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from graph.text import unify_tones

#: the start of the line after a break: lower case or a number/date goes on with the sentence
_NEXT_LINE_RE = re.compile(r"[ \t]{0,8}(?:(?P<number>\d{1,5}[a-zđ]?[ \t]{0,2}/)|(?P<first>\S))")
#: words a wrapped line may end on ("... ngày 22/9/2010 của" / "Tờ trình số")
_DANGLING_WORDS = tuple(unify_tones(w) for w in ("của", "số", "ngày", "và", "về", "việc", "tại", "theo",
                                                  "tháng", "năm", "kèm"))
_DANGLING_RE = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(_DANGLING_WORDS)})[ \t]*$")


class Paragraphs:
    """Where the paragraphs of one prepared text (its ``match`` form) start and end."""

    def __init__(self, match: str) -> None:
        self.m = match
        # paragraph bounds found so far, by the first line break looked at (and the bound given)
        self._end: dict[tuple[int, int], int] = {}
        self._start: dict[tuple[int, int], int] = {}
        self._nl: list[int] | None = None  # positions of the line breaks, found on first use

    def end_of(self, pos: int, end: int) -> int:
        """End of the paragraph holding ``pos``: the first line break that does not merely wrap a
        sentence (hard-wrapped text: the next line goes on in lower case, with a number or a date,
        or the line ends on a word that needs a continuation such as 'của', 'số', 'ngày')."""
        nl = self._next_newline(pos, end)
        passed = []
        while True:
            if nl < 0:
                found = end
                break
            known = self._end.get((nl, end))
            if known is not None:
                found = known
                break
            passed.append(nl)
            if not self.wraps(nl):
                found = nl
                break
            nl = self._next_newline(nl + 1, end)
        for at in passed:  # every line break passed on the way ends in the same place: linear time
            self._end[(at, end)] = found
        return found

    def start_of(self, pos: int, floor: int = 0) -> int:
        """Start of the paragraph holding ``pos`` (line breaks that only wrap are skipped)."""
        nl = self._previous_newline(floor, pos)
        passed = []
        while True:
            if nl < 0:
                found = floor
                break
            known = self._start.get((nl, floor))
            if known is not None:
                found = known
                break
            passed.append(nl)
            if not self.wraps(nl):
                found = nl + 1
                break
            nl = self._previous_newline(floor, nl)
        for at in passed:
            self._start[(at, floor)] = found
        return found

    def wraps(self, nl: int) -> bool:
        """Whether the line break at ``nl`` only wraps a sentence."""
        nxt = _NEXT_LINE_RE.match(self.m, nl + 1)
        if nxt is None:
            return False
        first = nxt.group("first")
        if nxt.group("number") or (first.isalpha() and first.islower()):
            return True
        return _ends_dangling(self.m, max(0, nl - 12), nl)

    def _next_newline(self, pos: int, end: int) -> int:
        """``self.m.find("\\n", pos, end)`` by bisection (a long paragraph is not scanned per citation)."""
        nls = self._newlines()
        k = bisect.bisect_left(nls, pos)
        return nls[k] if k < len(nls) and nls[k] < end else -1

    def _previous_newline(self, floor: int, pos: int) -> int:
        """``self.m.rfind("\\n", floor, pos)`` by bisection."""
        nls = self._newlines()
        k = bisect.bisect_left(nls, pos) - 1
        return nls[k] if k >= 0 and nls[k] >= floor else -1

    def _newlines(self) -> list[int]:
        if self._nl is None:
            self._nl = _newlines_of(self.m)
        return self._nl


def _ends_dangling(text: str, start: int, end: int) -> bool:
    """``_DANGLING_RE.search(text, start, end)``, faster: the pattern, which opens with a look-behind and
    is tried at every position, is searched only when ``text[start:end]`` ends with one of its words
    and blanks (before a last line break, where ``$`` matches too)."""
    tail = text[start:end]
    if not (tail.rstrip(" \t").endswith(_DANGLING_WORDS)
            or (tail.endswith("\n") and tail[:-1].rstrip(" \t").endswith(_DANGLING_WORDS))):
        return False
    return _DANGLING_RE.search(text, start, end) is not None


@lru_cache(maxsize=1)  # every document of a file reads the same text
def _newlines_of(text: str) -> list[int]:
    """The index of each "\\n" of ``text`` (not to be changed: shared by the readers of one text)."""
    # each line's length plus its break, summed from -1: the index of each "\n" (no loop in Python)
    lengths = map(len, text.split("\n")[:-1])
    return list(itertools.accumulate(map((1).__add__, lengths), initial=-1))[1:]
