"""Numbers and money as Vietnamese documents write them: "1.818" = 1818, "2,5" = 2.5, "tỷ đồng".

Vocabulary (unit words and their factors) lives in ``graph/data/task_patterns.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.datafiles import read_json
from graph.reading.text.folding import quick_fold as fold

_NUMBER = re.compile(r"[<>≥≤=~±]?\s*\d[\d.,\s]*")
_PLAIN_NUMBER = re.compile(r"\d[\d.,]*")


@lru_cache(maxsize=1)
def patterns() -> dict:
    """The task vocabulary (``graph/data/task_patterns.json``)."""
    return read_json("task_patterns.json")


@lru_cache(maxsize=65536)  # table cells repeat: the same figures are read again and again
def parse_number(text: str, comma_thousands: bool | None = None) -> float | None:
    """A number written the Vietnamese way: '.' groups thousands, ',' marks decimals.

    ``"1.818"`` -> 1818, ``"2,5"`` -> 2.5, ``"1.650,86"`` -> 1650.86, ``"2.100.000.000"`` -> 2.1e9.
    ``comma_thousands=True`` reads ``"3,800"`` as 3800 (tables converted from English layouts);
    ``None`` decides from the text alone (several ',' groups of three digits are thousands).
    Returns None when the text is not a single number (comparison signs are ignored).
    """
    s = text.strip().lstrip("<>≥≤=~±").strip().replace("\u00a0", "").replace(" ", "")
    if not s or not _PLAIN_NUMBER.fullmatch(s) or not s[-1].isdigit():
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        # the separator that comes last is the decimal one
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif commas:
        groups = s.split(",")
        thousands = all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3
        if (commas > 1 and thousands) or (comma_thousands and thousands):
            s = s.replace(",", "")
        elif commas == 1:
            s = s.replace(",", ".")
        else:
            return None
    elif dots:
        groups = s.split(".")
        if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
            s = s.replace(".", "")
        elif dots > 1:
            return None
    try:
        return float(s)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _unit_words() -> list[tuple[str, re.Pattern[str]]]:
    """(unit, pattern) of each money unit word, in the order of the data file."""
    return [(unit, re.compile(r"(?<![a-z])" + re.escape(fold(word)) + r"(?![a-z])"))
            for unit, spec in patterns()["money_units"].items() for word in spec["words"]]


@lru_cache(maxsize=4096)  # header and money cells repeat from row to row
def find_unit(text: str) -> str | None:
    """The money unit named in a caption, header or cell ("ĐVT: Triệu đồng" -> "triệu đồng")."""
    folded = " " + fold(text) + " "
    best: tuple[int, str] | None = None
    for unit, rx in _unit_words():
        m = rx.search(folded)
        if m and (best is None or m.start() < best[0] or (m.start() == best[0] and len(unit) > len(best[1]))):
            best = (m.start(), unit)
    return best[1] if best else None


def to_dong(value: float | None, unit: str | None) -> float | None:
    """The amount in đồng (``2.5, "tỷ đồng"`` -> 2.5e9); None when either is unknown."""
    if value is None or not unit:
        return None
    units = patterns()["money_units"]
    spec = units.get(unit.strip().lower()) or units.get(find_unit(unit) or "")
    return value * spec["factor"] if spec else None


def money_in(text: str) -> tuple[float, str] | None:
    """The first amount with its unit in running text ("1.818 tỷ đồng" -> (1818.0, "tỷ đồng"))."""
    for m in _NUMBER.finditer(text):
        value = parse_number(m.group(0).rstrip(".,"))
        if value is None:
            continue
        unit = find_unit(text[m.end():m.end() + 20])
        if unit:
            return value, unit
    return None
