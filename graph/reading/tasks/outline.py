"""The outline of a document: its numbered headings ("II. MỤC TIÊU", "1.2. Kinh tế số", "a) ...").

Targets take their deadline and their kind (goal or past result) from the headings above them;
assignments take their agency from a heading that names one ("3.2. Sở Tài chính").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_HEADING = re.compile(
    r"^[ \t\-–•*]*(?:"
    r"(?P<article>Điều\s+\d+[a-z]?)[.:]?"
    r"|(?P<part>Phần\s+[IVXLC\d]+)[.:]?"
    r"|(?P<roman>[IVXLC]{1,6})[.)]"
    r"|(?P<multi>\d{1,2}(?:\.\d{1,2})+)\.?"
    r"|(?P<arabic>\d{1,2})[.)]"
    r"|(?P<letter>[a-zđ])\)"
    r")\s+(?P<text>\S.*)$"
)
MAX_HEADING = 160
_GROUPS = ("article", "part", "roman", "multi", "arabic", "letter", "text")


@dataclass
class Heading:
    """A numbered heading: its level (0 article, 1 roman, 2 arabic, 3+ '1.1.', 9 'a)'), label, text."""

    start: int
    end: int
    level: int
    label: str
    text: str
    inline: str = ""  # what follows the heading's ':' on the same line


def parse_heading(line: str) -> tuple[int, str, str, str] | None:
    """(level, label, heading text, inline text) of a heading line, or None."""
    m = _HEADING.match(line)
    if not m:
        return None
    article, part, roman, multi, arabic, letter, text = m.group(*_GROUPS)  # a label is never empty
    text = text.strip()
    label = article or part or roman or multi or arabic or letter
    if article or part:
        level = 0
    elif roman:
        level = 1
    elif multi:
        level = 2 + label.count(".")
    elif arabic:
        level = 2
    else:
        level = 9
    inline = ""
    if len(text) > MAX_HEADING or ":" in text[:MAX_HEADING]:
        head, sep, rest = text.partition(":")
        if not sep or len(head) > MAX_HEADING:
            return None
        text, inline = head.strip(), rest.strip()
    return level, label, text, inline


# What a heading line starts with. Searched for after a line break (a pattern that starts with a
# literal is scanned for fast; one that starts with '^' is tried at every position); the line break
# is not part of the start, and nothing after the label is consumed, so no line is skipped.
_LABEL = r"[ \t\-–•*]*(?:Điều|Phần|[IVXLC]{1,6}[.)]|\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zđ]\))(?=\s)"
_FIRST_CANDIDATE = re.compile(_LABEL)
_CANDIDATE = re.compile("\n" + _LABEL)


def _candidate_starts(text: str, start: int, end: int) -> list[int]:
    """Starts of the lines of ``text[start:end]`` that open with a heading's label."""
    out = []
    if (start == 0 or text[start - 1] == "\n") and _FIRST_CANDIDATE.match(text, start, end):
        out.append(start)
    out += [m.start() + 1 for m in _CANDIDATE.finditer(text, start, end)]
    return out


def headings(text: str, start: int, end: int) -> list[Heading]:
    """Every heading of ``text[start:end]``, in order."""
    out: list[Heading] = []
    for pos in _candidate_starts(text, start, end):
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        line = text[pos:stop]
        if "\t" in line or " | " in line:
            continue
        parsed = parse_heading(line)
        if parsed:
            out.append(Heading(pos, stop, *parsed))
    return out


class Outline:
    """Headings of a document span, and the chain of headings enclosing any position."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.items = headings(text, start, end)
        self._starts = [h.start for h in self.items]
        self._chains: list[list[Heading]] = []
        stack: list[Heading] = []
        for h in self.items:
            while stack and stack[-1].level >= h.level:
                stack.pop()
            stack.append(h)
            self._chains.append(list(stack))

    @staticmethod
    @lru_cache(maxsize=16)
    def of(text: str, start: int, end: int) -> Outline:
        """The outline of ``text[start:end]`` (shared between loaders: do not modify it)."""
        return Outline(text, start, end)

    def chain(self, pos: int) -> list[Heading]:
        """The headings enclosing ``pos``, outermost first (the heading line itself included)."""
        k = bisect_right(self._starts, pos) - 1  # the last heading that starts at or before pos
        return self._chains[k] if k >= 0 else []

    @property
    def chains(self) -> list[list[Heading]]:
        """The chain of each heading (:meth:`chain` at its start), in the order of :attr:`items`."""
        return self._chains
