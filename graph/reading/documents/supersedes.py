"""Supersedes: whether the sentence a citation stands in replaces or repeals the cited document
(``Quyết định này thay thế ...``, ``Bãi bỏ ...``) rather than reporting that it lapsed."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from graph.reading.documents.cited import Cited
from graph.reading.documents.patterns import compile_pattern
from graph.reading.documents.refdata import doc_types, grammar, words_pattern
from graph.text import unify_tones


def _supersede_re() -> re.Pattern[str]:
    return compile_pattern(rf"(?<![^\W\d_])(?:{words_pattern(grammar()['supersede_words'])})(?![^\W\d_])",
                           re.IGNORECASE)


SUPERSEDE_RE = _supersede_re()
#: the words of each supersede phrase, each letter as ``str.lower().upper()`` writes it: a letter that
#: SUPERSEDE_RE (case-insensitive) pairs with one of the phrase's letters is written so too, so a sentence
#: holding no phrase's words written so has no match (read with str methods, much faster than the
#: case-insensitive pattern, which tries every position)
_SUPERSEDE_WORDS = [[w.lower().upper() for w in unify_tones(p).split()] for p in grammar()["supersede_words"]]
#: "Quyết định này", "Kế hoạch này": the citing document speaking of itself
_TYPE_NAMES = words_pattern([t["name"] for t in doc_types()["types"]])
THIS_DOCUMENT_RE = compile_pattern(rf"(?<![^\W\d_])(?:{_TYPE_NAMES}|Văn\s+bản)\s+này(?![^\W\d_])",
                                   re.IGNORECASE)
SUPERSEDE_OPENING_RE = compile_pattern(
    rf"(?:Điều\s+\d+\s*[.:]\s*)?(?:{words_pattern(grammar()['supersede_words'])})(?![^\W\d_])", re.IGNORECASE
)
_FULL_STOP_RE = re.compile(r"\. ")
_SEMICOLON_RE = re.compile(";")


class SupersedeSentences:
    """Tells, for the citations of one text, whether their sentence supersedes them; the sentence ends
    of each paragraph and the words of each sentence are looked at once."""

    def __init__(self, match: str) -> None:
        self.m = match
        #: of each paragraph: its sentence ends, and whether it may hold the words that supersede
        self._breaks: dict[tuple[int, int], tuple[list[int], list[int], bool]] = {}
        self._sentences: dict[tuple[int, int], tuple[bool, bool]] = {}  # (this document, supersede words)

    def replaces(self, c: Cited, line_start: int, line_end: int) -> bool:
        """Whether the sentence of ``c`` (in the paragraph ``[line_start, line_end)``) replaces or
        repeals it."""
        m = self.m
        breaks = self._breaks.get((line_start, line_end))
        if breaks is None:  # sentence ends of the paragraph, found once (a paragraph may cite 1000s)
            if not may_supersede(m, line_start, line_end):  # then none of its sentences may
                breaks = self._breaks[(line_start, line_end)] = ([], [], False)
            else:
                breaks = self._breaks[(line_start, line_end)] = (
                    [x.start() for x in _FULL_STOP_RE.finditer(m, line_start, line_end)],
                    [x.start() for x in _SEMICOLON_RE.finditer(m, line_start, line_end)], True)
        stops, semis, possible = breaks
        if not possible:
            return False
        k_stop = bisect.bisect_right(stops, c.start - 2) - 1  # m.rfind(". ", line_start, c.start)
        k_semi = bisect.bisect_left(semis, c.start) - 1  # m.rfind(";", line_start, c.start)
        left = max(stops[k_stop] if k_stop >= 0 else -1, semis[k_semi] if k_semi >= 0 else -1, line_start)
        j_stop = bisect.bisect_left(stops, c.end)  # m.find(". ", c.end, line_end)
        j_semi = bisect.bisect_left(semis, c.end)  # m.find(";", c.end, line_end)
        ends = [x[j] for x, j in ((stops, j_stop), (semis, j_semi)) if j < len(x)]
        right = min(ends) if ends else line_end
        # the words of the sentence are searched once per sentence, not once per citation in it
        said = self._sentences.get((left, right))
        if said is None:
            words = may_supersede(m, left, right) and bool(SUPERSEDE_RE.search(m, left, right))
            this = words and bool(THIS_DOCUMENT_RE.search(m, left, right))
            said = self._sentences[(left, right)] = (this, words)
        this_document, supersede_words = said
        if not supersede_words:
            return False
        # "Quyết định này ... thay thế ...", or a sentence opening with the verb ("Bãi bỏ ..."); not a
        # report that some other document has lapsed
        return this_document or bool(SUPERSEDE_OPENING_RE.match(m[left:c.start].lstrip(" \t.;-+•*")))


def may_supersede(text: str, start: int, end: int) -> bool:
    """False when ``SUPERSEDE_RE.search(text, start, end)`` surely finds nothing: no phrase has all its
    words in ``text[start:end]``, letter case aside. False for a range is False for every range inside
    it (each letter is written alike in both: the case of a letter does not depend on its neighbours
    once put in capitals)."""
    part = text[start:end]
    folded = part.lower().upper()
    if len(folded) != len(part):  # a letter whose case takes two letters ("İ"): no shortcut
        return True
    return any(all(w in folded for w in words) for words in _SUPERSEDE_WORDS)


MAX_LINES = 4  # a sentence is read over at most this many lines each way
_ENDS = re.compile(r"[.;:,]\s*$")
_OPENS = re.compile(r"\s*(?:Điều\s+\d+|\d+\.|[a-zđ]\)|[-+•])", re.IGNORECASE)
_LAST = re.compile(r"[.;](?:/\.)?\s*$")


def sentence_at(lines: Sequence[str], line: int | None) -> str | None:
    """The sentence around ``line`` (1-based) of the input lines -- back to the end of the previous one,
    on to its full stop, over at most :data:`MAX_LINES` lines each way; what the loaders read the kind of
    event and the day it takes effect from."""
    if not line or not 0 < line <= len(lines):
        return None
    start = line
    while start > 1 and line - start < MAX_LINES - 1 and not _ENDS.search(lines[start - 2]) \
            and not _OPENS.match(lines[start - 1]):
        start -= 1
    words = []
    for text in lines[start - 1: line - 1 + MAX_LINES]:
        words.append(text.strip())
        if _LAST.search(text):
            break
    return " ".join(w for w in words if w) or None
