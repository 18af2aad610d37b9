"""Where the assignment reader looks: the starts of "chủ trì" (lead), "phối hợp" (coordinate) and of the
words that charge an agency with a task ("giao …", "có trách nhiệm …"), found with ``str.find`` on the
lower-cased text rather than by a pattern tried at every position (see tests/test_tasks_fast_paths.py)."""

from __future__ import annotations

import re

# no leading \b: a word start is checked on the hit (much faster on long texts)
LEAD = re.compile(r"[cC][hH](?:ủ|u|Ủ|U)?\s?(?:trì|TRÌ|Trì)\b")
_TRI = re.compile(r"trì(?!\w)")  # "trì", "Trì", "TRÌ" ending a word, lower-cased
_LEAD_TAILS = (("rì", "tT"), ("RÌ", "T"))  # the ends of "trì", "Trì", "TRÌ" and the letter before each


def lead_starts(text: str, start: int, end: int, low: str | None = None) -> list[int]:
    """The starts of ``LEAD.finditer(text, start, end)``, faster: "chủ trì" is tried only two to four
    characters before each "trì" (found with ``str.find``; two matches never overlap, so these are all).
    With ``low`` (``text[start:end]`` lower-cased character by character: see :func:`.span_low`), each
    "trì" in any case that ends a word is one match of ``_TRI`` there."""
    if low is not None:
        return sorted({pos for m in _TRI.finditer(low) for pos in range(max(start, m.start() + start - 4),
                                                                          m.start() + start - 1)
                       if LEAD.match(text, pos, end)})
    out = set()
    for tail, firsts in _LEAD_TAILS:  # "rì" finds "trì" and "Trì" in one pass
        at = text.find(tail, start + 1, end)
        while at >= 0:
            after = at + 2  # a word ends there ("trình" is no "trì")
            if text[at - 1] in firsts and (after == end or not (text[after].isalnum() or text[after] == "_")):
                for pos in range(max(start, at - 5), at - 2):
                    if LEAD.match(text, pos, end):
                        out.add(pos)
            at = text.find(tail, at + 1, end)
    return sorted(out)


COORD = re.compile(r"[pP][hH](?:ố|o|Ố|O)?\s?[iI]\s?[hH](?:ợ|o|Ợ|O)?\s?[pP]\b")
# what every match of COORD reads as in the lower-cased text (its vowels and 'i' may carry other tone
# marks there: any letter stands for them); it opens with a literal, which the engine skips ahead to
_COORD_LOW = re.compile(r"ph\w?\s?\w\s?h\w?\s?p(?!\w)")


def coord_starts(text: str, start: int, end: int, low: str, lowered: bool) -> list[int]:
    """The starts of ``COORD.finditer(text, start, end)``, faster: the pattern is tried only where
    ``_COORD_LOW`` matches in ``low`` (``text[start:end]`` lower-cased character by character when
    ``lowered``: see :func:`.span_low`), overlaps included. Two matches of COORD never overlap (its
    only "ph" opens it; its last 'p' ends a word), so these are all."""
    if not lowered:
        return [m.start() for m in COORD.finditer(text, start, end)]
    out = []
    m = _COORD_LOW.search(low)
    while m is not None:
        at = m.start()
        if COORD.match(text, at + start, end):
            out.append(at + start)
        m = _COORD_LOW.search(low, at + 1)
    return out


_GIVEN = ("cho ", "trách nhiệm", "nhiệm vụ", "các ")  # after "giao " (lower-cased), before the agency
_DUTY_BEFORE = ("có ", "chịu ")  # before "trách nhiệm "
_DUTY_ANY = re.compile(r"giao\s|trách nhiệm\s", re.IGNORECASE)


def duty_starts(text: str, start: int, end: int, low: str, lowered: bool) -> list[int]:
    """Where a clause may charge an agency with a task ("Giao Sở X ...", "... có trách nhiệm ..."), in any
    case: each "giao " before a capital, "cho" or "các", and each "trách nhiệm " after "có" or "chịu";
    :func:`.assignments._assigned` reads the clause."""
    if not lowered:  # lower-casing changed the length: positions in ``low`` are not the text's
        return [m.start() for m in _DUTY_ANY.finditer(text, start, end)]
    out = []
    at = low.find("giao ")
    while at >= 0:  # "Giao Sở …", "giao UBND …", "giao cho …", "giao các sở …"; not "giao đất", "giao thông"
        after = at + 5
        if text[start + after:start + after + 1].isupper() or low.startswith(_GIVEN, after):
            out.append(at + start)
        at = low.find("giao ", after)
    at = low.find("trách nhiệm ")
    while at >= 0:  # "có trách nhiệm …", "chịu trách nhiệm …"; not "nâng cao trách nhiệm"
        if low.endswith(_DUTY_BEFORE, max(0, at - 5), at):
            out.append(at + start)
        at = low.find("trách nhiệm ", at + 12)
    return out
