"""Dates as Vietnamese legal documents write them.

Two forms, with any spacing or line breaks between their parts (PDF extraction and hard line
breaks scatter them): numeric ``19/6/2015``, ``27 / 12 /2019``, ``14/09/2018`` (also ``.`` or ``-``
as separator) and spelt ``7 tháng 11 năm 2016`` (``ngày`` in front is optional). A date that does
not exist (``31/02/2017``) parses to ``None``; :func:`check_date` says why.
"""

from __future__ import annotations

import datetime as dt
import re

# Building blocks, usable inside larger patterns (named groups are kept out on purpose: callers
# combine them several times in one pattern).
DAY = r"\d{1,2}"
MONTH = r"\d{1,2}"
YEAR = r"(?:19|20)\d{2}"
_SEP = r"\s{0,3}[/.\-]\s{0,3}"
#: ``19/6/2015``, ``27 / 12 /2019``
NUMERIC_DATE = rf"{DAY}{_SEP}{MONTH}{_SEP}{YEAR}"
#: ``7 tháng 11 năm 2016`` (months 1-9 are sometimes written 01-09; a date opening a line may
#: capitalise its words: ``Ngày 25 Tháng 12 năm 2001``)
SPELT_DATE = rf"{DAY}\s{{1,3}}[Tt]háng\s{{1,3}}{MONTH}\s{{1,3}}[Nn]ăm\s{{1,3}}{YEAR}"
#: either form
DATE = rf"(?:{NUMERIC_DATE}|{SPELT_DATE})"
#: ``ngày 7/11/2016`` / ``ngày 7 tháng 11 năm 2016``
DATED = rf"[Nn]gày\s{{0,3}}{DATE}"
#: the date of a draft, day and month left blank: ``ngày     tháng     năm 2025``
BLANK_DATE = rf"[Nn]gày[ \t.…_]{{1,20}}tháng[ \t.…_]{{1,20}}năm[ \t]{{1,3}}{YEAR}"

_PARTS = re.compile(
    rf"(?P<d>{DAY}){_SEP}(?P<m>{MONTH}){_SEP}(?P<y>{YEAR})"
    rf"|(?P<d2>{DAY})\s+[Tt]háng\s+(?P<m2>{MONTH})\s+[Nn]ăm\s+(?P<y2>{YEAR})"
)
DATE_RE = re.compile(DATE)


def _parts(text: str) -> tuple[int, int, int] | None:
    m = _PARTS.search(text)
    if not m:
        return None
    if m.group("d"):
        return int(m.group("y")), int(m.group("m")), int(m.group("d"))
    return int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))


def check_date(text: str) -> str | None:
    """Why ``text`` is not a valid date (``"31/02/2017 is not a date: day is out of range for month"``),
    or None when it is one. Text without any date is also reported."""
    parts = _parts(text)
    if parts is None:
        return f"no date found in {text!r}"
    try:
        dt.date(*parts)
    except ValueError as exc:
        return f"{' '.join(text.split())} is not a date: {exc}"
    return None


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text``; None when there is none or it does not exist."""
    parts = _parts(text)
    if parts is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, dt.date | None]]:
    """Every date-shaped span of ``text`` as ``(start, end, date or None when invalid)``."""
    return [(m.start(), m.end(), parse_date(m.group())) for m in DATE_RE.finditer(text)]
