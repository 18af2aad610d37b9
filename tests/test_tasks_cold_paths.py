"""The memoised readers of the tasks stage give, on a first call, what the slower reading they replace
gives: the deadline year read in the lower-cased text (case-sensitive patterns) against the patterns
ignoring case, on every line and piece of line of the samples, the dev documents and edge cases; a
heading closing its lines told by one pattern of words from their first letters against one pattern for
each kind of words with a leading word boundary."""

from __future__ import annotations

import random
import re
import sys

import pytest
from sample_texts import texts_with_dev

from graph.reading.tasks import deadlines, targets_lines
from graph.reading.tasks.money import patterns
from graph.reading.tasks.outline import Outline
from graph.reading.tasks.targets_patterns import _closing_words, _low, _words_of

EDGES = [
    "ĐẾN NĂM 2025 đạt 90%; Đến Năm 2030; TRONG NĂM 2024; giai đoạn 2021 - 2025; GIAI ĐOẠN 2021–2030",
    "So với năm 2020 tăng 5% đến năm 2025; SO VỚI 2019, KỂ TỪ NĂM 2018 trước năm 2030; sau cuối năm 2015",
    "Quyết định số 12/QĐ-UBND ngày 3 tháng 5 năm 2024 đến năm 2030; NGÀY 3 THÁNG 5 NĂM 2024 năm 2025",
    "ban hành Kèm theo Quyết định năm 2021; KÈM THEO năm 2022; 1/2/2023 đến năm 2025; 12/3/4/2020 năm 2026",
    "đến năm 2025 với İstanbul; đến năm 2025 trong ı; sau năm 2020 ſau năm 2021; tıong năm 2022",
    "trong năm 2025 xnăm 2026 _năm 2027 năm 20250 năm 2028x; hết năm 1999; tới 2030, vào 2031",
    "từ năm 2020 đến năm 2025; kể từ\tnăm 2019; ngày  1  tháng 2 năm 2020; 2/2023 năm 2024; /2025",
    "Σ năm 2025 ς; K năm 2026 (Kelvin); NĂM 2027 ʼ; đến\u00a0năm 2028; năm ٢٠٢٥ năm 2029",
]


def _pieces(text: str, seed: int) -> list[str]:
    """Every line, and parts of the lines naming a year: clauses, a random cut before and after a year."""
    rnd = random.Random(seed)
    out = []
    for line in text.split("\n"):
        out.append(line)
        years = [m.start() for m in deadlines.ANY_YEAR.finditer(line)]
        if not years:
            continue
        out += re.split(r"[;:.]", line)
        for at in years:
            out.append(line[rnd.randrange(at + 1):at + 4 + rnd.randrange(20)])
            out.append(line[:at + 4])
        out.append(line.upper())
        out.append(line.title())
    return out


def _year_before(text: str) -> int | None:
    """The deadline year read as before: the patterns ignoring case, on the text as it is."""
    return deadlines._year_ignoring_case(text) if deadlines.ANY_YEAR.search(text) else None


def test_the_deadline_year_is_that_read_ignoring_case() -> None:
    compared = 0
    for k, text in enumerate(texts_with_dev(EDGES)):
        for piece in _pieces(text, k):
            assert deadlines.year_in.__wrapped__(piece) == _year_before(piece), piece
            m = deadlines.DATE_WORDS.search(piece)
            if not any(ch in piece for ch in "İıſ"):
                assert deadlines._first_date(piece.lower()) == (m.start() if m else None), piece
            compared += deadlines.ANY_YEAR.search(piece) is not None
    assert compared > 1000


def test_edges_give_years_and_read_odd_letters_ignoring_case() -> None:
    year = deadlines.year_in.__wrapped__
    assert year("ĐẾN NĂM 2025 đạt 90%") == 2025
    assert year("So với năm 2020 tăng 5% đến năm 2025") == 2025
    assert year("Quyết định số 12/QĐ-UBND ngày 3 tháng 5 năm 2024") is None
    assert year("12/3/4/2020 năm 2026") is None  # the words before the date 3/4/2020 name no year
    assert year("sau năm 2020 ſau năm 2021") == _year_before("sau năm 2020 ſau năm 2021")
    assert year("İ trong năm 2025") == 2025


def test_lower_casing_reads_each_letter_of_the_patterns_as_ignoring_case() -> None:
    """Every character lower-cased is the letter of the patterns it matches ignoring case (but 'İ', 'ı',
    'ſ', which year_in leaves to the patterns ignoring case), and keeps its \\w, \\d and \\s."""
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    by_lower: dict[str, set[str]] = {}
    for ch in chars:
        by_lower.setdefault(ch.lower(), set()).add(ch)
    apart = {"İ", "ı", "ſ"}
    patterns = (*deadlines.DATE_PARTS, deadlines.BASELINE, *deadlines.DEADLINES)
    letters = {ch for p in patterns for ch in re.sub(r"\\.", "", p) if ch.isalpha()}
    assert letters >= set("ngàythákèmoeđinrớư")
    for letter in letters:
        assert letter == letter.lower()
        ignoring = {m.group() for m in re.finditer(re.escape(letter), chars, re.IGNORECASE)}
        assert ignoring - apart == by_lower[letter] - apart, letter
    same_length = "".join(ch for ch in chars if len(ch.lower()) == 1)
    lowered = "".join(ch.lower() for ch in same_length)
    for cls in (r"\w", r"\d", r"\s"):
        rx = re.compile(cls)
        assert [m.start() for m in rx.finditer(same_length)] == [m.start() for m in rx.finditer(lowered)]
    assert all(ch.lower() == ch for ch in re.findall(r"\d", chars))


@pytest.mark.parametrize("text", ["1/2/2023 ngày 4 tháng 5 kèm theo", "x kèm theo 1/2/2023", "ab/c 12/3/2024",
                                  "/ 1/2/2023"])
def test_the_first_date_is_where_the_date_pattern_finds_it(text: str) -> None:
    m = deadlines.DATE_WORDS.search(text)
    assert deadlines._first_date(text.lower()) == (m.start() if m else None)


def _closed_before(text: str) -> bool:
    """Whether a heading closes the lines under it, read as before: one pattern of words for each kind."""
    p = patterns()["target_sections"]
    head = _low(text)
    for kind in ("past", "money", "legal"):
        words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _words_of(p[kind]))
        if re.search(rf"\b(?:{words})\b", head):
            return True
    return False


def test_a_closed_heading_is_told_as_before() -> None:
    words = _closing_words(patterns())
    around = (("", ""), ("x", ""), ("", "x"), ("1. ", " 2020"), ("_", ":"))
    edges = [f"{a}{w}{b}" for w in words for a, b in around]
    edges += [w.upper() for w in words] + [w.replace(" ", "  \n") for w in words]
    closed = 0
    for text in [*texts_with_dev(EDGES), "\n".join(edges)]:
        for heading in [*(h.text for h in Outline.of(text, 0, len(text)).items), *text.split("\n")]:
            expected = _closed_before(heading)
            assert targets_lines._closed_heading.__wrapped__(heading) == expected, heading
            closed += expected
    assert closed > 100
