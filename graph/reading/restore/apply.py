"""Restoration edits applied to a text: the new text, where each character came from, the spans restored.

:func:`apply_edits` runs the compiled core when it is built (:mod:`.compiled`), else :func:`_apply_py`;
both give the same text, map and spans.
"""

from __future__ import annotations

from array import array

from graph.reading.restore.compiled import native


def apply_edits(text: str, origin: array, edits: list) -> tuple[str, array, list[tuple[int, int]]]:
    """Apply sorted, non-overlapping ``(start, end, new, words)`` edits; the new text, its origin (into the
    input) and the edited spans. A restored word maps onto its damaged word; letters added map to the
    damaged word's last character, and a word shorter than its damaged one maps onto the damaged word's
    first characters."""
    fast = native()
    if fast is None or origin.typecode != "l":
        return _apply_py(text, origin, edits)
    new_text, raw, restored = fast.apply_edits(text, origin, edits)
    new_origin = array("l")
    new_origin.frombytes(raw)
    return new_text, new_origin, restored


def _apply_py(text: str, origin: array, edits: list) -> tuple[str, array, list[tuple[int, int]]]:
    """:func:`apply_edits` in Python. The new origin is ``origin`` itself except where a word changes
    length, so it is copied in long slices from ``src`` on, cut only there (the loop runs once per
    restored word)."""
    parts: list[str] = []
    add_part = parts.append
    new_origin = array("l")
    add_origin = new_origin.extend
    add_one = new_origin.append
    restored: list[tuple[int, int]] = []
    add_span = restored.append
    pos = 0  # text[:pos] is read
    src = 0  # origin[src:pos] is still to be copied into new_origin
    length = 0
    for start, end, new, words in edits:
        n = len(new)
        if start > pos:
            add_part(text[pos:start])
            length += start - pos
        add_part(new)
        if words:  # several restored words: map each onto its own damaged word, the spaces onto theirs
            for a, b, w in words:
                grown = len(w) - b + a
                if grown > 0:  # the damaged word, then the letters added
                    add_origin(origin[src:start + b])
                    last = origin[start + b - 1]
                    if grown == 1:
                        add_one(last)
                    else:
                        add_origin((last,) * grown)
                    src = start + b
                elif grown < 0:  # the damaged word's first characters
                    add_origin(origin[src:start + b + grown])
                    src = start + b
            if start + words[-1][1] != end:  # damaged text after the last word maps to nothing
                add_origin(origin[src:start + words[-1][1]])
                src = end
        else:
            grown = n - end + start
            if grown > 0:
                add_origin(origin[src:end])
                last = origin[end - 1]
                if grown == 1:
                    add_one(last)
                else:
                    add_origin((last,) * grown)
                src = end
            elif grown < 0:
                add_origin(origin[src:start + n])
                src = end
        add_span((length, length + n))
        length += n
        pos = end
    add_part(text[pos:])
    add_origin(origin[src:])
    return "".join(parts), new_origin, restored
