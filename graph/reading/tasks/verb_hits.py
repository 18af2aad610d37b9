"""Where the assignment reader looks: the starts of "chủ trì" (lead), "phối hợp" (coordinate) and of the
words that charge an agency with a task ("giao …", "có trách nhiệm …"), found with ``str.find`` on the
lower-cased text rather than by a pattern tried at every position (see tests/test_tasks_fast_paths.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.reading.tasks.money import patterns

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


#: an agency in small letters after "giao" ("giao các sở, ngành …"); one in capitals is seen by its letter
_SMALL_AGENCY = "các "


@lru_cache(maxsize=1)
def _duty_words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], re.Pattern[str]]:
    """The words of task_patterns.json that charge an agency (``assigning_words``, ``duty_words``), as
    :func:`duty_starts` looks for them in the lower-cased text: the first words of "giao …" and what may
    follow them before an agency in small letters, each with its space; the duty words ("có trách nhiệm
    "); and all of them as one pattern in any case (for a text whose lower-casing changed its length)."""
    p = patterns()["assignments"]
    forms = [w.split(" ", 1) for w in p["assigning_words"]]
    firsts = tuple(sorted({f[0] + " " for f in forms}))
    given = tuple(sorted({f[1] + " " for f in forms if len(f) == 2} | {_SMALL_AGENCY}))
    duties = tuple(w + " " for w in p["duty_words"])
    spaced = (re.escape(w.rstrip()).replace(r"\ ", r"\s") + r"\s" for w in (*firsts, *duties))
    return firsts, given, duties, re.compile("|".join(spaced), re.IGNORECASE)


def duty_starts(text: str, start: int, end: int, low: str, lowered: bool) -> list[int]:
    """Where a clause may charge an agency with a task ("Giao Sở X ...", "... có trách nhiệm ..."), in any
    case: each "giao " before a capital, "cho", "trách nhiệm", "nhiệm vụ" or "các", and each "có / chịu
    trách nhiệm " (the words of task_patterns.json); :func:`.assignments._assigned` reads the clause."""
    firsts, given, duties, any_case = _duty_words()
    if not lowered:  # lower-casing changed the length: positions in ``low`` are not the text's
        return [m.start() for m in any_case.finditer(text, start, end)]
    out = []
    for word in firsts:  # not "giao đất", "giao thông"
        at = low.find(word)
        while at >= 0:
            after = at + len(word)
            if text[start + after:start + after + 1].isupper() or low.startswith(given, after):
                out.append(at + start)
            at = low.find(word, after)
    for word in duties:  # not "nâng cao trách nhiệm"
        at = low.find(word)
        while at >= 0:
            out.append(at + start)
            at = low.find(word, at + len(word))
    return out
