"""The text of one file, repaired for reading, with a map back to the input.

Every loader reads :attr:`PreparedText.text` (or the same-length :attr:`PreparedText.match`) and
reports what it found through :meth:`PreparedText.cite` so that the citing words are copied from
the input itself and carry their input line.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field

_NEWLINE = re.compile("\n")
_BREAK = re.compile("[\n\u2028\u2029]")  # LINE and PARAGRAPH SEPARATOR end a line too


@dataclass
class PreparedText:
    """Decoded input (``raw``) and its repaired reading (``text``), aligned character by character.

    - ``raw``: the decoded input, NFC-normalised; citing words are slices of it.
    - ``text``: paragraphs on one line each; table rows on one line each with cells separated by
      ``" | "``; page-break artefacts removed; damaged words restored. What loaders read.
    - ``match``: ``text`` with tone marks placed one way (``uỷ`` -> ``ủy``), same length as ``text``;
      search it with regexes, then slice ``text`` at the same offsets for display.
    - ``origin``: for each index of ``text``, the index of ``raw`` it comes from (inserted
      characters take the index of the character before them).
    - ``restored``: ``(start, end)`` spans of ``text`` whose characters were restored.
    - ``warnings``: what the repair had to do that a reader should know ("line N: ..."), such as a
      document number written with look-alike characters.
    - ``unescaped``: the input's line breaks were literal escapes (``\\r\\n`` typed out) and ``raw`` is
      the input with them read as breaks: it has more lines than the file (:meth:`raw_line_of`).
    """

    source: str
    raw: str
    text: str
    match: str
    origin: array = field(repr=False)
    restored: list[tuple[int, int]] = field(default_factory=list)
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    unescaped: bool = False
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _restored_index: tuple[list[int], list[int]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not (len(self.text) == len(self.match) == len(self.origin)):
            raise ValueError("text, match and origin must have the same length")
        if not self._line_starts:  # not given by the layout repair, which found them on its way
            breaks = _BREAK if "\u2028" in self.raw or "\u2029" in self.raw else _NEWLINE
            self._line_starts = [0] + [m.end() for m in breaks.finditer(self.raw)]

    @classmethod
    def identity(cls, source: str, raw: str, encoding: str | None = None) -> PreparedText:
        """A reading that is the input itself (no repair): for tests and already clean text."""
        from graph.text import unify_tones

        return cls(source=source, raw=raw, text=raw, match=unify_tones(raw),
                   origin=array("l", range(len(raw))), encoding=encoding)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``raw`` that ``text[start:end]`` was read from."""
        if start >= end:
            return (self.origin[start] if start < len(self.origin) else len(self.raw),) * 2
        return self.origin[start], self.origin[end - 1] + 1

    def cite(self, start: int, end: int) -> tuple[str, int]:
        """The citing words for ``text[start:end]`` as they stand in the input, and their 1-based line."""
        rs, re_ = self.raw_span(start, end)
        return self.raw[rs:re_], self.line_of(start)

    def line_of(self, pos: int) -> int:
        """1-based input line of ``text[pos]``."""
        rpos = self.origin[pos] if pos < len(self.origin) else len(self.raw)
        return bisect.bisect_right(self._line_starts, rpos)

    def raw_line_of(self, pos: int) -> int:
        """1-based line of ``raw`` holding ``text[pos]``: :meth:`line_of`, unless the input's line breaks were
        escapes, read as breaks (then ``raw`` has more lines than the file)."""
        if not self.unescaped:
            return self.line_of(pos)
        rpos = self.origin[pos] if pos < len(self.origin) else len(self.raw)
        return self.raw.count("\n", 0, rpos) + 1

    def was_restored(self, start: int, end: int) -> bool:
        """Whether any character of ``text[start:end]`` was restored from damaged input (in logarithmic
        time: the spans sorted by start with the running maximum of their ends, built at the first call)."""
        if self._restored_index is None:
            self._restored_index = _restored_index(self.restored)
        starts, max_end = self._restored_index
        i = bisect.bisect_left(starts, end) - 1
        return i >= 0 and max_end[i] > start


def _restored_index(restored: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts of the restored spans, sorted, and the running maximum of their ends (one loop: a
    damaged text has thousands of spans, and ``itertools.accumulate`` with ``max`` costs a call each)."""
    starts: list[int] = []
    max_end: list[int] = []
    top = 0
    for start, end in sorted(restored):
        if not starts or end > top:
            top = end
        starts.append(start)
        max_end.append(top)
    return starts, max_end
