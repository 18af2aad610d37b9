"""The shortcuts of the goal and assignment readers give exactly what the work they save gives, on the
sample corpus and on the edge cases of each: the counts of things of a line taken from one pass over the
document (a count running over a line break or a clause's end), "VT" found in the lower-cased copy, the
past markers and measure words found from their first letters, a year looked for before the date words,
and the noun or preposition before a verb or an agency looked for at the end of the text only."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from graph.reading.tasks import assignments, targets, targets_tables
from graph.reading.tasks.targets_patterns import _compiled, _low, finditer_words
from graph.reading.text.prepared import PreparedText
from graph.text import nfc, unify_tones

CORPUS = Path(__file__).resolve().parents[1] / "graph" / "data" / "corpus"

EDGES = [
    "Phấn đấu có 12\nxã đạt chuẩn; đạt 5 trong số\n10 huyện. Có 3 trường: 4 bệnh viện\nvà 7 xã",
    "Có 15 xã, 20 huyện; 30% hồ sơ. Xây dựng 2 hệ thống\n\n9 cơ sở dữ liệu; İstanbul có 4 xã đạt",
    "Chỉ tiêu ĐVT Năm 2025 Năm 2030\nchỉ tiêu\nVT 2020 2021 CHỈ TIÊU vT 2022 Chỉ tiêu Vt 2023 KVT VVT",
    "tỷ lệ xtỷ lệ _tỷ lệ 1tỷ lệ tỷ lệch tỉ trọng; hiện nay đã đạt xđã đạt đã đạtx (hiện có) 9hiện tại",
    "Kế hoạch năm 2025\nSố: 12/KH-UBND ngày 3 tháng 5 năm 2024\nCăn cứ Luật năm 2015\nĐến năm 2030 đạt",
    "Các đơn vị   phối hợp; ĐƠN VỊ\nphối hợp; công tác chủ trì; Sở A chủ trì, phối hợp với Sở B",
    "giao cho Sở A CỦA CÁC \nSở B; thuộc  Sở C\n; VỚI\tSở D; xcủa Sở E; của\u00a0Sở F, với các\n",
]


def _texts() -> list[str]:
    return [unify_tones(nfc(p.read_text(encoding="utf-8"))) for p in sorted(CORPUS.glob("*.txt"))] + [
        unify_tones(nfc(t)) for t in EDGES]


def _windows(text: str, n: int = 30, seed: int = 5) -> list[tuple[int, int]]:
    rnd = random.Random(seed)
    out = [(0, len(text))]
    for _ in range(n):
        a = rnd.randrange(len(text) + 1)
        out.append((a, min(len(text), a + rnd.choice((3, 12, 60, 400, 5000)))))
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_counts_of_a_line_are_those_of_its_clauses(text: str) -> None:
    for low in (text.lower(), text):  # the document's lower-cased copy, or one that differs from the lines
        counts = targets._SpanCounts(low)
        for pos, line in _lines(text):
            folded = _low(line)
            clauses = targets._clauses(line)
            expected = [targets._counts(folded, a, b) for a, b in clauses]
            assert counts.of_line(pos, pos + len(line), folded, clauses) == expected


def test_counts_over_a_line_break_are_searched_again() -> None:
    text = "Đạt 5 trong số\n10 xã"  # one count over the break in the document: none in the line alone
    low = text.lower()
    line = text.split("\n")[1]
    at = text.index(line)
    clauses = targets._clauses(line)
    assert targets._SpanCounts(low).matches[0].start() < at
    got = targets._SpanCounts(low).of_line(at, at + len(line), _low(line), clauses)
    assert got == [targets._counts(_low(line), a, b) for a, b in clauses] and got[0]


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_year_headers_found_in_the_lower_cased_copy(text: str) -> None:
    for a, b in _windows(text):
        low = text[a:b].lower()
        if len(low) == b - a:
            assert targets_tables.year_header_starts(text, a, b, low) == \
                targets_tables.year_header_starts(text, a, b)


@pytest.mark.parametrize("key", ["past", "measure"])
def test_words_are_found_where_the_pattern_with_a_word_boundary_finds_them(key: str) -> None:
    rx = _compiled()[key]
    bounded = re.compile(r"\b" + rx.pattern)
    for text in _texts():
        for _, line in _lines(text):
            low = _low(line)
            assert [m.span() for m in finditer_words(rx, low)] == [m.span() for m in bounded.finditer(low)]


def _title_year_before(prep: PreparedText, start: int, end: int) -> int | None:
    """The year of the first lines, read as before: the date words looked for first on each line."""
    for line in prep.text[start:min(end, start + 1500)].split("\n")[:14]:
        if targets._DATE_WORDS.search(line) or line.strip().lower().startswith(("căn cứ", "số")):
            continue
        year = targets._year_in(line)
        if year:
            return year
    return None


@pytest.mark.parametrize("text", _texts(), ids=range(len(_texts())))
def test_the_year_of_the_first_lines_is_that_read_before(text: str) -> None:
    prep = PreparedText.identity("x.txt", text)
    for a, b in _windows(text):
        assert targets._title_year(prep, a, b, None) == _title_year_before(prep, a, b)


def test_a_verb_after_its_noun_is_found_as_before() -> None:
    noun = assignments._vocab()["noun_before"]

    def verb_before(clause: str, rx: re.Pattern[str]) -> re.Match[str] | None:
        for m in rx.finditer(clause):
            if m.start() and clause[m.start() - 1].isalnum():
                continue
            if not noun.search(clause[:m.start()]):
                return m
        return None

    for text in _texts():
        for _, line in _lines(text):
            for clause in [line, *re.split(r"[;.]", line)]:
                for rx in (assignments._LEAD, assignments._COORD):
                    got, expected = assignments._verb(clause, rx), verb_before(clause, rx)
                    assert (got and got.span()) == (expected and expected.span())


@pytest.mark.parametrize("key", ["noun_before", "object_before"])
def test_words_at_the_end_are_found_as_the_pattern_finds_them(key: str) -> None:
    rx = assignments._vocab()[key]
    for text in _texts():
        step = 1 if text in {unify_tones(nfc(t)) for t in EDGES} else 29  # every prefix of the edge cases
        for _, line in _lines(text):
            for k in range(0, len(line) + 1, step):
                for piece in (line[:k], line[:k] + "\n", line[:k] + " \t"):
                    assert assignments._ends_with(key, piece) == (rx.search(piece) is not None)
