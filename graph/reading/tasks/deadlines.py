"""The year a piece of text sets as deadline ("đến năm 2025", "giai đoạn 2021 - 2025"), dates of documents
and baselines ("so với năm 2020") left out.

The patterns ignore case. :func:`year_in` reads them case-sensitively in the lower-cased text, which is
faster (the engine skips ahead to their first letters; ignoring case, it tries every position) and gives
the same: lower-cased, every character reads as it does to these patterns ignoring case (an exhaustive
test says so), but for 'İ' (two characters lower-cased) and 'ı', 'ſ' (an 'i' and an 's' ignoring case
only); a text holding one of them is read by the patterns ignoring case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.reading.tasks.targets_patterns import _YEAR, finditer_words

# dates of documents: what stands before the first of them is read
DATE_PARTS = (r"ngày\s+\d{1,2}\s+tháng", "kèm theo", r"\d{1,2}/\d{1,2}/\d{4}")
# where each of DATE_PARTS may be, lower-cased: what every match of it holds, and at most how many
# characters before that it starts
_DATE_KEYS = (("ngày", 0), ("kèm theo", 0), ("/", 2))
BASELINE = rf"(?:so với|từ|kể từ|sau)\s+(?:cuối\s+)?(?:năm\s+)?{_YEAR}"
DEADLINES = (
    rf"giai đoạn\s+{_YEAR}\s*[-–—]\s*({_YEAR})",
    rf"(?:đến|tới|trước|vào|cuối|hết|trong)\s+(?:hết\s+)?(?:năm\s+)?({_YEAR})\b",
    rf"\bnăm\s+({_YEAR})\b",
)

DATE_WORDS = re.compile("|".join(DATE_PARTS), re.IGNORECASE)
_BASELINE = re.compile(BASELINE, re.IGNORECASE)
DEADLINE_PATTERNS = [re.compile(p, re.IGNORECASE) for p in DEADLINES]
ANY_YEAR = re.compile(_YEAR)

_LOW_DATES = [(re.compile(p), key, back) for p, (key, back) in zip(DATE_PARTS, _DATE_KEYS, strict=True)]
_LOW_BASELINE = re.compile(BASELINE)
# (pattern, whether a word starts where it matches): a leading \b is checked by finditer_words
_LOW_DEADLINES = [(re.compile(p.removeprefix(r"\b")), p.startswith(r"\b")) for p in DEADLINES]


def _year_ignoring_case(text: str) -> int | None:
    """:func:`year_in` read by the patterns ignoring case (``text`` names a year)."""
    date = DATE_WORDS.search(text)
    if date:  # the words before the first date
        text = text[:date.start()]
        if not ANY_YEAR.search(text):
            return None  # every deadline pattern names a year
    text = _BASELINE.sub(" ", text)
    for rx in DEADLINE_PATTERNS:
        m = rx.search(text)
        if m:
            return int(m.group(1))
    return None


def _first_date(low: str) -> int | None:
    """Where ``DATE_WORDS.search(low).start()`` is, faster: the earliest start of its alternatives, each
    looked for only where the word it holds is (no match of one starts before its word's first place)."""
    first: int | None = None
    for rx, key, back in _LOW_DATES:
        at = low.find(key)
        if at >= 0 and (m := rx.search(low, max(0, at - back))) is not None \
                and (first is None or m.start() < first):
            first = m.start()
    return first


@lru_cache(maxsize=8192)
def year_in(text: str) -> int | None:
    """The year a piece of text sets as deadline, if any (dates of documents are not deadlines)."""
    if not ANY_YEAR.search(text):
        return None
    low = text.lower()
    # 'ı' and 'ſ' lower-cased stay apart from the 'i' and 's' they match ignoring case
    if len(low) != len(text) or "ı" in low or "ſ" in low:
        return _year_ignoring_case(text)
    date = _first_date(low)
    if date is not None:
        low = low[:date]
        if not ANY_YEAR.search(low):
            return None
    low = _LOW_BASELINE.sub(" ", low)
    for rx, word_start in _LOW_DEADLINES:
        m = next(finditer_words(rx, low), None) if word_start else rx.search(low)
        if m:
            return int(m.group(1))
    return None
