"""Build a new text piece by piece while keeping, for every character, the input index it comes from."""

from __future__ import annotations

from array import array

_IDENTITY = array("l")


def _identity(n: int) -> array:
    """An array 0, 1, 2 ... of at least ``n`` items (grown on demand, shared)."""
    global _IDENTITY
    if len(_IDENTITY) < n:
        _IDENTITY = array("l", range(max(n, 2 * len(_IDENTITY), 1 << 16)))
    return _IDENTITY


class MappedBuilder:
    """Accumulates output text and its ``origin`` (one input index per output character)."""

    __slots__ = ("_length", "_parts", "origin", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self.origin = array("l")
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, start: int, end: int) -> None:
        """Append ``source[start:end]`` unchanged."""
        if end > start:
            self._parts.append(self.source[start:end])
            self.origin += _identity(end)[start:end]  # a slice of 0, 1, 2 ...: a memory copy
            self._length += end - start

    def insert(self, text: str, at: int) -> None:
        """Append characters that are not in the input; they map to input index ``at``."""
        if text:
            self._parts.append(text)
            self.origin.extend([at] * len(text))
            self._length += len(text)

    def replace(self, text: str, start: int, end: int) -> None:
        """Append ``text`` as the reading of ``source[start:end]`` (origins spread over the span)."""
        n = len(text)
        if not n:
            return
        width = max(end - start, 1)
        self._parts.append(text)
        if n == width:
            self.origin.extend(range(start, start + n))
        else:
            self.origin.extend(start + min(i * width // n, width - 1) for i in range(n))
        self._length += n

    def last_char(self) -> str:
        for part in reversed(self._parts):
            if part:
                return part[-1]
        return ""

    def text(self) -> str:
        return "".join(self._parts)


def compose(outer: array, inner: array) -> array:
    """Origins through two steps: ``outer`` maps step-2 text to step-1 text, ``inner`` step-1 to input."""
    return array("l", [inner[i] for i in outer])
