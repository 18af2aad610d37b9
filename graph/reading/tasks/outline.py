"""The outline of a document: its numbered headings ("II. MỤC TIÊU", "1.2. Kinh tế số", "a) ...").

Targets take their deadline and their kind (goal or past result) from the headings above them;
assignments take their agency from a heading that names one ("3.2. Sở Tài chính").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

# A heading line: its label, white space, its words. The white space is any but a line break ([^\S\n]: in
# a line alone, \s is never one), so that the same pattern reads the lines of a whole span (:func:`headings`)
_HEADING_LINE = (
    r"[ \t\-–•*]*(?:"
    r"(?P<article>Điều[^\S\n]+\d+[a-z]?)[.:]?"
    r"|(?P<part>Phần[^\S\n]+[IVXLC\d]+)[.:]?"
    r"|(?P<roman>[IVXLC]{1,6})[.)]"
    r"|(?P<multi>\d{1,2}(?:\.\d{1,2})+)\.?"
    r"|(?P<arabic>\d{1,2})[.)]"
    r"|(?P<letter>[a-zđ])\)"
    r")[^\S\n]+(?P<text>\S.*)"
)
_HEADING = re.compile("^" + _HEADING_LINE + "$")
# each heading line after a line break, to the end of its line, in one search of the span (a pattern that
# starts with a literal is scanned for fast)
_HEADING_AFTER_BREAK = re.compile("\n" + _HEADING_LINE + "(?![^\n])")
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
    return _parsed(m) if m else None


def _parsed(m: re.Match[str]) -> tuple[int, str, str, str] | None:
    """:func:`parse_heading` of the line a match of a heading pattern reads."""
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


def headings(text: str, start: int, end: int) -> list[Heading]:
    """Every heading of ``text[start:end]``, in order (not a table's row: a line with a tab or " | ")."""
    out: list[Heading] = []
    if start == 0 or text[start - 1] == "\n":  # the first line, if it starts at a line break
        nl = text.find("\n", start, end)
        stop = end if nl < 0 else nl
        line = text[start:stop]
        parsed = parse_heading(line) if "\t" not in line and " | " not in line else None
        if parsed:
            out.append(Heading(start, stop, *parsed))
    for m in _HEADING_AFTER_BREAK.finditer(text, start, end):
        line = m.group()
        if "\t" in line or " | " in line:
            continue
        parsed = _parsed(m)
        if parsed:
            out.append(Heading(m.start() + 1, m.end(), *parsed))
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
