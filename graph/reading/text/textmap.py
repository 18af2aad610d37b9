"""Build a new text piece by piece while keeping, for every character, the input index it comes from."""

from __future__ import annotations

from array import array

from graph.reading.text.scan import native

_IDENTITY = array("l")


def _identity(n: int) -> array:
    """An array 0, 1, 2 ... of at least ``n`` items (grown on demand, shared)."""
    global _IDENTITY
    if len(_IDENTITY) < n:
        _IDENTITY = array("l", range(max(n, 2 * len(_IDENTITY), 1 << 16)))
    return _IDENTITY


class MappedBuilder:
    """Accumulates output text and its ``origin`` (one input index per output character).

    Copies of neighbouring input spans are merged (and an inserted character equal to the input
    character at that place is taken as a copy), so a text that changes little costs little."""

    __slots__ = ("_ident", "_length", "_origin", "_parts", "_pend_end", "_pend_start", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._origin = array("l")
        self._length = 0
        self._pend_start = self._pend_end = -1  # a copy not yet written out
        self._ident = _identity(len(source) + 1)  # 0, 1, 2 ... past every index of the source

    def __len__(self) -> int:
        return self._length

    def _flush(self) -> None:
        s, e = self._pend_start, self._pend_end
        if e > s >= 0:
            self._parts.append(self.source[s:e])
            self._origin += self._ident[s:e]  # a slice of 0, 1, 2 ...: a memory copy
        self._pend_start = self._pend_end = -1

    def copy(self, start: int, end: int) -> None:
        """Append ``source[start:end]`` unchanged."""
        if end <= start:
            return
        if start != self._pend_end:
            self._flush()
            self._pend_start = start
        self._pend_end = end
        self._length += end - start

    def insert(self, text: str, at: int) -> None:
        """Append characters that are not in the input; they map to input index ``at``."""
        if not text:
            return
        e = self._pend_end
        if e >= 0 and at == e + len(text) and self.source.startswith(text, e):
            self._pend_end = at  # the input has these very characters here: a copy
            self._length += len(text)
            return
        self._flush()
        self._parts.append(text)
        if len(text) == 1:
            self._origin.append(at)
        else:
            self._origin.extend([at] * len(text))
        self._length += len(text)

    def insert_copy(self, text: str, at: int, start: int, end: int) -> None:
        """``insert(text, at)`` then ``copy(start, end)`` in one call: a separator and what follows it
        (a line of running text, a table cell), the commonest step of a layout repair."""
        e = self._pend_end
        if text:
            n = len(text)
            self._length += n
            if e >= 0 and at == e + n and self.source.startswith(text, e):
                e = self._pend_end = at  # the input has these very characters here: the copy goes on
            else:
                self._flush()
                self._parts.append(text)
                if n == 1:
                    self._origin.append(at)
                else:
                    self._origin.extend([at] * n)
                e = -1
        if end <= start:
            return
        if start != e:
            self._flush()
            self._pend_start = start
        self._pend_end = end
        self._length += end - start

    def insert_copies(self, pieces: list[tuple[str, int, int, int]]) -> None:
        """``insert_copy(text, at, start, end)`` for each piece in turn, in one call: the lines of running
        text of a layout repair (the same steps, with the builder's state held in local variables; the
        compiled ``copy_pieces`` of :mod:`.scan` when built, its twin)."""
        core = native()
        if core is not None:
            parts, origins, self._pend_start, self._pend_end, added = core.copy_pieces(
                self.source, pieces, self._pend_start, self._pend_end)
            self._parts += parts
            self._origin.frombytes(origins)
            self._length += added
            return
        source, parts, origin, ident = self.source, self._parts, self._origin, self._ident
        add_part, add_at = parts.append, origin.append
        ps, pe, length = self._pend_start, self._pend_end, self._length
        for text, at, start, end in pieces:
            if text:
                n = len(text)
                length += n
                if pe >= 0 and at == pe + n and source.startswith(text, pe):
                    pe = at  # the input has these very characters here: the copy goes on
                else:
                    if pe > ps >= 0:
                        add_part(source[ps:pe])
                        origin += ident[ps:pe]
                    ps = pe = -1
                    add_part(text)
                    if n == 1:
                        add_at(at)
                    else:
                        origin.extend([at] * n)
            if end <= start:
                continue
            if start != pe:
                if pe > ps >= 0:
                    add_part(source[ps:pe])
                    origin += ident[ps:pe]
                ps = start
            pe = end
            length += end - start
        self._pend_start, self._pend_end, self._length = ps, pe, length

    def replace(self, text: str, start: int, end: int) -> None:
        """Append ``text`` as the reading of ``source[start:end]`` (origins spread over the span)."""
        n = len(text)
        if not n:
            return
        self._flush()
        width = max(end - start, 1)
        self._parts.append(text)
        if n == width:
            self._origin += _identity(start + n)[start:start + n]
        else:
            self._origin.extend(start + min(i * width // n, width - 1) for i in range(n))
        self._length += n

    @property
    def origin(self) -> array:
        self._flush()
        return self._origin

    def text(self) -> str:
        self._flush()
        return "".join(self._parts)


def compose(outer: array, inner: array) -> array:
    """Origins through two steps: ``outer`` maps step-2 text to step-1 text, ``inner`` step-1 to input."""
    return array("l", [inner[i] for i in outer])
