"""The lower-cased copy of a document span, made once and read by the goal and assignment readers."""

from __future__ import annotations

from functools import lru_cache

from graph.reading.tasks.targets_patterns import _low
from graph.reading.text.prepared import PreparedText


def span_low(prep: PreparedText, start: int, end: int) -> tuple[str, bool]:
    """``prep.text[start:end]`` lower-cased with tone marks placed one way (same length), and whether
    each character is lower-cased (not so when lower-casing would change the length: see
    :func:`~graph.reading.tasks.targets_patterns._low`). Memoised: both readers of a span ask."""
    return _span_low(prep.match, prep.text, start, end)


@lru_cache(maxsize=4)
def _span_low(match: str, text: str, start: int, end: int) -> tuple[str, bool]:
    low = match[start:end].lower()
    if len(low) == end - start:
        return low, True
    part = text[start:end]
    low = _low(part)
    return low, low is not part
