"""Line breaks served as literal escapes: ``\\r\\n`` typed out, read as the breaks they stand for.

Text copied out of a web page's JSON or an HTML attribute keeps its line breaks written as the two
characters backslash and ``n`` (``\\r\\n``, ``\\n``, ``\\r``; ``\\t`` for a tab): one physical line holds a
whole section. Such a text is recognised by its escapes, not by one backslash: a Windows path
(``C:\\new\\Tài liệu``) or a ``"\\n"`` quoted in a formula is left alone. A text is read as escaped when

- it has at least :data:`MIN_BREAKS` escaped line breaks,
- its other backslashes that no JSON string would hold (``\\U``, ``\\T``, ``\\1`` ...: a path's) are at most
  one for every :data:`BREAKS_PER_STRAY` escaped breaks,
- and its escaped breaks are at least one for every :data:`REAL_LINES_PER_BREAK` real lines (a code
  sample with three ``\\n`` in a long, ordinary document is not its layout).

Then ``\\r\\n``, ``\\n`` and ``\\r`` become a line break, ``\\t`` a tab, ``\\"`` a quote and ``\\\\`` one
backslash; ``\\uXXXX`` and ``\\/`` are kept as they are (no served document was seen with them).
The text read so keeps the file's own line breaks, and the index where each of the file's lines starts
in it, so that every item keeps the line number of the file as it is on disk.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

MIN_BREAKS = 3
BREAKS_PER_STRAY = 4
REAL_LINES_PER_BREAK = 4

# one backslash sequence, read from left to right as a JSON string is ("\\n" is a backslash, then "n")
_SEQUENCE = re.compile(r"\\(?:r\\n|u[0-9A-Fa-f]{4}|[\s\S])")
_READS_AS = {"\\r\\n": "\n", "\\n": "\n", "\\r": "\n", "\\t": "\t", '\\"': '"', "\\\\": "\\"}
_NEWLINE = re.compile("\n")
_BREAK = re.compile("[\n\u2028\u2029]")
_BREAKS = frozenset(("\\r\\n", "\\n", "\\r"))


@dataclass(frozen=True)
class Unescaped:
    """A text whose escapes were read: ``text`` and, for each line of the input, where it starts in it."""

    text: str
    line_starts: list[int]


def _escaped(sequences: list[str], raw: str) -> bool:
    """Whether the backslash ``sequences`` of ``raw`` make it an escaped text (the module docstring)."""
    breaks = stray = 0
    for seq in sequences:
        if seq in _BREAKS:
            breaks += 1
        elif seq not in _READS_AS and seq != "\\/" and len(seq) != 6:  # "\\/" and "\\uXXXX" are kept
            stray += 1
    return (breaks >= MIN_BREAKS and stray * BREAKS_PER_STRAY <= breaks
            and breaks * REAL_LINES_PER_BREAK >= raw.count("\n"))


def unescape(raw: str) -> Unescaped | None:
    """``raw`` with its escapes read, or None when it is not an escaped text (see the module docstring)."""
    if "\\" not in raw:
        return None
    found = list(_SEQUENCE.finditer(raw))
    if not _escaped([m.group() for m in found], raw):
        return None
    parts: list[str] = []
    read_at: list[int] = []  # input index after each sequence read, and how much shorter the text is there
    shorter: list[int] = []
    pos = removed = 0
    for m in found:
        new = _READS_AS.get(m.group())
        if new is None:
            continue
        parts.append(raw[pos:m.start()])
        parts.append(new)
        pos = m.end()
        removed += len(m.group()) - len(new)
        read_at.append(pos)
        shorter.append(removed)
    parts.append(raw[pos:])
    starts = [0]
    breaks = _BREAK if "\u2028" in raw or "\u2029" in raw else _NEWLINE  # as PreparedText counts lines
    for m in breaks.finditer(raw):  # each of the input's own line breaks, where it ends up in the text read
        k = bisect.bisect_right(read_at, m.start()) - 1
        starts.append(m.end() - (shorter[k] if k >= 0 else 0))
    return Unescaped("".join(parts), starts)
